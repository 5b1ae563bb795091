"""The rounds of an automatic declaration reminder (#18): «reminders until done».

A reminder campaign (``campañas.asset_reminders``) reminds each pending person in rounds: round
1 the first time they are reached, round k + 1 once their round k was queued ``every_days``
days before (by the entity's local day), while the window is open and they are still pending.
Each round has its own run per text (``Run.reminder_round``; the run × person × channel key and
the «one round each» condition make it one delivery per person and round). A person whose last
reminder is still in the outbox gets no other. Near the end of the window (the bienes y rentas
deadline when the window holds it; ``VALOR_ASSET_REMINDER_FINAL_DAYS`` before it), whoever was not
reminded in the last ``VALOR_ASSET_REMINDER_FINAL_GAP`` days
gets a last one (``due_before``).

The caller holds the campaign's row lock (``FOR UPDATE`` on PostgreSQL; SQLite writes one at a
time): two sweeps at once add each round's run and rows once. The database is the only state.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.audience import materialise
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.states import RunState
from nucleo.asset_filings import ReminderWindow
from nucleo.db import savepoint
from nucleo.models import Person
from nucleo.outbox import OPEN, OutboxState

log = logging.getLogger(__name__)
MAX_PHRASE = 500
# the texts of a reminder campaign, one piece each: the first, «de nuevo», and (bienes y rentas
# after its deadline) «el plazo venció» and its «de nuevo»
FIRST, AGAIN, LATE, LATE_AGAIN = "primero", "de_nuevo", "vencido", "vencido_de_nuevo"
TEXT_KINDS = (FIRST, AGAIN, LATE, LATE_AGAIN)
# the defaults of VALOR_ASSET_REMINDER_FINAL_DAYS and _FINAL_GAP: the last reminder goes out from
FINAL_DAYS = 3  # this many days before the deadline ...
FINAL_GAP = 7  # ... to whoever was not reminded in the last FINAL_GAP days (at most every_days)
SENT = OutboxState.ENVIADA.value  # only a reminder that went out makes the next say «de nuevo»
CHUNK = 1000  # people per statement when a round is queued to a list of them


def due_before(today: date, *, every_days: int, final_day: date, tz: ZoneInfo,
               final_gap: int = FINAL_GAP, final_until: date | None = None) -> datetime:
    """The instant before which a person's last reminder must have been queued for them to be
    due another on ``today``: ``every_days`` local days before; from ``final_day`` on, also
    whoever was not reminded since ``final_day`` nor in the last ``final_gap`` days
    (``VALOR_ASSET_REMINDER_FINAL_GAP``), up to ``final_until`` (the deadline: after it only
    the ``every_days`` pace, so no «last» reminder goes out once the deadline passed)."""
    day = today - timedelta(days=every_days - 1)
    if final_day <= today and (final_until is None or today <= final_until):
        gap = min(final_gap, every_days)
        day = max(day, min(final_day, today - timedelta(days=gap - 1)))
    return datetime.combine(day, time(), tzinfo=tz)


def final_day(window: ReminderWindow, deadline: date | None, final_days: int = FINAL_DAYS) -> date:
    """The day the last reminder is due from: ``final_days`` (``VALOR_ASSET_REMINDER_FINAL_DAYS``)
    before the deadline when the window holds it (bienes y rentas, 31 July), otherwise before
    the window's last day."""
    return final_end(window, deadline) - timedelta(days=final_days)


def final_end(window: ReminderWindow, deadline: date | None) -> date:
    """The day the last reminder leads up to: the deadline when the window holds it, otherwise
    the window's last day (the final-call pace stops after it)."""
    return deadline if deadline is not None and window.open_on(deadline) else window.closes_on


async def round_run(session: AsyncSession, campaign: Campaign, *, round_no: int, text_kind: str,
                    title: str, text_html: str, now: datetime) -> Run:
    """The run of ``round_no`` for the piece of ``text_kind`` (both made if missing)."""
    piece = await text_piece(session, campaign, text_kind=text_kind, title=title,
                             text_html=text_html)
    run = await session.scalar(select(Run).where(
        Run.campaign_id == campaign.id, Run.piece_id == piece.id, Run.reminder_round == round_no))
    if run is None:
        run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=now,
                  state=RunState.EN_CURSO.value, started_at=now, reminder_round=round_no)
        session.add(run)
        await session.flush()
    return run


async def text_piece(session: AsyncSession, campaign: Campaign, *, text_kind: str, title: str,
                     text_html: str) -> Piece:
    """The campaign's piece of ``text_kind`` (``TEXT_KINDS``): the one made with that kind, or
    one made before pieces knew their kind (the same text; it is adopted), or a new one. The
    unique index on (campaign, text) is the second safeguard after the campaign's row lock:
    when another process made it first, its piece is the one used."""
    piece = await _piece_of(session, campaign.id, text_kind)
    if piece is None:
        piece = await session.scalar(select(Piece).where(
            Piece.campaign_id == campaign.id, Piece.reminder_text.is_(None),
            Piece.caption_html == text_html).order_by(Piece.id).limit(1))
        if piece is not None:
            piece.reminder_text = text_kind
            await session.flush()
    if piece is not None:
        return piece
    position = await session.scalar(select(func.coalesce(func.max(Piece.position), 0))
                                    .where(Piece.campaign_id == campaign.id))
    piece = Piece(campaign_id=campaign.id, position=int(position or 0) + 1, value_key="",
                  phrase=title[:MAX_PHRASE], author=None, caption_html=text_html,
                  image_sha256="", image_path="", image_mime="", image_generated=False,
                  buttons=[], reminder_text=text_kind)
    try:
        async with savepoint(session):  # nothing on SQLite: one writer, no such race
            session.add(piece)
    except IntegrityError:  # another process made this text's piece right now: use theirs
        log.info("reminder piece: another process made it first")
        other = await _piece_of(session, campaign.id, text_kind)
        if other is None:
            raise
        return other
    return piece


async def _piece_of(session: AsyncSession, campaign_id: int, text_kind: str) -> Piece | None:
    return await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id,
                                                    Piece.reminder_text == text_kind))


def never_reminded(campaign_id: int) -> ColumnElement[bool]:
    """People the campaign has no delivery for (round 1)."""
    runs = select(Run.id).where(Run.campaign_id == campaign_id)
    return ~exists(select(Delivery.id).where(Delivery.run_id.in_(runs), Delivery.person_id == Person.id))


def reminded(campaign_id: int, before: datetime) -> Select[int, int | None, int]:
    """Per person of the campaign: their last round, and whether any of theirs was sent (1)
    or all failed or were cancelled (0), when their last reminder was queued before ``before``
    and none of theirs is still in the outbox (pending or being sent)."""
    return (select(Delivery.person_id, func.max(Run.reminder_round).label("round"),
                   func.max(case((Delivery.state == SENT, 1), else_=0)).label("sent"))
            .join(Run, Run.id == Delivery.run_id)
            .where(Run.campaign_id == campaign_id)
            .group_by(Delivery.person_id)
            .having(func.max(Delivery.created_at) < before)
            .having(func.sum(case((Delivery.state.in_(OPEN), 1), else_=0)) == 0))


async def queue_round(session: AsyncSession, run: Run, *, spec: dict[str, object],
                      channels: Sequence[str], now: datetime, today: date,
                      condition: ColumnElement[bool], person_ids: Sequence[int] | None = None) -> int:
    """Queue ``run`` (a round) to the audience's pending and reachable people that meet
    ``condition``, one channel each (the first of ``channels`` that reaches them)."""
    added = await materialise(session, run_id=run.id, piece_id=int(run.piece_id or 0),
                              spec=dict(spec), channels=channels, now=now, today=today,
                              person_ids=person_ids, condition=condition)
    run.targeted += added
    return added


def not_in_run(run: Run) -> ColumnElement[bool]:
    """People this run has no delivery for yet (so a round goes on one channel each)."""
    return ~exists(select(Delivery.id).where(Delivery.run_id == run.id,
                                            Delivery.person_id == Person.id))


async def queue_later_rounds(session: AsyncSession, campaign: Campaign, *, spec: dict[str, object],
                             channels: Sequence[str], now: datetime, today: date,
                             before: datetime, texts: Mapping[bool, tuple[str, str, str]]) -> int:
    """Queue the next round to everyone pending whose last reminder was queued before
    ``before``; returns the deliveries added. ``texts[sent]`` is the (text kind, title, text)
    of the next round: «de nuevo» (``True``) only for whom an earlier reminder was sent; one
    whose reminders all failed or were cancelled gets the first text again (in the next round
    number: rounds count the attempts). Who is due is read once, then queued per round."""
    runs = select(Run.id).where(Run.campaign_id == campaign.id)
    if not await session.scalar(select(exists().where(Delivery.run_id.in_(runs),
                                                      Delivery.created_at < before))):
        return 0  # nobody was reminded that long ago (the idle tick of most hours)
    due: dict[tuple[int, bool], list[int]] = defaultdict(list)
    for person_id, last, sent in await session.execute(reminded(campaign.id, before)):
        if last is not None:
            due[(int(last), bool(sent))].append(int(person_id))
    added = 0
    for (last, sent), people in sorted(due.items()):
        kind, title, text_html = texts[sent]
        run = await round_run(session, campaign, round_no=last + 1, text_kind=kind,
                              title=title, text_html=text_html, now=now)
        for start in range(0, len(people), CHUNK):
            added += await queue_round(session, run, spec=spec, channels=channels, now=now,
                                       today=today, condition=not_in_run(run),
                                       person_ids=people[start:start + CHUNK])
    return added
