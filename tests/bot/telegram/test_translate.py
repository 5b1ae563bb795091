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


def _contact_update(contact: dict, sender: int = 77, chat_type: str = "private") -> Update:
    return Update.de_json({"update_id": 2, "message": {
        "message_id": 1, "date": 0, "from": {"id": sender, "is_bot": False, "first_name": "Ana"},
        "chat": {"id": 77, "type": chat_type}, "contact": contact}}, None)


def test_a_shared_contact_carries_its_owner_and_sender() -> None:
    event = to_input(_contact_update({"phone_number": "573001234567", "first_name": "Ana",
                                      "user_id": 77}))
    assert event is not None and event.kind == "contact"
    assert (event.phone, event.contact_user_id, event.sender_id) == ("573001234567", "77", "77")
    other = to_input(_contact_update({"phone_number": "+573001234567", "first_name": "Beto"}))
    assert other is not None and other.contact_user_id == "" and other.sender_id == "77"
    huge = to_input(_contact_update({"phone_number": "9" * 5000, "first_name": "X",
                                     "user_id": 77}))
    assert huge is not None and len(huge.phone) == 64
    group = to_input(_contact_update({"phone_number": "1", "first_name": "X"}, chat_type="group"))
    assert group is not None and group.kind == "unsupported"
