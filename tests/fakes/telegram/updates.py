"""Build the updates a user's actions produce (message, callback_query, my_chat_member)."""

from __future__ import annotations

import re
import time
from typing import Any

from .state import World

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")
_MEMBER_STATUSES = {"member", "kicked", "left"}


def user_api(user_id: int, first_name: str, *, last_name: str | None = None,
             username: str | None = None, language_code: str | None = "es") -> dict[str, Any]:
    """Return a Bot API ``User`` for a human."""
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def default_user_id(chat_id: int) -> int:
    """The sender of a pushed message: the chat itself if private, else a fixed member."""
    return chat_id if chat_id > 0 else 7_000_000_001


def command_entities(text: str) -> list[dict[str, Any]]:
    """Telegram marks a leading /command (optionally @bot) with a bot_command entity."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": len(match[0])}]


def message_update(world: World, chat_id: int, text: str, user: dict[str, Any],
                   chat_type: str) -> dict[str, Any]:
    """Record a message from ``user`` in ``chat_id`` and return its update (no update_id)."""
    details: dict[str, Any] = {"type": chat_type}
    if chat_type == "private":
        details.update(first_name=user["first_name"], last_name=user.get("last_name"),
                       username=user.get("username"))
    chat = world.ensure_chat(chat_id, **details)
    message: dict[str, Any] = {"message_id": world.next_message_id(chat), "from": user,
                               "chat": chat.to_api(), "date": int(time.time()), "text": text}
    if entities := command_entities(text):
        message["entities"] = entities
    world.messages[(chat_id, message["message_id"])] = message
    return {"message": message}


def contact_update(world: World, chat_id: int, user: dict[str, Any], phone_number: str,
                   first_name: str, contact_user_id: int | None) -> dict[str, Any]:
    """Record a message sharing a ``Contact`` (phone_number, first_name, optional user_id, as
    the Bot API spec types it) and return its update (no update_id)."""
    chat = world.ensure_chat(chat_id, type="private", first_name=user["first_name"])
    contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    message: dict[str, Any] = {"message_id": world.next_message_id(chat), "from": user,
                               "chat": chat.to_api(), "date": int(time.time()),
                               "contact": contact}
    world.messages[(chat_id, message["message_id"])] = message
    return {"message": message}


def callback_update(world: World, chat_id: int, data: str, user: dict[str, Any],
                    message_id: int | None, check_buttons: bool) -> dict[str, Any]:
    """Build a callback_query pressing a button of a message the bot sent."""
    candidates = [m for m in world.sent.get(chat_id, []) if not m.deleted]
    if message_id is not None:
        candidates = [m for m in candidates if m.message_id == message_id]
    else:
        candidates = [m for m in candidates if m.buttons] or candidates
    if not candidates:
        raise LookupError(f"the bot sent no message {message_id or ''} to chat {chat_id}")
    sent = candidates[-1]
    offered = {b.get("callback_data") for row in sent.buttons for b in row}
    if check_buttons and data not in offered:
        raise LookupError(f"message {sent.message_id} has no button with callback_data {data!r}"
                          f" (buttons: {sorted(d for d in offered if d)})")
    world.file_serial += 1
    query_id = f"{chat_id}{world.file_serial:010d}"
    query = {"id": query_id, "from": user, "message": dict(sent.api),
             "chat_instance": str(abs(chat_id) * 7919 + 104729), "data": data}
    world.callback_queries[query_id] = query
    return {"callback_query": query}


def my_chat_member_update(world: World, chat_id: int, status: str,
                          user: dict[str, Any]) -> dict[str, Any]:
    """Build the my_chat_member update for the bot being blocked/kicked/restored in a chat."""
    if status not in _MEMBER_STATUSES:
        raise ValueError(f"status must be one of {sorted(_MEMBER_STATUSES)}")
    chat = world.ensure_chat(chat_id)
    old = "member" if status != "member" else ("kicked" if chat.type == "private" else "left")
    chat.blocked = status != "member"

    def member(kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {"status": kind, "user": world.bot_user}
        if kind == "kicked":
            out["until_date"] = 0
        return out

    return {"my_chat_member": {"chat": chat.to_api(), "from": user, "date": int(time.time()),
                               "old_chat_member": member(old), "new_chat_member": member(status)}}
