"""A servant links their chat by sharing their own number, through the whole service and the
Telegram double (polling and webhook), which checks every request against the Bot API spec."""

from __future__ import annotations

from sqlalchemy import select

from nucleo.models import Person
from tests.bot.telegram.conftest import Service

CHAT = 5151


async def test_share_my_number_links_the_chat(service: Service) -> None:
    async with service.services.db.session() as session:
        session.add(Person(full_name="Ana Muñoz", document_id="1001", mobile="+573001234567",
                           email="ana@alcaldia.gov.co", source="directorio"))
        await session.commit()
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
    # Their own: the consent notice, then the link on «Sí».
    [notice] = await service.exchange(
        CHAT, lambda: tg.push_contact(CHAT, "573001234567", contact_user_id=CHAT), 1)
    assert "Ley 1581" in notice
    await service.tap(CHAT, "vinculo:si")
    assert await tg.wait_until(lambda: any("quedó vinculado" in (m.content or "")
                                    for m in tg.messages_to(CHAT)), 10)
    async with service.services.db.session() as session:
        person = await session.scalar(select(Person))
        assert person is not None and person.telegram_chat_id == CHAT
        assert person.linked_at is not None
