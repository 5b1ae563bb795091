"""Glue between the Cloud API and the dialogue core: notifications in, replies out.

Each message records the 24-hour window, links the chat's number to its registered person
(``contacts``, for the bot's notices), runs through the core once (its wamid is the delivery
key, so a replayed webhook is ignored) and its replies go out through the client, which refuses
free-form messages outside the window. Statuses are counted, never answered, and handed to
the ``WHATSAPP_STATUSES`` listener; one that cannot be recorded never fails the notification
(Meta would send it all again).

The chat's replies go out with ``biz_opaque_callback_data`` set to ``UNTRACKED``, which Meta
echoes in their statuses: nobody tracks a reply's delivery, so those statuses are dropped
before any database work (no lookup, nothing kept). A status without that mark (a campaign
piece, a notice, a message sent before the mark existed) goes the usual way.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from bot.core.engine import DialogueCore
from bot.core.types import Reply
from bot.service import dialogue_core
from bot.whatsapp.client import WhatsAppClient, WhatsAppError, WindowClosed
from bot.whatsapp.contacts import Contacts
from bot.whatsapp.notice_status import NoticeStatuses
from bot.whatsapp.render import render
from bot.whatsapp.schemas import Message, Value
from bot.whatsapp.settings import WhatsAppSettings, whatsapp_settings
from bot.whatsapp.translate import to_input
from bot.whatsapp.window import ServiceWindow
from nucleo.ports import WHATSAPP_STATUSES, MessageStatus, is_status_kind
from nucleo.services import Key, Services
from nucleo.whatsapp_kept import keep

log = logging.getLogger(__name__)
WHATSAPP_CHANNEL: Key[WhatsAppChannel] = Key("whatsapp_channel")
NUMBER_CHANGED = frozenset({"user_changed_number", "customer_changed_number"})  # the latter: v11
UNTRACKED = "chat"  # ``biz_opaque_callback_data`` of a reply whose statuses nobody records


@dataclass
class Summary:
    """What one notification carried: messages handled, statuses seen, entries skipped."""

    messages: int = 0
    statuses: int = 0
    skipped: int = 0


class WhatsAppChannel:
    """The WhatsApp channel of one business phone number."""

    def __init__(self, services: Services, settings: WhatsAppSettings, core: DialogueCore, *,
                 client: WhatsAppClient | None = None, cache_size: int = 256) -> None:
        self.services = services
        self.settings = settings
        self.core = core
        self.window = ServiceWindow(services.db, core.keys, services.clock)
        self.contacts = Contacts(services.db, core.keys, services.clock)
        self.notices = NoticeStatuses(services.db, lambda: self.settings.notice_template,
                                      self.window)
        self.client = client or WhatsAppClient(settings, self.window.is_open)
        self._media: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    async def process(self, values: list[Value]) -> Summary:
        """Handle every message of a notification's ``messages`` changes addressed to this
        phone number (``Notification.values()``)."""
        summary = Summary()
        for value in values:
            if value.metadata.phone_number_id != self.settings.phone_number_id:
                summary.skipped += 1
                continue
            names = {c.wa_id: c.profile.name if c.profile else None for c in value.contacts}
            for message in value.messages:
                await self._message(message, names.get(message.from_))
                summary.messages += 1
            summary.statuses += len(value.statuses)
            for status in value.statuses:
                if status.status == "failed":
                    codes = [e.code for e in status.errors]
                    log.info("whatsapp reported a failed delivery (codes %s)", codes)
            await self._statuses(value)
        return summary

    async def _statuses(self, value: Value) -> None:
        """Hand the statuses of messages the service sent to whoever listens (campaigns) and to
        the bot's notices; each applies those of its own messages. A status neither knows may
        be of a message whose send is still being recorded: it is kept
        (``nucleo.whatsapp_kept``: the recording takes it) and both look again, in case the
        recording committed before the keeping (one of the two always sees the other)."""
        if not value.statuses:
            return
        now = self.services.clock()
        statuses = [MessageStatus(s.id, s.status, _time_of(s.timestamp) or now,
                                  tuple(e.code for e in s.errors if e.code is not None))
                    for s in value.statuses if is_status_kind(s.status)
                    and s.biz_opaque_callback_data != UNTRACKED]
        if not statuses:
            return
        try:
            unknown = await self._apply(statuses)
            if unknown:
                await keep(self.services.db, unknown, now)
                await self._apply(unknown)
        except Exception as exc:  # Meta would resend the whole notification, messages too
            log.warning("whatsapp statuses not recorded: %d lost (%s)", len(statuses),
                        type(exc).__name__)

    async def _apply(self, statuses: list[MessageStatus]) -> list[MessageStatus]:
        """Apply the statuses of campaign deliveries, then of notices; the others come back."""
        listener = self.services.get(WHATSAPP_STATUSES)
        known = await listener.record(statuses) if listener is not None else frozenset()
        rest = [s for s in statuses if s.message_id not in known]
        if rest:
            known = await self.notices.record(rest)
            rest = [s for s in rest if s.message_id not in known]
        return rest

    async def _message(self, message: Message, name: str | None) -> None:
        if message.type == "system":  # WhatsApp's own notice: the person wrote nothing
            await self._system(message)
            return
        await self.window.record(message.from_, _sent_at(message) or self.services.clock())
        event = to_input(message, name)
        if event is None:
            return
        replies = await self.core.handle(event)
        await self.deliver(message.from_, replies)
        await self.contacts.sync(message.from_)

    async def _system(self, message: Message) -> None:
        """``user_changed_number``: the old number leaves the person (``Contacts``); other
        system notices (``user_changed_user_id``: a business-scoped id the service does not
        use; ``customer_identity_changed``) need nothing. None is answered."""
        kind = message.system.type if message.system is not None else None
        if kind not in NUMBER_CHANGED or message.system is None:
            log.info("whatsapp system notice ignored (%s)", str(kind)[:40])
            return
        new = message.system.new_number()
        for _ in range(2):  # the new number linked meanwhile: look again, once
            try:
                moved = await self.contacts.number_changed(message.from_, new)
            except IntegrityError:
                continue
            log.info("whatsapp: a user changed number (person moved: %s)", moved)
            return
        # raced twice: left as it was (no 500 for Meta to retry)
        log.warning("whatsapp: a number change conflicted twice; not applied")

    async def deliver(self, wa_id: str, replies: list[Reply]) -> int:
        """Send replies in order; stop at the first refusal. Returns how many messages went."""
        sent = 0
        for reply in replies:
            try:
                sent += len(await self.push(wa_id, reply, tracked=False))
            except WindowClosed:
                log.info("whatsapp reply not sent: the 24-hour window is closed")
                return sent
            except WhatsAppError as exc:
                log.warning("whatsapp reply failed: %s (code %s)", exc.kind, exc.code)
                return sent
        return sent

    async def push(self, wa_id: str, reply: Reply, *, tracked: bool = True) -> list[str]:
        """Send one reply as free-form messages (it may take several: image, list pages);
        raises ``WindowClosed`` or ``WhatsAppError``, with the ids of the messages that went
        before it in ``sent_before``. Returns the ids (``wamid``) of the messages that went.
        ``tracked=False`` marks them ``UNTRACKED``: their statuses are dropped on arrival."""
        media_id = await self._media_id(reply.image) if reply.image else None
        mark = {} if tracked else {"biz_opaque_callback_data": UNTRACKED}
        sent: list[str] = []
        try:
            for item in render(reply, media_id):
                sent.append((await self.client.send(wa_id, {**item, **mark})).message_id)
        except WhatsAppError as exc:
            exc.sent_before = tuple(sent)
            raise
        return sent

    async def _media_id(self, image: str) -> str | None:
        """Upload a local image once and reuse its media id; None if it cannot be sent."""
        cached = self._media.get(image)
        if cached is not None:
            self._media.move_to_end(image)
            return cached
        path = Path(image)
        if not await asyncio.to_thread(path.is_file):
            return None
        media_id = await self.client.upload_media(path)
        self._media[image] = media_id
        while len(self._media) > self._cache_size:
            self._media.popitem(last=False)
        return media_id

    async def aclose(self) -> None:
        await self.client.aclose()


def _sent_at(message: Message) -> datetime | None:
    return _time_of(message.timestamp)


def _time_of(timestamp: str | None) -> datetime | None:
    """A webhook's Unix timestamp as an aware datetime (None when missing or absurd)."""
    if timestamp and timestamp.isdigit():
        try:
            return datetime.fromtimestamp(int(timestamp), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def whatsapp_channel(services: Services) -> WhatsAppChannel | None:
    """The service's WhatsApp channel (built on first use), or None when it is not configured."""
    channel = services.get(WHATSAPP_CHANNEL)
    if channel is None:
        settings = whatsapp_settings(services)
        if not settings.enabled:
            return None
        channel = services.provide(WHATSAPP_CHANNEL, WhatsAppChannel(
            services, settings, dialogue_core(services)))
    return channel


class WhatsAppComponent:
    """Closes the channel's HTTP client when the service stops (nothing to start: the
    webhook route feeds the channel)."""

    name = "whatsapp"

    def __init__(self, services: Services) -> None:
        self.services = services

    async def start(self) -> None:
        whatsapp_channel(services=self.services)

    async def stop(self) -> None:
        channel = self.services.extras.pop(WHATSAPP_CHANNEL, None)
        if channel is not None:
            await channel.aclose()
