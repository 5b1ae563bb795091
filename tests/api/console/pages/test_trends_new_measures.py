"""Inicio trend cards of the newer measures: sensitization attendance per month, favourable
survey answers per month and bienes y rentas compliance per year, on a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.declaraciones.models import AssetFiling
from bot.declaraciones.web import messages as decl_texts
from bot.encuestas.models import Survey, SurveyQuestion, SurveyRespondents, SurveyTally
from bot.encuestas.web import messages as survey_texts
from bot.sesiones import actions as session_actions
from bot.sesiones.web import messages as session_texts
from nucleo.services import Services
from nucleo.web.console import messages as ui
from nucleo.web.console.trends import MONTHS, YEARS
from tests.api.console.pages.test_trends import card, row
from tests.bot.sesiones.helpers import add_department, add_directory_person, add_session
from tests.web.console import LoginAs

NOW = datetime(2025, 12, 3, 13, 0, tzinfo=UTC)  # Wednesday 3 December 2025, 8:00 in Bogotá


async def _data(services: Services) -> None:
    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana", hacienda, kind="servidor")
    beto = await add_directory_person(services, "Beto", hacienda, kind="servidor")
    november = await add_session(services, start=datetime(2025, 11, 12, 14, tzinfo=UTC))
    async with services.db.session() as session:
        for person in (ana, beto):
            await session_actions.add_attendance(session, november.id, person, staff=None,
                                                 now=NOW)
        survey = Survey(title="Percepción", period_label="2025", opens_on=date(2025, 11, 1),
                        closes_on=date(2025, 11, 20), status="cerrada")
        session.add(survey)
        await session.flush()
        question = SurveyQuestion(survey_id=survey.id, position=1, kind="likert",
                                  text="¿Dicen la verdad?", value="honestidad",
                                  options=[{"key": str(k), "label": str(k)} for k in range(1, 6)])
        session.add(question)
        await session.flush()
        session.add(SurveyRespondents(survey_id=survey.id, group_key="*", count=6))
        session.add_all(SurveyTally(survey_id=survey.id, question_id=question.id, option=o,
                                    group_key="*", count=n) for o, n in (("5", 4), ("2", 2)))
        session.add(AssetFiling(person_id=ana, year=2025, kind="bienes_rentas",
                                filed_on=date(2025, 7, 1), source="consola"))
        await session.commit()


async def test_new_trend_cards(login_as: LoginAs, services: Services) -> None:
    services.clock = lambda: NOW
    user = await login_as("talento_humano")
    page = (await user.get("/consola/")).text
    sessions_title = session_texts.SES_CARD_TREND.format(n=MONTHS)
    assert ui.TREND_EMPTY_MONTHS.format(n=MONTHS) in card(page, sessions_title)
    await _data(services)
    page = (await user.get("/consola/")).text
    sessions = card(page, sessions_title)
    assert '<svg class="chart chart-columns"' in sessions
    assert row(sessions, "noviembre de 2025").endswith(
        f"{session_texts.SES_TREND_PEOPLE}: 2 · Asistencias registradas: 2")
    assert row(sessions, "diciembre de 2025").endswith(f"{session_texts.SES_TREND_PEOPLE}: 0 · "
                                                       "Asistencias registradas: 0")
    surveys = card(page, survey_texts.SURVEY_CARD_TREND.format(n=MONTHS))
    assert row(surveys, "noviembre de 2025").endswith(
        f"{survey_texts.SURVEY_TREND_FAVOURABLE}: 4 · {survey_texts.SURVEY_TREND_ANSWERED}: 6")
    assets = card(page, decl_texts.DECL_ASSETS_CARD_TREND.format(n=YEARS))
    assert assets.count('<th scope="row"') == YEARS
    assert row(assets, "2025").endswith(f"{decl_texts.DECL_ASSETS_TREND_FILED}: 1 · "
                                        f"{decl_texts.DECL_ASSETS_TREND_OBLIGED}: 2")
    assert row(assets, "2021").endswith(f"{decl_texts.DECL_ASSETS_TREND_FILED}: 0 · "
                                        f"{decl_texts.DECL_ASSETS_TREND_OBLIGED}: 2")
    auditor = (await (await login_as("auditor")).get("/consola/")).text
    assert survey_texts.SURVEY_CARD_TREND.format(n=MONTHS) in auditor
    assert decl_texts.DECL_ASSETS_CARD_TREND.format(n=YEARS) not in auditor
