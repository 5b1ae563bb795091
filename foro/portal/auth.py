"""Portal login without passwords: a signed, expiring, single-use link the bot hands out, and
sessions kept on the server.

    url = portal_login_link(settings, signer, person_id)   # the bot's /portal command sends it

The link (purpose ``portal.enlace`` of ``nucleo.signing``, 30 minutes) opens a confirmation
page, so a chat app's link preview cannot use it up; pressing "Entrar" redeems it once and opens
a session: a row in ``portal_sessions`` named by a signed random cookie (purpose
``portal.sesion``, 8 hours) of which the database keeps only the SHA-256. Logout deletes all the
person's sessions and rotates their portal nonce (``people.portal_nonce``, the portal's own:
their invitations to link a chat keep working), so a copied cookie or an unused link stops
working at once; so does the deactivation of the person. Forms carry
the CSRF token of ``nucleo.web.csrf`` bound to the session's own secret.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.links import PORTAL_PREFIX, base_url
from foro.models import PortalLoginUse, PortalSession
from nucleo.directory.link import new_nonce
from nucleo.errors import ExpiredToken, InvalidInput, InvalidToken
from nucleo.models import Person, PersonStatus
from nucleo.settings import Settings
from nucleo.signing import Signer, lifetime

LINK = "portal.enlace"
SESSION = "portal.sesion"
LINK_MINUTES = int(lifetime(LINK).total_seconds() // 60)
SESSION_HOURS = int(lifetime(SESSION).total_seconds() // 3600)
COOKIE = "valor_portal"


def portal_login_link(settings: Settings, signer: Signer, person_id: int, *,
                      nonce: int | None = None) -> str:
    """A signed link valid for 30 minutes and one use that logs ``person_id`` into the portal.

    ``nonce`` is the person's ``portal_nonce`` when the link is made: once it rotates (a
    portal logout, the person's /olvidarme) the link no longer works. Absolute when ``VALOR_PUBLIC_URL`` is set,
    otherwise a path ("/portal/entrar?t=...").
    """
    token = signer.sign(LINK, {"p": int(person_id), "j": secrets.token_urlsafe(16),
                               "n": None if nonce is None else int(nonce)})
    return f"{base_url(settings)}{PORTAL_PREFIX}/entrar?t={token}"


def _claims(signer: Signer, token: object) -> tuple[int, str, int | None]:
    try:
        value = signer.unsign(LINK, token)
    except ExpiredToken:
        raise InvalidInput(messages.PORTAL_LINK_EXPIRED) from None
    except InvalidToken:
        raise InvalidInput(messages.PORTAL_LINK_INVALID) from None
    if (not isinstance(value, dict) or type(value.get("p")) is not int
            or not isinstance(value.get("j"), str)
            or (value.get("n") is not None and type(value.get("n")) is not int)):
        raise InvalidInput(messages.PORTAL_LINK_INVALID)
    return value["p"], value["j"][:64], value.get("n")


def check_login_token(signer: Signer, token: object) -> int:
    """The person a login link names (without using it up); InvalidInput when bad or expired."""
    return _claims(signer, token)[0]


async def redeem_login_token(session: AsyncSession, signer: Signer, token: object,
                             now: datetime) -> int:
    """Use a login link up (once) and return its person; InvalidInput when used or bad."""
    person_id, jti, nonce = _claims(signer, token)
    person = await session.get(Person, person_id)
    if person is None or person.status != PersonStatus.ACTIVA or person.portal_nonce != nonce:
        raise InvalidInput(messages.PORTAL_LINK_INVALID)
    await session.execute(delete(PortalLoginUse).where(PortalLoginUse.expires_at < now))
    session.add(PortalLoginUse(jti=jti, person_id=person_id, used_at=now,
                               expires_at=now + timedelta(minutes=LINK_MINUTES)))
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise InvalidInput(messages.PORTAL_LINK_USED) from None
    return person_id


@dataclass(frozen=True)
class LiveSession:
    """A valid portal session."""

    id: int
    person_id: int
    csrf_secret: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_session(session: AsyncSession, signer: Signer, person_id: int,
                         now: datetime) -> str:
    """Store a new portal session for this person and return the cookie value; commits."""
    await session.execute(delete(PortalSession).where(PortalSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(PortalSession(token_hash=_hash(token), person_id=person_id,
                              csrf_secret=secrets.token_hex(32), created_at=now,
                              expires_at=now + timedelta(hours=SESSION_HOURS)))
    await session.commit()
    return signer.sign(SESSION, token)


async def resolve_session(session: AsyncSession, signer: Signer, cookie: str | None,
                          now: datetime) -> LiveSession | None:
    """The live session behind a cookie, or None (forged, expired, logged out, person gone)."""
    token = signer.value_or_none(SESSION, cookie)
    if not isinstance(token, str):
        return None
    row = await session.scalar(select(PortalSession).where(
        PortalSession.token_hash == _hash(token)))
    if row is None:
        return None
    person = await session.get(Person, row.person_id)
    if row.expires_at <= now or person is None or person.status != PersonStatus.ACTIVA:
        await session.execute(delete(PortalSession).where(PortalSession.id == row.id))
        await session.commit()
        return None
    return LiveSession(row.id, row.person_id, row.csrf_secret)


async def end_session(session: AsyncSession, live: LiveSession) -> None:
    """Logout (an action): delete every portal session of the person, so no cookie of theirs,
    on this device or another, works any more, and rotate their ``portal_nonce`` so the login
    links already handed out stop working too (their invitations to link a chat do not)."""
    await session.execute(delete(PortalSession).where(
        PortalSession.person_id == live.person_id))
    person = await session.get(Person, live.person_id)
    if person is not None:
        person.portal_nonce = new_nonce(person.portal_nonce)
    await session.commit()
