"""Logging set-up: plain lines, secrets redacted, chatty HTTP clients quieted."""

from __future__ import annotations

import logging
import re

# Telegram puts the bot token in every URL (…/bot123456:AA…/sendMessage).
_SECRETS = (re.compile(r"bot\d+:[A-Za-z0-9_-]{20,}"), re.compile(r"(?i)(api[-_]key[=:]\s*)\S+"))


class RedactSecrets(logging.Filter):
    """Replace bot tokens and API keys in any record before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for pattern in _SECRETS:
            redacted = pattern.sub(lambda m: (m.group(1) if m.groups() else "bot") + "***",
                                   redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
