"""Consultas in a real browser: an advisor finds an escalated consultation by due date, answers
it (the answer is queued to the person's chat), promotes it to the knowledge base and sees the
bot use it in «probar» on a phone-sized screen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.consultas import ticket_messages as desk_messages
from bot.consultas.tickets import open_ticket
from bot.consultas.web import messages
from bot.consultas.web.api import get_desk
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.lifecycle import Component
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import load_settings
from nucleo.web.console import messages as ui
from tests.bot.consultas.desk import SOURCE
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
QUESTION = "¿Puedo jugar el bingo de un contratista?"
ANSWER = ("No participes en rifas, bingos ni sorteos que organice un proveedor o contratista: "
          "el premio es un regalo.")


def chat_notifier(services: Services) -> list[Component]:
    """The bot's real Notifier (the outbox), without starting the bot itself."""
    ensure_notifier(services)
    return []


@pytest.fixture(scope="module")
def live(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The console's live server, plus the chat notifier the answers go through."""
    from tests.web.live_server import LiveServer

    folder = tmp_path_factory.mktemp("live-consultas")
    shutil.copy(sqlite_template, folder / "valor.db")
    settings = load_settings(data_dir=folder, secret_key="browser-secret-key-0123456789abcdef-x",
                             entity_name="Alcaldía de Prueba")
    server = LiveServer(settings, f"sqlite+aiosqlite:///{folder / 'valor.db'}",
                        components=chat_notifier)
    server.start()
    yield server
    server.stop()


def seed(live: Any) -> int:
    """An overdue anonymous consultation and a fresh one from a person, through the desk's real
    actions; returns the person's id."""

    async def work(services: Services) -> int:
        async with services.db.session() as session:
            desk = await get_desk(services, session)
            person = Person(full_name="Ana <b>Pérez</b>", telegram_chat_id=5151, source="bot")
            session.add(person)
            await session.flush()
            await open_ticket(session, question="Una consulta <i>vieja</i> que ya venció",
                              person_id=None, anonymous=True,
                              now=services.clock() - timedelta(days=40),
                              tz=services.settings.tz, calendar=desk.calendar,
                              due_days=desk.desk.due_business_days)
            await desk.escalate(session, question=QUESTION, person_id=person.id,
                                anonymous=False)
            await session.commit()
            return person.id

    return live.call(work)


def outbox_for(live: Any, person_id: int) -> list[str]:
    async def work(services: Services) -> list[str]:
        async with services.db.session() as session:
            return list(await session.scalars(select(OutboxMessage.text_html).where(
                OutboxMessage.person_id == person_id)))

    return live.call(work)


def test_answer_promote_and_try(chromium: Any, live: Any, screenshots: Path) -> None:
    person_id = seed(live)
    page = open_page(chromium)
    login(page, live, staff(live, "asesor", "Asesora de Transparencia"))
    page.get_by_role("navigation", name=ui.NAV_LABEL).get_by_role(
        "link", name="Consultas").click()
    rows = page.locator("#consultas tbody tr")
    assert rows.count() == 2
    assert messages.CONSULT_OVERDUE in rows.nth(0).inner_text()  # most urgent first, in words
    assert QUESTION in rows.nth(1).inner_text()
    assert "faltan 10 días hábiles" in rows.nth(1).inner_text()
    assert fits_the_screen(page) and unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "consultas-lista-escritorio.png", full_page=True)

    rows.nth(1).get_by_role("link", name=QUESTION).click()
    page.get_by_label(messages.CONSULT_ANSWER_LABEL, exact=True).fill(ANSWER)
    page.get_by_role("button", name=messages.CONSULT_ANSWER_SUBMIT).click()
    assert page.get_by_role("status").inner_text() == desk_messages.NOTIFIED
    assert page.locator("#estado").inner_text() == "Respondida"
    assert "Respondida por Asesora de Transparencia" in page.locator("#historia").inner_text()
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "consultas-detalle-escritorio.png", full_page=True)
    [queued] = outbox_for(live, person_id)
    assert ANSWER in queued and QUESTION in queued

    page.get_by_role("link", name=messages.CONSULT_PROMOTE).click()
    assert page.get_by_label(messages.KB_FIELD_ANSWER, exact=True).input_value() == ANSWER
    page.get_by_label(messages.KB_FIELD_ID, exact=True).fill("bingos_contratistas")
    page.get_by_label(messages.KB_FIELD_TITLE, exact=True).fill("Bingos y rifas de contratistas")
    page.get_by_label(messages.KB_FIELD_VALUE, exact=True).select_option("honestidad")
    page.get_by_label(messages.KB_FIELD_PHRASINGS_EXTRA, exact=True).fill(
        "rifa de fin de año de un proveedor\nsorteos que organiza una empresa contratista\n"
        "me gané un premio en la rifa de un proveedor")
    page.get_by_label(messages.KB_FIELD_SOURCES, exact=True).fill(SOURCE)
    page.get_by_role("button", name=messages.CONSULT_PROMOTE_SUBMIT).click()
    assert "al menos 5 formas" in page.get_by_role("alert").inner_text()  # 1 + 3 = 4
    page.get_by_label(messages.KB_FIELD_PHRASINGS_EXTRA, exact=True).press("Control+End")
    page.keyboard.type("\nbingo navideño de un proveedor")
    page.get_by_role("button", name=messages.CONSULT_PROMOTE_SUBMIT).click()
    page.wait_for_url(live.url + "/consola/consultas/base/bingos_contratistas")
    assert "se convirtió en la entrada" in page.get_by_role("status").inner_text()
    assert page.locator(".chat-bubble b").first.inner_text() == "Bingos y rifas de contratistas"
    page.screenshot(path=screenshots / "consultas-base-escritorio.png", full_page=True)

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name=messages.TRY_TITLE).click()
    page.get_by_label(messages.TRY_QUESTION, exact=True).fill(QUESTION)
    page.get_by_role("button", name=messages.TRY_SUBMIT).click()
    bubble = page.locator("#resultado .chat-bubble")
    assert "Bingos y rifas de contratistas" in bubble.inner_text()
    assert SOURCE in bubble.inner_text() and SOURCE in page.locator("#fuentes").inner_text()
    assert fits_the_screen(page), "«probar» overflows sideways on a phone"
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "consultas-probar-telefono.png", full_page=True)
    page.context.close()


def seed_several(live: Any) -> list[int]:
    """Two fresh anonymous consultations, through the desk's real escalation."""

    async def work(services: Services) -> list[int]:
        async with services.db.session() as session:
            desk = await get_desk(services, session)
            ids = [(await desk.escalate(session, question=f"Consulta en lote n.º {n}",
                                        person_id=None, anonymous=True)).ticket_id
                   for n in (1, 2)]
            await session.commit()
            return ids

    return live.call(work)


def test_assign_and_close_several(chromium: Any, live: Any, screenshots: Path) -> None:
    ids = seed_several(live)
    page = open_page(chromium)
    login(page, live, staff(live, "asesor", "Asesor de Lote"))
    page.goto(live.url + "/consola/consultas")

    def choose(action: str) -> None:
        for ticket_id in ids:
            page.get_by_label(messages.CONSULT_BULK_CHOOSE_ONE.format(id=ticket_id),
                              exact=True).check()
        page.get_by_label(ui.BULK_ACTION, exact=True).select_option(action)

    choose("asignar")
    page.get_by_label(messages.CONSULT_BULK_ADVISOR, exact=True).select_option(
        label="Asesor de Lote")
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "consultas-lote-escritorio.png", full_page=True)
    page.get_by_role("button", name=ui.BULK_APPLY).click()
    chosen = page.locator('ul[aria-labelledby="confirm-items"] li')
    assert chosen.all_inner_texts() == [
        messages.CONSULT_BULK_ITEM.format(id=i, question=f"Consulta en lote n.º {n}")
        for i, n in zip(ids, (1, 2), strict=True)]
    page.screenshot(path=screenshots / "consultas-lote-confirmar-escritorio.png", full_page=True)
    page.get_by_role("button", name=messages.CONSULT_BULK_ASSIGN_CONFIRM).click()
    page.wait_for_url(live.url + "/consola/consultas")
    assert page.get_by_text(messages.CONSULT_BULK_ASSIGN_DONE.format(
        name="Asesor de Lote", n=2)).is_visible()

    page.set_viewport_size(PHONE)
    choose("cerrar")
    assert fits_the_screen(page), "the bulk form overflows sideways on a phone"
    page.get_by_role("button", name=ui.BULK_APPLY).click()
    assert page.get_by_text(messages.CONSULT_BULK_CLOSE_QUESTION.format(n=2)).is_visible()
    assert fits_the_screen(page)
    page.screenshot(path=screenshots / "consultas-lote-cerrar-telefono.png", full_page=True)
    page.get_by_role("button", name=messages.CONSULT_BULK_CLOSE_CONFIRM).click()
    page.wait_for_url(live.url + "/consola/consultas")
    assert page.get_by_text(messages.CONSULT_BULK_CLOSE_DONE.format(n=2)).is_visible()
    for ticket_id in ids:  # closed: no longer among the open ones
        assert page.get_by_label(messages.CONSULT_BULK_CHOOSE_ONE.format(id=ticket_id),
                                 exact=True).count() == 0
    page.context.close()
