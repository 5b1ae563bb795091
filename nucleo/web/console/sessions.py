"""Console sessions: a signed random cookie naming a server-side row.

The cookie is a token of the signer's purpose ``consola.sesion`` (``nucleo.signing``) holding 32
random bytes; the database keeps only their SHA-256. A session is valid
while its row exists, it has not expired (absolute and idle limits), its account is active and the
account's ``token_version`` is the one the session was created with — so logout, deactivation and
a password change end sessions at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from nucleo.db import insert_new, utcnow
from nucleo.models import StaffAccount
from nucleo.signing import Signer
from nucleo.web.console.models import ConsoleFormUse, ConsoleSession

COOKIE = "valor_consola"
IDLE = timedelta(minutes=60)
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_https(request: Request) -> bool:
    """True for HTTPS or behind a proxy saying so (only ever makes the cookie stricter)."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def set_cookie(response: Response, request: Request, name: str, value: str,
               max_age: int | None = None) -> None:
    """Set a console cookie: HttpOnly, SameSite=Lax, Secure over HTTPS."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=is_https(request))


@dataclass
class LiveSession:
    """A valid session and its account."""

    row: ConsoleSession
    staff: StaffAccount


async def create_session(session: AsyncSession, staff: StaffAccount, signer: Signer,
                         now: datetime, lifetime: timedelta, flash: str | None = None) -> str:
    """Store a new session for this account and return the cookie value."""
    await session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(ConsoleSession(
        token_hash=token_hash(token), staff_id=staff.id, token_version=staff.token_version,
        csrf_secret=secrets.token_hex(32), created_at=now, last_seen_at=now,
        expires_at=now + lifetime, flash=flash))
    await session.commit()
    return signer.sign("consola.sesion", token)


async def resolve_session(session: AsyncSession, cookie: str | None, signer: Signer,
                          now: datetime) -> LiveSession | None:
    """The live session behind a cookie, or None (forged, expired, ended or account disabled)."""
    token = signer.value_or_none("consola.sesion", cookie)
    if not isinstance(token, str):
        return None
    row = await session.scalar(
        select(ConsoleSession).where(ConsoleSession.token_hash == token_hash(token)))
    if row is None:
        return None
    staff = await session.get(StaffAccount, row.staff_id)
    alive = (row.expires_at > now and row.last_seen_at + IDLE > now and staff is not None
             and staff.active and staff.token_version == row.token_version)
    if staff is None or not alive:
        await session.delete(row)
        await session.commit()
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
        await session.commit()
    return LiveSession(row=row, staff=staff)


async def consume_form(session: AsyncSession, row: ConsoleSession, nonce: str) -> bool:
    """Record the nonce of a submitted form (``nucleo.web.csrf``); False when it had already
    been used, so the same form sent twice never repeats an action."""
    used = await insert_new(session, ConsoleFormUse,
                            {"session_id": row.id, "nonce": nonce, "used_at": utcnow()})
    await session.commit()
    return bool(used)


async def end_session(session: AsyncSession, row: ConsoleSession) -> None:
    """Delete one session (logout)."""
    await session.execute(delete(ConsoleSession).where(ConsoleSession.id == row.id))
    await session.commit()


async def end_stale_sessions(session: AsyncSession, staff: StaffAccount) -> None:
    """Delete the sessions an account change made invalid (deactivation, new password)."""
    stale = ConsoleSession.token_version != staff.token_version
    if not staff.active:
        stale = ConsoleSession.id.is_not(None)
    await session.execute(delete(ConsoleSession).where(
        ConsoleSession.staff_id == staff.id, stale))
    await session.commit()


async def set_flash(session: AsyncSession, row: ConsoleSession, text: str) -> None:
    """Keep a one-time notice to show on the next page."""
    row.flash = text
    await session.commit()


async def pop_flash(session: AsyncSession, row: ConsoleSession) -> str | None:
    """Take the pending notice, if any."""
    text = row.flash
    if text is not None:
        row.flash = None
        await session.commit()
    return text
