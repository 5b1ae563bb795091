"""Signed values for the web chat: the session cookie and image links (HMAC-SHA256)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


class Signer:
    """Sign and check short strings with a key derived from the service's secret."""

    def __init__(self, secret: str, purpose: str) -> None:
        self._key = hashlib.sha256(f"{purpose}:{secret}".encode()).digest()

    def _mac(self, value: str) -> str:
        digest = hmac.new(self._key, value.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")

    def sign(self, value: str) -> str:
        """``value.signature``."""
        return f"{value}.{self._mac(value)}"

    def unsign(self, signed: str | None) -> str | None:
        """The value if the signature is right, else None (constant-time comparison)."""
        if not signed or "." not in signed or len(signed) > 2000:
            return None
        value, _, mac = signed.rpartition(".")
        return value if hmac.compare_digest(mac, self._mac(value)) else None


def new_session_id() -> str:
    """A random, URL-safe web chat session id."""
    return secrets.token_urlsafe(18)


def encode_path(path: str) -> str:
    return base64.urlsafe_b64encode(path.encode()).decode().rstrip("=")


def decode_path(token: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
