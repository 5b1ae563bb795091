"""Send core replies with python-telegram-bot: HTML parse mode, inline keyboards, photos."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from pathlib import Path
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.ext import ExtBot

from bot.core.types import CONTACT_BUTTON, HIDE_KEYBOARD, Reply
from nucleo.ports import Button
from nucleo.ratelimit import Priority


def _read_if_file(path: Path) -> bytes | None:
    """The bytes of a local image, or None when ``image`` is a URL or a Telegram file id."""
    return path.read_bytes() if path.is_file() else None


Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def keyboard(rows: list[list[Button]]) -> Markup | None:
    """An inline keyboard for the button rows (None when there are none). A row with the
    «share my number» button makes it a one-time reply keyboard with only that button
    (Telegram cannot mix both kinds in one message)."""
    if not rows:
        return None
    contact = [b for row in rows for b in row if b.data == CONTACT_BUTTON]
    if contact:
        return ReplyKeyboardMarkup([[KeyboardButton(contact[0].label, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if any(b.data == HIDE_KEYBOARD for row in rows for b in row):
        return ReplyKeyboardRemove()
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data)
                                  for b in row] for row in rows if row])


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split a long HTML text on paragraph (then line) boundaries into sendable pieces."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in text.replace("\n\n", "\n\n\0").split("\0"):
        while len(part) > limit:
            cut = part.rfind("\n", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(part[:cut])
            part = part[cut:]
        if len(current) + len(part) > limit:
            pieces.append(current)
            current = ""
        current += part
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


class TelegramRenderer:
    """Turns replies into sendMessage/sendPhoto calls; remembers uploaded photos' file_ids."""

    def __init__(self, bot: ExtBot[Any], *, cache_size: int = 256) -> None:
        self.bot = bot
        self._file_ids: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    async def send(self, chat_id: int, replies: list[Reply]) -> None:
        """Send the replies in order."""
        for reply in replies:
            await self.send_one(chat_id, reply)

    async def send_one(self, chat_id: int, reply: Reply,
                       priority: Priority = Priority.REPLY) -> Message:
        """Send one reply: a photo (caption if it fits) and/or the text with its keyboard, each
        request taking its slot from the process's limiter at ``priority``."""
        markup = keyboard(reply.buttons)
        text = reply.text_html
        if reply.image:
            fits = len(text) <= MessageLimit.CAPTION_LENGTH
            sent = await self._photo(chat_id, reply.image, text if fits else None,
                                     markup if fits else None, priority)
            if fits:
                return sent
        pieces = split_text(text)
        last: Message | None = None
        for index, piece in enumerate(pieces):
            last = await self.bot.send_message(
                chat_id, piece, parse_mode=ParseMode.HTML,
                reply_markup=markup if index == len(pieces) - 1 else None,
                link_preview_options=None, rate_limit_args=priority)
        assert last is not None
        return last

    async def _photo(self, chat_id: int, image: str, caption: str | None,
                     markup: Markup | None, priority: Priority) -> Message:
        file_id = self._file_ids.get(image)
        if file_id is not None:
            return await self.bot.send_photo(chat_id, file_id, caption=caption,
                                             parse_mode=ParseMode.HTML, reply_markup=markup,
                                             rate_limit_args=priority)
        content = await asyncio.to_thread(_read_if_file, Path(image))
        if content is None:
            return await self.bot.send_photo(chat_id, image, caption=caption,
                                             parse_mode=ParseMode.HTML, reply_markup=markup,
                                             rate_limit_args=priority)
        sent = await self.bot.send_photo(chat_id, content, caption=caption, filename=Path(image).name,
                                         parse_mode=ParseMode.HTML, reply_markup=markup,
                                         rate_limit_args=priority)
        if sent.photo:
            self._file_ids[image] = sent.photo[-1].file_id
            while len(self._file_ids) > self._cache_size:
                self._file_ids.popitem(last=False)
        return sent
