"""The data-protection notice (Ley 1581 de 2012): its version and its purposes."""

from __future__ import annotations

from dataclasses import dataclass

from bot import messages

NOTICE_VERSION = "2025-1"

CAMPAIGNS = "campanas"
STATISTICS = "estadisticas"
FOLLOW_UP = "seguimiento"


@dataclass(frozen=True)
class Purpose:
    """One purpose of the notice, asked separately (one button pair per purpose)."""

    code: str
    question_html: str
    short_label: str


PURPOSES: tuple[Purpose, ...] = (
    Purpose(CAMPAIGNS, messages.PURPOSE_CAMPAIGNS_Q, messages.PURPOSE_CAMPAIGNS_LABEL),
    Purpose(STATISTICS, messages.PURPOSE_STATISTICS_Q, messages.PURPOSE_STATISTICS_LABEL),
    Purpose(FOLLOW_UP, messages.PURPOSE_FOLLOW_UP_Q, messages.PURPOSE_FOLLOW_UP_LABEL),
)
PURPOSE_CODES = tuple(p.code for p in PURPOSES)


def purpose(code: str) -> Purpose | None:
    """The purpose with this code, if any."""
    return next((p for p in PURPOSES if p.code == code), None)
