"""The link between a chat and a directory row (#17), made only after the person's consent.

``link_chat`` is the one action that ties a chat (a Telegram chat or a web-chat conversation,
named by the bot's keyed conversation hash) to a person of HR's directory. If the chat already
had a person of its own (someone who used the bot before being linked), that record is merged
into the directory row: every row that points to it (consents, conversations, tickets,
deliveries, survey participation...) is moved, so there is one person and never two. A directory
person already linked to another chat of the same channel, or a chat already linked to another
directory person, is refused unless the re-link is confirmed (``relink=True``). Linking a
WhatsApp chat makes the chat's number the directory person's (``whatsapp_contacts``), in the
same transaction, and takes it from anybody else: a number left behind may change owner. Each
link writes
an audit entry with ids and the way it was proved, never names, e-mails or chat ids.

Proofs of identity live here too:

* **Invitation tokens** (purpose ``vinculo.invitacion``): ``[person id, nonce]`` signed in
  Telegram's start-parameter form, opened with ``/start v<token>``. The nonce is the person's
  ``token_nonce``: ``revoke_tokens`` rotates it and every token issued before stops working.
  A used token is kept (as its SHA-256) in ``link_token_uses``: it works once.
* **E-mail codes** (``/vincular``): a 6-digit code sent to the institutional address, stored as
  an HMAC, with attempts and expiry in ``link_codes``. An address outside the directory gets a
  row too (without person), so the chat sees the same answer and no code ever matches. Codes
  are limited per chat (``CODES_PER_HOUR``, in the table) and per typed address
  (``address_throttle``: ``nucleo.throttle`` counted in the database in its own short
  transaction, keyed by the throttle's HMAC of the address, never the address), so many chats can neither flood one mailbox nor pile up guesses on it.

The bot's conversations table belongs to ``bot/``, which ``nucleo`` may not import; it is named
here as a lightweight table, and the merge finds the tables that point to people in the
metadata, so a package that adds one is merged without touching this module.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import column, delete, exists, func, insert, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.db import Base, commit, rows_changed, signal
from nucleo.directory import messages
from nucleo.directory.models import LinkCode, LinkTokenUse, WhatsAppContact
from nucleo.directory.start_link import bot_start_url, web_start_url
from nucleo.errors import Conflict, ExpiredToken, InvalidToken, NotFound, RateLimited
from nucleo.models import Consent, Person, PersonStatus, StaffAccount, new_nonce
from nucleo.services import Key, Services
from nucleo.signing import Signer, lifetime
from nucleo.text import fold_identifier
from nucleo.throttle import Counts, LoginThrottle, MemoryCounts
from nucleo.throttle_store import ThrottleStore

log = logging.getLogger(__name__)

PURPOSE = "vinculo.invitacion"
INVITATION_DAYS = lifetime(PURPOSE).days  # how long an invitation link works (texts)
START_PREFIX = "v"  # /start v<token>; the poster's parameter has no prefix
DIRECTORY_SOURCE = "directorio"
TELEGRAM = "telegram"
CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=15)
CODE_MAX_ATTEMPTS = 5
CODES_PER_HOUR = 3  # codes a chat may ask for in an hour (each one is an e-mail)
CODES_PER_ADDRESS = 3  # codes any chats may ask for one address before the first pause
ADDRESS_PAUSE = 600.0  # seconds of the first pause; each code past the allowance doubles it
ADDRESS_PAUSE_MAX = 3600.0
ADDRESS_THROTTLE: Key[LoginThrottle] = Key("vinculo_address_throttle")
MAX_EMAIL = 254
UNIQUE_KINDS = ("UniqueConstraint", "PrimaryKeyConstraint")
conversations = table("conversations", column("key"), column("person_id"), column("channel"))
WHATSAPP = "whatsapp"  # unlinking it removes the person's number (``WhatsAppContact``)
# After a link, or a subscription to the campaigns, commits: ``signal(session, LINKED,
# person_id)``; the campaigns remind a joiner of the asset declarations whose window is open
# (#18), once per person and transaction even when both happen in one turn; nothing happens
# without a listener.
LINKED = "directorio.vinculada"


class AlreadyLinked(Conflict):
    """The directory person is linked to another chat, or this chat to another person."""

    code = "ya_vinculada"


@dataclass(frozen=True)
class ChatRef:
    """The chat being linked: its channel, the bot's keyed conversation hash and, on
    Telegram, the chat id (what campaigns and notices use to reach the person)."""

    channel: str
    key: str
    telegram_chat_id: int | None = None
    whatsapp_id: str | None = None  # on WhatsApp, the chat's number (``wa_id``)


@dataclass(frozen=True)
class LinkResult:
    person: Person
    merged_from: int | None  # the chat's own person record, now merged into the directory row
    relinked: bool  # another chat lost the link, or this chat left another directory person
    already: bool  # nothing to do: this chat was linked to this person already


# -- the action ---------------------------------------------------------------------------

async def link_chat(session: AsyncSession, *, person_id: int, chat: ChatRef,
                    current_person_id: int | None, via: str, now: datetime,
                    relink: bool = False) -> LinkResult:
    """Link ``chat`` to the directory person ``person_id`` (an action; the person consented
    before this is called). ``current_person_id``: the person the chat has now, if any."""
    await session.flush()
    target, current, other_chats, leaving = await _check(
        session, person_id=person_id, chat=chat, current_person_id=current_person_id,
        relink=relink)
    if current_person_id == person_id:
        if target.linked_at is None:
            target.linked_at = now
            signal(session, LINKED, target.id)
            await commit(session)
        return LinkResult(target, None, False, True)
    merged_from = None
    if other_chats:
        await session.execute(update(conversations).where(
            conversations.c.person_id == target.id, conversations.c.channel == chat.channel,
            conversations.c.key != chat.key).values(person_id=None))
        if chat.channel == TELEGRAM:
            target.telegram_chat_id = None
            target.telegram_blocked_at = None
            await session.flush()
    if chat.channel == WHATSAPP:
        # The number that reaches the person is this chat's, never the one of a chat left
        # behind: that number may change owner, and the new owner must not get this person's
        # messages. Nobody else keeps this chat's number either (the record merged below, a
        # directory person the chat leaves): their messages would reach this person.
        await session.execute(delete(WhatsAppContact).where(
            WhatsAppContact.person_id == target.id))
        if chat.whatsapp_id is not None:
            await session.execute(delete(WhatsAppContact).where(
                WhatsAppContact.wa_id == chat.whatsapp_id))
    if current is not None and leaving:
        # The chat leaves another directory person: that row keeps its data, not this chat.
        if chat.channel == TELEGRAM and current.telegram_chat_id == chat.telegram_chat_id:
            current.telegram_chat_id = None
            current.telegram_blocked_at = None
            await session.flush()
    elif current is not None:
        await _merge(session, source=current, target=target)
        merged_from = current.id
    await session.execute(update(conversations).where(conversations.c.key == chat.key)
                          .values(person_id=target.id))
    if chat.channel == WHATSAPP and chat.whatsapp_id is not None:
        await session.execute(delete(WhatsAppContact).where(  # one merged from another chat
            WhatsAppContact.person_id == target.id))
        await session.execute(insert(WhatsAppContact).values(
            person_id=target.id, wa_id=chat.whatsapp_id, linked_at=now))
    if chat.channel == TELEGRAM and chat.telegram_chat_id is not None:
        # Nobody else may hold this chat id (a stale bot record that was not the chat's person).
        await session.execute(update(Person).where(
            Person.telegram_chat_id == chat.telegram_chat_id, Person.id != target.id)
            .values(telegram_chat_id=None))
        target.telegram_chat_id = chat.telegram_chat_id
        target.telegram_blocked_at = None
    target.linked_at = now
    target.updated_at = now
    relinked = bool(other_chats) or leaving
    audit.record(session, None, "directorio.vincular", target_type="persona",
                 target_id=target.id,
                 details={"via": via, "canal": chat.channel, "fusion": merged_from is not None,
                          "revinculacion": relinked, "consentimiento": now.isoformat()})
    signal(session, LINKED, target.id)
    await commit(session)
    log.info("chat linked to directory person %s via %s (merged=%s relinked=%s)",
             target.id, via, merged_from is not None, relinked)
    return LinkResult(target, merged_from, relinked, False)


async def _check(session: AsyncSession, *, person_id: int, chat: ChatRef,
                 current_person_id: int | None,
                 relink: bool) -> tuple[Person, Person | None, bool, bool]:
    """The target, the chat's current person, whether the target has another chat of this
    channel and whether the chat leaves another directory person; NotFound or AlreadyLinked
    when the link may not be made. Writes nothing."""
    target = await session.get(Person, person_id, populate_existing=True)
    if target is None or not in_directory(target):
        raise NotFound(messages.LINK_NOT_FOUND, code="persona_no_encontrada")
    if current_person_id == person_id:
        return target, target, False, False
    current = await session.get(Person, current_person_id) if current_person_id else None
    other_chats = await _other_chats(session, target, chat)
    leaving = current is not None and current.source == DIRECTORY_SOURCE
    if (other_chats or leaving) and not relink:
        raise AlreadyLinked(messages.LINK_TAKEN if other_chats else messages.LINK_CHAT_TAKEN)
    return target, current, other_chats, leaving


async def _other_chats(session: AsyncSession, target: Person, chat: ChatRef) -> bool:
    """Whether the directory person is linked to another chat of the same channel."""
    if chat.channel == TELEGRAM and target.telegram_chat_id is not None \
            and target.telegram_chat_id != chat.telegram_chat_id:
        return True
    found = await session.execute(select(exists().where(
        conversations.c.person_id == target.id, conversations.c.channel == chat.channel,
        conversations.c.key != chat.key)))
    return bool(found.scalar())


def _people_references() -> list[tuple[Any, Any]]:
    """(table, column) of every column that points to ``people.id``, from the metadata."""
    from nucleo.registry import import_all_models

    import_all_models()
    found = []
    for tbl in Base.metadata.sorted_tables:
        if tbl.name == "people":
            continue
        for col in tbl.columns:
            if any(fk.column.table.name == "people" for fk in col.foreign_keys):
                found.append((tbl, col))
    return found


async def _merge(session: AsyncSession, *, source: Person, target: Person) -> None:
    """Move everything of ``source`` (the chat's own record) to ``target`` and delete it.

    Where a unique constraint would make two rows one, the chat's consents win (they are the
    person's own decisions; imported rows have none) and, elsewhere, the directory row's."""
    own_consents = select(Consent.purpose).where(Consent.person_id == source.id)
    await session.execute(delete(Consent).where(Consent.person_id == target.id,
                                                Consent.purpose.in_(own_consents)))
    for tbl, col in _people_references():
        for constraint in tbl.constraints:
            names = [c.name for c in getattr(constraint, "columns", [])]
            # A primary key is unique too (``whatsapp_contacts`` is keyed by the person).
            if constraint.__class__.__name__ not in UNIQUE_KINDS or col.name not in names:
                continue
            other = tbl.alias()
            same = [other.c[n] == tbl.c[n] for n in names if n != col.name]
            await session.execute(delete(tbl).where(tbl.c[col.name] == source.id, exists(
                select(other.c[col.name]).where(other.c[col.name] == target.id, *same))))
        await session.execute(update(tbl).where(tbl.c[col.name] == source.id)
                              .values({col.name: target.id}))
    if target.department_id is None:
        target.department_id = source.department_id
    if target.kind is None:
        target.kind = source.kind
    target.subscribed = source.subscribed
    # The subscription is now the chat's decision: unsubscribe links e-mailed to the row before
    # it do not speak for it any more.
    target.unsubscribe_nonce = new_nonce(target.unsubscribe_nonce)
    chat_id, blocked = source.telegram_chat_id, source.telegram_blocked_at
    await session.execute(delete(Person).where(Person.id == source.id))
    session.expunge(source)
    if chat_id is not None and target.telegram_chat_id is None:
        target.telegram_chat_id, target.telegram_blocked_at = chat_id, blocked
    await session.flush()


# -- what is linked, and unlinking one channel ---------------------------------------------

def is_linked(person: Person | None) -> bool:
    """Whether this is a directory row a chat was linked to with the person's consent."""
    return person is not None and person.source == DIRECTORY_SOURCE \
        and person.linked_at is not None


async def linked_channels(session: AsyncSession, person: Person) -> list[str]:
    """The chat channels linked to the person (sorted): conversations that point to them,
    Telegram when the row holds a chat id and WhatsApp when the bot keeps their number."""
    found = set((await session.execute(select(conversations.c.channel).where(
        conversations.c.person_id == person.id).distinct())).scalars())
    if person.telegram_chat_id is not None:
        found.add(TELEGRAM)
    if (await session.execute(select(WhatsAppContact.wa_id).where(
            WhatsAppContact.person_id == person.id))).first() is not None:
        found.add(WHATSAPP)
    return sorted(str(c) for c in found)


async def unlink_channel(session: AsyncSession, *, person_id: int, channel: str,
                         now: datetime) -> list[str]:
    """Unlink every chat of ``channel`` from the directory person (an action, asked by the
    person): the directory row keeps its data, the chats become anonymous. When no channel is
    left the row counts as not linked again (``linked_at`` cleared). Returns the channels
    still linked. The audit entry has the id and the channel only."""
    person = await session.get(Person, person_id, populate_existing=True)
    if person is None or person.source != DIRECTORY_SOURCE:
        raise NotFound(messages.LINK_NOT_FOUND, code="persona_no_encontrada")
    await session.execute(update(conversations).where(
        conversations.c.person_id == person.id, conversations.c.channel == channel)
        .values(person_id=None))
    if channel == TELEGRAM:
        person.telegram_chat_id = None
        person.telegram_blocked_at = None
    if channel == WHATSAPP:  # notices and campaigns stop going to the number
        await session.execute(delete(WhatsAppContact).where(
            WhatsAppContact.person_id == person.id))
    await session.flush()
    left = await linked_channels(session, person)
    if not left:
        person.linked_at = None
    person.updated_at = now
    audit.record(session, None, "directorio.desvincular", target_type="persona",
                 target_id=person.id, details={"canal": channel, "quedan": len(left)})
    await commit(session)
    log.info("directory person %s unlinked a %s chat (%d channels left)", person.id, channel,
             len(left))
    return left


def mask_email(email: str | None) -> str | None:
    """An address shown to its owner without spelling it out: ``a***@alcaldia.gov.co``."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}"


def in_directory(person: Person | None) -> bool:
    """Whether ``person`` is an active person of HR's directory: the only kind a chat may be
    linked to or invited (``DIRECTORY_ACTIVE`` is the same rule in SQL)."""
    return person is not None and person.source == DIRECTORY_SOURCE \
        and person.status == PersonStatus.ACTIVA.value and person.retired_at is None


DIRECTORY_ACTIVE = (Person.source == DIRECTORY_SOURCE, Person.status == PersonStatus.ACTIVA.value,
                    Person.retired_at.is_(None))


# -- invitation tokens --------------------------------------------------------------------

async def issue_token(session: AsyncSession, signer: Signer, person: Person) -> str:
    """A personal invitation token (the ``/start`` parameter without its prefix); gives the
    person a nonce first if they have none (the caller commits)."""
    if person.token_nonce is None:
        person.token_nonce = new_nonce()
        await session.flush()
    return signer.sign_start(PURPOSE, [person.id, person.token_nonce])


def start_parameter(token: str) -> str:
    """The ``/start`` parameter of an invitation: ``v`` and the token."""
    return START_PREFIX + token


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def check_token(session: AsyncSession, signer: Signer, token: str) -> int:
    """The directory person an unused, current invitation token names (nothing is recorded).
    InvalidToken (forged, other purpose), ExpiredToken, or InvalidToken with a clear message
    when it was used or revoked; NotFound when the person is no longer in the directory."""
    value = signer.unsign_start(PURPOSE, token)
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise InvalidToken(messages.LINK_NOT_FOUND)
    person_id, nonce = value
    used = await session.get(LinkTokenUse, _token_hash(token))
    if used is not None:
        raise InvalidToken(messages.LINK_TOKEN_USED, code="invitacion_usada")
    person = await session.get(Person, person_id)
    if person is None or not in_directory(person):
        raise NotFound(messages.LINK_NOT_FOUND, code="persona_no_encontrada")
    if person.token_nonce != nonce:
        raise InvalidToken(messages.LINK_TOKEN_REVOKED, code="invitacion_anulada")
    return int(person_id)


async def use_token(session: AsyncSession, signer: Signer, token: str, *, chat: ChatRef,
                    current_person_id: int | None, now: datetime,
                    relink: bool = False) -> LinkResult:
    """Check the token, record its use and link the chat, in one transaction (an action):
    a replay, even a concurrent one, fails on the used-token row."""
    person_id = await check_token(session, signer, token)
    # Refused links leave the token unused (the person may confirm a re-link with it).
    await _check(session, person_id=person_id, chat=chat, current_person_id=current_person_id,
                 relink=relink)
    session.add(LinkTokenUse(token_hash=_token_hash(token), person_id=person_id, used_at=now))
    await session.flush()
    return await link_chat(session, person_id=person_id, chat=chat,
                           current_person_id=current_person_id, via="invitacion", now=now,
                           relink=relink)


async def revoke_links(session: AsyncSession, person_id: int, *, now: datetime,
                       actor: StaffAccount | None = None) -> int:
    """HR's revocation (an action): every invitation issued to the person stops working (the
    nonce rotates), their pending e-mail codes are voided, and a code already proven in a chat
    but not yet confirmed is refused too (the flow checks the nonce). Returns how many codes
    were voided; the audit entry has the id and that count only."""
    person = await session.get(Person, person_id)
    if person is None or person.source != DIRECTORY_SOURCE:
        raise NotFound(messages.LINK_NOT_FOUND, code="persona_no_encontrada")
    voided = await void_proofs(session, [person_id], now=now)
    audit.record(session, actor, "directorio.anular_invitaciones", target_type="persona",
                 target_id=person_id, details={"codigos": voided})
    await commit(session)
    log.info("invitations and codes of directory person %s revoked", person_id)
    return voided


async def void_proofs(session: AsyncSession, person_ids: list[int], *, now: datetime) -> int:
    """In the caller's transaction: every invitation already issued to these people stops
    working (their nonces rotate; a person who never had one had no invitation) and their
    pending e-mail codes are voided. Used by HR's revocation and when HR changes a person's
    institutional e-mail: what went to the old address must not link anyone. Returns how
    many codes were voided."""
    if not person_ids:
        return 0
    rows = (await session.execute(select(Person.id, Person.token_nonce).where(
        Person.id.in_(person_ids), Person.token_nonce.is_not(None)))).all()
    for pid, nonce in rows:  # rare (a revocation, a changed address): one statement each
        await session.execute(update(Person).where(Person.id == pid)
                              .values(token_nonce=new_nonce(nonce)))
    return await rows_changed(session, update(LinkCode).where(
        LinkCode.person_id.in_(person_ids), LinkCode.used_at.is_(None)).values(used_at=now))


async def revoke_tokens(session: AsyncSession, person_id: int) -> None:
    """Every invitation already issued to this person stops working (an action)."""
    person = await session.get(Person, person_id)
    if person is None:
        raise NotFound(messages.LINK_NOT_FOUND, code="persona_no_encontrada")
    person.token_nonce = new_nonce(person.token_nonce)
    await commit(session)


# -- e-mail codes -------------------------------------------------------------------------

def clean_email(text: str) -> str | None:
    """The folded form of a typed address, or None when it cannot be one (too long, no @,
    spaces, controls). Never raises, whatever the input."""
    if not isinstance(text, str) or len(text) > 4 * MAX_EMAIL:
        return None
    folded = fold_identifier(text)
    if not 3 <= len(folded) <= MAX_EMAIL or folded.count("@") != 1 or any(
            c.isspace() for c in folded):
        return None
    local, domain = folded.split("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return None
    return folded


def _code_hash(secret: str, code: str) -> str:
    return hmac.new(secret.encode(), f"vinculo:{code}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class CodeRequest:
    """What ``request_code`` decided: the code to e-mail (None when the address is not in the
    directory: nothing is sent) and the address to send it to."""

    code_id: int
    code: str | None
    email: str | None


def address_throttle(clock: Callable[[], float], counts: Counts | None = None,
                     secret: bytes = b"") -> LoginThrottle:
    """The limit per typed address: ``CODES_PER_ADDRESS`` codes, then a pause of 10 minutes
    that doubles with each further code (at most an hour); an address left alone for an hour
    starts afresh. Counted in ``counts`` (the process's memory when not given)."""
    return LoginThrottle(allowance=CODES_PER_ADDRESS, base_delay=ADDRESS_PAUSE,
                         max_delay=ADDRESS_PAUSE_MAX, forget_after=ADDRESS_PAUSE_MAX, clock=clock,
                         counts=counts or MemoryCounts(), secret=secret, scope="vincular")


def service_address_throttle(services: Services) -> LoginThrottle:
    """The service's address throttle: counted in the database (every process shares it), on
    the service's clock (tests move it)."""
    return services.setdefault(ADDRESS_THROTTLE, lambda: address_throttle(
        lambda: services.clock().timestamp(), ThrottleStore(services.db),
        services.settings.secret_key.get_secret_value().encode()))



def wait_text(seconds: float) -> str:
    """«un minuto» or «unos N minutos» (rounded up, at least one) for a wait of ``seconds``."""
    minutes = max(1, math.ceil(seconds / 60))
    return messages.WAIT_MINUTES.get(minutes) or messages.WAIT_SOME_MINUTES.format(n=minutes)


async def request_code(session: AsyncSession, *, secret: str, chat_key: str, email: str,
                       now: datetime, throttle: LoginThrottle) -> CodeRequest:
    """Create a code for the chat and the typed (already cleaned) address, in the caller's
    transaction. RateLimited after ``CODES_PER_HOUR`` codes of the chat in the last hour, or
    when ``throttle`` (``address_throttle``) says the address had too many codes lately,
    whichever chats asked for them; the same whether or not the address is in the directory."""
    recent = (await session.execute(select(func.count()).select_from(LinkCode).where(
        LinkCode.chat_key == chat_key, LinkCode.created_at > now - timedelta(hours=1)))).scalar()
    if int(recent or 0) >= CODES_PER_HOUR:
        raise RateLimited(messages.LINK_TOO_MANY_CODES, retry_after=3600)
    try:
        # Counted apart from the chat turn (on PostgreSQL): its rollback keeps the count.
        await throttle.reserve(email, "", beside=session)
    except RateLimited as exc:
        seconds = exc.retry_after or ADDRESS_PAUSE
        raise RateLimited(messages.LINK_TOO_MANY_CODES_ADDRESS.format(wait=wait_text(seconds)),
                          retry_after=seconds) from None
    person = (await session.execute(select(Person).where(
        Person.email == email, *DIRECTORY_ACTIVE))).scalars().first()
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    # Earlier codes of this chat stop working: only the last one e-mailed counts.
    await session.execute(update(LinkCode).where(LinkCode.chat_key == chat_key,
                                                 LinkCode.used_at.is_(None))
                          .values(used_at=now))
    row = LinkCode(chat_key=chat_key, person_id=person.id if person else None,
                   code_hash=_code_hash(secret, code), attempts=0, created_at=now,
                   expires_at=now + CODE_TTL)
    session.add(row)
    await session.flush()
    return CodeRequest(row.id, code if person else None, person.email if person else None)


class WrongCode(InvalidToken):
    code = "codigo_incorrecto"

    def __init__(self, message: str, *, left: int) -> None:
        super().__init__(message)
        self.left = left


async def check_code(session: AsyncSession, *, secret: str, chat_key: str, typed: str,
                     now: datetime) -> int:
    """The directory person of the chat's current code when ``typed`` matches it (the code is
    then used up); in the caller's transaction. WrongCode (with the attempts left), ExpiredToken
    or RateLimited (no attempts left) otherwise. The same for an address outside the
    directory: its code never matches."""
    row = (await session.execute(select(LinkCode).where(
        LinkCode.chat_key == chat_key, LinkCode.used_at.is_(None))
        .order_by(LinkCode.id.desc()).limit(1))).scalars().first()
    if row is None:
        raise ExpiredToken(messages.LINK_CODE_NONE)
    if row.attempts >= CODE_MAX_ATTEMPTS:
        raise RateLimited(messages.LINK_CODE_LOCKED,
                          retry_after=max(0.0, (row.expires_at - now).total_seconds()))
    if row.expires_at <= now:
        raise ExpiredToken(messages.LINK_CODE_EXPIRED)
    digits = typed.strip() if isinstance(typed, str) else ""
    ok = (len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit()
          and hmac.compare_digest(row.code_hash, _code_hash(secret, digits))
          and row.person_id is not None)
    if not ok:
        row.attempts += 1
        left = CODE_MAX_ATTEMPTS - row.attempts
        await session.flush()
        if left <= 0:
            raise RateLimited(messages.LINK_CODE_LOCKED,
                              retry_after=max(0.0, (row.expires_at - now).total_seconds()))
        raise WrongCode(messages.LINK_CODE_WRONG.format(left=left), left=left)
    row.used_at = now
    await session.flush()
    assert row.person_id is not None
    return row.person_id


def invitation_url(signer: Signer, username: str, person_id: int, nonce: int) -> str:
    """The t.me link of a personal invitation: opens the bot with ``/start v<token>``."""
    return invitation_links(signer, username, None, person_id, nonce).telegram


@dataclass(frozen=True)
class InvitationLinks:
    """The two doors of one invitation, carrying the very same token (used once, whichever
    is opened first): the bot on Telegram and, when the service has a public address, the
    web chat (``/chat?v=<token>``)."""

    telegram: str
    web: str | None


def invitation_links(signer: Signer, username: str, public_url: str | None, person_id: int,
                     nonce: int) -> InvitationLinks:
    token = signer.sign_start(PURPOSE, [int(person_id), int(nonce)])
    return InvitationLinks(bot_start_url(username, start_parameter(token)),
                           web_start_url(public_url, START_PREFIX, token) if public_url else None)
