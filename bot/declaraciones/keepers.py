"""The register's keepers and how the daily digest reaches them (#18).

The keepers are the active staff accounts whose role may decide declarations (the roles of the
page ``declaraciones.decidir``: a role given that page joins without touching this module). Each
gets the digest in their linked Telegram chat, and by e-mail (their account's address, plain
text) when they have no chat the bot can reach — or also when ``digest_email`` is ``todos``. A
Telegram send that fails is tried by e-mail when the service has SMTP. Every failed send is
audited (``declaraciones.resumen.fallido``: the account, the channel, the day; never an address
or a chat id) and logged without personal data; a digest no keeper could be addressed or no
send reached is audited too (``declaraciones.resumen.sin_entregar``). Sent after the commit
of the run that decided it (a crash may lose one, never double it)."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas.reminders import StaffSender
from bot.declaraciones import messages
from nucleo import audit, mail
from nucleo.db import commit
from nucleo.models import StaffAccount
from nucleo.settings import Settings
from nucleo.web.access import PAGES

log = logging.getLogger(__name__)
DECIDING_ROLES = tuple(sorted(role.value for role in PAGES["declaraciones.decidir"].roles))
EmailMode = Literal["sin_chat", "todos"]
TELEGRAM, EMAIL = "telegram", "correo"
FAILED_AUDIT = "declaraciones.resumen.fallido"
UNDELIVERED_AUDIT = "declaraciones.resumen.sin_entregar"


@dataclass(frozen=True)
class Keeper:
    id: int
    chat_id: int | None
    email: str


@dataclass
class Delivery:
    """What one digest did: the sends each channel took, and the failed ones."""

    chats: int = 0
    emails: int = 0
    failed: int = 0


async def keepers(session: AsyncSession) -> list[Keeper]:
    """The active accounts that keep the register (deciding roles), in id order."""
    rows = await session.execute(select(
        StaffAccount.id, StaffAccount.telegram_chat_id, StaffAccount.email).where(
        StaffAccount.active.is_(True), StaffAccount.role.in_(DECIDING_ROLES))
        .order_by(StaffAccount.id))
    return [Keeper(id_, chat, email) for id_, chat, email in rows]


def email_on(settings: Settings | None) -> bool:
    return settings is not None and settings.mail_ready


def channels(keeper: Keeper, *, sender: StaffSender | None, settings: Settings | None,
             mode: EmailMode) -> tuple[str, ...]:
    """How this keeper is addressed today (empty: unreachable)."""
    chat = sender is not None and keeper.chat_id is not None
    by_mail = email_on(settings) and bool(keeper.email) and (not chat or mode == "todos")
    return (TELEGRAM,) * chat + (EMAIL,) * by_mail


def plain(text_html: str) -> str:
    """The digest as an e-mail's plain text: no tags, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", text_html))


async def deliver(session: AsyncSession, found: list[Keeper], text_html: str, *, day: date,
                  sender: StaffSender | None, settings: Settings | None,
                  mode: EmailMode) -> Delivery:
    """Send the digest to each keeper (after the run's commit); audit the failures here."""
    done = Delivery()
    failures: list[tuple[int, str]] = []
    subject = messages.DIGEST_EMAIL_SUBJECT.format(day=messages.long_day(day))
    for keeper in found:
        ways = channels(keeper, sender=sender, settings=settings, mode=mode)
        if TELEGRAM in ways:
            assert sender is not None and keeper.chat_id is not None
            if await sender.send(keeper.chat_id, text_html):
                done.chats += 1
            else:
                failures.append((keeper.id, TELEGRAM))
                if EMAIL not in ways and email_on(settings) and keeper.email:
                    ways = (*ways, EMAIL)  # the chat failed: the mail, if there is one
        if EMAIL in ways:
            assert settings is not None
            if await _email(settings, keeper.email, subject, text_html):
                done.emails += 1
            else:
                failures.append((keeper.id, EMAIL))
    done.failed = len(failures)
    for keeper_id, channel in failures:
        log.warning("declarations digest: a send by %s failed (staff account %d)", channel,
                    keeper_id)
        audit.record(session, None, FAILED_AUDIT, target_type="staff", target_id=keeper_id,
                     details={"canal": channel, "dia": day.isoformat()})
    if not done.chats and not done.emails:
        log.warning("declarations digest of %s reached no keeper (%d failed sends)", day,
                    done.failed)
        audit.record(session, None, UNDELIVERED_AUDIT, target_type="resumen",
                     target_id=day.isoformat(), details={"fallidos": done.failed,
                                                         "destinatarios": len(found)})
    if failures or not (done.chats or done.emails):
        await commit(session)
    return done


async def _email(settings: Settings, to: str, subject: str, text_html: str) -> bool:
    try:
        return await mail.send(settings, to=to, subject=subject, text=messages.DIGEST_EMAIL.format(
            entity=settings.entity_name, digest=plain(text_html)))
    except Exception as exc:  # never the message: it may carry the address
        log.warning("declarations digest e-mail failed (%s)", type(exc).__name__)
        return False
