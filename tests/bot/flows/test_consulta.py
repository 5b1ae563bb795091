"""Free text goes to the consultations port; without it, an honest offer to Talento Humano."""

from __future__ import annotations

from sqlalchemy import select

from bot import messages
from bot.models import Conversation, PendingQuestion
from nucleo.ports import CONSULTATIONS
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def test_answer_with_sources_and_feedback(chat: Chat, fakes: dict) -> None:
    replies = await chat.send("¿Puedo evaluar la propuesta de mi primo?")
    assert "Fuentes" in replies[0].text_html and "¿Le sirvió" in replies[0].text_html
    await chat.tap("consulta:util:si")
    assert fakes[CONSULTATIONS].feedbacks == [("primo", True)]
    assert chat.last == messages.GLAD_IT_HELPED


async def test_unhelpful_answer_offers_talento_humano(chat: Chat, fakes: dict) -> None:
    await chat.send("¿Y mi primo?")
    replies = await chat.tap("consulta:util:no")
    assert [b.data for row in replies[0].buttons for b in row] == ["consulta:th:anonimo",
                                                                   "consulta:th:no"]
    replies = await chat.tap("consulta:th:anonimo")
    assert "ABCD-2345" in replies[0].text_html and "14 de marzo de 2025" in replies[0].text_html
    assert fakes[CONSULTATIONS].escalated == [
        {"question": "¿Y mi primo?", "person_id": None, "anonymous": True}]
    assert (await chat.send("/respuesta abcd-2345"))[0].text_html == "La respuesta de Talento Humano."


async def test_clarify_shows_two_candidates(chat: Chat, fakes: dict) -> None:
    replies = await chat.send("¿Mi cuñado cuenta?")
    assert [b.label for row in replies[0].buttons for b in row] == [
        "El hermano de su esposa", "El esposo de su hermana", messages.NONE_OF_THESE]
    replies = await chat.tap("consulta:ver:1")
    assert "cunado_hermana" in replies[0].text_html
    await chat.send("¿Mi cuñado cuenta?")
    replies = await chat.tap("consulta:ver:x")
    assert replies[0].text_html == messages.OFFER_HR_ANONYMOUS_ONLY


async def test_escalate_with_name_when_follow_up_was_granted(
        chat: Chat, fakes: dict, services: Services) -> None:
    await onboard(chat)
    replies = await chat.send("Un caso raro")
    assert "persona asesora" in replies[0].text_html
    assert replies[1].buttons[0][0].data == "consulta:th:nombre"
    await chat.tap("consulta:th:nombre")
    [ticket] = fakes[CONSULTATIONS].escalated
    assert ticket["person_id"] is not None and not ticket["anonymous"]


async def test_greetings_get_the_menu_and_never_a_ticket_offer(chat: Chat, fakes: dict) -> None:
    for text in ("hola", "gracias", "😀"):
        replies = await chat.send(text)
        assert len(replies) == 1 and replies[0].text_html == "¡Hola! Escríbame su duda."
        assert [b.data for row in replies[0].buttons for b in row] == [
            b.data for row in messages.menu_button() for b in row]
    assert fakes[CONSULTATIONS].escalated == []


async def test_nothing_is_said_to_be_sent_before_the_person_accepts(chat: Chat, fakes: dict) -> None:
    replies = await chat.send("Un caso raro")
    assert all("quedó en manos" not in r.text_html for r in replies)
    assert fakes[CONSULTATIONS].escalated == []
    replies = await chat.tap("consulta:th:no")
    assert replies[0].text_html == messages.QUESTION_NOT_SENT and fakes[CONSULTATIONS].escalated == []


async def test_a_report_about_ones_boss_goes_to_control_interno_anonymous_first(
        chat: Chat, fakes: dict, services: Services) -> None:
    await onboard(chat)
    replies = await chat.send("Mi jefe me pidió aprobar un pago sin soportes")
    assert replies[1].text_html == messages.OFFER_REPORT
    assert [b.data for row in replies[1].buttons for b in row] == [
        "consulta:th:anonimo", "consulta:th:nombre", "consulta:th:no"]
    replies = await chat.tap("consulta:th:anonimo")
    assert "Control Interno Disciplinario" in replies[0].text_html
    assert fakes[CONSULTATIONS].escalated[0]["anonymous"]


async def test_harassment_routes_by_its_entry_to_talento_humano_not_control_interno(
        chat: Chat, fakes: dict, services: Services) -> None:
    await onboard(chat)
    replies = await chat.send("Un compañero me grita todos los días")
    assert replies[1].text_html == messages.OFFER_HR
    assert [b.data for row in replies[1].buttons for b in row] == [
        "consulta:th:nombre", "consulta:th:anonimo", "consulta:th:no"]


async def test_a_case_for_a_legal_reading_is_offered_to_the_legal_office(
        chat: Chat, fakes: dict, services: Services) -> None:
    await onboard(chat)
    replies = await chat.send("Soy exdirectivo, ¿puedo contratar?")
    assert replies[1].text_html == messages.OFFER_LEGAL
    assert all("quedó" not in r.text_html for r in replies) and fakes[CONSULTATIONS].escalated == []
    replies = await chat.tap("consulta:th:nombre")
    assert "Oficina Jurídica" in replies[0].text_html and len(fakes[CONSULTATIONS].escalated) == 1


async def test_out_of_scope(chat: Chat, fakes: dict) -> None:
    replies = await chat.send("¿Cuándo pagan la nómina?")
    assert replies[0].text_html == "Eso lo atiende Talento Humano."


async def test_without_engine_question_kept_only_if_accepted(chat: Chat, services: Services) -> None:
    replies = await chat.send("¿Puedo aceptar un almuerzo?")
    assert replies[0].text_html == messages.CONSULTATIONS_COMING
    await chat.tap("consulta:th:no")
    assert chat.last == messages.QUESTION_NOT_SENT
    assert await count_rows(services, PendingQuestion) == 0
    assert await count_rows(services, Conversation) == 0
    await chat.send("¿Puedo aceptar un <b>almuerzo</b>?")
    replies = await chat.tap("consulta:th:anonimo")
    async with services.db.session() as session:
        [pending] = (await session.execute(select(PendingQuestion))).scalars()
    assert pending.person_id is None and pending.anonymous and pending.code
    assert pending.question == "¿Puedo aceptar un <b>almuerzo</b>?"
    assert pending.code in replies[0].text_html
    replies = await chat.send(f"/respuesta {pending.code.lower()}")
    assert replies[0].text_html == messages.ANSWER_PENDING
    assert (await chat.send("/respuesta ZZZZ-0000"))[0].text_html == messages.CODE_NOT_FOUND
    assert (await chat.send("/respuesta"))[0].text_html == messages.ANSWER_NEEDS_CODE


async def test_anonymous_chat_state_holds_no_identifier(chat: Chat, services: Services) -> None:
    await chat.send("¿Una pregunta?")
    async with services.db.session() as session:
        [conversation] = (await session.execute(select(Conversation))).scalars()
    assert conversation.person_id is None and "1001" not in conversation.key
    assert conversation.data == {"q": "¿Una pregunta?"}


async def test_new_question_during_offer_replaces_old_one(chat: Chat, fakes: dict) -> None:
    await chat.send("Un caso raro")
    replies = await chat.send("¿Y mi primo?")
    assert "4.º grado" in replies[0].text_html
