"""A servant links their chat by sharing their own number, through the whole service and the
Telegram double (polling and webhook), which checks every request against the Bot API spec."""

from __future__ import annotations

from sqlalchemy import select

from nucleo.models import Person
from tests.bot.telegram.conftest import Service

CHAT = 5151


async def _ana(service: Service) -> None:
    async with service.services.db.session() as session:
        session.add(Person(full_name="Ana Muñoz", document_id="1001", mobile="+573001234567",
                           email="ana@alcaldia.gov.co", source="directorio"))
        await session.commit()


async def test_share_my_number_links_the_chat(service: Service) -> None:
    await _ana(service)
    tg = service.tg
    [ask] = await service.exchange(CHAT, lambda: tg.push_command(CHAT, "vincular"), 1)
    assert "Compartir mi número" in ask
    markup = tg.messages_to(CHAT)[-1].reply_markup
    assert markup is not None and markup["keyboard"][0][0]["request_contact"] is True
    assert markup["one_time_keyboard"] is True
    # Someone else's contact from the address book is refused.
    [refused] = await service.exchange(
        CHAT, lambda: tg.push_contact(CHAT, "+573001234567", contact_user_id=999), 1)
    assert "no es el suyo" in refused
    # Their own: the number is known (that message removes the contact keyboard), then the
    # consent notice with its inline buttons, then the link on «Sí».
    [known, notice] = await service.exchange(
        CHAT, lambda: tg.push_contact(CHAT, "573001234567", contact_user_id=CHAT), 2)
    assert "está en el directorio" in known and "Ley 1581" in notice
    removal, consent = tg.messages_to(CHAT)[-2:]
    assert removal.reply_markup == {"remove_keyboard": True}
    assert consent.buttons and consent.reply_markup and "inline_keyboard" in consent.reply_markup
    await service.tap(CHAT, "vinculo:si")
    assert await tg.wait_until(lambda: any("quedó vinculado" in (m.content or "")
                                    for m in tg.messages_to(CHAT)), 10)
    async with service.services.db.session() as session:
        person = await session.scalar(select(Person))
        assert person is not None and person.telegram_chat_id == CHAT
        assert person.linked_at is not None


async def test_cancel_and_no_match_remove_the_keyboard(service: Service) -> None:
    """/cancelar (whose reply has the menu's inline button) and the end after a number not in
    the directory (no e-mail path here) each take the contact keyboard off the screen."""
    await _ana(service)
    tg = service.tg
    await service.exchange(CHAT, lambda: tg.push_command(CHAT, "vincular"), 1)
    assert "keyboard" in (tg.messages_to(CHAT)[-1].reply_markup or {})
    [closed, cancelled] = await service.exchange(
        CHAT, lambda: tg.push_command(CHAT, "cancelar"), 2)
    assert "Compartir mi número" in closed and "lo dejamos ahí" in cancelled
    removal, menu = tg.messages_to(CHAT)[-2:]
    assert removal.reply_markup == {"remove_keyboard": True} and menu.buttons
    # Nothing shown any more: the next message of the bot carries no removal.
    await service.exchange(CHAT, lambda: tg.push_command(CHAT, "ayuda"), 1)
    assert "remove_keyboard" not in (tg.messages_to(CHAT)[-1].reply_markup or {})

    await service.exchange(CHAT, lambda: tg.push_command(CHAT, "vincular"), 1)
    [unknown] = await service.exchange(
        CHAT, lambda: tg.push_contact(CHAT, "573209999999", contact_user_id=CHAT), 1)
    assert "no está en el directorio" in unknown
    assert tg.messages_to(CHAT)[-1].reply_markup == {"remove_keyboard": True}
