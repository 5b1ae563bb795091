"""The Bot API methods the double implements (all but getUpdates, which lives in the server).

Each handler takes the World (lock held by the caller) and the validated params, and returns the
``result`` or raises ``ApiError``. Sending methods count against the flood limits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from . import media
from .formatting import EntityError, render, utf16_len
from .records import SentMessage
from .settings_methods import (
    delete_my_commands,
    delete_webhook,
    get_file,
    get_my_commands,
    get_webhook_info,
    set_my_commands,
    set_webhook,
)
from .state import ApiError, World

Handler = Callable[[World, dict[str, Any]], Any]
MAX_TEXT, MAX_CAPTION = 4096, 1024
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def _formatted(p: dict[str, Any], key: str, entities_key: str, limit: int) -> tuple[str, list]:
    raw = p.get(key) or ""
    try:
        text, entities = render(raw, p.get("parse_mode"))
    except EntityError as exc:
        raise ApiError(400, str(exc)) from None
    if p.get(entities_key):
        entities = p[entities_key]
    if utf16_len(text) > limit:
        kind = "message" if key == "text" else "message caption"
        raise ApiError(400, f"Bad Request: {kind} is too long")
    return text, entities


def _inline_markup(p: dict[str, Any]) -> dict[str, Any] | None:
    markup = p.get("reply_markup")
    return markup if isinstance(markup, dict) and "inline_keyboard" in markup else None


def _send(world: World, p: dict[str, Any], method: str, body: dict[str, Any],
          media_body: Callable[[], dict[str, Any]] | None = None, **extra: Any) -> dict:
    """Check chat and flood limits, then build, record and return the bot's Message.

    ``media_body`` (the upload) runs after the flood check, so a 429 uploads nothing.
    """
    chat = world.target_chat(p["chat_id"])
    world.take_flood_token(chat)
    if media_body is not None:
        body = {**media_body(), **body}
    now = time.time()
    message = {"message_id": world.next_message_id(chat), "from": world.bot_user,
               "chat": chat.to_api(), "date": int(now), **body}
    if (markup := _inline_markup(p)) is not None:
        message["reply_markup"] = markup
    for key in ("photo", "document"):
        if key in body:
            extra[key] = body[key][-1]["file_id"] if key == "photo" else body[key]["file_id"]
    sent = SentMessage(chat.id, message["message_id"], method, parse_mode=p.get("parse_mode"),
                       reply_markup=p.get("reply_markup"), date=int(now), time=now,
                       api=message, **extra)
    world.record_sent(sent)
    return message


def send_message(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """sendMessage: text with optional parse_mode, entities and reply_markup."""
    world.target_chat(p["chat_id"])
    text, entities = _formatted(p, "text", "entities", MAX_TEXT)
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    body: dict[str, Any] = {"text": text}
    if entities:
        body["entities"] = entities
    return _send(world, p, "sendMessage", body, text=text, raw=p["text"])


def _caption_body(p: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    if p.get("caption") is None:
        return {}, None
    caption, entities = _formatted(p, "caption", "caption_entities", MAX_CAPTION)
    body: dict[str, Any] = {"caption": caption} if caption else {}
    if entities:
        body["caption_entities"] = entities
    return body, caption


def send_photo(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """sendPhoto: upload (counted in uploads_count) or reuse a file_id; optional caption."""
    world.target_chat(p["chat_id"])
    body, caption = _caption_body(p)
    return _send(world, p, "sendPhoto", body,
                 lambda: {"photo": media.photo_from_ref(world, p["photo"])},
                 caption=caption, raw=p.get("caption"))


def send_document(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """sendDocument: upload or reuse a document file_id; optional caption."""
    world.target_chat(p["chat_id"])
    body, caption = _caption_body(p)
    return _send(world, p, "sendDocument", body,
                 lambda: {"document": media.document_from_ref(world, p["document"])},
                 caption=caption, raw=p.get("caption"))


def _editable(world: World, p: dict[str, Any], verb: str) -> SentMessage:
    if "inline_message_id" in p:
        raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
    if "chat_id" not in p or "message_id" not in p:
        raise ApiError(400, "Bad Request: message identifier is not specified")
    chat = world.target_chat(p["chat_id"])
    sent = world.find_sent(chat.id, p["message_id"])
    if sent is None or sent.deleted:
        if (chat.id, p["message_id"]) in world.messages and verb == "edit":
            raise ApiError(400, "Bad Request: message can't be edited")
        raise ApiError(400, f"Bad Request: message to {verb} not found")
    return sent


def _apply_edit(world: World, sent: SentMessage, p: dict[str, Any], changes: dict) -> Any:
    new_markup = _inline_markup(p)
    unchanged = all(sent.api.get(k) == v for k, v in changes.items())
    if unchanged and sent.api.get("reply_markup") == new_markup:
        raise ApiError(400, NOT_MODIFIED)
    sent.api.update(changes)
    sent.api["edit_date"] = int(time.time())
    if new_markup is None:
        sent.api.pop("reply_markup", None)
    else:
        sent.api["reply_markup"] = new_markup
    sent.reply_markup = p.get("reply_markup")
    sent.edits += 1
    world.changed.notify_all()
    return sent.api


def edit_message_text(world: World, p: dict[str, Any]) -> Any:
    """editMessageText: replace text (and markup); identical content answers 'not modified'."""
    sent = _editable(world, p, "edit")
    if sent.text is None:
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    text, entities = _formatted(p, "text", "entities", MAX_TEXT)
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    changes: dict[str, Any] = {"text": text}
    if entities or "entities" in sent.api:
        changes["entities"] = entities
    result = _apply_edit(world, sent, p, changes)
    sent.text, sent.raw, sent.parse_mode = text, p["text"], p.get("parse_mode")
    return result


def edit_message_caption(world: World, p: dict[str, Any]) -> Any:
    """editMessageCaption: replace a media message's caption (and markup)."""
    sent = _editable(world, p, "edit")
    body, caption = _caption_body(p)
    changes = {"caption": body.get("caption")} if body else {}
    result = _apply_edit(world, sent, p, changes)
    if not body:
        sent.api.pop("caption", None)
    sent.caption, sent.raw = caption, p.get("caption")
    return result


def edit_message_reply_markup(world: World, p: dict[str, Any]) -> Any:
    """editMessageReplyMarkup: replace or remove the inline keyboard."""
    return _apply_edit(world, _editable(world, p, "edit"), p, {})


def delete_message(world: World, p: dict[str, Any]) -> bool:
    """deleteMessage: mark the message deleted (it stays in the record with deleted=True)."""
    chat = world.target_chat(p["chat_id"])
    key = (chat.id, p["message_id"])
    sent = world.find_sent(*key)
    if key not in world.messages or (sent is not None and sent.deleted):
        raise ApiError(400, "Bad Request: message to delete not found")
    del world.messages[key]
    if sent is not None:
        sent.deleted = True
        world.changed.notify_all()
    return True


def answer_callback_query(world: World, p: dict[str, Any]) -> bool:
    """answerCallbackQuery: allowed once per pushed callback query."""
    query_id = p["callback_query_id"]
    if query_id not in world.callback_queries or query_id in world.callback_answers:
        raise ApiError(400, "Bad Request: query is too old and response timeout expired or "
                            "query ID is invalid")
    world.callback_answers[query_id] = dict(p)
    world.changed.notify_all()
    return True


def send_chat_action(world: World, p: dict[str, Any]) -> bool:
    """sendChatAction: recorded in chat_actions."""
    chat = world.target_chat(p["chat_id"])
    world.chat_actions.append((chat.id, p["action"]))
    return True


HANDLERS: dict[str, Handler] = {
    "getMe": lambda world, p: world.bot_user,
    "logOut": lambda world, p: True,
    "close": lambda world, p: True,
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "getFile": get_file,
}
