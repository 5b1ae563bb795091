"""Translate Telegram updates into dialogue-core inputs (no business rules here)."""

from __future__ import annotations

from telegram import Chat, Message, Update

from bot.core.types import TELEGRAM, Input, PersonRef

MEDIA_KINDS = ("sticker", "photo", "voice", "video_note", "video", "audio", "animation",
               "document", "location", "venue", "contact", "poll", "dice", "story")
EDITED = "edited"
GROUP = "group"


def person_ref(chat: Chat, message: Message | None = None,
               update: Update | None = None) -> PersonRef:
    """The core's reference for a chat (the first name is used only to greet)."""
    user = update.effective_user if update is not None else None
    if user is None and message is not None:
        user = message.from_user
    name = user.first_name if user is not None and chat.type == Chat.PRIVATE else None
    return PersonRef(TELEGRAM, str(chat.id), name)


def media_kind(message: Message) -> str:
    """What a non-text message carries ("sticker", "photo", ...; "other" if unknown)."""
    return next((kind for kind in MEDIA_KINDS if getattr(message, kind, None)), "other")


def is_service_message(message: Message) -> bool:
    """Members joining, titles, pins...: nothing a person said to the bot."""
    return message.text is None and media_kind(message) == "other" and message.caption is None


def to_input(update: Update) -> Input | None:
    """The core input for a message, edit or button tap; None for what needs no answer."""
    if update.callback_query is not None:
        query = update.callback_query
        chat = query.message.chat if query.message is not None else None
        if chat is None or chat.type != Chat.PRIVATE:
            return None
        ref = person_ref(chat, update=update)
        return Input.button(ref, query.data) if query.data else Input.unsupported(ref, "other")
    if update.edited_message is not None:
        edited = update.edited_message
        if getattr(edited, "chat", None) is None or edited.chat.type != Chat.PRIVATE:
            return None
        return Input.unsupported(person_ref(edited.chat, edited), EDITED)
    message = update.message
    if message is None or getattr(message, "chat", None) is None:  # malformed: nobody to answer
        return None
    if message.chat.type != Chat.PRIVATE:
        if is_service_message(message):
            return None
        return Input.unsupported(PersonRef(TELEGRAM, str(message.chat.id)), GROUP)
    ref = person_ref(message.chat, message)
    if message.text is not None:
        return Input.from_text(ref, message.text)
    if message.contact is not None:
        contact = message.contact
        sender = message.from_user.id if message.from_user is not None else None
        return Input.contact(ref, contact.phone_number or "",
                             "" if contact.user_id is None else str(contact.user_id),
                             "" if sender is None else str(sender))
    return Input.unsupported(ref, media_kind(message))
