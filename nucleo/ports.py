"""Interfaces between packages, so the bot, campaigns, forum, consultations and surveys can be
built and tested apart. Implementations are registered in ``Services`` under the typed keys
below; a missing one means the feature is not available yet and callers say so honestly.

Transactions: a method documented as an action ends with ``nucleo.db.commit`` (inside the
dialogue core's unit of work that only flushes; the core commits once). ``notify`` and
``invite`` are building blocks: they queue in the caller's transaction and never commit; what
they queue is sent after that commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypeGuard, get_args, runtime_checkable

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.services import Key

if TYPE_CHECKING:
    from nucleo.models import StaffAccount

# The ports' typed names (their Protocols are below; annotations are not evaluated at run time).
NOTIFIER: Key[Notifier] = Key("notifier")
CAMPAIGNS: Key[Campaigns] = Key("campaigns")
SUGGESTIONS: Key[Suggestions] = Key("suggestions")
CONSULTATIONS: Key[Consultations] = Key("consultations")
DIRECTORY_INVITATIONS: Key[DirectoryInvitations] = Key("directory_invitations")
WHATSAPP_STATUSES: Key[WhatsAppStatuses] = Key("whatsapp_statuses")
WHATSAPP_ACCOUNT: Key[WhatsAppAccount] = Key("whatsapp_account")
POSTERS: Key[Posters] = Key("posters")
TEMPLATE_LANGUAGE = "es"  # a WhatsApp template's language (Meta's code) when none is given


@dataclass(frozen=True)
class Button:
    """A reply button: the label people see and the opaque data the bot gets back."""

    label: str
    data: str


class Notifier(Protocol):
    """Send a message to a person in the channel they use (Telegram or web chat).

    The message is queued in the caller's transaction and sent after commit, so a rollback sends
    nothing and a crash never loses it.
    """

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None: ...


@dataclass(frozen=True)
class PieceView:
    """What the bot shows for "Valor de la semana"."""

    piece_id: int
    value: str
    caption_html: str
    image_path: str | None
    buttons: list[list[Button]] = field(default_factory=list)


class SurveyRef(Protocol):
    """What the campaign engine needs to know of a survey to invite people to it."""

    id: int
    title: str


@dataclass(frozen=True)
class PieceReactions:
    """Raw counts for one piece of the value of the week sent in a period (no people)."""

    piece_id: int
    campaign: str
    value_key: str
    value: str
    phrase: str
    sent_on: date | None
    delivered: int  # people the piece reached
    reacted: int  # people who tapped at least one button
    buttons: tuple[tuple[str, int], ...]  # (label, taps) in the piece's order

    @property
    def reactions(self) -> int:
        return sum(n for _label, n in self.buttons)


@dataclass(frozen=True)
class ReactionSummary:
    """Reactions to the pieces sent between ``since`` and ``until`` (local dates, inclusive)."""

    since: date
    until: date
    pieces: tuple[PieceReactions, ...] = ()


@runtime_checkable
class ReactionComments(Protocol):
    """Optional part of a campaigns port: keep the comment a person adds after reacting. The
    bot offers the comment only when the port has it (today's engine does not)."""

    async def record_comment(self, session: AsyncSession, *, callback_data: str,
                             person_id: int, text: str) -> None:
        """Keep the comment (an action)."""


@dataclass(frozen=True)
class InvitationStatus:
    """The latest personal invitation e-mail of one directory person: its delivery state
    (the outbox's words: pendiente, enviando, enviada, fallida…) and when it went out."""

    state: str
    queued_at: datetime
    sent_at: datetime | None


class DirectoryInvitations(Protocol):
    """Personal invitations to link a chat to the directory (#17), sent by e-mail through the
    campaign engine; the console's person page uses it, ``campañas`` implements it."""

    def unavailable(self) -> str | None:
        """Why invitations cannot be sent now (Spanish), or None when they can."""

    async def invite_person(self, session: AsyncSession, person_id: int, *,
                            actor: StaffAccount | None, now: datetime) -> bool:
        """Queue one invitation e-mail for this directory person (an action; commits): True
        when one was queued now, False when the person already had one in today's console
        round. InvalidInput when the person cannot be invited (retired, no e-mail…),
        Conflict when invitations are not configured."""

    async def invitable(self, session: AsyncSession, *, department_id: int | None,
                        only_unlinked: bool) -> int:
        """How many directory people (all, or one dependencia; optionally only those not
        linked yet) an invitation would go to: active, with a working e-mail (read only)."""

    async def invite_many(self, session: AsyncSession, *, department_id: int | None,
                          only_unlinked: bool, actor: StaffAccount | None,
                          now: datetime) -> int:
        """Queue the invitations of that selection in today's console round (an action;
        commits; audited with counts): how many were queued now (people who already had
        one today get none). InvalidInput when nobody matches, Conflict when invitations
        are not configured or today's round was cancelled."""

    async def last_invitation(self, session: AsyncSession,
                              person_id: int) -> InvitationStatus | None:
        """The person's latest invitation e-mail, or None (read only)."""

    async def printed_invitation(self, session: AsyncSession, person_id: int, *,
                                 actor: StaffAccount | None, now: datetime) -> bytes:
        """The person's invitation as a one-page PDF to print and hand over (an action;
        commits; audited): a one-use invitation as QR codes; printing voids every invitation
        issued before (the person's nonce changes), so only the latest paper works. InvalidInput
        when the person is not an active directory person, NotFound when there is none,
        Conflict when the bot's username is missing."""


@dataclass(frozen=True)
class PosterDoor:
    """One QR code of a printed poster: where it leads and, when there are two, its caption."""

    url: str
    caption: str = ""


@dataclass(frozen=True)
class PosterText:
    """What a printed QR poster says, top to bottom (all Spanish, from the caller's catalogue)."""

    title: str
    call: str
    doors: tuple[PosterDoor, ...]  # one or two codes
    label: str  # what the name under the codes is
    name: str
    footer: str


class Posters(Protocol):
    """The one QR poster renderer (A4, PNG or PDF); ``campañas.carteles`` implements it, the
    sessions' attendance QR (``bot.sesiones``) uses it."""

    async def draw(self, text: PosterText, fmt: Literal["png", "pdf"]) -> bytes:
        """The poster as bytes (drawn off the event loop)."""


class Campaigns(Protocol):
    async def current_piece(self, session: AsyncSession, now: datetime) -> PieceView | None: ...

    async def on_subscribed(self, session: AsyncSession, person_id: int, now: datetime) -> None:
        """Queue this week's piece for someone who just subscribed (an action)."""

    async def record_reaction(self, session: AsyncSession, *, callback_data: str,
                              person_id: int) -> str | None:
        """Record a tap on a piece's reaction button once (an action); returns the reply text
        or None when the data is not a reaction."""

    async def invite(self, session: AsyncSession, survey: SurveyRef, person_ids: Sequence[int],
                     text_html: str, buttons: list[list[Button]]) -> None:
        """Queue a survey's invitation for these people through the delivery engine (rate
        limited and tracked) in the caller's transaction; sent after the caller commits.
        Optional: the survey falls back to the notifier when it is missing."""

    async def cancel_pending(self, session: AsyncSession, person_ids: Sequence[int]) -> None:
        """Cancel these people's deliveries that have not left, in the caller's transaction
        (someone retired from the directory receives nothing more)."""

    async def reaction_summary(self, session: AsyncSession, since: date,
                               until: date) -> ReactionSummary:
        """Counts of reactions per piece sent in the period (read only)."""


@dataclass(frozen=True)
class SuggestionReceipt:
    suggestion_id: int
    url: str | None


@dataclass(frozen=True)
class SuggestionSummary:
    suggestion_id: int
    title: str
    status: str
    url: str | None
    created_on: date


class Suggestions(Protocol):
    async def submit(self, session: AsyncSession, *, text: str, value: str | None,
                     person_id: int | None, anonymous: bool,
                     source: Literal["chat", "portal", "forum"]) -> SuggestionReceipt:
        """Record a suggestion (an action) and queue its forum topic."""

    async def for_person(self, session: AsyncSession,
                         person_id: int) -> list[SuggestionSummary]: ...

    def portal_login_link(self, person_id: int, nonce: int | None = None) -> str:
        """A single-use link that logs the person into the participation portal, bound to
        the person's ``portal_nonce`` (rotating it, as a portal logout and /olvidarme do,
        voids the link)."""


@dataclass(frozen=True)
class ConsultationReply:
    """The engine's decision for one question (see bot/consultas)."""

    action: Literal["answer", "clarify", "escalate", "out_of_scope", "small_talk"]
    text_html: str
    sources: list[str] = field(default_factory=list)
    entry_id: str | None = None
    score: float = 0.0
    candidates: list[tuple[str, str]] = field(default_factory=list)
    reason: str | None = None
    office: str | None = None  # escalate: the office that would answer (a ticket route)


@dataclass(frozen=True)
class TicketReceipt:
    ticket_id: int
    code: str | None
    due_on: date


@dataclass(frozen=True)
class EntryVotes:
    """"¿Te sirvió?" votes for one entry of the knowledge base (votes carry no person)."""

    entry_id: str
    title: str
    helpful: int
    unhelpful: int

    @property
    def total(self) -> int:
        return self.helpful + self.unhelpful


@dataclass(frozen=True)
class FeedbackSummary:
    """Votes cast between ``since`` and ``until`` (local dates, inclusive)."""

    since: date
    until: date
    entries: tuple[EntryVotes, ...] = ()


class Consultations(Protocol):
    def answer(self, question: str) -> ConsultationReply: ...

    def answer_entry(self, entry_id: str) -> ConsultationReply | None: ...

    async def escalate(self, session: AsyncSession, *, question: str, person_id: int | None,
                       anonymous: bool) -> TicketReceipt:
        """Open a ticket (an action). With ``anonymous`` the
        person is never stored (``person_id`` then only counts toward the daily limit)."""

    async def read_by_code(self, session: AsyncSession, code: str) -> str | None: ...

    async def feedback(self, session: AsyncSession, *, entry_id: str, helpful: bool,
                       question: str | None = None) -> None:
        """Count a "¿Te sirvió?" vote (an action); ``question`` (kept only when unhelpful,
        with no person link) helps HR improve the base."""

    async def feedback_summary(self, session: AsyncSession, since: date,
                               until: date) -> FeedbackSummary:
        """Helpful and unhelpful votes per entry in the period (read only)."""


StatusKind = Literal["sent", "delivered", "read", "failed"]


def is_status_kind(value: str) -> TypeGuard[StatusKind]:
    """Whether a WhatsApp status is one ``MessageStatus`` carries."""
    return value in get_args(StatusKind)


@dataclass(frozen=True)
class MessageStatus:
    """A WhatsApp status webhook for a message the service sent (its ``wamid``)."""

    message_id: str
    status: StatusKind
    at: datetime
    error_codes: tuple[int, ...] = ()


class WhatsAppStatuses(Protocol):
    """Whoever sent WhatsApp messages and wants their fate (campaign deliveries). An action:
    it commits. Statuses of unknown messages are ignored; a replayed status changes nothing."""

    async def record(self, statuses: Sequence[MessageStatus]) -> frozenset[str]:
        """Apply the statuses; returns the ids of the messages it sent (whether or not their
        status changed a row), so the bot's notices look only at the others."""
        ...


@dataclass(frozen=True)
class WhatsAppAccount:
    """The business number campaigns send from (given by the wiring when ``VALOR_WHATSAPP_*``
    is set; absent otherwise): the Graph API root with its version, the number's id, the access
    token, the send rate (messages/s), the HTTP timeout and, when known, the WhatsApp Business
    account id (to check template names against Meta's list) and the approved template of the
    automatic declaration reminders (``VALOR_WHATSAPP_REMINDER_TEMPLATE``; None: they do not go
    by WhatsApp)."""

    api_root: str
    phone_number_id: str
    token: str = field(repr=False)
    rate: float
    timeout: float = 10.0
    business_account_id: str | None = None
    reminder_template: str | None = None
    reminder_language: str = TEMPLATE_LANGUAGE
