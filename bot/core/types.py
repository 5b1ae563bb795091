"""What goes into the dialogue core and what comes out, independent of any channel."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from nucleo.ports import Button

TELEGRAM = "telegram"
WEB = "web"
WHATSAPP = "whatsapp"
CHANNELS = (TELEGRAM, WEB, WHATSAPP)
MAX_TEXT = 4096

InputKind = Literal["text", "command", "button", "contact", "unsupported"]
# The data of a button that asks for the person's own phone number (Telegram's request_contact,
# a reply-keyboard button). Only the Telegram renderer knows it: flows offer it on Telegram only.
CONTACT_BUTTON = "@contacto"
# A "button" that hides that reply keyboard again (Telegram's ReplyKeyboardRemove); never shown.
HIDE_KEYBOARD = "@ocultar"


@dataclass(frozen=True)
class PersonRef:
    """Who wrote: the channel and the channel's user id (never stored in clear)."""

    channel: str
    user_id: str
    display_name: str | None = None


@dataclass(frozen=True)
class Input:
    """One thing a person did: typed text, a command, a button tap or unsupported media."""

    ref: PersonRef
    kind: InputKind
    text: str = ""
    command: str = ""
    args: str = ""
    data: str = ""
    media: str | None = None
    delivery_id: str | None = None
    # A shared contact: its phone number as sent, whose contact it is and who sent it (the
    # channel's user ids; "" when the channel does not say).
    phone: str = ""
    contact_user_id: str = ""
    sender_id: str = ""

    def once(self, delivery_id: str) -> Input:
        """The same input marked with a delivery id: a replay of it is ignored."""
        return replace(self, delivery_id=delivery_id)

    @classmethod
    def from_text(cls, ref: PersonRef, text: str) -> Input:
        """Build a text input, or a command input when the text starts with "/"."""
        stripped = text.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            head, _, args = stripped[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            if name.isascii() and name.replace("_", "").isalnum():
                return cls(ref=ref, kind="command", text=text, command=name, args=args.strip())
        return cls(ref=ref, kind="text", text=text)

    @classmethod
    def button(cls, ref: PersonRef, data: str) -> Input:
        """Build a button-tap input."""
        return cls(ref=ref, kind="button", data=data)

    @classmethod
    def contact(cls, ref: PersonRef, phone: str, contact_user_id: str,
                sender_id: str) -> Input:
        """Build a shared-contact input (Telegram's «Compartir mi número»)."""
        return cls(ref=ref, kind="contact", phone=phone[:64], contact_user_id=contact_user_id,
                   sender_id=sender_id)

    @classmethod
    def unsupported(cls, ref: PersonRef, media: str) -> Input:
        """Build an input for media the bot does not understand (sticker, photo, voice...)."""
        return cls(ref=ref, kind="unsupported", media=media)


@dataclass(frozen=True)
class Reply:
    """One message from the bot: HTML text, button rows and an optional image file."""

    text_html: str
    buttons: list[list[Button]] = field(default_factory=list)
    image: str | None = None


def buttons_to_json(rows: list[list[Button]]) -> list[list[dict[str, str]]]:
    """Serialise button rows for a JSON column or response."""
    return [[{"label": b.label, "data": b.data} for b in row] for row in rows]


def buttons_from_json(rows: list[list[dict[str, str]]] | None) -> list[list[Button]]:
    """Read button rows back from JSON."""
    return [[Button(label=str(b["label"]), data=str(b["data"])) for b in row] for row in rows or []]
