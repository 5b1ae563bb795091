"""A staff member links their own Telegram chat for campaign test sends: the console's
«Vincular mi Telegram» link opens the bot with /start t<token>; the link works for one chat,
expires, and is refused forged, for another purpose or on the web chat."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot import messages as bot_messages
from bot.core.types import TELEGRAM, WEB, PersonRef
from bot.messages import escape
from nucleo import messages as core_messages
from nucleo.directory.models import StaffLinkUse
from nucleo.directory.start_link import department_start
from nucleo.models import AuditEntry, Person, StaffAccount
from nucleo.services import Services
from nucleo.signing import Signer
from nucleo.staff import telegram_link_parameter
from tests.bot.helpers import Chat


async def staff_account(services: Services) -> StaffAccount:
    async with services.db.session() as session:
        account = StaffAccount(email="th@alcaldia.gov.co", full_name="Talento Humano",
                               role="talento_humano", password_hash="x")
        session.add(account)
        await session.commit()
        return account


async def reload(services: Services, staff_id: int) -> StaffAccount:
    async with services.db.session() as session:
        account = await session.get(StaffAccount, staff_id)
        assert account is not None
        return account


async def test_the_link_stores_this_chat_once_and_nothing_else(chat: Chat,
                                                               services: Services) -> None:
    account = await staff_account(services)
    parameter = telegram_link_parameter(services.signer, account)
    assert len(parameter) <= 64 and parameter.replace("-", "").replace("_", "").isalnum()
    replies = await chat.send(f"/start {parameter}")
    assert "th@alcaldia.gov.co" in replies[-1].text_html and "pruebas" in replies[-1].text_html
    assert (await reload(services, account.id)).telegram_chat_id == 1001
    async with services.db.session() as session:
        assert list(await session.scalars(select(Person))) == []  # no servant was created
        assert await session.scalar(select(AuditEntry.action).where(
            AuditEntry.action == "staff.telegram")) == "staff.telegram"
    again = await chat.send(f"/start {parameter}")  # the same chat: nothing changes
    assert "th@alcaldia.gov.co" in again[-1].text_html
    other = Chat(chat.core, PersonRef(TELEGRAM, "2002"))
    refused = await other.send(f"/start {parameter}")  # used: another chat cannot take it
    assert "ya se usó" in refused[-1].text_html
    assert (await reload(services, account.id)).telegram_chat_id == 1001


async def test_forged_expired_foreign_and_web_links_change_nothing(chat: Chat,
                                                                   services: Services) -> None:
    account = await staff_account(services)
    good = telegram_link_parameter(services.signer, account)
    forged = telegram_link_parameter(Signer("otra-clave"), account)
    poster = "t" + department_start(services.signer, account.id)
    late = Signer.from_settings(services.settings, clock=lambda: 1e9)  # signed in 2001
    expired = telegram_link_parameter(late, account)
    for parameter, said in ((forged, core_messages.TOKEN_INVALID_LINK),
                            (poster, core_messages.TOKEN_INVALID_LINK),
                            (expired, core_messages.TOKEN_EXPIRED),
                            ("t" + "A" * 63, core_messages.TOKEN_INVALID_LINK)):
        replies = await chat.send(f"/start {parameter}")
        assert replies[-1].text_html == escape(said)
    web = Chat(chat.core, PersonRef(WEB, "web-key-1"))
    replies = await web.send(f"/start {good}")
    assert replies[-1].text_html == bot_messages.STAFF_TELEGRAM_ONLY
    assert (await reload(services, account.id)).telegram_chat_id is None



def signer_at(services: Services, at: float) -> Signer:
    return Signer.from_settings(services.settings, clock=lambda: at)


async def test_a_used_link_stays_used_after_the_account_loses_its_chat(
        chat: Chat, services: Services) -> None:
    """The link names the chat the account had (none): once the account loses the chat it
    linked, that is true again, and only the recorded use keeps the link from a second chat."""
    account = await staff_account(services)
    now = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    services.clock = lambda: now  # the bot verifies with the services' clock
    parameter = telegram_link_parameter(signer_at(services, now.timestamp() - 1), account)
    await chat.send(f"/start {parameter}")
    async with services.db.session() as session:
        row = await session.get(StaffAccount, account.id)
        assert row is not None and row.telegram_chat_id == 1001
        row.telegram_chat_id = None  # e.g. the chat blocked the bot and was cleared
        await session.commit()
        assert await session.scalar(select(func.count()).select_from(StaffLinkUse)) == 1
    other = Chat(chat.core, PersonRef(TELEGRAM, "2002"))
    refused = await other.send(f"/start {parameter}")
    assert refused[-1].text_html == escape(core_messages.STAFF_TELEGRAM_USED)
    assert (await reload(services, account.id)).telegram_chat_id is None
    fresh = telegram_link_parameter(signer_at(services, now.timestamp()),
                                    await reload(services, account.id))
    replies = await other.send(f"/start {fresh}")  # a new link from the console works
    assert "th@alcaldia.gov.co" in replies[-1].text_html
    assert (await reload(services, account.id)).telegram_chat_id == 2002
