"""Quick feedback: the campaign reactions and the consultations' "¿Te sirvió?" of a period,
shown in the survey's results area. Read only; it reads both through their ports (CAMPAIGNS and
CONSULTATIONS), so a missing port only leaves its part out.

Counts only, no people. The group-of-5 rule of the survey results applies to people: a piece
that fewer than 5 people reacted to (or an answer with fewer than 5 votes) says "menos de 5", and
the value and total lines add up the reactions of the lines that are shown only, saying how many
were left out; the people a piece reached are no secret (each piece shows them), so those lines
count everyone every piece reached (they said 0 beside pieces that reached 48).
So no hidden figure can be deduced by subtraction, neither inside one period nor by comparing
two periods (a piece counts in a period whole, with all its reactions).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages
from bot.encuestas.results import MIN_GROUP
from nucleo.errors import InvalidInput
from nucleo.formats import date_text
from nucleo.ports import CAMPAIGNS, CONSULTATIONS, EntryVotes, PieceReactions
from nucleo.services import Services

DEFAULT_DAYS = 90
MAX_DAYS = 731
Hidden = Literal["menos_de_5"] | None
SMALL: Hidden = "menos_de_5"
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
    left_out: int = 0  # pieces under 5 people, not added into the value and total lines


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
    left_out: int = 0  # answers under 5 votes, not added into the total


@dataclass(frozen=True)
class QuickFeedback:
    since: date
    until: date
    campaigns: CampaignFeedback | None = None
    consultations: ConsultationFeedback | None = None
    notes: list[str] = field(default_factory=list)
    min_group: int = MIN_GROUP  # published with the figures, for API readers


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
        raise InvalidInput(messages.FEEDBACK_REVERSED.format(since=date_text(start),
                                                             until=date_text(end)),
                           code="periodo_invertido")
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(messages.FEEDBACK_TOO_LONG.format(days=MAX_DAYS),
                           code="periodo_muy_largo")
    return start, end


def hidden_label(_hidden: Hidden) -> str:
    """What a hidden figure says instead of the number."""
    return messages.FEEDBACK_LESS_THAN.format(k=MIN_GROUP)


def _rate(part: int, whole: int) -> float:
    return round(min(part / whole, 1.0), 4) if whole else 0.0


def _reaction_line(label: str, value: str, sent_on: date | None,
                   pieces: list[PieceReactions], shown: list[PieceReactions]) -> ReactionLine:
    """The people reached by all ``pieces`` (each piece's reach is shown anyway); reactions
    and their rate over the ``shown`` ones only (those 5 or more people reacted to)."""
    delivered = sum(p.delivered for p in pieces)
    if not shown:
        return ReactionLine(label, value, sent_on, delivered, None, None, None, SMALL)
    buttons: dict[str, int] = defaultdict(int)
    for piece in shown:
        for name, taps in piece.buttons:
            buttons[name] += taps
    return ReactionLine(label, value, sent_on, delivered, sum(p.reactions for p in shown),
                        _rate(sum(p.reacted for p in shown), sum(p.delivered for p in shown)),
                        dict(buttons))


def campaign_feedback(pieces: tuple[PieceReactions, ...]) -> CampaignFeedback:
    """Per piece (its reactions shown when 5 or more people reacted), then per value and in
    total: the people reached by every piece, the reactions of the shown pieces only."""
    shown = [p for p in pieces if p.reacted >= MIN_GROUP]
    by_value: dict[str, list[PieceReactions]] = defaultdict(list)
    for piece in pieces:
        by_value[piece.value].append(piece)
    return CampaignFeedback(
        pieces=[_reaction_line(p.phrase, p.value, p.sent_on, [p], [p] if p in shown else [])
                for p in pieces],
        values=[_reaction_line(v, v, None, ps, [p for p in ps if p in shown])
                for v, ps in by_value.items()],
        total=_reaction_line(messages.FEEDBACK_TOTAL, "", None, list(pieces), shown),
        left_out=len(pieces) - len(shown))


def _vote_line(label: str, entry_id: str | None, votes: list[EntryVotes],
               hidden: Hidden) -> VoteLine:
    if hidden:
        return VoteLine(label, entry_id, None, None, None, None, hidden)
    helpful = sum(v.helpful for v in votes)
    total = sum(v.total for v in votes)
    return VoteLine(label, entry_id, helpful, total - helpful, total, _rate(helpful, total))


def consultation_feedback(entries: tuple[EntryVotes, ...]) -> ConsultationFeedback:
    """Per answer (shown with 5 or more votes) and in total over the shown answers only."""
    shown = [e for e in entries if e.total >= MIN_GROUP]
    return ConsultationFeedback(
        entries=[_vote_line(e.title, e.entry_id, [e], None if e in shown else SMALL)
                 for e in entries],
        total=_vote_line(messages.FEEDBACK_TOTAL, None, shown, None if shown else SMALL),
        left_out=len(entries) - len(shown))


async def quick_feedback(session: AsyncSession, services: Services, since: date,
                         until: date) -> QuickFeedback:
    """Campaign reactions and consultation votes of the period, each through its port."""
    campaigns, consultations = services.get(CAMPAIGNS), services.get(CONSULTATIONS)
    notes = []
    reactions = None
    if campaigns is not None:
        reactions = campaign_feedback(
            (await campaigns.reaction_summary(session, since, until)).pieces)
    else:
        notes.append(messages.FEEDBACK_NO_CAMPAIGNS)
    votes = None
    if consultations is not None:
        votes = consultation_feedback(
            (await consultations.feedback_summary(session, since, until)).entries)
    else:
        notes.append(messages.FEEDBACK_NO_CONSULTATIONS)
    left_out = (reactions.left_out if reactions else 0) + (votes.left_out if votes else 0)
    if left_out:
        notes.append(messages.FEEDBACK_LEFT_OUT.format(n=left_out, k=MIN_GROUP))
    return QuickFeedback(since, until, reactions, votes, notes)
