"""The Telegram chat id behind a chat ref: one parser for every place that needs it."""

from __future__ import annotations

import pytest

from bot.core.types import TELEGRAM, WEB, WHATSAPP, PersonRef
from bot.people import telegram_chat_id


@pytest.mark.parametrize(("channel", "user_id", "expected"), [
    (TELEGRAM, "1001", 1001),
    (TELEGRAM, "-1002003004005", -1002003004005),
    (TELEGRAM, "--5", None),
    (TELEGRAM, "-", None),
    (TELEGRAM, "", None),
    (TELEGRAM, "١٢٣", None),  # Arabic-Indic digits: int() takes them, Telegram never sends them
    (TELEGRAM, "12 34", None),
    (TELEGRAM, "9" * 40, None),
    (WEB, "1001", None),
    (WHATSAPP, "573001234567", None),
])
def test_telegram_chat_id(channel: str, user_id: str, expected: int | None) -> None:
    assert telegram_chat_id(PersonRef(channel, user_id)) == expected
