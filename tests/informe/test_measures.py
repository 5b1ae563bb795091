"""Every module's measure through the port, and the surveys' suppression of small groups."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas.measures import ConsultationsOnTime
from bot.encuestas.measures import SurveyParticipationMeasure, suppressed_groups
from campañas.measures import CampaignReach
from campañas.models import Delivery
from foro.measures import PROVIDERS as FORUM
from nucleo.db import Database
from nucleo.models import Person
from nucleo.report import Figures, Period
from nucleo.report.dependencies import dependency_names
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
    assert dict(figures.details)["Encuestas en el periodo"] == 1
    shown = {g.label: g.value for g in figures.groups}
    assert all(v >= 5 for v in shown.values())
    assert "Salud" not in shown and shown["Otras"] >= 5


async def test_survey_participation_counts_the_days_a_survey_really_was_open(db: Database) -> None:
    """Planned for 15 February to 17 March: closed early on 28 February (23:00 in Bogotá) it is
    not March's; still open after its planned close (19 February) it is February's, not
    March's (it stops at its planned close until closed); launched on 1 April it is not; open
since 10 March and planned to April, it is."""
    async with db.session() as session:
        ids = await data.people(session, {"Hacienda": 7})
        await data.survey(session, {ids["Hacienda"][6]: "invitada"},  # planned to 9 April
                          opens_on=date(2026, 3, 10))
        early = {p: "terminada" for p in ids["Hacienda"][:2]}
        await data.survey(session, early, opens_on=date(2026, 2, 15), status="cerrada",
                          closed_at=datetime(2026, 3, 1, 4, 0, tzinfo=UTC))
        late = {p: "terminada" for p in ids["Hacienda"][2:4]} | {ids["Hacienda"][4]: "en_curso"}
        await data.survey(session, late, opens_on=date(2026, 1, 20))  # planned to 19 February
        await data.survey(session, {ids["Hacienda"][5]: "terminada"}, opens_on=date(2026, 4, 1))
        march = await SurveyParticipationMeasure().measure(session, MARCH)
        february = await SurveyParticipationMeasure().measure(session, FEBRUARY)
    assert (march.value, march.total) == (0, 1)
    assert (february.value, february.total) == (4, 5)
    assert dict(february.details)["En curso"] == 1


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


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC instant in 2026 (Bogotá is five hours behind)."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


# Hand-counted, per provider, for February, March and April in Bogotá: (value, total, details).
EXPECTED: dict[str, list[tuple[int, int, dict[str, int]]]] = {
    "campanas.alcance": [
        (4, 5, {"Entregas confirmadas": 4, "Piezas distintas enviadas": 2}),
        (3, 5, {"Entregas confirmadas": 4, "Piezas distintas enviadas": 3}),
        (1, 5, {"Entregas confirmadas": 1, "Piezas distintas enviadas": 1})],
    "consultas.a_tiempo": [
        (1, 3, {"Consultas escaladas": 3, "Respondidas": 2, "Respondidas después del plazo": 1,
                "Sin respuesta": 1}),
        (2, 3, {"Consultas escaladas": 3, "Respondidas": 3, "Respondidas después del plazo": 1,
                "Sin respuesta": 0}),
        (0, 1, {"Consultas escaladas": 1, "Respondidas": 0, "Respondidas después del plazo": 0,
                "Sin respuesta": 1})],
    "sugerencias.respondidas": [
        (2, 2, {"Recibidas": 2, "Con respuesta publicada": 2, "Adoptadas": 1,
                "No adoptadas": 1}),
        (1, 4, {"Recibidas": 4, "Con respuesta publicada": 1, "Adoptadas": 1,
                "No adoptadas": 1}),
        (1, 2, {"Recibidas": 2, "Con respuesta publicada": 1, "Adoptadas": 1,
                "No adoptadas": 0})],
}
EXPECTED["sugerencias.adoptadas"] = [
    (adopted["Adoptadas"], total, adopted) for _, total, adopted in EXPECTED[
        "sugerencias.respondidas"]]


async def _three_months(session: AsyncSession) -> None:
    """Rows around the month edges of February–April 2026 in Bogotá, counted by hand above."""
    ids = (await data.people(session, {"Hacienda": 5}))["Hacienda"]
    for people, when in ((ids[:3], at(2, 10, 15)),  # February
                         (ids[3:4], at(3, 1, 4, 59)),  # 28 February, 23:59 in Bogotá
                         (ids[:2], at(3, 1, 5)),  # 1 March, 00:00 in Bogotá
                         (ids[1:2], at(3, 31, 15)),
                         (ids[4:5], at(4, 1, 4)),  # 31 March, 23:00 in Bogotá
                         (ids[2:3], at(4, 1, 5))):  # April
        await data.deliveries(session, people, at=when)  # a piece each
    await data.deliveries(session, ids[2:3], at=at(3, 15, 15), state="fallida")  # not reached
    # Consultations: (created, due, answered).
    for created, due, answered in (
            (at(2, 10, 15), date(2026, 2, 20), at(2, 21, 3)),  # 20 Feb, 22:00 local: on time
            (at(2, 10, 16), date(2026, 2, 20), at(2, 21, 5)),  # 21 Feb, 00:00 local: late
            (at(3, 1, 4, 30), date(2026, 3, 13), None),  # 28 Feb local: February, pending
            # Answered at 03:00 UTC on its due date: the day before in Bogotá, on time.
            (at(3, 1, 5), date(2026, 3, 10), at(3, 10, 3)),
            (at(3, 31, 15), date(2026, 4, 14), at(4, 15, 3)),  # 14 Apr local: on time
            (at(4, 1, 4), date(2026, 4, 14), at(4, 16, 12)),  # 31 Mar local: late
            (at(4, 1, 5), date(2026, 4, 15), None)):  # April, pending
        await data.ticket(session, created=created, due=due, answered=answered)
    # Suggestions: (created, status, published answer, hidden).
    for created, status, published, hidden in (
            (at(2, 10, 15), "adoptada", True, False),
            (at(3, 1, 4, 59), "no_adoptada", True, False),  # 28 Feb, 23:59 local
            (at(2, 15, 15), "recibida", False, True),  # hidden: counted nowhere
            (at(3, 1, 5), "recibida", False, False),  # 1 March, 00:00 local
            (at(3, 15, 15), "adoptada", True, False),
            (at(3, 20, 15), "en_analisis", False, False),
            (at(4, 1, 4, 59), "no_adoptada", False, False),  # 31 Mar local, no answer published
            (at(4, 1, 5), "adoptada", True, False),  # April
            (at(4, 20, 15), "recibida", False, False)):
        await data.suggestion(session, created=created, status=status, published=published,
                              hidden=hidden)


def _said(figures: Figures) -> tuple[int, int, dict[str, int]]:
    return figures.value, figures.total, dict(figures.details)


async def test_every_measure_counts_each_period_by_hand(db: Database) -> None:
    """Every provider, the report (``measure``) and the Inicio trend (``measure_series``),
    against values counted by hand: Bogotá's month edges and due dates, not UTC's."""
    async with db.session() as session:
        await _three_months(session)
        for provider in (CampaignReach(), ConsultationsOnTime(), *FORUM):
            expected = EXPECTED[provider.key]
            assert [_said(f) for f in await provider.measure_series(
                session, [FEBRUARY, MARCH, APRIL])] == expected, provider.key
            for period, figures in zip((FEBRUARY, MARCH, APRIL), expected, strict=True):
                assert _said(await provider.measure(session, period)) == figures, provider.key


async def test_a_series_says_what_each_period_says_in_one_query(db: Database) -> None:
    """``measure_series`` with a period left out between two others: each period says what
    it says alone (March, between them, is counted in neither); one query per measure (reach:
    and its base)."""
    async with db.session() as session:
        await _three_months(session)
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        for provider in (CampaignReach(), ConsultationsOnTime(), *FORUM):
            event.listen(db.engine.sync_engine, "before_cursor_execute", count)
            try:
                series = await provider.measure_series(session, [FEBRUARY, APRIL])
            finally:
                event.remove(db.engine.sync_engine, "before_cursor_execute", count)
            february, _, april = EXPECTED[provider.key]
            assert [_said(f) for f in series] == [february, april], provider.key
            assert len(statements) == (2 if provider.key == "campanas.alcance" else 1)
            statements.clear()
            assert await provider.measure_series(session, []) == []


async def _reach_by_sorting(session: AsyncSession, period: Period
                            ) -> tuple[int, int, int, dict[int | None, int]]:
    """The reach as it was counted before the probes (#19): every delivery of the period, each
    person and piece once; per dependency, the people among those reached."""
    sent = (Delivery.state == "enviada", Delivery.sent_at >= period.start,
            Delivery.sent_at < period.end)
    deliveries, reached, pieces = (await session.execute(select(
        func.count(), func.count(distinct(Delivery.person_id)),
        func.count(distinct(Delivery.piece_id))).where(*sent))).one()
    per = dict((await session.execute(
        select(Person.department_id, func.count())
        .where(Person.id.in_(select(Delivery.person_id).where(*sent)))
        .group_by(Person.department_id))).all())
    return deliveries, reached, pieces, per


async def test_reach_probes_count_what_sorting_the_deliveries_counted(db: Database) -> None:
    """Random deliveries (states, hours around the edges, people without a dependency or
    inactive): the report's probed reach says what counting every delivery said, per period
    and per dependency, and so does the trend's."""
    rng = random.Random(19)
    async with db.session() as session:
        ids = await data.people(session, {"Hacienda": 12, "Salud": 7, "Tránsito": 3})
        loose = [Person(full_name=f"Sin dependencia {i}") for i in range(4)]
        gone = Person(full_name="Retirada", department_id=None, status="inactiva")
        session.add_all([*loose, gone])
        await session.commit()
        everyone = [p for group in ids.values() for p in group] + [p.id for p in loose] + [
            gone.id]
        for _ in range(14):
            when = at(rng.randint(2, 4), rng.randint(1, 28), rng.randint(0, 23))
            await data.deliveries(session, rng.sample(everyone, rng.randint(1, 12)), at=when,
                                  state=rng.choice(("enviada", "enviada", "fallida")))
        periods = [FEBRUARY, MARCH, APRIL, Period(date(2026, 2, 20), date(2026, 4, 3), BOGOTA),
                   Period(date(2026, 3, 10), date(2026, 3, 10), BOGOTA)]
        series = await CampaignReach().measure_series(session, periods)
        names = await dependency_names(session)
        for period, in_series in zip(periods, series, strict=True):
            deliveries, reached, pieces, per = await _reach_by_sorting(session, period)
            figures = await CampaignReach().measure(session, period, True)
            said = (deliveries, pieces)
            assert (figures.value, *dict(figures.details).values()) == (reached, *said)
            assert (in_series.value, *dict(in_series.details).values()) == (reached, *said)
            assert {g.label: g.value for g in figures.groups if g.value} == {
                names[k]: n for k, n in per.items()}
