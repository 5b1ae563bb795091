"""CSRF protection: synchronizer tokens tied to the session, each usable once.

A form token is ``nonce.signature`` where the signature covers the nonce and the session's own
random ``csrf_secret``: a token from another session, or made up, does not verify. When a form is
submitted its nonce is recorded (``console_form_uses``); the same form sent twice is refused, so a
double click or a browser "resend" never repeats an action. Before login there is no session, so
the login form uses a signed pre-session cookie instead (double submit).
"""

from __future__ import annotations

import secrets

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.web.console.models import ConsoleFormUse, ConsoleSession
from nucleo.web.console.sessions import sign, unsign
from nucleo.db import utcnow

FIELD = "csrf_token"
HEADER = "x-csrf-token"
PRE_COOKIE = "valor_consola_pre"
MAX_TOKEN = 200


def form_token(secret: str, row: ConsoleSession) -> str:
    """A fresh one-time token for a form of this session."""
    return sign(secret, "form:" + row.csrf_secret, secrets.token_urlsafe(16))


def token_nonce(secret: str, row: ConsoleSession, token: object) -> str | None:
    """The nonce of a token made for this session, or None if it is forged or foreign."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
        return None
    return unsign(secret, "form:" + row.csrf_secret, token)


async def consume(session: AsyncSession, row: ConsoleSession, nonce: str) -> bool:
    """Record a submitted nonce; False when it had already been used."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ConsoleFormUse).values(
        session_id=row.id, nonce=nonce, used_at=utcnow()).on_conflict_do_nothing()
    result = await session.execute(statement)
    await session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def new_pre_session() -> str:
    """A random value for the pre-session cookie that protects the login form."""
    return secrets.token_urlsafe(16)


def login_token(secret: str, pre: str) -> str:
    """The login form's token for this pre-session value."""
    return sign(secret, "login", pre)


def login_token_ok(secret: str, pre: str | None, token: object) -> bool:
    """True when the submitted login token matches the pre-session cookie."""
    if not pre or not isinstance(token, str) or len(token) > MAX_TOKEN:
        return False
    return unsign(secret, "login", token) == pre
