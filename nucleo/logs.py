"""Logging set-up: plain lines, secrets redacted, chatty HTTP clients quieted."""

from __future__ import annotations

import logging
import re

# Telegram puts the bot token in every URL (…/bot123456:AA…/sendMessage); Discourse takes
# Api-Key headers; database URLs may carry a password.
_SECRETS = (
    (re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}"), "***"),
    (re.compile(r"(?i)(api[-_]key['\"]?\s*[=:]\s*['\"]?)[^\s'\",}]+"), r"\1***"),
    (re.compile(r"(://[^:/@\s]+:)[^@/\s]+@"), r"\1***@"),
)


# Capped at WARNING whatever the level: chatty clients, and the loggers that would print what a
# person sent (python-telegram-bot logs whole updates, button data included, at DEBUG; the SQL
# engine logs statements) — a survey answer or a respondent must never reach a log line.
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler.executors.default", "telegram", "sqlalchemy",
                 "aiosqlite", "asyncpg")


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Redact secrets from the whole formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
