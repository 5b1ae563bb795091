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
                 "aiosqlite", "asyncpg", "bm25s")


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


# Path segments that carry a token: whatever follows these, and any long segment with a digit
# (signed tokens) or any very long one. Query strings are never logged: they carry login links
# (/portal/entrar?t=…) and searches with people's names (?q=Ana+Pérez).
_TOKEN_PARENTS = {"unsubscribe", "images"}
_LONG_WITH_DIGIT = re.compile(r"^(?=.*\d).{16,}$")


def safe_path(target: str) -> str:
    """A request target fit for a log line: no query string, token segments as ``***``."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    segments = path.split("/")
    for index, segment in enumerate(segments):
        parent = segments[index - 1] if index else ""
        if segment and (parent in _TOKEN_PARENTS or len(segment) >= 32
                        or _LONG_WITH_DIGIT.match(segment)):
            segments[index] = "***"
    return "/".join(segments)


class AccessLogFilter(logging.Filter):
    """Rewrite uvicorn's access lines (``'%s - "%s %s HTTP/%s" %d'``) to a safe path."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], safe_path(args[2]), args[3], args[4])
        return True


class RedactingFormatter(logging.Formatter):
    """Redact secrets from the whole formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # The handler filters too: a library that sets its own logger to DEBUG on import (bm25s
    # does) would otherwise print DEBUG lines at INFO.
    handler.setLevel(level.upper())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):  # ours, whatever ran before
        server_logger = logging.getLogger(name)
        server_logger.handlers[:] = []
        server_logger.propagate, server_logger.disabled = True, False
        server_logger.setLevel(logging.NOTSET)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogFilter) for f in access.filters):
        access.addFilter(AccessLogFilter())
