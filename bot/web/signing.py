"""Web chat ids. The session cookie and image links are signed by ``services.signer``
(purposes ``chat.sesion`` and ``chat.imagen`` of ``nucleo.signing.PURPOSES``)."""

from __future__ import annotations

import secrets


def new_session_id() -> str:
    """A random, URL-safe web chat session id."""
    return secrets.token_urlsafe(18)
