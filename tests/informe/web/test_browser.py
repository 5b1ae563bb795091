"""The plan de acción and the period report in a real browser, at desktop and phone width: HR
loads the plan from the seed, reads the summary and the activities, opens one, and downloads the
report's PDF and XLSX; every field has its label and nothing overflows sideways."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.encuestas import messages as survey_messages
from bot.encuestas.models import Survey, SurveyQuestion, SurveyRespondents, SurveyTally
from informe.web import messages
from nucleo.models import Department
from nucleo.services import Services
from tests.web.browser import DESKTOP, PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
SURVEY_MEASURE = survey_messages.MEASURE_RESULTS
LONG_NAME = "Secretaría de Tránsito, Transporte, Movilidad y Seguridad Vial del Municipio"


def test_plan_and_report_at_desktop_and_phone_width(chromium: Any, live: Any,
                                                    screenshots: Any) -> None:
    email = staff(live, "talento_humano")
    page = open_page(chromium, DESKTOP)
    login(page, live, email, then="/consola/informe")
    page.get_by_role("button", name=messages.INF_SEED_BUTTON).click()  # the seed report's plan
    page.wait_for_url(live.url + "/consola/informe")
    assert page.locator("#planeado").is_visible() and page.locator("#cumplimiento").is_visible()
    assert page.locator("#plan tbody tr").count() > 10
    for name, viewport in (("escritorio", DESKTOP), ("telefono", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(live.url + "/consola/informe")
        assert fits_the_screen(page), f"the plan overflows sideways ({name})"
        assert unlabeled_fields(page) == []
        page.screenshot(path=str(screenshots / f"informe-plan-{name}.png"), full_page=True)
        page.locator("#plan tbody a").first.click()
        page.wait_for_selector("#actividad")
        assert fits_the_screen(page), f"an activity overflows sideways ({name})"
        assert unlabeled_fields(page) == []
        page.screenshot(path=str(screenshots / f"informe-actividad-{name}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.goto(live.url + "/consola/informe")
    for link, start in (("#descargar-pdf", b"%PDF"), ("#descargar-xlsx", b"PK")):
        with page.expect_download() as download:
            page.locator(link).click()
        with open(download.value.path(), "rb") as data:
            assert data.read(4).startswith(start), link
    page.context.close()


async def _survey_results(services: Services) -> None:
    """A closed survey's anonymous counters: Hacienda (6) shown, Tránsito (0) withheld, and a
    question long enough to test the breakdown's wrapping."""
    async with services.db.session() as session:
        hacienda = Department(name="Secretaría de Hacienda", normalized_name="hacienda")
        transito = Department(name=LONG_NAME, normalized_name="transito")
        session.add_all([hacienda, transito])
        await session.flush()
        survey = Survey(title="Percepción 2026", period_label="2026", opens_on=date(2026, 3, 1),
                        closes_on=date(2026, 3, 31), status="cerrada")
        session.add(survey)
        await session.flush()
        options = [{"key": str(k), "label": str(k)} for k in range(1, 6)]
        questions = [SurveyQuestion(survey_id=survey.id, position=n, kind="likert", value=value,
                                    text=text, options=options)
                     for n, (value, text) in enumerate((
                         ("honestidad", "¿Dicen la verdad?"),
                         ("respeto", "En mi dependencia se trata con amabilidad y sin "
                                     "discriminación a ciudadanos y compañeros, también cuando "
                                     "hay desacuerdo " * 3)), start=1)]
        session.add_all(questions)
        await session.flush()
        groups = {"*": 9, f"d:{hacienda.id}": 6, f"d:{transito.id}": 0, "d:otras": 3 + 2}
        for key, n in groups.items():
            session.add(SurveyRespondents(survey_id=survey.id, group_key=key, count=n))
            for question in questions:
                session.add_all([
                    SurveyTally(survey_id=survey.id, question_id=question.id, option="5",
                                group_key=key, count=n - n // 3),
                    SurveyTally(survey_id=survey.id, question_id=question.id, option="2",
                                group_key=key, count=n // 3)])
        await session.commit()


def test_report_indicators_open_fit_1280_and_the_phone(chromium: Any, live: Any,
                                                       screenshots: Any) -> None:
    """The report's indicators with every «Ver por dependencia» and «Ver por valor y
    pregunta» open: nothing overflows the page or a card sideways at 1280 px, the page fits the
    phone, and the withheld dependencia reads «sin cifra propia (…)»."""
    email = staff(live, "talento_humano")
    live.call(_survey_results)
    page = open_page(chromium, DESKTOP)
    period = "/consola/informe?desde=2026-01-01&hasta=2026-12-31"
    login(page, live, email, then=period)
    for name, viewport in (("escritorio", DESKTOP), ("telefono", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(live.url + period)
        page.evaluate("document.querySelectorAll('.card details').forEach(d => d.open = true)")
        card = page.get_by_role("region", name=SURVEY_MEASURE)
        assert card.get_by_role("cell", name="sin cifra propia (menos de 5 respuestas o sumada a «Otras»)").is_visible()
        assert card.get_by_text("Honestidad", exact=True).is_visible()
        assert fits_the_screen(page), f"the report overflows sideways ({name})"
        wide = page.evaluate("""[...document.querySelectorAll('.card')]
            .filter(c => c.scrollWidth > c.clientWidth + 1)
            .map(c => c.getAttribute('aria-label'))""")
        if viewport == DESKTOP:
            assert wide == [], f"cards scroll sideways at 1280 px: {wide}"
        page.screenshot(path=str(screenshots / f"informe-indicadores-{name}.png"),
                        full_page=True)
    page.context.close()
