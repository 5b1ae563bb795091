"""A faithful local Telegram Bot API server (test double) and its controls."""

from .double import DEFAULT_TOKEN, TelegramDouble
from .limits import RateLimits
from .records import RecordedRequest, SentMessage, Violation

__all__ = [
    "DEFAULT_TOKEN",
    "RateLimits",
    "RecordedRequest",
    "SentMessage",
    "TelegramDouble",
    "Violation",
]
