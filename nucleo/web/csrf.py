"""The one CSRF implementation of the service, for the console and for the portal.

A form carries ``csrf_token`` (field ``FIELD``; scripts send the header ``HEADER``): a token of
the signer's purpose ``csrf.formulario`` holding a random nonce and a fingerprint of the
session's own random secret. A token made for another session, for another purpose or made up
does not verify. The console also records every nonce it accepts, so one form is never sent
twice (``nucleo.web.console.sessions.consume_form``); the portal only checks.

Before login there is no session: the console's login form is bound instead to a random
pre-session cookie (``PRE_COOKIE``, double submit), purpose ``csrf.entrada``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from nucleo.signing import Signer

FIELD = "csrf_token"
HEADER = "x-csrf-token"
PRE_COOKIE = "valor_consola_pre"


def _fingerprint(session_secret: str) -> str:
    return hashlib.sha256(("csrf:" + session_secret).encode()).hexdigest()[:32]


def form_token(signer: Signer, session_secret: str) -> str:
    """A fresh token for one form of the session whose secret is ``session_secret``."""
    return signer.sign("csrf.formulario", [_fingerprint(session_secret),
                                           secrets.token_urlsafe(12)])


def token_nonce(signer: Signer, session_secret: str, token: object) -> str | None:
    """The nonce of a token made for this session, or None if it is forged, foreign or old."""
    value = signer.value_or_none("csrf.formulario", token)
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(part, str) for part in value)
            or not hmac.compare_digest(value[0], _fingerprint(session_secret))):
        return None
    return str(value[1])


def token_ok(signer: Signer, session_secret: str, token: object) -> bool:
    """Whether a form's token belongs to this session."""
    return token_nonce(signer, session_secret, token) is not None


def new_pre_session() -> str:
    """A random value for the pre-session cookie that protects the login form."""
    return secrets.token_urlsafe(16)


def login_token(signer: Signer, pre: str) -> str:
    """The login form's token for this pre-session value."""
    return signer.sign("csrf.entrada", _fingerprint(pre))


def login_token_ok(signer: Signer, pre: str | None, token: object) -> bool:
    """True when the submitted login token matches the pre-session cookie."""
    if not pre:
        return False
    value = signer.value_or_none("csrf.entrada", token)
    return isinstance(value, str) and hmac.compare_digest(value, _fingerprint(pre))
