"""Campaign statistics per piece and run (targeted, sent, failed, blocked, uncertain, pending,
reactions by button, start and finish), as a dict for JSON and as CSV."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.actions import get_campaign
from campañas.models import Delivery, Piece, Reaction, Run
from campañas.senders.base import is_reaction
from campañas.states import DeliveryState
from nucleo.exports import csv_text

COUNT_KEYS = {
    DeliveryState.ENVIADA.value: "sent",
    DeliveryState.FALLIDA.value: "failed",
    DeliveryState.BLOQUEADA.value: "blocked",
    DeliveryState.INCIERTA.value: "uncertain",
    DeliveryState.PENDIENTE.value: "pending",
    DeliveryState.ENVIANDO.value: "in_flight",
    DeliveryState.CANCELADA.value: "cancelled",
}


def _empty() -> dict[str, int]:
    return {"targeted": 0, **{key: 0 for key in COUNT_KEYS.values()}}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


async def campaign_stats(session: AsyncSession, campaign_id: int) -> dict[str, Any]:
    """Everything HR needs to see how a campaign went."""
    campaign = await get_campaign(session, campaign_id)
    pieces = list(await session.scalars(
        select(Piece).where(Piece.campaign_id == campaign_id).order_by(Piece.position, Piece.id)))
    ids = [p.id for p in pieces]
    counts: dict[int, dict[str, int]] = defaultdict(_empty)
    channels: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(_empty))
    rows = await session.execute(
        select(Delivery.piece_id, Delivery.channel, Delivery.state, func.count())
        .where(Delivery.piece_id.in_(ids)).group_by(Delivery.piece_id, Delivery.channel,
                                                    Delivery.state))
    for piece_id, channel, state, number in rows.all():
        for bucket in (counts[piece_id], channels[piece_id][channel]):
            bucket[COUNT_KEYS.get(state, state)] += number
            bucket["targeted"] += number
    receipts = (await session.execute(
        select(func.count(Delivery.delivered_at), func.count(Delivery.read_at))
        .where(Delivery.piece_id.in_(ids), Delivery.channel == "whatsapp"))).one()
    reactions: dict[int, dict[str, int]] = defaultdict(dict)
    taps = await session.execute(
        select(Reaction.piece_id, Reaction.button, func.count())
        .where(Reaction.piece_id.in_(ids)).group_by(Reaction.piece_id, Reaction.button))
    for piece_id, button, number in taps.all():
        reactions[piece_id][button] = number
    runs = list(await session.scalars(
        select(Run).where(Run.campaign_id == campaign_id).order_by(Run.scheduled_for, Run.id)))
    totals = _empty()
    for bucket in counts.values():
        for key, number in bucket.items():
            totals[key] += number
    return {
        "campaign_id": campaign.id, "name": campaign.name, "kind": campaign.kind,
        "status": campaign.status,
        "totals": totals,
        "missed_runs": sum(1 for r in runs if r.missed),
        # WhatsApp's receipts (status webhooks): delivered to the phone, and read
        "whatsapp": {"delivered": int(receipts[0]), "read": int(receipts[1])},
        "pause_reason": campaign.pause_reason,
        "pieces": [{
            "piece_id": p.id, "value": p.value_key, "phrase": p.phrase,
            "counts": counts[p.id],
            "by_channel": {ch: dict(c) for ch, c in channels[p.id].items()},
            "reactions": {b["label"]: reactions[p.id].get(b["key"], 0)
                          for b in p.buttons or [] if is_reaction(b)},
        } for p in pieces],
        "runs": [{
            "run_id": r.id, "piece_id": r.piece_id, "scheduled_for": _iso(r.scheduled_for),
            "state": r.state, "missed": r.missed, "targeted": r.targeted,
            "started_at": _iso(r.started_at), "finished_at": _iso(r.finished_at),
        } for r in runs],
    }


def stats_csv(stats: dict[str, Any]) -> str:
    """One CSV row per run (missed ones too), with the piece's counts and reactions."""
    pieces = {p["piece_id"]: p for p in stats["pieces"]}
    rows: list[list[object]] = [list(msg.STATS_CSV_HEADER)]
    for run in stats["runs"]:
        piece = pieces.get(run["piece_id"], {})
        c = piece.get("counts", _empty())
        reactions = "; ".join(f"{label}: {n}" for label, n in piece.get("reactions", {}).items())
        rows.append([
            run["piece_id"] or "", piece.get("value", ""), piece.get("phrase", ""),
            run["scheduled_for"], run["state"], "sí" if run["missed"] else "no", c["targeted"],
            c["sent"], c["failed"], c["blocked"], c["uncertain"], c["pending"] + c["in_flight"],
            c["cancelled"], reactions, run["started_at"] or "", run["finished_at"] or "",
        ])
    return csv_text(rows)
