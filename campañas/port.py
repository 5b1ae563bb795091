"""The CAMPAIGNS port (nucleo/ports.py) for the bot: this week's piece for /valor, the piece
for someone who just subscribed, reaction taps recorded once per person and piece, and survey
invitations queued for the delivery engine."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import PENDING_ASSETS, materialise
from campañas.effects import DELIVERIES_QUEUED
from campañas.feedback import reaction_summary
from campañas.invitations import queue_invitation, survey_origin
from campañas.models import Campaign, Piece, Reaction, Run
from campañas.senders.base import REACTION_PREFIX, is_reaction, reaction_data
from campañas.states import CampaignKind, RunState
from campañas.unsubscribe import cancel_pending
from campañas.values import ValueRegistry
from nucleo.db import commit, insert_new, signal, utcnow
from nucleo.directory.link import LINKED
from nucleo.errors import Conflict
from nucleo.formats import local_day
from nucleo.ports import Button, PieceView, ReactionSummary, SurveyRef
from nucleo.settings import Settings

log = logging.getLogger(__name__)
LIVE_RUNS = (RunState.EN_CURSO.value, RunState.FINALIZADA.value)
LIVE_CAMPAIGNS = ("programada", "en_curso", "finalizada")


def parse_reaction(data: object) -> tuple[int, str] | None:
    """``rx:<piece_id>:<button>`` → (piece_id, button); None for any other data."""
    if not isinstance(data, str) or len(data) > 64:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != REACTION_PREFIX or not (parts[1].isascii() and parts[1].isdigit()) or not parts[2]:
        return None
    return int(parts[1]), parts[2]


class CampaignsPort:
    """Implements ``nucleo.ports.Campaigns``; queued deliveries wake the engine after commit."""

    def __init__(self, settings: Settings, *, registry: ValueRegistry | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.settings = settings
        self.registry = registry or ValueRegistry()
        self.clock = clock

    def week_start(self, now: datetime) -> datetime:
        """Monday 00:00 of ``now``'s week in the service's time zone."""
        local = local_day(now, self.settings.tz)
        monday = local - timedelta(days=local.weekday())
        return datetime.combine(monday, time(0), tzinfo=self.settings.tz)

    async def _current_run(self, session: AsyncSession, now: datetime) -> tuple[Run, Campaign] | None:
        row = (await session.execute(
            select(Run, Campaign).join(Campaign, Campaign.id == Run.campaign_id)
            .where(Run.piece_id.is_not(None), Run.state.in_(LIVE_RUNS),
                   Run.started_at >= self.week_start(now), Run.started_at <= now,
                   Campaign.status.in_(LIVE_CAMPAIGNS),
                   Campaign.kind == CampaignKind.VALOR.value,
                   # a test list or a reminder to those who owe a declaration is not the
                   # value of the week everyone sees
                   Campaign.audience["type"].as_string().not_in(("lista", PENDING_ASSETS)))
            .order_by(Run.started_at.desc(), Run.id.desc()).limit(1))).first()
        return (row[0], row[1]) if row else None

    async def current_piece(self, session: AsyncSession, now: datetime) -> PieceView | None:
        """The piece sent this week (the latest run to everyone), or None."""
        found = await self._current_run(session, now)
        if found is None:
            return None
        piece = await session.get(Piece, found[0].piece_id)
        if piece is None:
            return None
        value = self.registry.get(piece.value_key).name if piece.value_key in self.registry \
            else piece.value_key
        buttons = [[Button(b["label"], reaction_data(piece.id, b["key"])) for b in piece.buttons]]
        return PieceView(piece_id=piece.id, value=value, caption_html=piece.caption_html,
                         image_path=str(Path(self.settings.data_dir) / piece.image_path),
                         buttons=buttons if piece.buttons else [])

    async def on_subscribed(self, session: AsyncSession, person_id: int, now: datetime) -> None:
        """Queue this week's piece for someone who just subscribed, and the reminders of the
        asset declarations whose window is open (a joiner, #18: after the commit, in a
        transaction of its own, so the chat turn holds no lock on the reminder campaign) (an
        action: it commits)."""
        await session.flush()
        signal(session, LINKED, person_id)  # the joiner's reminders, once if also linked now
        found = await self._current_run(session, now)
        if found is not None:
            run, campaign = found
            assert run.piece_id is not None
            await materialise(session, run_id=run.id, piece_id=run.piece_id,
                              spec=campaign.audience, channels=campaign.channels, now=now,
                              person_ids=[person_id])
        if found is not None:
            signal(session, DELIVERIES_QUEUED)
        await commit(session)

    async def record_reaction(self, session: AsyncSession, *, callback_data: str,
                              person_id: int) -> str | None:
        """Record a tap once per person, piece and button (an action: it commits); returns the
        reply, or None when the data is not a reaction."""
        parsed = parse_reaction(callback_data)
        if parsed is None:
            return None
        piece = await session.get(Piece, parsed[0])
        if piece is None:
            return msg.REACTION_UNKNOWN_PIECE
        button = next((b for b in piece.buttons or []
                       if b["key"] == parsed[1] and is_reaction(b)), None)
        if button is None:
            return None
        added = await insert_new(
            session, Reaction, {"piece_id": piece.id, "person_id": person_id, "button": button["key"],
                                "created_at": datetime.now(self.settings.tz)},
            ["person_id", "piece_id", "button"])
        await commit(session)
        template = msg.REACTION_RECORDED if added else msg.REACTION_REPEATED
        return template.format(label=button["label"])

    async def cancel_pending(self, session: AsyncSession, person_ids: Sequence[int]) -> None:
        await cancel_pending(session, person_ids)

    async def invite(self, session: AsyncSession, survey: SurveyRef, person_ids: Sequence[int],
                     text_html: str, buttons: list[list[Button]]) -> None:
        """Queue a survey's invitation for these people as campaign deliveries, in the
        caller's transaction (a building block: the caller commits, which wakes the engine)."""
        if not self.settings.telegram_enabled:
            raise Conflict(msg.INVITATION_NO_TELEGRAM)
        await queue_invitation(session, origin=survey_origin(survey.id), title=survey.title,
                               text_html=text_html, buttons=buttons, person_ids=person_ids,
                               now=self.clock(), timezone=self.settings.timezone)
        signal(session, DELIVERIES_QUEUED)

    async def reaction_summary(self, session: AsyncSession, since: date,
                               until: date) -> ReactionSummary:
        """Reactions per piece of the value of the week sent in the period (counts only)."""
        return await reaction_summary(session, since, until, tz=self.settings.tz,
                                      registry=self.registry)
