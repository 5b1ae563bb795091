"""Every module's measure through the port, and the surveys' suppression of small groups."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import event

from bot.consultas.measures import ConsultationsOnTime
from bot.encuestas.measures import SurveyParticipationMeasure, suppressed_groups
from campañas.measures import CampaignReach
from foro.measures import PROVIDERS as FORUM
from nucleo.db import Database
from nucleo.report import Period
from tests.informe import data

BOGOTA = ZoneInfo("America/Bogota")
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31), BOGOTA)
UTC = UTC


async def test_campaign_reach_per_dependency(db: Database) -> None:
    async with db.session() as session:
        ids = await data.people(session, {"Hacienda": 10, "Salud": 4})
        await data.deliveries(session, ids["Hacienda"][:6] + ids["Salud"][:1])
        await data.deliveries(session, ids["Hacienda"][:2])  # a second piece, same people
        await data.deliveries(session, ids["Salud"][1:2], state="fallida")
        await data.deliveries(session, ids["Salud"][2:3],  # 1 April in Bogotá: outside
                              at=datetime(2026, 4, 1, 5, 0, tzinfo=UTC))
        figures = await CampaignReach().measure(session, MARCH, True)
    assert (figures.value, figures.total) == (7, 14)
    assert dict(figures.details)["Entregas confirmadas"] == 9
    assert [(g.label, g.value, g.total) for g in figures.groups] == [
        ("Hacienda", 6, 10), ("Salud", 1, 4)]


def test_survey_groups_under_five_are_merged_or_hidden() -> None:
    groups, note = suppressed_groups({"A": 7, "B": 5, "C": 2, "D": 1}, {"A": 9, "B": 8, "C": 2,
                                                                          "D": 6})
    # C and D (3) are too few for «Otras»: the smallest shown group (B) joins them.
    assert [(g.label, g.value, g.total) for g in groups] == [("A", 7, 9), ("Otras", 8, 16)]
    assert note is None
    groups, note = suppressed_groups({"A": 4, "B": 3}, {"A": 9, "B": 9})
    assert groups == () and note is not None and "5" in note


async def test_survey_participation_never_shows_a_small_group(db: Database) -> None:
    async with db.session() as session:
        ids = await data.people(session, {"Hacienda": 8, "Salud": 3, "Tránsito": 6})
        statuses = {p: "terminada" for p in ids["Hacienda"][:6]}
        statuses |= {p: "terminada" for p in ids["Salud"]}
        statuses |= {p: "terminada" for p in ids["Tránsito"][:5]}
        statuses |= {ids["Hacienda"][6]: "en_curso", ids["Hacienda"][7]: "invitada"}
        await data.survey(session, statuses)
        await data.survey(session, {ids["Salud"][0]: "terminada"}, status="borrador")
        await data.survey(session, {ids["Salud"][0]: "terminada"}, opens_on=date(2026, 5, 1))
        figures = await SurveyParticipationMeasure().measure(session, MARCH, True)
    assert (figures.value, figures.total) == (14, 16)
    shown = {g.label: g.value for g in figures.groups}
    assert all(v >= 5 for v in shown.values())
    assert "Salud" not in shown and shown["Otras"] >= 5


async def test_consultations_answered_on_time(db: Database) -> None:
    async with db.session() as session:
        await data.ticket(session, answered=datetime(2026, 3, 21, 4, 0, tzinfo=UTC))  # 20th local
        await data.ticket(session, answered=datetime(2026, 3, 21, 6, 0, tzinfo=UTC))  # late
        await data.ticket(session)  # still open
        await data.ticket(session, created=datetime(2026, 2, 27, tzinfo=UTC))  # outside
        figures = await ConsultationsOnTime().measure(session, MARCH, True)
    assert (figures.value, figures.total) == (1, 3)
    assert dict(figures.details)["Sin respuesta"] == 1
    assert figures.groups == () and figures.note


async def test_suggestions_received_answered_adopted(db: Database) -> None:
    async with db.session() as session:
        await data.suggestion(session)
        await data.suggestion(session, status="adoptada", published=True)
        await data.suggestion(session, status="no_adoptada", published=True)
        await data.suggestion(session, status="en_analisis")
        await data.suggestion(session, hidden=True)
        answered, adopted = [await p.measure(session, MARCH) for p in FORUM]
    assert (answered.value, answered.total) == (2, 4)
    assert (adopted.value, adopted.total) == (1, 4)


FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28), BOGOTA)
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30), BOGOTA)


async def test_a_series_says_what_each_period_says_in_one_query(db: Database) -> None:
    """``measure_series`` (the Inicio trends) against ``measure`` (the report), period by
    period, with a period left out between two others; one query per measure (reach: and
    its base)."""
    async with db.session() as session:
        ids = await data.people(session, {"Hacienda": 5})
        for when in (datetime(2026, 2, 10, 15, tzinfo=UTC), datetime(2026, 3, 1, 5, tzinfo=UTC),
                     datetime(2026, 3, 31, 15, tzinfo=UTC), datetime(2026, 4, 1, 5, tzinfo=UTC)):
            await data.deliveries(session, ids["Hacienda"][:3], at=when)
            await data.ticket(session, created=when,
                              answered=when if when.month != 4 else None)
            await data.suggestion(session, created=when, status="adoptada", published=True)
        await data.suggestion(session, created=datetime(2026, 4, 20, tzinfo=UTC))
        periods = [FEBRUARY, APRIL]  # March falls between them: counted in neither
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        for provider in (CampaignReach(), ConsultationsOnTime(), *FORUM):
            singles = [await provider.measure(session, p) for p in periods]
            event.listen(db.engine.sync_engine, "before_cursor_execute", count)
            try:
                series = await provider.measure_series(session, periods)
            finally:
                event.remove(db.engine.sync_engine, "before_cursor_execute", count)
            assert series == singles, provider.key
            assert len(statements) == (2 if provider.key == "campanas.alcance" else 1)
            statements.clear()
            assert await provider.measure_series(session, []) == []
        reach = await CampaignReach().measure_series(session, [FEBRUARY, MARCH, APRIL])
        assert [f.value for f in reach] == [3, 3, 3]
        assert [dict(f.details)["Entregas confirmadas"] for f in reach] == [3, 6, 3]
        received = await FORUM[0].measure_series(session, [FEBRUARY, MARCH, APRIL])
        assert [f.total for f in received] == [1, 2, 2]
