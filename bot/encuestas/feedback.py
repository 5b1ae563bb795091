"""Quick feedback: the campaign reactions and the consultations' "¿Te sirvió?" of a period,
shown in the survey's results area. Read only; it reads both through their ports (CAMPAIGNS and
CONSULTATIONS), so a missing port only leaves its part out.

Counts only, no people. The group-of-5 rule of the survey results applies: a line with fewer
than 5 reactions (or votes) says "menos de 5", and lines that would let someone deduce a hidden
one by subtracting from its total are hidden too (the same complementary suppression as
``results.merge_small_groups``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages
from bot.encuestas.results import MIN_GROUP, merge_small_groups
from nucleo.errors import InvalidInput
from nucleo.ports import CAMPAIGNS, CONSULTATIONS, EntryVotes, PieceReactions
from nucleo.services import Services

DEFAULT_DAYS = 90
MAX_DAYS = 731
Hidden = Literal["menos_de_5", "complemento"] | None
SMALL: Hidden = "menos_de_5"
COMPLEMENT: Hidden = "complemento"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReactionLine:
    """Reactions of a piece, a value or all pieces; the counts are None when hidden."""

    label: str
    value: str
    sent_on: date | None
    delivered: int
    reactions: int | None
    rate: float | None  # people who reacted / people reached
    buttons: dict[str, int] | None
    hidden: Hidden = None


@dataclass(frozen=True)
class CampaignFeedback:
    pieces: list[ReactionLine]
    values: list[ReactionLine]
    total: ReactionLine


@dataclass(frozen=True)
class VoteLine:
    """"¿Te sirvió?" votes of an entry or of all; the counts are None when hidden."""

    label: str
    entry_id: str | None
    helpful: int | None
    unhelpful: int | None
    total: int | None
    rate: float | None  # helpful / total
    hidden: Hidden = None


@dataclass(frozen=True)
class ConsultationFeedback:
    entries: list[VoteLine]
    total: VoteLine


@dataclass(frozen=True)
class QuickFeedback:
    since: date
    until: date
    campaigns: CampaignFeedback | None = None
    consultations: ConsultationFeedback | None = None
    min_group: int = MIN_GROUP
    notes: list[str] = field(default_factory=list)


def _day(raw: object) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = raw.strip() if isinstance(raw, str) else ""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        shown = str(raw)[:20]
        raise InvalidInput(messages.FEEDBACK_BAD_DATE.format(value=shown),
                           code="fecha_invalida") from None


def parse_period(since: object, until: object, today: date) -> tuple[date, date]:
    """``desde`` and ``hasta`` as AAAA-MM-DD (either may be empty): by default the last 90
    days up to ``today``; InvalidInput (Spanish) for a bad date, a reversed or too long period."""
    end = _day(until) or today
    start = _day(since) or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput(messages.FEEDBACK_REVERSED.format(since=start.isoformat(),
                                                             until=end.isoformat()),
                           code="periodo_invertido")
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(messages.FEEDBACK_TOO_LONG.format(days=MAX_DAYS),
                           code="periodo_muy_largo")
    return start, end


def hidden_label(hidden: Hidden) -> str:
    """What a hidden figure says instead of the number."""
    if hidden == COMPLEMENT:
        return messages.FEEDBACK_COMPLEMENT.format(k=MIN_GROUP)
    return messages.FEEDBACK_LESS_THAN.format(k=MIN_GROUP)


def suppress(sizes: dict[str, int]) -> dict[str, Hidden]:
    """Why each line is hidden (None: shown), given its count, so no hidden line can be
    deduced from the shown ones and their total."""
    _shown, merged = merge_small_groups(sizes)
    return {key: (SMALL if sizes[key] < MIN_GROUP else COMPLEMENT) if key in merged else None
            for key in sizes}


def _rate(part: int, whole: int) -> float:
    return round(min(part / whole, 1.0), 4) if whole else 0.0


def _reaction_line(label: str, value: str, sent_on: date | None,
                   pieces: list[PieceReactions], hidden: Hidden) -> ReactionLine:
    delivered = sum(p.delivered for p in pieces)
    if hidden:
        return ReactionLine(label, value, sent_on, delivered, None, None, None, hidden)
    buttons: dict[str, int] = defaultdict(int)
    for piece in pieces:
        for name, taps in piece.buttons:
            buttons[name] += taps
    return ReactionLine(label, value, sent_on, delivered, sum(p.reactions for p in pieces),
                        _rate(sum(p.reacted for p in pieces), delivered), dict(buttons))


def campaign_feedback(pieces: tuple[PieceReactions, ...]) -> CampaignFeedback:
    """Per piece, per value and in total, under the group-of-5 rule at every level."""
    by_value: dict[str, list[PieceReactions]] = defaultdict(list)
    for piece in pieces:
        by_value[piece.value].append(piece)
    total = sum(p.reactions for p in pieces)
    total_hidden = SMALL if total < MIN_GROUP else None
    value_hidden = suppress({v: sum(p.reactions for p in ps) for v, ps in by_value.items()}) \
        if not total_hidden else {v: SMALL for v in by_value}
    piece_hidden: dict[int, Hidden] = {}
    for value, members in by_value.items():
        inner = suppress({str(p.piece_id): p.reactions for p in members})
        for piece in members:
            # A value hidden to protect another hides its pieces too, or they would add up to it.
            piece_hidden[piece.piece_id] = inner[str(piece.piece_id)] or (
                COMPLEMENT if value_hidden[value] == COMPLEMENT else None)
    return CampaignFeedback(
        pieces=[_reaction_line(p.phrase, p.value, p.sent_on, [p], piece_hidden[p.piece_id])
                for p in pieces],
        values=[_reaction_line(v, v, None, ps, value_hidden[v]) for v, ps in by_value.items()],
        total=_reaction_line(messages.FEEDBACK_TOTAL, "", None, list(pieces), total_hidden))


def _vote_line(label: str, entry_id: str | None, votes: list[EntryVotes],
               hidden: Hidden) -> VoteLine:
    if hidden:
        return VoteLine(label, entry_id, None, None, None, None, hidden)
    helpful = sum(v.helpful for v in votes)
    total = sum(v.total for v in votes)
    return VoteLine(label, entry_id, helpful, total - helpful, total, _rate(helpful, total))


def consultation_feedback(entries: tuple[EntryVotes, ...]) -> ConsultationFeedback:
    """Per entry and in total, under the group-of-5 rule."""
    total = sum(e.total for e in entries)
    hidden = suppress({e.entry_id: e.total for e in entries}) if total >= MIN_GROUP else \
        {e.entry_id: SMALL for e in entries}
    return ConsultationFeedback(
        entries=[_vote_line(e.title, e.entry_id, [e], hidden[e.entry_id]) for e in entries],
        total=_vote_line(messages.FEEDBACK_TOTAL, None, list(entries),
                         SMALL if total < MIN_GROUP else None))


async def quick_feedback(session: AsyncSession, services: Services, since: date,
                         until: date) -> QuickFeedback:
    """Campaign reactions and consultation votes of the period, each through its port."""
    campaigns, consultations = services.get(CAMPAIGNS), services.get(CONSULTATIONS)
    notes = []
    reactions = None
    if campaigns is not None and hasattr(campaigns, "reaction_summary"):
        summary = await campaigns.reaction_summary(session, since, until)
        reactions = campaign_feedback(summary.pieces)
    else:
        notes.append(messages.FEEDBACK_NO_CAMPAIGNS)
    votes = None
    if consultations is not None and hasattr(consultations, "feedback_summary"):
        summary = await consultations.feedback_summary(session, since, until)
        votes = consultation_feedback(summary.entries)
    else:
        notes.append(messages.FEEDBACK_NO_CONSULTATIONS)
    return QuickFeedback(since, until, reactions, votes, MIN_GROUP, notes)
