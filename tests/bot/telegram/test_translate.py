"""Malformed updates (a message with no chat) are ignored, never an exception in the bot."""

from __future__ import annotations

import pytest
from telegram import Update

from bot.telegram.translate import to_input


@pytest.mark.parametrize("kind", ["message", "edited_message"])
def test_a_message_without_a_chat_is_ignored(kind: str) -> None:
    update = Update.de_json({"update_id": 1, kind: {"message_id": 1, "date": 0,
                                                    "text": "hola"}}, None)
    assert to_input(update) is None
