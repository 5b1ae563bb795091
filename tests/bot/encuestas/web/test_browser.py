"""Encuestas in a real browser: Talento Humano creates the starter survey, launches it, closes it
after 17 people answer in the chat, reads the results with charts, filters by dependencia, meets a
suppressed small group and downloads the diagnosis."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.encuestas import actions, answering
from bot.encuestas.web import messages
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from tests.bot.encuestas.conftest import RecordingNotifier, make_people
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
# Planeación (6) joins "Otras" with Tránsito (3) so that Tránsito cannot be deduced.
LAYOUT = {("Hacienda", "servidor"): 8, ("Planeación", "servidor"): 6,
          ("Tránsito", "contratista"): 3}


def _seed_people(live: Any) -> list[int]:
    live.services.extras[NOTIFIER] = RecordingNotifier()

    async def work(services: Services) -> list[int]:
        return await make_people(services.db, LAYOUT)

    return live.call(work)


def _everyone_answers(live: Any, survey_id: int, people: list[int]) -> None:
    """The people answer through the real answering actions, as the chat does."""

    async def work(services: Services) -> None:
        async with services.db.session() as session:
            survey = await actions.get_survey(session, survey_id)
            questions = {q.id: (q.kind, q.position, [o["key"] for o in q.options])
                         for q in survey.questions}
        for n, person in enumerate(people):
            async with services.db.session() as session:
                step = await answering.start(session, survey_id, person)
                while not step.finished:
                    kind, position, keys = questions[step.question_id]
                    value = (f"Idea {n}" if kind == "text"
                             else keys[(n * position + n // 3) % len(keys)])
                    step = await answering.answer(session, survey_id, person,
                                                  step.question_id, value)

    live.call(work)


def test_create_launch_close_and_read_the_results(chromium: Any, live: Any,
                                                  screenshots: Path) -> None:
    people = _seed_people(live)
    email = staff(live, "talento_humano", "Ana Talento")
    page = open_page(chromium)
    login(page, live, email, "/consola/encuestas")
    assert page.get_by_role("link", name=messages.SURVEYS_FEEDBACK_LINK).get_attribute(
        "href") == "/consola/encuestas/retroalimentacion"
    page.get_by_role("button", name=messages.SURVEY_STARTER_SUBMIT).click()
    page.wait_for_url("**/consola/encuestas/*")
    survey_id = int(page.url.rsplit("/", 1)[1])
    assert "en borrador" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name=messages.SURVEY_LAUNCH_LINK).click()
    assert page.locator("#invitaciones").inner_text() == "17"
    page.get_by_role("button", name=messages.SURVEY_LAUNCH_SUBMIT.format(n=17)).click()
    assert page.get_by_role("status").inner_text() == messages.SURVEY_LAUNCHED.format(n=17)
    _everyone_answers(live, survey_id, people)
    page.get_by_role("button", name=messages.SURVEY_CLOSE_SUBMIT).click()
    page.get_by_role("button", name=messages.SURVEY_CLOSE_CONFIRM).click()  # the confirmation page
    assert page.get_by_role("status").inner_text() == messages.SURVEY_CLOSED

    page.goto(live.url + "/consola/encuestas")
    row = page.locator("#encuestas tbody tr").first.inner_text()
    assert "Cerrada" in row and "17" in row and "100%" in row
    page.screenshot(path=screenshots / "encuestas-lista-escritorio.png", full_page=True)

    page.get_by_role("link", name="Encuesta de percepción de integridad").click()
    page.get_by_role("link", name=messages.SURVEY_RESULTS_LINK).click()
    heading = messages.SURVEY_GROUP_HEADING.format(label=messages.SURVEY_GROUP_TOTAL, n=17)
    assert page.locator("#group-h").inner_text() == heading
    assert page.locator("svg.chart").count() == 17
    assert page.locator("svg.chart title").first.text_content() == messages.SURVEY_BY_VALUE
    page.screenshot(path=screenshots / "encuestas-resultados-escritorio.png", full_page=True)

    page.get_by_label(messages.SURVEY_FILTER_DEPARTMENT, exact=True).select_option(label="Hacienda")
    page.get_by_role("button", name=messages.SURVEY_FILTER_SUBMIT).click()
    assert page.locator("#group-h").inner_text() == messages.SURVEY_GROUP_HEADING.format(
        label="Hacienda", n=8)
    department = page.get_by_label(messages.SURVEY_FILTER_DEPARTMENT, exact=True)
    department.select_option(label="Planeación")
    page.get_by_role("button", name=messages.SURVEY_FILTER_SUBMIT).click()
    assert page.locator("#supresion").inner_text() == messages.SURVEY_SUPPRESSED.format(
        label="Planeación")
    assert page.locator("#grupo").count() == 0 and page.locator("svg.chart").count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name=messages.SURVEY_DIAGNOSIS_XLSX).click()
    assert download.value.suggested_filename == f"diagnostico-{survey_id}.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    summary = {r[0]: r[1] for r in book["Resumen"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Terminaron"] == 17
    assert {r[0] for r in book["Por dependencia"].iter_rows(min_row=2, values_only=True)
            if r and r[1]} == {"Hacienda", "Otras"}

    page.goto(live.url + "/consola/encuestas/nueva")
    assert unlabeled_fields(page) == []
    page.context.close()

    phone = open_page(chromium, PHONE)
    login(phone, live, email, f"/consola/encuestas/{survey_id}/resultados")
    assert phone.locator("svg.chart").count() == 17
    assert fits_the_screen(phone)
    phone.screenshot(path=screenshots / "encuestas-resultados-telefono.png", full_page=True)
    phone.context.close()
