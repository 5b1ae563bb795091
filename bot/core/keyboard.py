"""Telegram's reply keyboard («Compartir mi número») stays on the person's screen until a
message removes it: a flow that shows it marks its data with ``KEYBOARD_SHOWN``, and when a
transition leaves that state (the flow moves on, ends, is cancelled or replaced by a command)
the core makes the first reply without buttons carry ``HIDE_KEYBOARD`` (Telegram's
ReplyKeyboardRemove). When every reply has inline buttons (which Telegram cannot send with a
removal in one message), a short reply that only removes it goes first."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot import messages
from bot.core.types import HIDE_KEYBOARD, Reply
from nucleo.ports import Button

KEYBOARD_SHOWN = "kb"  # flow data: the reply keyboard is on the person's screen
HIDE = [[Button("-", HIDE_KEYBOARD)]]


def keyboard_shown(data: dict[str, Any] | None) -> bool:
    return bool((data or {}).get(KEYBOARD_SHOWN))


def settle(replies: list[Reply], *, before: bool, after: bool) -> list[Reply]:
    """The replies, with the reply keyboard removed if it was shown ``before`` the transition
    and is not ``after`` it. Nothing to say, nothing to remove with."""
    if not before or after or not replies:
        return replies
    if any(b.data == HIDE_KEYBOARD for reply in replies for row in reply.buttons for b in row):
        return replies
    out = list(replies)
    for index, reply in enumerate(out):
        if not reply.buttons:
            out[index] = replace(reply, buttons=HIDE)
            return out
    return [Reply(messages.KEYBOARD_CLOSED, HIDE), *out]
