"""Check Discourse's webhook signature: ``X-Discourse-Event-Signature: sha256=<hex HMAC>``."""

from __future__ import annotations

import hashlib
import hmac
import re

SIGNATURE_HEADER = "X-Discourse-Event-Signature"
_FORMAT = re.compile(r"sha256=([0-9a-fA-F]{64})")


def compute_signature(secret: str, raw_body: bytes) -> str:
    """The header value Discourse sends for ``raw_body`` signed with ``secret``."""
    digest = hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(secret: str, raw_body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the HMAC-SHA256 of the raw body; constant-time, False if malformed."""
    if not secret or not isinstance(header, str) or not isinstance(raw_body, (bytes, bytearray)):
        return False
    match = _FORMAT.fullmatch(header.strip())
    if match is None:
        return False
    expected = hmac.new(secret.encode("utf-8"), bytes(raw_body), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, match.group(1).lower())
