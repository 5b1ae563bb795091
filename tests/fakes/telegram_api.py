"""Import point for the Telegram Bot API double: ``from tests.fakes.telegram_api import ...``."""

from tests.fakes.telegram import (
    DEFAULT_TOKEN,
    RateLimits,
    RecordedRequest,
    SentMessage,
    TelegramDouble,
    Violation,
)

__all__ = [
    "DEFAULT_TOKEN",
    "RateLimits",
    "RecordedRequest",
    "SentMessage",
    "TelegramDouble",
    "Violation",
]
