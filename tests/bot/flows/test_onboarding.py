"""Onboarding: notice, one explicit decision per purpose, dependencia and kind."""

from __future__ import annotations

from sqlalchemy import select

from bot import messages
from bot.core.engine import DialogueCore
from bot.core.types import TELEGRAM, WEB, PersonRef
from bot.models import Conversation
from bot.privacy import NOTICE_VERSION
from bot.service import dialogue_core
from nucleo.models import Consent, Department, Person
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def people(services: Services) -> list[Person]:
    async with services.db.session() as session:
        return list((await session.execute(select(Person))).scalars())


async def consents(services: Services) -> dict[str, Consent]:
    async with services.db.session() as session:
        return {c.purpose: c for c in (await session.execute(select(Consent))).scalars()}


async def test_start_shows_welcome_notice_and_first_purpose(chat: Chat) -> None:
    replies = await chat.send("/start")
    assert "Soy el asistente" in replies[0].text_html
    assert "Ana &lt;b&gt;" in replies[0].text_html          # the name is escaped
    notice = replies[0].text_html
    for needed in ("Ley 1581", "Sus derechos", "Datos sensibles", "opcional", "Contacto",
                   "Superintendencia de Industria y Comercio", NOTICE_VERSION, "Alcaldía de Prueba"):
        assert needed in notice
    assert [b.data for b in replies[1].buttons[0]] == ["inicio:si:campanas", "inicio:no:campanas"]


async def test_notice_names_the_configured_data_protection_contact(
        chat: Chat, services: Services) -> None:
    services.settings = services.settings.model_copy(update={
        "data_protection_contact": "datos@alcaldia.gov.co <script>, oficina 204"})
    notice = (await chat.send("/start"))[0].text_html
    assert "datos@alcaldia.gov.co &lt;script&gt;, oficina 204" in notice
    assert messages.DEFAULT_CONTACT not in notice


async def test_full_consent_stores_decisions_department_and_kind(
        chat: Chat, services: Services) -> None:
    async with services.db.session() as session:
        session.add_all([Department(name=f"Secretaría {i:02d}", normalized_name=f"secretaria {i:02d}")
                         for i in range(12)] +
                        [Department(name="Secretaría de <Hacienda>",
                                    normalized_name="secretaria de <hacienda>")])
        await session.commit()
    await chat.send("/start")
    await chat.tap("inicio:si:campanas")
    await chat.tap("inicio:si:estadisticas")
    replies = await chat.tap("inicio:si:seguimiento")
    department_buttons = [b.data for row in replies[-1].buttons for b in row]
    assert "inicio:pag:1" in department_buttons and "inicio:dep:0" in department_buttons
    replies = await chat.tap("inicio:pag:1")
    assert "inicio:pag:0" in [b.data for row in replies[-1].buttons for b in row]
    replies = await chat.send("hacienda")
    assert replies[-1].buttons[0][0].label == "Secretaría de <Hacienda>"   # labels are plain text
    await chat.tap(replies[-1].buttons[0][0].data)
    replies = await chat.tap("inicio:tipo:contratista")
    assert messages.MENU_TITLE in [r.text_html for r in replies]
    [person] = await people(services)
    assert person.kind == "contratista" and person.department_id is not None
    assert person.telegram_chat_id == 1001 and person.subscribed and person.source == "bot"
    stored = await consents(services)
    assert set(stored) == {"campanas", "estadisticas", "seguimiento"}
    assert all(c.granted and c.notice_version == NOTICE_VERSION and c.channel == TELEGRAM
               for c in stored.values())


async def test_search_without_match_and_html_is_escaped(chat: Chat, services: Services) -> None:
    async with services.db.session() as session:
        session.add(Department(name="Planeación", normalized_name="planeacion"))
        await session.commit()
    await chat.send("/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:si:{code}")
    replies = await chat.send("<script>alert(1)</script>")
    assert "&lt;script&gt;" in replies[-1].text_html and "<script>" not in replies[-1].text_html
    await chat.tap("inicio:dep:0")
    await chat.tap("inicio:tipo:nd")
    [person] = await people(services)
    assert person.department_id is None and person.kind is None


async def test_declining_everything_keeps_nothing(chat: Chat, services: Services) -> None:
    await onboard(chat, campaigns=False, statistics=False, follow_up=False)
    assert messages.NO_CONSENT_GIVEN in chat.texts()
    assert await count_rows(services, Person) == 0
    assert await count_rows(services, Consent) == 0
    assert await count_rows(services, Conversation) == 0     # idle anonymous chats keep no row
    replies = await chat.send("¿Puedo recibir un regalo de un proveedor?")
    assert messages.CONSULTATIONS_COMING in replies[0].text_html
    assert await count_rows(services, Person) == 0


async def test_partial_consent_skips_department_and_only_records_decisions(
        chat: Chat, services: Services) -> None:
    await onboard(chat, campaigns=False, statistics=False, follow_up=True)
    [person] = await people(services)
    assert not person.subscribed and person.department_id is None and person.kind is None
    stored = await consents(services)
    assert {k: v.granted for k, v in stored.items()} == {
        "campanas": False, "estadisticas": False, "seguimiento": True}


async def test_text_is_never_taken_as_consent(chat: Chat, services: Services) -> None:
    await chat.send("/start")
    replies = await chat.send("sí, claro")
    assert replies[0].text_html == messages.USE_BUTTONS_FOR_CONSENT
    assert await count_rows(services, Consent) == 0


async def test_out_of_order_and_repeated_taps_are_stale(chat: Chat, services: Services) -> None:
    await chat.send("/start")
    replies = await chat.tap("inicio:si:seguimiento")       # asked first: campaigns
    assert replies[0].text_html == messages.STALE_BUTTON
    await chat.tap("inicio:si:campanas")
    replies = await chat.tap("inicio:si:campanas")           # double tap
    assert replies[0].text_html == messages.STALE_BUTTON
    replies = await chat.tap("inicio:tipo:servidor")         # a step not reached
    assert replies[0].text_html == messages.STALE_BUTTON
    assert await count_rows(services, Person) == 0


async def test_restart_in_the_middle_continues_where_it_was(services: Services) -> None:
    ref = PersonRef(TELEGRAM, "2002", "Luis")
    first = Chat(dialogue_core(services), ref)
    await first.send("/start")
    await first.tap("inicio:si:campanas")
    # A new process: new services object, new core, same database.
    fresh_services = Services(settings=services.settings, db=services.db)
    second = Chat(dialogue_core(fresh_services), ref)
    replies = await second.tap("inicio:no:estadisticas")
    assert "Autorización 3 de 3" in replies[-1].text_html
    await second.tap("inicio:si:seguimiento")
    stored = await consents(services)
    assert {k: v.granted for k, v in stored.items()} == {
        "campanas": True, "estadisticas": False, "seguimiento": True}


async def test_known_person_start_goes_to_menu(chat: Chat) -> None:
    await onboard(chat)
    replies = await chat.send("/start")
    assert "verle de nuevo" in replies[0].text_html
    assert replies[-1].text_html == messages.MENU_TITLE


async def test_review_consents_revokes_statistics(chat: Chat, services: Services) -> None:
    async with services.db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda"))
        await session.commit()
    await chat.send("/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:si:{code}")
    await chat.tap_label("Hacienda")
    await chat.tap("inicio:tipo:servidor")
    await chat.tap("datos:revisar")
    for code, answer in (("campanas", "no"), ("estadisticas", "no"), ("seguimiento", "si")):
        await chat.tap(f"inicio:{answer}:{code}")
    [person] = await people(services)
    assert person.department_id is None and person.kind is None and not person.subscribed
    assert not (await consents(services))["estadisticas"].granted


async def test_web_visitor_consent_links_person_to_conversation(
        core: DialogueCore, services: Services) -> None:
    web = Chat(core, PersonRef(WEB, "session-abc"))
    await onboard(web, statistics=False)
    [person] = await people(services)
    assert person.telegram_chat_id is None and person.source == "chat_web"
    async with services.db.session() as session:
        [conversation] = (await session.execute(select(Conversation))).scalars()
    assert conversation.person_id == person.id and conversation.channel == WEB
    assert "session-abc" not in conversation.key
    replies = await web.send("/misdatos")
    assert messages.DATA_WEB in replies[0].text_html


async def test_poster_start_parameter_offers_its_department_after_consent(
        chat: Chat, services: Services) -> None:
    from nucleo.directory.start_link import department_start

    async with services.db.session() as session:
        session.add_all([Department(name="Hacienda", normalized_name="hacienda"),
                         Department(name="Secretaría de <Gobierno>",
                                    normalized_name="secretaria de <gobierno>")])
        await session.commit()
        gobierno = await session.scalar(select(Department.id).where(
            Department.normalized_name == "secretaria de <gobierno>"))
    replies = await chat.send("/start " + department_start(services.signer, gobierno))
    assert "Ley 1581" in replies[0].text_html and await count_rows(services, Person) == 0
    await chat.tap("inicio:si:campanas")
    await chat.tap("inicio:si:estadisticas")
    replies = await chat.tap("inicio:si:seguimiento")
    assert "Secretaría de &lt;Gobierno&gt;" in replies[-1].text_html
    assert [b.data for row in replies[-1].buttons for b in row] == [
        f"inicio:dep:{gobierno}", "inicio:pag:0", "inicio:dep:0"]
    replies = await chat.tap("inicio:pag:0")  # «Es otra dependencia»: the whole list
    assert "inicio:dep:" in replies[-1].buttons[0][0].data and len(replies[-1].buttons) >= 3
    await chat.tap(f"inicio:dep:{gobierno}")
    await chat.tap("inicio:tipo:servidor")
    [person] = await people(services)
    assert person.department_id == gobierno


async def test_forged_or_foreign_start_parameter_preselects_nothing(
        chat: Chat, services: Services) -> None:
    async with services.db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda"))
        await session.commit()
    await chat.send("/start " + "A" * 64)
    await chat.tap("inicio:si:campanas")
    await chat.tap("inicio:si:estadisticas")
    replies = await chat.tap("inicio:si:seguimiento")
    assert replies[-1].text_html == messages.ASK_DEPARTMENT
