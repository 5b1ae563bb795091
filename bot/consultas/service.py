"""The CONSULTATIONS port (nucleo.ports.Consultations): the engine in memory plus the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.business_days import BusinessCalendar, business_calendar
from nucleo.db import after_commit, commit
from nucleo.errors import NotFound, RateLimited
from nucleo.formats import local_day, long_date_text
from nucleo.ports import (
    CONSULTATIONS,
    NOTIFIER,
    ConsultationReply,
    EntryVotes,
    FeedbackSummary,
    Notifier,
    TicketReceipt,
)
from nucleo.services import Key, Services
from nucleo.settings import read_settings

from . import receipts, render
from . import ticket_messages as msg
from .answer import Answer
from .engine import ConsultationEngine
from .feedback import counts_between, record_vote
from .knowledge import KnowledgeBase
from .routing import route_for
from .settings import ConsultationSettings
from .store import KnowledgeStore
from .tickets import code_reply_html, find_by_code, open_ticket, tickets_opened_on

SECONDS_PER_DAY = 86400.0


def to_reply(answer: Answer) -> ConsultationReply:
    """The engine's Answer as the port's ConsultationReply."""
    return ConsultationReply(
        action=answer.action, text_html=answer.text, sources=list(answer.sources),
        entry_id=answer.entry_id, score=float(answer.score),
        candidates=[(c.entry_id, c.title) for c in answer.candidates], reason=answer.reason,
        office=answer.office)

# The CONSULTATIONS port's registration seen as what it is here: the consultation service, with
# the desk, calendar and clock the console's pages use besides the port's methods.
DESK: Key[ConsultationService] = Key(CONSULTATIONS)


class ConsultationService:
    """Answers from the engine, opens tickets, reads receipt codes and records "¿Te sirvió?"."""

    def __init__(self, store: KnowledgeStore, services: Services, *,
                 desk: ConsultationSettings | None = None,
                 calendar: BusinessCalendar | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock
        self.services = services
        self.desk = desk or read_settings(ConsultationSettings)
        self.calendar = calendar or business_calendar(services)
        self._anonymous_today: dict[tuple[int, date], int] = {}

    @classmethod
    def from_files(cls, services: Services, *, desk: ConsultationSettings | None = None,
                   calendar: BusinessCalendar | None = None,
                   clock: Callable[[], datetime] | None = None) -> ConsultationService:
        """Build the engine from the YAML files shipped in the package (overrides come later)."""
        return cls(KnowledgeStore(KnowledgeBase.from_directory()), services, desk=desk,
                   calendar=calendar, clock=clock)

    @property
    def engine(self) -> ConsultationEngine:
        return self.store.engine

    @property
    def clock(self) -> Callable[[], datetime]:
        """The desk's clock (the services' clock unless one was given)."""
        return self._clock or self.services.clock

    def notifier(self) -> Notifier | None:
        """The chat notifier, when the bot has registered one."""
        return self.services.get(NOTIFIER)

    # --- answering (sync, in memory) ---

    def answer(self, question: str) -> ConsultationReply:
        """What the bot replies to a question."""
        return to_reply(self.engine.answer(question if isinstance(question, str) else ""))

    def answer_entry(self, entry_id: str) -> ConsultationReply | None:
        """The reply for one entry (a tapped clarify button or related topic), or None."""
        kb = self.store.kb
        if not isinstance(entry_id, str) or entry_id not in kb or not kb.get(entry_id).active:
            return None
        entry = kb.get(entry_id)
        if entry.kind == "escalate":
            return to_reply(render.escalation_entry_reply(entry, 1.0))
        if entry.kind == "out_of_scope":
            return to_reply(render.out_of_scope_reply(entry, 1.0))
        if entry.needs_judgement:
            return to_reply(render.judgement_reply(entry, kb, 1.0))
        return to_reply(render.answer_reply(entry, kb, 1.0))

    # --- tickets ---

    async def _check_quota(self, session: AsyncSession, person_id: int, day: date) -> None:
        self._anonymous_today = {k: v for k, v in self._anonymous_today.items() if k[1] >= day}
        used = self._anonymous_today.get((person_id, day), 0)
        used += await tickets_opened_on(session, person_id, day, self.services.settings.tz)
        if used >= self.desk.max_tickets_per_day:
            raise RateLimited(msg.TOO_MANY_TICKETS.format(limit=self.desk.max_tickets_per_day),
                              retry_after=SECONDS_PER_DAY)

    async def escalate(self, session: AsyncSession, *, question: str, person_id: int | None,
                       anonymous: bool) -> TicketReceipt:
        """Open a ticket (an action: it commits; inside the dialogue core's step a retried
        handler never opens two). Anonymous: nothing links it to the person, who may still be
        passed for the daily limit, counted once committed; a code is returned once. Over
        ``max_tickets_per_day``: RateLimited."""
        now = self.clock()
        tz = self.services.settings.tz
        day = local_day(now, tz)
        if person_id is not None:
            await self._check_quota(session, person_id, day)
        guess = self.engine.answer(question if isinstance(question, str) else "")
        kb = self.store.kb
        entry = kb.get(guess.entry_id) if guess.entry_id and guess.entry_id in kb else None
        opened = await open_ticket(
            session, question=question, person_id=None if anonymous else person_id,
            anonymous=anonymous, now=now, tz=tz, calendar=self.calendar,
            due_days=self.desk.due_business_days, reason=guess.reason,
            suggested_entry_id=guess.entry_id, route=route_for(entry, guess.reason).value)
        if anonymous and person_id is not None:
            after_commit(session, partial(self._count_anonymous, (person_id, day)))
        await commit(session)
        return TicketReceipt(opened.ticket.id, opened.code, opened.ticket.due_on)

    def _count_anonymous(self, key: tuple[int, date]) -> None:
        self._anonymous_today[key] = self._anonymous_today.get(key, 0) + 1

    def receipt_html(self, receipt: TicketReceipt) -> str:
        """The chat message confirming a ticket (with the code, for an anonymous one)."""
        due = long_date_text(receipt.due_on)
        if receipt.code:
            return msg.TICKET_OPENED_ANONYMOUS.format(code=escape(receipt.code), due=due)
        return msg.TICKET_OPENED.format(ticket_id=receipt.ticket_id, due=due)

    @staticmethod
    def is_receipt_code(text: str) -> bool:
        """Whether a chat message is a receipt code (then call ``read_by_code``)."""
        return receipts.looks_like_code(text)

    async def read_by_code(self, session: AsyncSession, code: str) -> str | None:
        """The answer (or the due date) of the anonymous ticket with this code; None if unknown."""
        ticket = await find_by_code(session, code)
        return None if ticket is None else code_reply_html(ticket)

    # --- "¿Te sirvió?" ---

    async def feedback(self, session: AsyncSession, *, entry_id: str, helpful: bool,
                       question: str | None = None) -> None:
        """Count one vote for an entry (no person stored; the question only when unhelpful);
        an action: it commits."""
        if not isinstance(entry_id, str) or entry_id not in self.store.kb:
            raise NotFound(msg.UNKNOWN_ENTRY_FEEDBACK.format(entry=str(entry_id)[:64]))
        day = local_day(self.clock(), self.services.settings.tz)
        await record_vote(session, entry_id=entry_id, helpful=bool(helpful), question=question,
                          day=day)
        await commit(session)

    async def feedback_summary(self, session: AsyncSession, since: date,
                               until: date) -> FeedbackSummary:
        """Votes per entry cast in the period (counts only), most voted first."""
        kb = self.store.kb
        counts = await counts_between(session, since, until)
        entries = [EntryVotes(c.entry_id, kb.get(c.entry_id).title if c.entry_id in kb
                              else c.entry_id, c.helpful, c.unhelpful) for c in counts.values()]
        entries.sort(key=lambda e: (-e.total, e.title))
        return FeedbackSummary(since, until, tuple(entries))
