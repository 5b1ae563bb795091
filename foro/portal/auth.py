"""Portal login without passwords: a signed, expiring, single-use link the bot hands out.

    url = portal_login_link(settings, person_id)   # the bot's /portal command sends this

The link opens a confirmation page (so a chat app's link preview cannot use it up); pressing
"Entrar" redeems it once and sets a signed session cookie. Forms carry a CSRF token bound to
that session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.links import PORTAL_PREFIX, base_url
from foro.models import PortalLoginUse
from nucleo.db import utcnow
from nucleo.errors import InvalidInput
from nucleo.models import Person, PersonStatus
from nucleo.settings import Settings

LINK_MINUTES = 30
SESSION_HOURS = 8
COOKIE = "valor_portal"
_ALGORITHM = "HS256"
_LOGIN = "portal-login"
_SESSION = "portal-session"


def _key(settings: Settings) -> str:
    return "portal:" + settings.secret_key.get_secret_value()


def portal_login_link(settings: Settings, person_id: int, *, now: datetime | None = None) -> str:
    """A signed link valid for 30 minutes and one use that logs ``person_id`` into the portal.

    Absolute when ``VALOR_PUBLIC_URL`` is set, otherwise a path ("/portal/entrar?t=...").
    """
    now = now or utcnow()
    token = jwt.encode({"sub": str(int(person_id)), "purpose": _LOGIN,
                        "jti": secrets.token_urlsafe(16), "iat": int(now.timestamp()),
                        "exp": int((now + timedelta(minutes=LINK_MINUTES)).timestamp())},
                       _key(settings), algorithm=_ALGORITHM)
    return f"{base_url(settings)}{PORTAL_PREFIX}/entrar?t={token}"


def _decode(settings: Settings, token: str, purpose: str, now: datetime) -> dict[str, object]:
    try:
        claims = jwt.decode(token, _key(settings), algorithms=[_ALGORITHM],
                            options={"require": ["sub", "exp", "purpose"], "verify_exp": False})
    except jwt.PyJWTError:
        raise InvalidInput(messages.PORTAL_LINK_INVALID) from None
    if claims.get("purpose") != purpose:
        raise InvalidInput(messages.PORTAL_LINK_INVALID)
    if not isinstance(claims.get("exp"), int) or claims["exp"] < now.timestamp():
        raise InvalidInput(messages.PORTAL_LINK_EXPIRED if purpose == _LOGIN
                           else messages.PORTAL_LINK_INVALID)
    return claims


def check_login_token(settings: Settings, token: str, now: datetime) -> int:
    """The person a login link names (without using it up); InvalidInput when bad or expired."""
    if not isinstance(token, str) or not token or len(token) > 2000:
        raise InvalidInput(messages.PORTAL_LINK_INVALID)
    claims = _decode(settings, token, _LOGIN, now)
    try:
        return int(str(claims["sub"]))
    except ValueError:
        raise InvalidInput(messages.PORTAL_LINK_INVALID) from None


async def redeem_login_token(session: AsyncSession, settings: Settings, token: str,
                             now: datetime) -> int:
    """Use a login link up (once) and return its person; InvalidInput when used or bad."""
    person_id = check_login_token(settings, token, now)
    claims = _decode(settings, token, _LOGIN, now)
    jti = claims.get("jti")
    person = await session.get(Person, person_id)
    if not isinstance(jti, str) or person is None or person.status != PersonStatus.ACTIVA:
        raise InvalidInput(messages.PORTAL_LINK_INVALID)
    await session.execute(delete(PortalLoginUse).where(PortalLoginUse.expires_at < now))
    session.add(PortalLoginUse(jti=jti[:64], person_id=person_id, used_at=now,
                               expires_at=now + timedelta(minutes=LINK_MINUTES)))
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise InvalidInput(messages.PORTAL_LINK_USED) from None
    return person_id


@dataclass(frozen=True)
class PortalSession:
    person_id: int
    sid: str


def session_cookie(settings: Settings, person_id: int, now: datetime) -> str:
    """The signed cookie value of a fresh portal session."""
    return jwt.encode({"sub": str(person_id), "purpose": _SESSION, "sid": secrets.token_hex(8),
                       "exp": int((now + timedelta(hours=SESSION_HOURS)).timestamp())},
                      _key(settings), algorithm=_ALGORITHM)


def read_session_cookie(settings: Settings, value: str | None,
                        now: datetime) -> PortalSession | None:
    """The session a cookie carries, or None when missing, forged or expired."""
    if not value or len(value) > 2000:
        return None
    try:
        claims = _decode(settings, value, _SESSION, now)
        return PortalSession(int(str(claims["sub"])), str(claims.get("sid", "")))
    except (InvalidInput, ValueError):
        return None


def csrf_token(settings: Settings, identity: str) -> str:
    """The anti-forgery token of the forms of one session (``identity`` names the session)."""
    key = ("csrf:" + settings.secret_key.get_secret_value()).encode()
    return hmac.new(key, identity.encode(), hashlib.sha256).hexdigest()


def check_csrf(settings: Settings, identity: str, token: str | None) -> bool:
    """Whether a form's token belongs to this session (constant-time)."""
    return bool(token) and hmac.compare_digest(csrf_token(settings, identity), str(token))
