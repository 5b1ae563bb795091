"""The survey results measure of the report, from surveys answered and closed by the real
actions: shares of favourable answers per value, question and dependencia; a dependencia under
five respondents (or merged into «Otras») shows «sin cifra propia» and never its number, one with exactly five is
shown; only the anonymous counters are read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import event

from bot.encuestas import actions, answering
from bot.encuestas.measures import PROVIDERS
from bot.encuestas.models import Survey, SurveyQuestion, SurveyRespondents, SurveyTally
from bot.encuestas.results_measure import SurveyResultsMeasure, _Counted, _groups, _Share
from nucleo.db import Database
from nucleo.models import Department
from nucleo.report import Period
from tests.bot.encuestas.conftest import make_people, small_survey

NOW = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)
BOGOTA = ZoneInfo("America/Bogota")
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30), BOGOTA)
# Dependencia → (people, answer to «¿Dicen la verdad?», answer to «¿Tratan con respeto?»).
WITHHELD = "sin cifra propia (menos de 5 respuestas o sumada a «Otras»)"
OTHERS = "Otras (dependencias sin cifra propia, juntas)"
RESPONSES = "Respuestas recibidas (una por persona y encuesta)"
LAYOUT = {"Hacienda": (5, "5", "3"), "Planeación": (7, "4", "1"), "Tránsito": (3, "1", "1"),
          "Salud": (2, "5", "5")}


async def _noop_invite(session, survey, ids, text, buttons) -> None:
    return None


async def _answered_survey(db: Database, people: dict[str, list[int]], *, title: str,
                           answering_people: dict[str, int] | None = None,
                           close: bool = True) -> int:
    async with db.session() as session:
        survey = await actions.create_survey(session, small_survey(title=title), None)
        await actions.launch_survey(session, survey.id, None, NOW, _noop_invite)
    for name, ids in people.items():
        _n, first, second = LAYOUT[name]
        count = len(ids) if answering_people is None else answering_people.get(name, 0)
        for person in ids[:count]:
            async with db.session() as session:
                step = await answering.start(session, survey.id, person)
                for value in (first, second, "a", ""):
                    step = await answering.answer(session, survey.id, person,
                                                  step.question_id, value)
                assert step.finished
    if close:
        async with db.session() as session:
            await actions.close_survey(session, survey.id, None, NOW)
    return survey.id


async def _people(db: Database) -> dict[str, list[int]]:
    ids = await make_people(db, {(name, "servidor"): n for name, (n, _a, _b) in LAYOUT.items()})
    people, start = {}, 0
    for name, (n, _a, _b) in LAYOUT.items():
        people[name], start = ids[start:start + n], start + n
    return people


async def test_favourable_shares_with_small_dependencias_withheld(db: Database) -> None:
    people = await _people(db)
    await _answered_survey(db, people, title="Percepción 2026")
    # Closed with 3 respondents: no results exist, so it counts nowhere.
    await _answered_survey(db, people, title="Pocas", answering_people={"Planeación": 3})
    await _answered_survey(db, people, title="Abierta", close=False)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.lower())

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with db.session() as session:
            figures = await SurveyResultsMeasure().measure(session, NOVEMBER, True)
            plain = await SurveyResultsMeasure().measure(session, NOVEMBER)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)

    # 17 people × 2 scale questions; favourable: Hacienda 5, Planeación 7, Salud 4.
    assert (figures.value, figures.total, figures.percent) == (16, 34, 47.1)
    assert (plain.value, plain.total) == (16, 34) and plain.groups == ()
    assert dict(figures.details) == {"Encuestas cerradas con resultados": 1,
                                     RESPONSES: 17}
    assert "no llegaron a 5" in (figures.note or "")
    assert [(g.label, g.value, g.total) for g in figures.breakdown] == [
        ("Honestidad", 14, 17), ("Respeto", 2, 17),
        ("P1. ¿Dicen la verdad?", 14, 17), ("P2. ¿Tratan con respeto?", 2, 17)]
    rows = [(g.label, g.value, g.total, g.withheld) for g in figures.groups]
    assert rows == [
        ("Hacienda", 5, 10, None),  # exactly five respondents: shown
        ("Planeación", 7, 14, None),
        ("Salud", 0, None, WITHHELD),
        ("Tránsito", 0, None, WITHHELD),
        (OTHERS, 4, 10, None)]
    assert all(g.percent is None for g in figures.groups if g.withheld)
    # The shown rows add up to the total: nothing more can be deduced by subtraction.
    assert sum(g.total or 0 for g in figures.groups) == figures.total
    # Only the anonymous counters are read, never who took part, a draft or the pool.
    read = " ".join(statements)
    assert "survey_tallies" in read and "survey_respondents" in read
    for table in ("survey_participation", "survey_drafts", "survey_pool", "people "):
        assert f"from {table}" not in read and f"join {table}" not in read


async def test_small_others_takes_the_smallest_dependencia(db: Database) -> None:
    """Tránsito alone (3) is too few for «Otras»: the closing moved Hacienda (5) too, so
    neither is shown on its own and «Otras» has 8 respondents."""
    people = await _people(db)
    await _answered_survey(db, people, title="Percepción 2026",
                           answering_people={"Hacienda": 5, "Planeación": 7, "Tránsito": 3})
    async with db.session() as session:
        figures = await SurveyResultsMeasure().measure(session, NOVEMBER, True)
    rows = {g.label: (g.value, g.total, g.withheld) for g in figures.groups}
    assert rows["Planeación"] == (7, 14, None)
    assert rows["Hacienda"][2] == rows["Tránsito"][2] == WITHHELD
    assert rows["Salud"][2] == WITHHELD  # invited, nobody answered
    assert rows[OTHERS] == (5, 16, None)


async def test_series_says_what_measure_says_and_nothing_without_surveys(db: Database) -> None:
    people = await _people(db)
    await _answered_survey(db, people, title="Percepción 2026")
    october = Period(date(2026, 10, 1), date(2026, 10, 31), BOGOTA)
    async with db.session() as session:
        measure = SurveyResultsMeasure()
        series = await measure.measure_series(session, [october, NOVEMBER])
        single = await measure.measure(session, NOVEMBER)
        assert await measure.measure_series(session, []) == []
    assert series[1] == single
    assert (series[0].value, series[0].total, series[0].percent, series[0].breakdown) == (
        0, 0, None, ())


def test_registered_with_the_survey_measures() -> None:
    assert [p.key for p in PROVIDERS] == ["encuestas.participacion", "encuestas.resultados"]


def _counters(survey_id: int, groups: dict[str, tuple[int, int, int]]) -> _Counted:
    """Stored counters made by hand: group key → (respondents, favourable, answered)."""
    counted = _Counted(Survey(id=survey_id, title=f"Encuesta {survey_id}"))
    for key, (n, favourable, answered) in groups.items():
        counted.respondents[key] = n
        counted.shares[key][1] = _Share(favourable, answered)
    return counted


async def test_a_small_stored_group_withholds_that_surveys_whole_breakdown(
        db: Database) -> None:
    """Closing never stores a group of 1–4 («Otras» included); if one ever were there, the
    total minus the rows would reveal it, so none of that survey's groups is shown."""
    async with db.session() as session:
        hacienda = Department(name="Hacienda", normalized_name="hacienda")
        salud = Department(name="Salud", normalized_name="salud")
        session.add_all([hacienda, salud])
        await session.commit()
        h, s = f"d:{hacienda.id}", f"d:{salud.id}"
        sound = _counters(1, {"*": (6, 4, 6), h: (6, 4, 6)})
        broken = _counters(2, {"*": (12, 7, 12), h: (9, 5, 9), s: (0, 0, 0),
                               "d:otras": (3, 2, 3)})
        rows = await _groups(session, [sound, broken])
        alone = await _groups(session, [broken])
        department_small = await _groups(session, [_counters(3, {
            "*": (8, 3, 8), h: (6, 2, 6), s: (2, 1, 2)})])
    assert [(g.label, g.value, g.total, g.withheld) for g in rows] == [
        ("Hacienda", 4, 6, None),  # only the sound survey's figures
        ("Salud", 0, None, WITHHELD)]
    assert [(g.label, g.withheld) for g in alone] == [("Hacienda", WITHHELD),
                                                     ("Salud", WITHHELD)]
    assert all(g.total is None for g in alone)
    assert [(g.label, g.total) for g in department_small] == [("Hacienda", None),
                                                              ("Salud", None)]


async def _stored_survey(db: Database, title: str, opens_on: date, closes_on: date, *,
                         respondents: int = 6, favourable: int = 4,
                         value: str | None = "honestidad",
                         closed_at: datetime | None = None) -> int:
    """A closed survey's anonymous counters written directly: one scale question (without
    ``closed_at``, as before it was kept: it ends on its planned ``closes_on``)."""
    async with db.session() as session:
        survey = Survey(title=title, period_label="2026", opens_on=opens_on,
                        closes_on=closes_on, status="cerrada", closed_at=closed_at)
        session.add(survey)
        await session.flush()
        question = SurveyQuestion(survey_id=survey.id, position=1, kind="likert",
                                  value=value, text="¿Dicen la verdad?",
                                  options=[{"key": str(k), "label": str(k)} for k in range(1, 6)])
        session.add(question)
        await session.flush()
        session.add_all([
            SurveyRespondents(survey_id=survey.id, group_key="*", count=respondents),
            SurveyTally(survey_id=survey.id, question_id=question.id, option="5",
                        group_key="*", count=favourable),
            SurveyTally(survey_id=survey.id, question_id=question.id, option="1",
                        group_key="*", count=respondents - favourable)])
        await session.commit()
        return survey.id


async def test_surveys_come_by_closing_day_then_id(db: Database) -> None:
    """The period's surveys are read in (closes_on, id) order on both engines, whatever order
    the rows were written or the UNION returns."""
    await _stored_survey(db, "Última", date(2026, 11, 1), date(2026, 11, 30))
    await _stored_survey(db, "Primera", date(2026, 11, 1), date(2026, 11, 10))
    await _stored_survey(db, "Segunda", date(2026, 11, 1), date(2026, 11, 10))
    async with db.session() as session:
        figures = await SurveyResultsMeasure().measure(session, NOVEMBER)
    assert [g.label.split(" · ")[0] for g in figures.breakdown[1:]] == [
        "Primera", "Segunda", "Última"]


async def test_a_survey_counts_once_in_the_month_it_closed(db: Database) -> None:
    """Open from October to November, a survey counts in November only (not in full in both
    months); the respondents figure is answers received, summed over surveys."""
    await _stored_survey(db, "Larga", date(2026, 10, 1), date(2026, 11, 10),
                         respondents=8, favourable=5)
    await _stored_survey(db, "Octubre", date(2026, 10, 1), date(2026, 10, 31),
                         respondents=6, favourable=2)
    await _stored_survey(db, "Noviembre", date(2026, 11, 15), date(2026, 11, 30),
                         respondents=5, favourable=5)
    october = Period(date(2026, 10, 1), date(2026, 10, 31), BOGOTA)
    both = Period(date(2026, 10, 1), date(2026, 11, 30), BOGOTA)
    async with db.session() as session:
        series = await SurveyResultsMeasure().measure_series(session, [october, NOVEMBER, both])
    assert [(f.value, f.total) for f in series] == [(2, 6), (10, 13), (12, 19)]
    assert [dict(f.details)[RESPONSES] for f in series] == [6, 13, 19]
    # The months add up to the two-month period: nothing is counted twice.
    assert series[0].total + series[1].total == series[2].total


async def test_a_question_without_a_value_of_the_code_counts_under_general(db: Database) -> None:
    """A value the Code does not list (or none) is not dropped: it counts under «General»."""
    await _stored_survey(db, "Conflictos", date(2026, 11, 1), date(2026, 11, 10),
                         value="conflictos", favourable=3)
    await _stored_survey(db, "Sin valor", date(2026, 11, 1), date(2026, 11, 11), value=None,
                         favourable=2)
    await _stored_survey(db, "Honestidad", date(2026, 11, 1), date(2026, 11, 12))
    async with db.session() as session:
        figures = await SurveyResultsMeasure().measure(session, NOVEMBER)
    values = [(g.label, g.value, g.total) for g in figures.breakdown[:2]]
    assert values == [("Honestidad", 4, 6), ("General", 5, 12)]
    assert sum(g.total or 0 for g in figures.breakdown[:2]) == figures.total == 18


async def test_a_survey_counts_in_the_month_it_really_closed(db: Database) -> None:
    """Planned to 10 November but closed on 31 October at 22:00 in Bogotá, it is October's;
    planned to 20 October but closed on 3 November, November's; the same rule as participation
    (``periods.ended_in``)."""
    await _stored_survey(db, "Temprana", date(2026, 10, 1), date(2026, 11, 10),
                         respondents=6, favourable=1,
                         closed_at=datetime(2026, 11, 1, 3, 0, tzinfo=UTC))
    await _stored_survey(db, "Tardía", date(2026, 10, 1), date(2026, 10, 20),
                         respondents=5, favourable=5,
                         closed_at=datetime(2026, 11, 3, 15, 0, tzinfo=UTC))
    october = Period(date(2026, 10, 1), date(2026, 10, 31), BOGOTA)
    async with db.session() as session:
        series = await SurveyResultsMeasure().measure_series(session, [october, NOVEMBER])
    assert [(f.value, f.total) for f in series] == [(1, 6), (5, 5)]
