"""The signed link for a superior without a console account to decide one declaration.

Whoever keeps the register makes the link in the console, naming the superior; the token
(purpose ``declaraciones.decision``, 30 days) carries the declaration's id and a nonce kept on
the row, so making a new link revokes the previous one. The link is a bearer credential: whoever
holds it can decide that one declaration, once (the state machine refuses a second decision);
every read through it is audited."""

from __future__ import annotations

import html
import logging
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import actions, messages, states
from bot.declaraciones.models import Declaration
from bot.models import Conversation
from nucleo import audit, mail
from nucleo.background import Background
from nucleo.db import Database, after_commit, commit
from nucleo.directory import link
from nucleo.directory.link import clean_email
from nucleo.errors import InvalidInput, InvalidToken
from nucleo.models import Person, StaffAccount
from nucleo.ports import Notifier
from nucleo.settings import Settings
from nucleo.signing import Signer

log = logging.getLogger(__name__)
PURPOSE = "declaraciones.decision"
PATH = "/declaraciones/decidir/"


def check_email(typed: str) -> str | None:
    """The superior's address to e-mail the link to (folded), None when left empty;
    InvalidInput when it cannot be an address."""
    if not typed.strip():
        return None
    email = clean_email(typed.strip())
    if email is None:
        raise InvalidInput(messages.LINK_BAD_EMAIL, details={"field": "email"})
    return email


async def issue_link(session: AsyncSession, declaration_id: int, *, staff: StaffAccount,
                     superior_name: str, signer: Signer, email: str | None = None) -> str:
    """A new link (token) for this declaration, revoking any earlier one; ``email``: the
    address it is about to be e-mailed to (checked by ``check_email``), kept for the daily
    reminders. Whether it was e-mailed is audited apart, once the mail server answered
    (``record_email``)."""
    name = actions.check_name(superior_name, field="superior_name")
    declaration = await actions.get_declaration(session, declaration_id)
    states.transition(declaration.state, states.DECIDE)  # only while it can be decided
    declaration.link_nonce = (declaration.link_nonce or 0) + 1
    declaration.link_name = name
    declaration.link_person_id = None  # made by hand: the register follows it up
    _new_email(declaration, email)
    audit.record(session, staff, "declaraciones.enlace", target_type="declaracion",
                 target_id=declaration.id, details={"radicado": declaration.radicado})
    await commit(session)
    return signer.sign(PURPOSE, [declaration.id, declaration.link_nonce])


def _new_email(declaration: Declaration, email: str | None) -> None:
    """A new link: the address it goes to by e-mail (None: not e-mailed), nothing tried yet."""
    declaration.link_email = email
    declaration.link_email_state = None
    declaration.link_email_attempts = 0 if email else None
    declaration.link_email_retry_at = None


async def record_email(session: AsyncSession, declaration_id: int, *, sent: bool,
                       staff: StaffAccount | None, nonce: int | None = None) -> None:
    """Audit an e-mail of the link after the attempt (never before): ``sent`` is whether the
    mail server accepted it (never the address); and keep it on the declaration when the
    link e-mailed (``nonce``, None: the current one) is still the live one: a refused or
    failed send is left to ``link_retries`` (``RETRYING``, due when its sweep first sees it
    plus the backoff), or ``FAILED`` after ``MAX_EMAIL_ATTEMPTS``."""
    declaration = await session.get(Declaration, declaration_id)
    if declaration is None:
        return
    live = nonce is None or declaration.link_nonce == nonce
    if live and declaration.link_email is not None:
        attempts = declaration.link_email_attempts = (declaration.link_email_attempts or 0) + 1
        declaration.link_email_state = SENT if sent else (
            FAILED if attempts >= MAX_EMAIL_ATTEMPTS else RETRYING)
        declaration.link_email_retry_at = None
    audit.record(session, staff, EMAIL_AUDIT, target_type="declaracion",
                 target_id=declaration_id, details={"radicado": declaration.radicado,
                                                    "enviado": sent})
    await commit(session)


EMAIL_AUDIT = "declaraciones.enlace.correo"
SENT, RETRYING, FAILED = "enviado", "reintento", "fallido"  # Declaration.link_email_state
MAX_EMAIL_ATTEMPTS = 4  # the first send and three retries (``link_retries.BACKOFF``)


async def _email_then_record(db: Database, settings: Settings, declaration: Declaration, *,
                             to: str, url: str) -> bool:
    """The background e-mail of ``route_to_superior``: send, then audit what happened."""
    try:
        sent = await email_link(settings, declaration, to=to, url=url)
    except Exception as exc:  # never the message: it may carry the address
        log.warning("decision link e-mail failed (%s)", type(exc).__name__)
        sent = False
    async with db.session() as session:
        await record_email(session, declaration.id, sent=sent, staff=None,
                           nonce=declaration.link_nonce)
    return sent


async def email_link(settings: Settings, declaration: Declaration, *, to: str,
                     url: str) -> bool:
    """E-mail the link to the superior: the radicado, the kind and the deadline, never the
    facts or the declarant's name (the link shows them). False when it could not be sent, or
    when the link is not absolute (``VALOR_PUBLIC_URL`` unset: a relative link is no use in a
    mail)."""
    if not url.startswith(("https://", "http://")):
        return False
    kind = messages.KIND_LOWER.get(declaration.kind, declaration.kind)
    due = messages.long_day(declaration.due_on)
    return await mail.send(settings, to=to, subject=messages.LINK_EMAIL_SUBJECT.format(
        radicado=declaration.radicado), text=messages.LINK_EMAIL_TEXT.format(
        name=declaration.link_name or messages.LINK_SUPERIOR, kind=kind,
        radicado=declaration.radicado, entity=settings.entity_name, due=due, url=url))


def can_email(settings: Settings) -> bool:
    """Whether a link e-mail could be sent at all: SMTP is set and the link is absolute
    (``VALOR_PUBLIC_URL``). When not, nothing is kept for retrying: no attempt ever could."""
    return settings.mail_ready and str(settings.public_url or "").startswith(("https://", "http://"))


def link_url(public_url: object, token: str) -> str:
    """The link as the superior opens it (relative when the public address is not set)."""
    base = str(public_url).rstrip("/") if public_url else ""
    return f"{base}{PATH}{token}"


async def notify_in_chat(session: AsyncSession, notifier: Notifier | None,
                         declaration: Declaration, *, email: str, url: str) -> bool:
    """Also send the link in the bot's chat when the address is, in the directory, a person's
    who uses the bot (a Telegram chat or a linked conversation); queued and committed here.
    Same words as the e-mail: never the facts."""
    if notifier is None or not url.startswith(("https://", "http://")):
        return False
    person = (await session.execute(select(Person).where(Person.email == email,
                                                         *link.DIRECTORY_ACTIVE).limit(1))
              ).scalar_one_or_none()  # a retired or inactive person's chat gets no live link
    if person is None or not await has_chat(session, person):
        return False
    await _chat_link(session, notifier, declaration, person.id, url)
    await commit(session)
    return True


async def has_chat(session: AsyncSession, person: Person) -> bool:
    """Whether the bot can reach the person: a Telegram chat or a linked conversation."""
    return person.id in await with_chat(session, [person])


async def with_chat(session: AsyncSession, people: list[Person]) -> set[int]:
    """``has_chat`` for many people in one query: the ids of those the bot can reach."""
    reached = {p.id for p in people if p.telegram_chat_id is not None}
    rest = [p.id for p in people if p.id not in reached]
    if rest:
        reached |= set(await session.scalars(select(Conversation.person_id).where(
            Conversation.person_id.in_(rest)).distinct()))
    return reached


async def _chat_link(session: AsyncSession, notifier: Notifier, declaration: Declaration,
                     person_id: int, url: str) -> None:
    await notifier.notify(session, person_id, messages.LINK_CHAT_TEXT.format(
        kind=messages.KIND_LOWER.get(declaration.kind, declaration.kind),
        radicado=declaration.radicado, due=messages.long_day(declaration.due_on),
        url=html.escape(url, quote=True)))


CHAT, EMAIL, NO_PUBLIC_URL = "chat", "correo", "sin_direccion_publica"


async def route_to_superior(session: AsyncSession, declaration: Declaration, superior: Person, *,
                            signer: Signer, notifier: Notifier | None,
                            settings: Settings, jobs: Background, db: Database) -> str | None:
    """The declarant's superior from the directory (#18) gets the decision link (the service
    needs its public address): in the bot's chat when they use it, queued in the caller's
    transaction (the bot's outbox sends it after the commit) → ``CHAT``; otherwise by e-mail
    after the commit, in the background (``jobs``: the declarant's reply does not wait for
    the SMTP round trip), when they have an address and SMTP is set → ``EMAIL`` (the send is
    audited after the mail server answered, in a session of ``db``: ``record_email``; a failed
    send is audited as such and the console shows the live link to resend). None: nothing changed, whoever
    keeps the register makes the link in the console (the form names the superior), or
    ``NO_PUBLIC_URL``: the superior is reachable but ``VALOR_PUBLIC_URL`` is not set, so no
    link could be made (nothing changed either)."""
    chat = notifier is not None and await has_chat(session, superior)
    email = superior.email if settings.mail_ready else None
    if not chat and not email:
        return None
    nonce = (declaration.link_nonce or 0) + 1
    url = link_url(settings.public_url, signer.sign(PURPOSE, [declaration.id, nonce]))
    if not url.startswith(("https://", "http://")):
        return NO_PUBLIC_URL
    declaration.link_nonce = nonce
    declaration.link_name = (superior.full_name or messages.LINK_SUPERIOR)[:200]
    declaration.link_person_id = superior.id
    _new_email(declaration, None if chat else email)
    if chat:
        assert notifier is not None
        await _chat_link(session, notifier, declaration, superior.id, url)
    else:
        assert email is not None
        send = partial(_email_then_record, db, settings, declaration, to=email, url=url)
        after_commit(session, partial(jobs.spawn, "declaraciones-superior-email", send))
    audit.record(session, None, "declaraciones.enlace", target_type="declaracion",
                 target_id=declaration.id, details={"radicado": declaration.radicado,
                                                    "canal": CHAT if chat else EMAIL,
                                                    "via": "directorio"})
    await commit(session)
    return CHAT if chat else EMAIL


async def read_link(session: AsyncSession, signer: Signer, token: str, *,
                    audited: bool = True) -> Declaration:
    """The declaration a live link names (the read is audited); InvalidToken / ExpiredToken for
    a bad, old or revoked link."""
    value = signer.unsign(PURPOSE, token)
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise InvalidToken(messages.LINK_INVALID)
    declaration = await session.get(Declaration, value[0])
    if declaration is None or declaration.link_nonce != value[1]:
        raise InvalidToken(messages.LINK_INVALID)
    if audited:
        audit.record(session, None, "declaraciones.enlace.leer", target_type="declaracion",
                     target_id=declaration.id, details={"radicado": declaration.radicado})
        await commit(session)
    return declaration


async def decide_by_link(session: AsyncSession, signer: Signer, token: str, *, outcome: str,
                         decision: str, now: datetime, notifier: Notifier | None,
                         tz: ZoneInfo) -> actions.Decided:
    """Decide through the link, in the name of the superior it was made for."""
    declaration = await read_link(session, signer, token, audited=False)
    return await actions.decide(session, declaration.id, outcome=outcome, decision=decision,
                                staff=None, now=now, notifier=notifier, tz=tz,
                                decided_by_name=declaration.link_name or messages.LINK_SUPERIOR)
