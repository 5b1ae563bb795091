"""The bot's notices (``bot.notify`` outbox: a consultation answered, a forum reply, a
declaration decided) over WhatsApp.

Inside the 24-hour window the notice goes as the usual free-form message. Outside it WhatsApp
only admits an approved template: with ``VALOR_WHATSAPP_NOTICE_TEMPLATE`` set, that template
goes with the notice's text as its one body parameter; without it, the row is marked failed
with a reason HR can read. Nothing is reported sent unless the Cloud API accepted it.

Cloud API errors become outbox outcomes (``notice_outcomes``): rate limits and temporary
failures are retried later; re-engagement required (131047) is a closed window; not on
WhatsApp (131026), a paused or disabled template (132015, 132016) and refused data fail with
their reason.
"""

from __future__ import annotations

import re
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import Reply
from bot.notify import Outcome
from bot.whatsapp import messages
from bot.whatsapp.channel import WhatsAppChannel, whatsapp_channel
from bot.whatsapp.client import WhatsAppError, WindowClosed
from bot.whatsapp.contacts import wa_id_of
from bot.whatsapp.formatting import to_whatsapp
from bot.whatsapp.models import WhatsAppNoticeMessage
from bot.whatsapp.notice_outcomes import outcome_of
from nucleo.db import after_commit
from nucleo.models import Person
from nucleo.services import Services

MAX_PARAMETER = 1000  # a template body is at most 1,024 characters, the parameter included
_SPACES = re.compile(r"\s+")


class WhatsAppNotices:
    """``bot.notify.Sender`` for people whose chat is WhatsApp."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def channel(self) -> WhatsAppChannel:
        channel = whatsapp_channel(self.services)
        assert channel is not None, "WhatsAppNotices needs the WhatsApp settings"
        return channel

    async def reaches(self, session: AsyncSession, person: Person) -> bool:
        """Whether the person has a WhatsApp number on record (``whatsapp_contacts``)."""
        return await wa_id_of(session, person.id) is not None

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        wa_id = await wa_id_of(session, person.id)
        if wa_id is None:
            return Outcome("failed", error=messages.NOTICE_NO_CHAT)
        channel = self.channel
        try:
            return Outcome("sent", message_ids=tuple(await channel.push(wa_id, reply)))
        except WindowClosed as exc:
            return await self._template(channel, wa_id, reply, exc.sent_before)
        except WhatsAppError as exc:
            if exc.kind == "reengagement":  # WhatsApp saw the window closed before our clock
                return await self._template(channel, wa_id, reply, exc.sent_before)
            return outcome_of(exc, None)

    async def _template(self, channel: WhatsAppChannel, wa_id: str, reply: Reply,
                        sent_before: tuple[str, ...]) -> Outcome:
        """The notice as the notices' template; ``sent_before``: its messages that went
        free-form before the window closed, kept with the template's so that a later status of
        any of them finds the row."""
        name = channel.settings.notice_template
        if name is None:
            return Outcome("failed", error=messages.NOTICE_WINDOW_CLOSED)
        try:
            sent = await channel.client.send_template(
                wa_id, name, channel.settings.notice_template_language,
                [{"type": "body", "parameters": [{"type": "text",
                                                  "text": template_text(reply.text_html)}]}])
        except WhatsAppError as exc:
            return outcome_of(exc, name)
        return Outcome("sent", message_ids=(*sent_before, sent.message_id))

    def remember(self, session: AsyncSession, row_id: int, message_ids: tuple[str, ...]) -> None:
        """Keep the notice's message ids: a later ``failed`` status marks the row failed; one
        that came before this commit was kept and is applied right after it."""
        wamids = tuple(dict.fromkeys(message_ids))
        for wamid in wamids:
            session.add(WhatsAppNoticeMessage(wamid=wamid, outbox_id=row_id))
        after_commit(session, partial(self.channel.notices.claim_early, wamids),
                     key=("whatsapp.claim_early", row_id))


def template_text(text_html: str) -> str:
    """The notice as a template parameter: WhatsApp's formatting, on one line (a parameter
    admits no line breaks, tabs or runs of spaces), cut to fit the template body."""
    text = _SPACES.sub(" ", to_whatsapp(text_html)).strip() or "—"
    if len(text) > MAX_PARAMETER:
        text = text[:MAX_PARAMETER - 1].rstrip() + "…"
    return text

