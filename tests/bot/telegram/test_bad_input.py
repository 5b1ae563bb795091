"""Every bad input of the issue, through the real PTB and the double, in both modes."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot import messages
from bot.models import Conversation
from nucleo.models import Person
from tests.bot.helpers import count_rows
from tests.bot.telegram.conftest import Service
from tests.fakes.waiting import eventually

CHAT = 5151


def raw_message(chat_id: int, **content: object) -> dict:
    return {"message": {"message_id": int(time.time() * 1000) % 1_000_000,
                        "from": {"id": chat_id, "is_bot": False, "first_name": "Ana"},
                        "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
                        "date": int(time.time()), **content}}


FILE = {"file_id": "AgAD-x", "file_unique_id": "u-x"}
MEDIA = {
    "sticker": {"sticker": {**FILE, "type": "regular", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False}},
    "photo": {"photo": [{**FILE, "width": 90, "height": 90}]},
    "voice": {"voice": {**FILE, "duration": 3}},
    "document": {"document": {**FILE, "file_name": "acta.pdf"}},
}


async def test_media_gets_only_text_please(service: Service) -> None:
    for content in MEDIA.values():
        texts = await service.exchange(
            CHAT, lambda c=content: service.tg.push_update(raw_message(CHAT, **c)), 1)
        assert texts == [messages.ONLY_TEXT]


async def test_long_and_empty_messages(service: Service) -> None:
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_update(raw_message(CHAT, text="a" * 5000)), 1)
    assert "4096" in texts[0]
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_update(raw_message(CHAT, text="  \u200b ")), 1)
    assert texts == [messages.EMPTY_MESSAGE]


async def test_edited_message(service: Service) -> None:
    update = raw_message(CHAT, text="corregido", edit_date=int(time.time()))
    update = {"edited_message": update["message"]}
    texts = await service.exchange(CHAT, lambda: service.tg.push_update(update), 1)
    assert texts == [messages.EDITED_MESSAGE]


async def test_group_chat_is_told_to_write_in_private(service: Service) -> None:
    group = -100777
    texts = await service.exchange(
        group, lambda: service.tg.push_text(group, "/start", chat_type="group"), 1)
    assert texts == [messages.GROUP_CHAT]
    assert await count_rows(service.services, Conversation) == 0
    assert await count_rows(service.services, Person) == 0


async def test_unknown_callback_data_and_stale_buttons(service: Service) -> None:
    await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "start"), 2)
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_callback(CHAT, "nada:que:ver", check_buttons=False), 1)
    assert texts == [messages.UNKNOWN_BUTTON]
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_callback(CHAT, "inicio:si:seguimiento",
                                               check_buttons=False), 1)
    assert texts == [messages.STALE_BUTTON]
    assert len(service.tg.callback_answers) == 2


async def test_html_in_names_and_messages_is_escaped(service: Service) -> None:
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_command(CHAT, "start", first_name="<b>Ana</b> & <i>"), 2)
    assert texts[0].startswith("¡Hola, <b>Ana</b> & <i>! 👋")        # shown literally
    assert service.tg.messages_to(CHAT)[0].raw.startswith("¡Hola, &lt;b&gt;Ana&lt;/b&gt; &amp;")


async def test_blocking_marks_the_person_unreachable(service: Service) -> None:
    from tests.bot.telegram.test_app import onboard

    await onboard(service, CHAT, ("si", "no", "no"))
    service.tg.push_my_chat_member(CHAT, "kicked")
    await service.pump()

    async def blocked() -> bool:
        async with service.services.db.session() as session:
            person = (await session.execute(select(Person))).scalars().one()
        return person.telegram_blocked_at is not None

    await eventually(blocked, what="the person to be marked unreachable")
    service.tg.push_my_chat_member(CHAT, "member")
    await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "menu"), 1)
    async with service.services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
    assert person.telegram_blocked_at is None
