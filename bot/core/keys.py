"""Conversation keys: a keyed hash of channel and channel user id, so no table holds raw ids."""

from __future__ import annotations

import hashlib
import hmac

from bot.core.types import PersonRef


class ConversationKeys:
    """Derive stable, non-reversible conversation keys from the service's secret key."""

    def __init__(self, secret: str) -> None:
        self._secret = hashlib.sha256(b"conversation-key:" + secret.encode()).digest()

    def key(self, ref: PersonRef) -> str:
        """The 64-hex key of a channel user."""
        message = f"{ref.channel}:{ref.user_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()
