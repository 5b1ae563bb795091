"""Core replies as WhatsApp Cloud API message objects.

Up to three buttons become reply buttons; more become a list (ten rows per list message);
text goes through ``formatting.to_whatsapp`` and is cut at paragraph boundaries to the API's
limits. An image is sent by media id with the text as caption when it fits.
"""

from __future__ import annotations

from typing import Any

from bot.core.types import Reply
from bot.telegram.render import split_text
from bot.whatsapp import messages
from bot.whatsapp.formatting import to_whatsapp
from nucleo.ports import Button

MAX_TEXT = 4096
MAX_BUTTON_BODY = 1024
MAX_LIST_BODY = 4096
MAX_CAPTION = 1024
MAX_BUTTONS = 3
MAX_ROWS = 10
BUTTON_TITLE = 20
ROW_TITLE = 24
ROW_DESCRIPTION = 72
LIST_LABEL = messages.LIST_LABEL
LIST_MORE = messages.LIST_MORE
CHOOSE = messages.CHOOSE

Message = dict[str, Any]


def clip(text: str, size: int) -> str:
    """Shorten a title to the API's limit (by characters, as WhatsApp counts them)."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _unique(titles: list[str], size: int) -> list[str]:
    """WhatsApp refuses two buttons with the same title: number the repeats."""
    seen: dict[str, int] = {}
    out = []
    for title in titles:
        count = seen.get(title, 0)
        seen[title] = count + 1
        out.append(title if count == 0 else clip(title, size - 3) + f" {count + 1}")
    return out


def text_messages(text: str, limit: int = MAX_TEXT) -> list[Message]:
    return [{"type": "text", "text": {"body": piece, "preview_url": False}}
            for piece in split_text(text, limit)]


def button_message(body: str, buttons: list[Button]) -> Message:
    titles = _unique([clip(b.label, BUTTON_TITLE) for b in buttons], BUTTON_TITLE)
    return {"type": "interactive", "interactive": {
        "type": "button", "body": {"text": body},
        "action": {"buttons": [{"type": "reply", "reply": {"id": b.data[:256], "title": t}}
                               for b, t in zip(buttons, titles, strict=True)]}}}


def list_messages(body: str, buttons: list[Button]) -> list[Message]:
    pages = [buttons[i:i + MAX_ROWS] for i in range(0, len(buttons), MAX_ROWS)]
    out = []
    for number, page in enumerate(pages, start=1):
        titles = _unique([clip(b.label, ROW_TITLE) for b in page], ROW_TITLE)
        rows = []
        for button, title in zip(page, titles, strict=True):
            row = {"id": button.data[:200], "title": title}
            full = " ".join(button.label.split())
            if full != title:
                row["description"] = clip(full, ROW_DESCRIPTION)
            rows.append(row)
        text = body if number == 1 else LIST_MORE.format(page=number, pages=len(pages))
        out.append({"type": "interactive", "interactive": {
            "type": "list", "body": {"text": text},
            "action": {"button": LIST_LABEL, "sections": [{"title": clip(LIST_LABEL, 24),
                                                           "rows": rows}]}}})
    return out


def render(reply: Reply, media_id: str | None = None) -> list[Message]:
    """The messages that carry one reply, in order."""
    text = to_whatsapp(reply.text_html)
    buttons = [b for row in reply.buttons for b in row]
    out: list[Message] = []
    if media_id is not None:
        image: dict[str, Any] = {"id": media_id}
        if text and not buttons and len(text) <= MAX_CAPTION:
            image["caption"] = text
            text = ""
        out.append({"type": "image", "image": image})
    if not buttons:
        return out + (text_messages(text) if text else [])
    limit = MAX_BUTTON_BODY if len(buttons) <= MAX_BUTTONS else MAX_LIST_BODY
    pieces = split_text(text, limit) if text else []
    for piece in pieces[:-1]:
        out += text_messages(piece)
    body = pieces[-1] if pieces else CHOOSE
    if len(buttons) <= MAX_BUTTONS:
        out.append(button_message(body, buttons))
    else:
        out += list_messages(body, buttons)
    return out
