"""/misdatos shows exactly what is stored; /olvidarme leaves nothing of the person."""

from __future__ import annotations

from sqlalchemy import select, text

from bot import messages
from bot.core.types import WEB, PersonRef
from bot.models import Conversation, OutboxMessage, PendingQuestion, WebMessage
from bot.notify import OutboxNotifier
from nucleo.models import Consent, Department, Person
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def test_my_data_lists_everything_stored(chat: Chat, services: Services) -> None:
    async with services.db.session() as session:
        session.add(Department(name="Secretaría <de> Salud", normalized_name="secretaria de salud"))
        await session.commit()
    await chat.send("/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:si:{code}")
    await chat.tap_label("Salud")
    await chat.tap("inicio:tipo:servidor")
    replies = await chat.send("/misdatos")
    shown = replies[0].text_html
    for needed in ("identificador de chat 1001", "Secretaría &lt;de&gt; Salud",
                   messages.KIND_SERVIDOR, "Recibir campañas", "Seguimiento", "aviso 2025-1"):
        assert needed in shown
    assert "<de>" not in shown


async def test_my_data_without_consent(chat: Chat) -> None:
    assert (await chat.send("/misdatos"))[0].text_html == messages.NO_DATA_STORED


async def test_forget_me_needs_confirmation(chat: Chat, services: Services) -> None:
    await onboard(chat)
    await chat.send("/olvidarme")
    assert (await chat.send("sí"))[0].text_html == messages.FORGET_CONFIRM    # buttons only
    assert (await chat.tap("datos:borrar:no"))[0].text_html == messages.FORGET_KEPT
    assert await count_rows(services, Person) == 1


async def _everything_of(services: Services, person_id: int, key: str) -> dict[str, int]:
    counts = {}
    async with services.db.session() as session:
        for table, column, value in (("people", "id", person_id), ("consents", "person_id", person_id),
                                     ("bot_outbox", "person_id", person_id),
                                     ("bot_pending_questions", "person_id", person_id),
                                     ("conversations", "person_id", person_id),
                                     ("conversations", "key", key),
                                     ("bot_web_messages", "conversation_key", key)):
            counts[f"{table}.{column}"] = (await session.execute(
                text(f"SELECT count(*) FROM {table} WHERE {column} = :v"), {"v": value})).scalar_one()
    return counts


async def test_forget_me_deletes_all_personal_data(core, services: Services) -> None:
    web = Chat(core, PersonRef(WEB, "sesion-olvido"))
    await onboard(web)
    key = core.keys.key(web.ref)
    await web.send("¿Puedo contratar a mi cuñado?")
    await web.tap("consulta:th:nombre")
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        await OutboxNotifier().notify(session, person.id, "Aviso pendiente")
        session.add(WebMessage(conversation_key=key, text_html="Un aviso anterior", buttons=[]))
        await session.commit()
    before = await _everything_of(services, person.id, key)
    assert before["people.id"] == 1 and before["consents.person_id"] == 3
    assert before["bot_pending_questions.person_id"] == 1 and before["bot_outbox.person_id"] == 1
    await web.send("/olvidarme")
    replies = await web.tap("datos:borrar:si")
    assert replies[0].text_html == messages.FORGOTTEN
    assert set((await _everything_of(services, person.id, key)).values()) == {0}
    for model in (Person, Consent, Conversation, OutboxMessage, PendingQuestion, WebMessage):
        assert await count_rows(services, model) == 0, model.__name__
    assert (await web.send("/misdatos"))[0].text_html == messages.NO_DATA_STORED
    assert await count_rows(services, Conversation) == 0
