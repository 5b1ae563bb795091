"""Actions on staff accounts. Each action owns its transaction."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from datetime import datetime
from typing import NoReturn

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit, messages
from nucleo.db import commit, utcnow
from nucleo.directory.models import StaffLinkUse
from nucleo.errors import Conflict, InvalidInput, InvalidToken, NotAuthenticated, NotFound
from nucleo.models import Role, StaffAccount
from nucleo.security import (
    DUMMY_HASH,
    MIN_PASSWORD_LENGTH,
    context_words,
    hash_password,
    needs_rehash,
    password_is_strong,
    verify_password,
)
from nucleo.signing import Signer
from nucleo.text import clean_text, fold_identifier


def normalize_email(email: str) -> str:
    """Validate an e-mail address (syntax only) and return its folded form
    (``nucleo.text.fold_identifier``), the one form stored and looked up."""
    try:
        valid = validate_email(fold_identifier(email), check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(messages.STAFF_BAD_EMAIL.format(email=clean_text(email)[:100])) from None
    return fold_identifier(valid.normalized)


def _stored_forms(typed: str, folded: str) -> list[str]:
    """The folded form, plus the lower-case form accounts created before folding were stored
    with (the two differ only for a few non-ASCII addresses)."""
    try:
        legacy = validate_email(clean_text(typed), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return [folded]
    return [folded] if legacy == folded else [folded, legacy]


def check_password(password: str, *context: str | None) -> None:
    """Refuse a short password, a common one, or one made of ``context`` (the person's e-mail
    and name, the entity's name); InvalidInput with the reason in Spanish."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(messages.STAFF_SHORT_PASSWORD.format(n=MIN_PASSWORD_LENGTH))
    if not password_is_strong(password, context_words(*context)):
        raise InvalidInput(messages.STAFF_WEAK_PASSWORD)


def _check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise InvalidInput(messages.STAFF_BAD_ROLE.format(role=role[:40], roles=roles)) from None


async def create_staff(
    session: AsyncSession,
    *,
    email: str,
    full_name: str,
    role: str,
    password: str,
    actor: StaffAccount | None = None,
    entity: str = "",
) -> StaffAccount:
    """Create a staff account with a role and a hashed password (``entity``: the entity's name,
    whose words the password may not be made of)."""
    email = normalize_email(email)
    full_name = clean_text(full_name)[:200]
    if not full_name:
        raise InvalidInput(messages.STAFF_NAME_REQUIRED)
    checked_role = _check_role(role)
    await asyncio.to_thread(check_password, password, email, full_name, entity)
    exists = await session.scalar(select(StaffAccount.active).where(StaffAccount.email == email))
    if exists is not None:
        text = messages.STAFF_EXISTS if exists else messages.STAFF_EXISTS_INACTIVE
        raise Conflict(text.format(email=email))
    account = StaffAccount(
        email=email,
        full_name=full_name,
        role=checked_role.value,
        password_hash=await asyncio.to_thread(hash_password, password),
    )
    session.add(account)
    try:
        await session.flush()
    except IntegrityError:  # created at the same moment by someone else
        await session.rollback()
        raise Conflict(messages.STAFF_EXISTS.format(email=email)) from None
    audit.record(session, actor, "staff.create", target_type="staff", target_id=account.id,
                 details={"role": account.role})
    await commit(session)
    return account


async def authenticate(session: AsyncSession, email: str, password: str,
                       via: str = "api") -> StaffAccount:
    """Return the active account for these credentials; the error never says which part failed.

    Every attempt is audited (``login.ok`` / ``login.failed``, ``via`` "consola" or "api"): the
    account when one matched, never the typed address nor the password."""
    try:
        folded = normalize_email(email)
    except InvalidInput:
        folded = ""
    account = None
    if folded:
        account = await session.scalar(select(StaffAccount).where(
            StaffAccount.email.in_(_stored_forms(email, folded))).order_by(StaffAccount.id)
            .limit(1))
    if account is None or not account.active:
        await asyncio.to_thread(verify_password, DUMMY_HASH, password)
        await _login_failed(session, account, via)
    elif not await asyncio.to_thread(verify_password, account.password_hash, password):
        await _login_failed(session, account, via)
    if needs_rehash(account.password_hash):  # made with weaker parameters: upgrade it now,
        # unless the password changed meanwhile (a concurrent change wins)
        await session.execute(
            update(StaffAccount).where(StaffAccount.id == account.id,
                                       StaffAccount.password_hash == account.password_hash)
            .values(password_hash=await asyncio.to_thread(hash_password, password))
            .execution_options(synchronize_session=False))
    account.last_login_at = utcnow()
    audit.record(session, account, "login.ok", target_type="staff", target_id=account.id,
                 details={"via": via})
    await commit(session)
    return account


async def _login_failed(session: AsyncSession, account: StaffAccount | None,
                        via: str) -> NoReturn:
    """Audit a refused login (on the account, if the address matched one) and refuse it; who
    tried is unknown, so the entry has no actor."""
    reason = "unknown" if account is None else "inactive" if not account.active else "password"
    audit.record(session, None, "login.failed",
                 target_type="staff" if account else None,
                 target_id=account.id if account else None,
                 details={"via": via, "reason": reason})
    await commit(session)
    raise NotAuthenticated(messages.INVALID_CREDENTIALS)


async def change_password(
    session: AsyncSession, account: StaffAccount, current: str, new: str, *, entity: str = ""
) -> None:
    """Change a password; every token issued before stops working."""
    if not await asyncio.to_thread(verify_password, account.password_hash, current):
        raise InvalidInput(messages.STAFF_WRONG_PASSWORD)
    await asyncio.to_thread(check_password, new, account.email, account.full_name, entity)
    account.password_hash = await asyncio.to_thread(hash_password, new)
    account.token_version += 1
    account.must_change_password = False
    audit.record(session, account, "staff.password_change", target_type="staff",
                 target_id=account.id)
    await commit(session)


async def deactivate_staff(session: AsyncSession, staff_id: int, actor: StaffAccount) -> None:
    """Disable an account; its sessions and tokens stop working at once."""
    account = await session.get(StaffAccount, staff_id)
    if account is None:
        raise NotFound(messages.STAFF_NOT_FOUND)
    if account.id == actor.id:
        raise Conflict(messages.STAFF_SELF)
    if account.role == Role.ADMIN.value and account.active and await count_admins(session) <= 1:
        raise Conflict(messages.STAFF_LAST_ADMIN)
    account.active = False
    account.token_version += 1
    audit.record(session, actor, "staff.deactivate", target_type="staff", target_id=staff_id)
    await commit(session)


async def _account(session: AsyncSession, staff_id: int) -> StaffAccount:
    account = await session.get(StaffAccount, staff_id)
    if account is None:
        raise NotFound(messages.STAFF_NOT_FOUND)
    return account


async def reactivate_staff(session: AsyncSession, staff_id: int, actor: StaffAccount) -> None:
    """Enable a deactivated account again (its old sessions and tokens stay void)."""
    account = await _account(session, staff_id)
    if account.active:
        raise Conflict(messages.STAFF_ALREADY_ACTIVE)
    account.active = True
    audit.record(session, actor, "staff.reactivate", target_type="staff", target_id=staff_id)
    await commit(session)


async def change_role(session: AsyncSession, staff_id: int, role: str,
                      actor: StaffAccount) -> StaffAccount:
    """Give an account another role; never one's own, never leaving no active admin."""
    account = await _account(session, staff_id)
    checked = _check_role(role)
    if account.id == actor.id:
        raise Conflict(messages.STAFF_ROLE_SELF)
    if account.role == checked.value:
        return account
    if (account.role == Role.ADMIN.value and account.active
            and await count_admins(session) <= 1):
        raise Conflict(messages.STAFF_ROLE_LAST_ADMIN)
    previous, account.role = account.role, checked.value
    audit.record(session, actor, "staff.role", target_type="staff", target_id=staff_id,
                 details={"role": account.role, "previous": previous})
    await commit(session)
    return account


def temporary_password() -> str:
    """A random password to hand over once (about 95 bits, no look-alike characters)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


async def reset_password(session: AsyncSession, staff_id: int,
                         actor: StaffAccount) -> tuple[StaffAccount, str]:
    """Replace another account's password by a temporary one (returned, never stored in
    clear): its sessions and tokens end and the console asks for a new one at next login."""
    account = await _account(session, staff_id)
    if account.id == actor.id:
        raise Conflict(messages.STAFF_RESET_SELF)
    if not account.active:
        raise Conflict(messages.STAFF_INACTIVE)
    password = temporary_password()
    account.password_hash = await asyncio.to_thread(hash_password, password)
    account.token_version += 1
    account.must_change_password = True
    audit.record(session, actor, "staff.password_reset", target_type="staff",
                 target_id=staff_id)
    await commit(session)
    return account, password


async def count_admins(session: AsyncSession) -> int:
    return await session.scalar(
        select(func.count()).select_from(StaffAccount).where(
            StaffAccount.role == Role.ADMIN.value, StaffAccount.active.is_(True)
        )
    ) or 0


async def ensure_first_admin(session: AsyncSession, email: str | None, password: str | None,
                             entity: str = "") -> bool:
    """Create the first admin from the settings when the database has none; True if created."""
    if not email or not password:
        return False
    if await count_admins(session) > 0:
        return False
    await create_staff(session, email=email, full_name=messages.FIRST_ADMIN_NAME, role="admin",
                       password=password, entity=entity)
    return True


TELEGRAM_PURPOSE = "consola.telegram"
TELEGRAM_START_PREFIX = "t"  # /start t<token>; invitations use «v», posters no prefix


def telegram_link_parameter(signer: Signer, account: StaffAccount) -> str:
    """The /start parameter that links the chat opening it to this staff account (for test
    sends). It works for one link only: its use is recorded, and it names the chat the account
    has now."""
    return TELEGRAM_START_PREFIX + signer.sign_start(
        TELEGRAM_PURPOSE, [account.id, account.telegram_chat_id or 0])


async def link_telegram_chat(session: AsyncSession, signer: Signer, parameter: str,
                             chat_id: int, *, now: datetime | None = None) -> StaffAccount:
    """Store ``chat_id`` as the staff account's own chat (an action: it commits) and record
    the link's use (``staff_link_uses``, as its SHA-256): it never works again, even once the
    account has lost that chat. Opening it again from the chat it linked changes nothing.
    InvalidToken (forged, other purpose, used, inactive account) or ExpiredToken, in Spanish."""
    value = signer.unsign_start(TELEGRAM_PURPOSE, parameter[len(TELEGRAM_START_PREFIX):])
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise InvalidToken(messages.TOKEN_INVALID_LINK)
    staff_id, previous = value
    account = await session.get(StaffAccount, staff_id)
    if account is None or not account.active:
        raise InvalidToken(messages.TOKEN_INVALID_LINK)
    if account.telegram_chat_id == chat_id:
        return account
    used = hashlib.sha256(parameter.encode()).hexdigest()
    if (account.telegram_chat_id or 0) != previous \
            or await session.get(StaffLinkUse, used) is not None:
        raise InvalidToken(messages.STAFF_TELEGRAM_USED)
    # A concurrent use of the same link fails on this row's primary key.
    session.add(StaffLinkUse(token_hash=used, staff_id=account.id, used_at=now or utcnow()))
    account.telegram_chat_id = chat_id
    audit.record(session, account, "staff.telegram", target_type="staff", target_id=account.id)
    await commit(session)
    return account

