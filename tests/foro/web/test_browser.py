"""Sugerencias in a real browser: HR triages, drafts and publishes an official answer; the
built-in portal shows it and the author's chat notice is queued.

The live server runs the web app plus the forum's wiring and the bot's outbox Notifier (no bot,
no workers): publishing queues the author's notice as a ``bot_outbox`` row.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.models import OutboxMessage
from bot.service import ensure_notifier
from foro import actions
from foro.service import install as install_forum
from foro.web import messages
from nucleo.lifecycle import Component
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import load_settings
from nucleo.web.console import messages as ui
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
ANSWER = "Desde julio las actas del comité se publicarán en la intranet cada mes."
LONG_TITLE = "Una sugerencia con un título larguísimo " + "sinespacios" * 12


def _forum_and_notices(services: Services) -> list[Component]:
    ensure_notifier(services)
    return install_forum(services)  # the built-in portal: nothing to run


@pytest.fixture(scope="module")
def live(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.web.live_server import LiveServer

    folder = tmp_path_factory.mktemp("live-sugerencias")
    path = folder / "valor.db"
    shutil.copy(sqlite_template, path)
    settings = load_settings(data_dir=folder, secret_key="browser-secret-key-0123456789abcdef-s",
                             entity_name="Alcaldía de Prueba")
    server = LiveServer(settings, f"sqlite+aiosqlite:///{path}", components=_forum_and_notices)
    server.start()
    yield server
    server.stop()


def _seed(live: Any) -> tuple[int, int]:
    """Ana's suggestion (honestidad) among others; returns (suggestion id, Ana's id)."""

    async def work(services: Services) -> tuple[int, int]:
        async with services.db.session() as session:
            ana = Person(full_name="Ana María Pérez", email="ana@alcaldia.gov.co")
            session.add(ana)
            await session.commit()
            ana_id = ana.id
            for text, value in (("Capacitar en conflictos de intereses", "justicia"),
                                (LONG_TITLE, "honestidad"), ("Más pausas activas", "respeto")):
                await actions.submit_suggestion(session, services, text=text, value=value,
                                                anonymous=True, source="portal")
            mine = await actions.submit_suggestion(
                session, services, text="Publicar las actas del comité <b>cada mes</b>\n\n"
                "Así todos sabemos qué se decidió.", value="honestidad", person_id=ana_id,
                source="chat")
            return mine.id, ana_id

    return live.call(work)


def _notices(live: Any, person_id: int) -> list[str]:
    async def work(services: Services) -> list[str]:
        async with services.db.session() as session:
            return list(await session.scalars(select(OutboxMessage.text_html).where(
                OutboxMessage.person_id == person_id)))

    return live.call(work)


def test_hr_answers_a_suggestion_and_the_author_hears_back(chromium: Any, live: Any,
                                                           screenshots: Path) -> None:
    sid, ana = _seed(live)
    email = staff(live, "talento_humano", "Teresa Talento")
    page = open_page(chromium)
    login(page, live, email, "/consola/sugerencias")
    assert page.locator("#sugerencias tbody tr").count() == 4
    page.get_by_label(messages.SUGGESTION_STATUS, exact=True).select_option("recibida")
    page.get_by_label(messages.SUGGESTION_VALUE, exact=True).select_option("honestidad")
    page.get_by_role("button", name=ui.FILTER).click()
    page.wait_for_url("**/consola/sugerencias?estado=recibida&valor=honestidad*")
    assert page.locator("#sugerencias tbody tr").count() == 2
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "sugerencias-lista-escritorio.png", full_page=True)

    page.locator(f'#sugerencias a[href="/consola/sugerencias/{sid}"]').click()
    page.wait_for_url(f"**/consola/sugerencias/{sid}")
    assert "<b>cada mes</b>" in page.locator("#texto-sugerencia").inner_text()  # inert text
    assert page.locator("#autor").inner_text() == "Ana María Pérez"
    page.get_by_role("button", name=messages.ANALYSIS_SUBMIT).click()
    assert page.get_by_role("status").inner_text() == messages.ANALYSIS_DONE
    page.get_by_label(messages.ANSWER_STATUS, exact=True).select_option("adoptada")
    page.get_by_label(messages.ANSWER_TEXT, exact=True).fill(ANSWER)
    page.get_by_label(messages.ANSWER_PLAN, exact=True).fill("Publicar el acta en la intranet.")
    page.get_by_label(messages.ANSWER_DUE, exact=True).fill("2026-07-31")
    page.get_by_role("button", name=messages.ANSWER_SAVE).click()
    assert page.get_by_role("status").inner_text() == messages.ANSWER_SAVED
    assert page.locator("#borrador").get_by_text(ANSWER).count() == 1
    assert _notices(live, ana) == []  # a draft tells nobody
    page.get_by_role("button", name=messages.PUBLISH_SUBMIT).click()
    assert page.get_by_role("status").inner_text() == messages.PUBLISHED.format(status="Adoptada")
    assert page.locator("#estado-actual").inner_text() == "Adoptada"
    assert ANSWER in page.locator("#respuesta-publicada").inner_text()
    assert "Respuesta oficial publicada" in page.locator("#historial").inner_text()
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "sugerencias-detalle-escritorio.png", full_page=True)

    page.get_by_role("link", name=messages.PORTAL_PAGE).click()
    page.wait_for_url(f"**/portal/sugerencias/{sid}")
    assert ANSWER in page.locator("section.oficial").inner_text()
    notices = _notices(live, ana)
    assert len(notices) == 1 and ANSWER in notices[0] and "Adoptada" in notices[0]
    page.context.close()

    phone = open_page(chromium, PHONE)
    login(phone, live, email, "/consola/sugerencias")
    assert phone.locator("#sugerencias tbody tr").count() == 4
    assert fits_the_screen(phone)
    phone.screenshot(path=screenshots / "sugerencias-lista-telefono.png", full_page=True)
    phone.goto(f"{live.url}/consola/sugerencias/{sid}")
    assert fits_the_screen(phone)
    phone.context.close()


def test_hr_moves_several_to_analysis_and_keeps_the_filters(chromium: Any, live: Any,
                                                            screenshots: Path) -> None:
    async def work(services: Services) -> list[int]:
        async with services.db.session() as session:
            return [(await actions.submit_suggestion(
                session, services, text=f"Propuesta de lote n.º {n}", value="respeto",
                anonymous=True, source="portal")).id for n in (1, 2)]

    ids = live.call(work)
    page = open_page(chromium)
    login(page, live, staff(live, "talento_humano", "Tomás Lote"),
          "/consola/sugerencias?estado=recibida&q=lote")
    assert page.locator("#sugerencias tbody tr").count() == 2
    assert page.get_by_label(ui.BULK_ACTION, exact=True).input_value() == ""  # none chosen
    for sid in ids:
        page.get_by_label(messages.SUG_BULK_CHOOSE_ONE.format(id=sid), exact=True).check()
    page.get_by_label(ui.BULK_ACTION, exact=True).select_option("analizar")
    assert unlabeled_fields(page) == []
    page.get_by_role("button", name=ui.BULK_APPLY).click()
    assert page.locator('ul[aria-labelledby="confirm-items"] li').all_inner_texts() == [
        messages.SUG_BULK_ITEM.format(id=sid, title=f"Propuesta de lote n.º {n}")
        for sid, n in reversed(list(zip(ids, (1, 2), strict=True)))]  # the list's order: newest
    page.screenshot(path=screenshots / "sugerencias-lote-confirmar-escritorio.png",
                    full_page=True)
    page.get_by_role("button", name=messages.SUG_BULK_ANALYSE_CONFIRM).click()
    page.wait_for_url(live.url + "/consola/sugerencias?estado=recibida&q=lote")
    assert page.get_by_text(messages.SUG_BULK_ANALYSE_DONE.format(n=2)).is_visible()
    assert page.get_by_text(messages.NO_SUGGESTIONS_FOUND).is_visible()  # none left «Recibida»
    page.context.close()
