"""Receipt codes for anonymous consultations: random, easy to type, stored only as a hash."""

from __future__ import annotations

import hashlib
import re
import secrets

# No 0/O, 1/I/L, 5/S, 8/B, 2/Z: nothing that reads two ways on a phone screen.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 10
_GROUP = CODE_LENGTH // 2
_NOT_CODE = re.compile(r"[^A-Z0-9]")
_PREFIX = "valor-consulta:"


def new_code() -> str:
    """A fresh code shown as two groups of five (``ACD3F-HJK7M``); about 46 bits of chance."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:_GROUP]}-{raw[_GROUP:]}"


def normalize_code(text: str) -> str | None:
    """The code inside what a person typed (any case, spaces or dashes), or None if it is not one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    raw = _NOT_CODE.sub("", text.upper())
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw


def hash_code(code: str) -> str:
    """The SHA-256 hex digest stored instead of the code (``code`` as typed or normalized)."""
    raw = normalize_code(code) or ""
    return hashlib.sha256((_PREFIX + raw).encode("ascii")).hexdigest()


def looks_like_code(text: str) -> bool:
    """Whether a chat message is a receipt code (so the bot reads it instead of answering it)."""
    return normalize_code(text) is not None
