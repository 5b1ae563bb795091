"""Inicio trend cards: campaign reach per week, consultations per week and suggestions per
month, from the report's measures, on a fixed clock (never today's date)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.consultas.tables import ConsultationTicket
from bot.consultas.web import messages as consult_texts
from campañas.models import Delivery, Piece, Run
from campañas.web import messages as campaign_texts
from foro.models import Suggestion
from foro.web import messages as foro_texts
from nucleo.services import Services
from nucleo.web.console import messages as ui
from nucleo.web.console.trends import MONTHS, WEEKS
from tests.campañas.conftest import add_people, campaign_with_pieces
from tests.web.console import LoginAs

NOW = datetime(2025, 12, 3, 13, 0, tzinfo=UTC)  # Wednesday 3 December 2025, 8:00 in Bogotá


def at(month: int, day: int, year: int = 2025) -> datetime:
    return datetime(year, month, day, 15, 0, tzinfo=UTC)


def card(page: str, title: str) -> str:
    return page.split(f">{title}</h2>", 1)[1].split("</section>", 1)[0]


def row(section: str, label: str) -> str:
    return section.split(f'<th scope="row" class="wrap">{label}</th>', 1)[1].split("</td>", 1)[0]


async def _deliveries(services: Services) -> None:
    people = await add_people(services.db, 3)
    campaign_id = await campaign_with_pieces(services.db, services.settings)
    async with services.db.session() as session:
        piece = await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id))
        assert piece is not None
        run = Run(campaign_id=campaign_id, piece_id=piece.id, scheduled_for=at(11, 12))
        session.add(run)
        await session.flush()
        sent = [(people[0], at(12, 2)), (people[1], at(12, 2)), (people[0], at(11, 12))]
        session.add_all([Delivery(run_id=run.id, piece_id=piece.id, person_id=person,
                                  channel=f"c{i}", state="enviada", sent_at=when)
                         for i, (person, when) in enumerate(sent)])
        session.add(Delivery(run_id=run.id, piece_id=piece.id, person_id=people[2],
                             channel="telegram", state="pendiente"))
        await session.commit()


async def test_reach_per_week(login_as: LoginAs, services: Services) -> None:
    services.clock = lambda: NOW
    user = await login_as("talento_humano")
    empty = card((await user.get("/consola/")).text, campaign_texts.CARD_REACH_TREND.format(n=WEEKS))
    assert ui.TREND_EMPTY_WEEKS.format(n=WEEKS) in empty and "<svg" not in empty
    await _deliveries(services)
    section = card((await user.get("/consola/")).text, campaign_texts.CARD_REACH_TREND.format(n=WEEKS))
    assert '<svg class="chart chart-columns"' in section and 'role="img"' in section
    assert section.count('<th scope="row"') == 12  # the data table: one row per week
    label = campaign_texts.REACH_TREND_PEOPLE
    assert row(section, "1–7 de diciembre de 2025").endswith(f"{label}: 2")
    assert row(section, "10–16 de noviembre de 2025").endswith(f"{label}: 1")
    assert row(section, "24–30 de noviembre de 2025").endswith(f"{label}: 0")
    assert "8–14 de septiembre" not in section  # twelve weeks back: from 15 September
    assert row(section, "15–21 de septiembre de 2025").endswith(f"{label}: 0")
    asesor = await login_as("asesor")
    assert campaign_texts.CARD_REACH_TREND.format(n=WEEKS) not in (await asesor.get("/consola/")).text


async def test_consultations_per_week_and_suggestions_per_month(
        login_as: LoginAs, services: Services) -> None:
    services.clock = lambda: NOW
    async with services.db.session() as session:
        tickets = [(at(12, 1), at(12, 2)), (at(12, 2), None), (at(12, 3, 2025), None),
                   (at(11, 25), at(12, 1)), (at(8, 1), at(8, 2))]
        session.add_all([ConsultationTicket(question="¿Puedo?", anonymous=True,
                                            due_on=date(2025, 12, 20), created_at=created,
                                            answered_at=answered,
                                            status="respondido" if answered else "abierto")
                         for created, answered in tickets])
        suggestions = [(at(12, 2), None), (at(12, 2), None), (at(10, 15), None),
                       (at(12, 15, 2024), None), (at(12, 1), at(12, 2))]
        session.add_all([Suggestion(ref=f"S-{i}", title="Idea", text="Una idea", source="chat",
                                    created_at=created, hidden_at=hidden)
                         for i, (created, hidden) in enumerate(suggestions)])
        await session.commit()
    user = await login_as("admin")
    page = (await user.get("/consola/")).text
    consult = card(page, consult_texts.CARD_CONSULT_TREND.format(n=WEEKS))
    assert '<svg class="chart chart-columns"' in consult
    received, answered = consult_texts.CONSULT_TREND_RECEIVED, consult_texts.CONSULT_TREND_ANSWERED
    assert row(consult, "1–7 de diciembre de 2025").endswith(
        f"{received}: 3 · {answered}: 1")
    assert row(consult, "24–30 de noviembre de 2025").endswith(
        f"{received}: 1 · {answered}: 1")
    assert "agosto" not in consult
    ideas = card(page, foro_texts.CARD_SUGGESTIONS_TREND.format(n=MONTHS))
    assert ideas.count('<th scope="row"') == 12
    assert row(ideas, "diciembre de 2025").endswith(f"{foro_texts.SUGGESTIONS_TREND_RECEIVED}: 2 · "
                                                   f"{foro_texts.SUGGESTIONS_TREND_ANSWERED}: 0")
    assert row(ideas, "octubre de 2025").endswith(f"{foro_texts.SUGGESTIONS_TREND_RECEIVED}: 1 · "
                                                  f"{foro_texts.SUGGESTIONS_TREND_ANSWERED}: 0")
    assert "diciembre de 2024" not in ideas and "enero de 2025" in ideas
