"""Translate inbound WhatsApp messages into dialogue-core inputs (no business rules here)."""

from __future__ import annotations

import hashlib

from bot.core.types import WHATSAPP, Input, PersonRef
from bot.whatsapp.schemas import Message

MEDIA_KINDS = {"image": "photo", "sticker": "sticker", "audio": "voice", "video": "video",
               "document": "document", "location": "location", "contacts": "contact",
               "reaction": "reaction"}


def to_input(message: Message, name: str | None = None) -> Input | None:
    """The core input for a message; None for what needs no answer (a reaction, a system
    notice). Replays are recognised by the message id."""
    ref = PersonRef(WHATSAPP, message.from_, name)
    event: Input | None
    if message.type == "text" and message.text is not None:
        event = Input.from_text(ref, message.text.body)
    elif message.type == "interactive" and message.interactive is not None:
        tapped = message.interactive.button_reply or message.interactive.list_reply
        event = Input.button(ref, tapped.id) if tapped else Input.unsupported(ref, "other")
    elif message.type == "button" and message.button is not None and message.button.payload:
        event = Input.button(ref, message.button.payload)
    elif message.type in ("reaction", "system", "request_welcome"):
        event = None
    else:
        event = Input.unsupported(ref, MEDIA_KINDS.get(message.type, "other"))
    return event.once(delivery_key(message.id)) if event is not None else None


def delivery_key(message_id: str) -> str:
    """The processed-input key of a message (a digest: wamids are long and opaque)."""
    return "whatsapp:" + hashlib.sha256(message_id.encode()).hexdigest()[:48]
