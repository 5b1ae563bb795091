"""Telegram sender: python-telegram-bot's ``Bot`` (``base_url`` from the settings) behind the
shared rate limiter. A piece's image is uploaded once; its ``file_id`` serves everyone else."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from campañas import messages as msg
from campañas.audience import TELEGRAM
from campañas.senders.base import Departures, Outcome, OutgoingDelivery
from campañas.states import Verdict
from nucleo.ratelimit import Priority, TelegramRateLimiter, retry_after_seconds
from nucleo.settings import Settings

CONNECT_TIMEOUT = 10.0  # seconds; the other timeouts are 30 s


def base_urls(settings: Settings) -> tuple[str, str] | None:
    """``base_url`` and ``base_file_url`` for a local Bot API server or a test double."""
    if settings.telegram_base_url is None:
        return None
    base = str(settings.telegram_base_url).rstrip("/")
    file_base = base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file"
    return base, file_base


def make_bot(settings: Settings, *, pool_size: int = 32) -> Bot:
    """A Bot for sending, with a connection pool large enough for full-speed campaigns."""
    assert settings.telegram_token is not None
    request = HTTPXRequest(connection_pool_size=pool_size, connect_timeout=CONNECT_TIMEOUT,
                           read_timeout=30.0, write_timeout=30.0, pool_timeout=30.0)
    token = settings.telegram_token.get_secret_value()
    urls = base_urls(settings)
    if urls:
        return Bot(token, request=request, base_url=urls[0], base_file_url=urls[1])
    return Bot(token, request=request)


def keyboard(delivery: OutgoingDelivery) -> InlineKeyboardMarkup | None:
    """The piece's buttons (reactions, or an invitation's start button) in one row."""
    if not delivery.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                  for label, data in delivery.buttons]])


class TelegramSender:
    """Sends pieces as photos with caption and buttons (a text-only piece as a message);
    classifies every error."""

    channel = TELEGRAM

    def __init__(self, bot: Bot, data_dir: Path, limiter: TelegramRateLimiter | None) -> None:
        self.bot = bot
        self.data_dir = Path(data_dir)
        self.limiter = limiter
        self.uploads = 0
        self._file_ids: dict[int, str] = {}
        self._upload_locks: dict[int, asyncio.Lock] = {}
        self._images: dict[str, bytes] = {}
        self._ready = asyncio.Lock()
        self._initialized = False
        self._granted = Departures(limiter)  # slots whose request has not left yet

    async def _initialize(self) -> None:
        async with self._ready:
            if not self._initialized:
                await self.bot.initialize()
                self._initialized = True

    async def _image(self, relative: str) -> bytes:
        if relative not in self._images:
            self._images[relative] = await asyncio.to_thread((self.data_dir / relative).read_bytes)
        return self._images[relative]

    async def ready(self, delivery: OutgoingDelivery) -> None:
        """Wait for a send slot under Telegram's limits (global, per chat), after the bot's
        replies and notices (``Priority.CAMPAIGN``). The engine marks the row «enviando»
        between this slot and the request: the limiter counts the send from when it leaves
        (``_leave``), not from its slot."""
        await self._granted.take((delivery.delivery_id, delivery.chat_id), delivery.chat_id,
                                 Priority.CAMPAIGN)

    async def _leave(self, delivery: OutgoingDelivery) -> None:
        """The request is about to leave: its slot counts from now (``TelegramRateLimiter
        .depart``)."""
        await self._granted.leave((delivery.delivery_id, delivery.chat_id))

    async def send(self, delivery: OutgoingDelivery) -> Outcome:
        """Send one piece to ``delivery.chat_id``; upload the image only if no file_id yet."""
        if delivery.chat_id is None:
            return Outcome(Verdict.FAILED, error=msg.NO_TELEGRAM_CHAT)
        if not self._initialized:
            try:
                await self._initialize()
            except TelegramError as exc:
                return self._classify(exc, delivery)
        if not delivery.image_path:
            return await self._send_text(delivery)
        file_id = self._file_ids.get(delivery.piece_id) or delivery.file_id
        if file_id is not None:
            return await self._send(delivery, file_id)
        lock = self._upload_locks.setdefault(delivery.piece_id, asyncio.Lock())
        async with lock:
            file_id = self._file_ids.get(delivery.piece_id)
            if file_id is not None:
                return await self._send(delivery, file_id)
            data = await self._image(delivery.image_path)
            name = Path(delivery.image_path).name
            return await self._send(delivery, InputFile(data, filename=name))

    async def _send(self, delivery: OutgoingDelivery, photo: str | InputFile) -> Outcome:
        caption = (msg.CAPTION_PREFIX_TEST if delivery.test else "") + delivery.caption_html
        await self._leave(delivery)
        try:
            sent = await self.bot.send_photo(chat_id=self._chat(delivery), photo=photo,
                                             caption=caption, parse_mode=ParseMode.HTML,
                                             reply_markup=keyboard(delivery))
        except TelegramError as exc:
            if isinstance(exc, BadRequest) and "wrong file identifier" in exc.message.lower():
                self._file_ids.pop(delivery.piece_id, None)
            return self._classify(exc, delivery)
        if isinstance(photo, str):
            return Outcome(Verdict.SENT)
        self.uploads += 1
        new_id = sent.photo[-1].file_id if sent.photo else None
        if new_id:
            self._file_ids[delivery.piece_id] = new_id
        return Outcome(Verdict.SENT, file_id=new_id)

    async def _send_text(self, delivery: OutgoingDelivery) -> Outcome:
        text = (msg.CAPTION_PREFIX_TEST if delivery.test else "") + delivery.caption_html
        await self._leave(delivery)
        try:
            await self.bot.send_message(chat_id=self._chat(delivery), text=text,
                                        parse_mode=ParseMode.HTML, reply_markup=keyboard(delivery))
        except TelegramError as exc:
            return self._classify(exc, delivery)
        return Outcome(Verdict.SENT)

    @staticmethod
    def _chat(delivery: OutgoingDelivery) -> int:
        if delivery.chat_id is None:  # the audience only takes people with a chat
            raise ValueError(f"delivery {delivery.delivery_id} has no Telegram chat")
        return delivery.chat_id

    def _classify(self, exc: TelegramError, delivery: OutgoingDelivery) -> Outcome:
        """Map Telegram's answer to a verdict: 429 pauses the chat (or everyone, see
        ``TelegramRateLimiter.report_429``), 403 blocks, other 400s fail for good, 5xx and
        time-outs are retried."""
        text = f"{type(exc).__name__}: {exc.message}"[:300]
        if isinstance(exc, RetryAfter):
            seconds = retry_after_seconds(exc)
            if self.limiter is not None:
                self.limiter.report_429(seconds, delivery.chat_id)
            return Outcome(Verdict.RATE_LIMITED, retry_after=seconds, error=text)
        if isinstance(exc, Forbidden):
            return Outcome(Verdict.BLOCKED, error=text)
        if isinstance(exc, BadRequest) and "wrong file identifier" in exc.message.lower():
            return Outcome(Verdict.RETRY, error=text)
        if isinstance(exc, (BadRequest, ChatMigrated)):
            return Outcome(Verdict.FAILED, error=text)
        if isinstance(exc, (TimedOut, NetworkError, InvalidToken)):
            return Outcome(Verdict.RETRY, error=text)
        return Outcome(Verdict.RETRY, error=text)

    async def close(self) -> None:
        """Release the HTTP connections."""
        if self._initialized:
            await self.bot.shutdown()
            self._initialized = False
