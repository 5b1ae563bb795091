"""30 people answer; the database cannot join an answer to anyone; small groups stay hidden;
the diagnosis export reads back with the same figures."""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.encuestas import actions, answering, results
from bot.encuestas.diagnosis import diagnosis_html, diagnosis_xlsx
from bot.encuestas.models import (
    SurveyDraft,
    SurveyParticipation,
    SurveyRespondents,
    SurveyTally,
    SurveyTextAnswer,
)
from nucleo.db import Database
from nucleo.errors import Conflict
from nucleo.formats import decimal
from tests.bot.encuestas.conftest import RecordingNotifier, make_people, small_survey

NOW = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)
LAYOUT = {("Hacienda", "servidor"): 12, ("Hacienda", "contratista"): 4,
          ("Planeación", "servidor"): 10, ("Tránsito", "servidor"): 3,
          ("Tránsito", "contratista"): 1}


async def _run(db: Database, notifier: RecordingNotifier) -> tuple[int, dict[int, list[str]]]:
    people = await make_people(db, LAYOUT)
    rng = random.Random(7)
    answers: dict[int, list[str]] = {}

    async def invite(session, survey, ids, text, buttons):
        for pid in ids:
            await notifier.notify(session, pid, text, buttons)

    async with db.session() as session:
        survey = await actions.create_survey(session, small_survey(), None)
        await actions.launch_survey(session, survey.id, None, NOW, invite)
    order = list(people)
    rng.shuffle(order)
    for person in order:
        chosen = [str(rng.randint(1, 5)), str(rng.randint(1, 5)), rng.choice("ab"),
                  f"comentario de {person}"]
        answers[person] = chosen
        async with db.session() as session:
            step = await answering.start(session, survey.id, person)
            for value in chosen:
                step = await answering.answer(session, survey.id, person, step.question_id,
                                              value)
            assert step.finished
    async with db.session() as session:
        await actions.close_survey(session, survey.id, None, NOW)
    return survey.id, answers


@pytest.mark.slow
async def test_no_answer_can_be_joined_to_a_person(db: Database,
                                                   notifier: RecordingNotifier) -> None:
    _survey_id, answers = await _run(db, notifier)
    answer_tables = (SurveyTally, SurveyRespondents, SurveyTextAnswer)
    forbidden = ("person", "chat", "user", "email", "name", "_at", "time", "created")
    for model in answer_tables:
        table = model.__table__
        for column in table.columns:
            assert not any(word in column.name for word in forbidden), (table.name, column.name)
            assert not any(fk.column.table.name == "people" for fk in column.foreign_keys)
    participation = {c.name for c in SurveyParticipation.__table__.columns}
    assert participation == {"id", "survey_id", "person_id", "status", "reminders_sent",
                             "last_contact_at"}
    async with db.session() as session:
        assert list(await session.scalars(select(SurveyDraft))) == []
        texts = list(await session.scalars(select(SurveyTextAnswer.text)
                                           .order_by(SurveyTextAnswer.key)))
        finishing_order = [f"comentario de {p}" for p in answers]  # insertion order
        assert sorted(texts) == sorted(finishing_order) and texts != finishing_order
        tallies = list(await session.scalars(select(SurveyTally)))
        # counters only: every row aggregates, none is one person's answer set
        assert sum(t.count for t in tallies if t.question_id == tallies[0].question_id
                   and t.group_key == "*") == 30


@pytest.mark.slow
async def test_results_hide_small_groups_and_match_answers(db: Database,
                                                           notifier: RecordingNotifier) -> None:
    survey_id, answers = await _run(db, notifier)
    async with db.session() as session:
        survey = await actions.get_survey(session, survey_id)
        overall = await results.survey_results(session, survey)
        by_department = await results.survey_results(session, survey, "department")
        by_kind = await results.survey_results(session, survey, "kind")
        together = await results.survey_results_all(session, survey)  # one reading, three cuts
        comments = await results.free_text(session, survey)
    assert together == (overall, by_department, by_kind)
    assert overall.participation.finished == 30 and overall.overall.respondents == 30
    first = overall.overall.questions[0]
    assert first.counts == {k: Counter(a[0] for a in answers.values()).get(k, 0)
                            for k in "12345"}
    assert first.mean == round(sum(int(a[0]) for a in answers.values()) / 30, 2)
    departments = {g.label: g.respondents for g in by_department.groups}
    # Tránsito (4) is under 5. Showing Planeación and hiding Tránsito would reveal Tránsito as
    # Total - Hacienda - Planeación, so Planeación joins "Otras" (complementary suppression).
    assert departments == {"Hacienda": 16, "Otras": 14}
    assert all(g.respondents >= 5 for g in by_department.groups)
    kinds = {g.label: g.respondents for g in by_kind.groups}
    assert kinds == {"Servidores públicos": 25, "Contratistas": 5}
    assert len(comments) == 30 and all(len(pair) == 2 for pair in comments)
    workbook = load_workbook(io.BytesIO(diagnosis_xlsx(overall, by_department, by_kind, NOW)))
    summary = {row[0]: row[1] for row in workbook["Resumen"].iter_rows(values_only=True)
               if row and row[0]}
    assert summary["Terminaron"] == 30 and summary["Invitadas"] == 30
    assert summary["Honestidad"] == overall.overall.values["honestidad"]
    rows = list(workbook["Preguntas"].iter_rows(values_only=True))
    assert rows[1][3] == 30 and rows[1][4] == first.mean
    groups = {r[0] for r in workbook["Por dependencia"].iter_rows(min_row=2, values_only=True)
              if r and r[1]}
    assert groups == {"Hacienda", "Otras"}
    page = diagnosis_html(overall, by_department, by_kind, NOW, "Alcaldía <de> Prueba")
    assert "<svg" in page and "Alcaldía &lt;de&gt; Prueba" in page and "Tránsito" not in page
    # Numbers the Colombian way in the tables; words wrap whole (not «Hone stida d»).
    tables = re.sub(r"<svg.*</svg>", "", page, flags=re.S)
    assert all(decimal(m) in tables for m in overall.overall.values.values())
    assert not re.search(r">\d+\.\d\d<", tables)
    assert "overflow-wrap: anywhere" not in page


@pytest.mark.slow
async def test_each_cut_adds_up_the_stored_counters(db: Database,
                                                    notifier: RecordingNotifier) -> None:
    """Every group of the three cuts (read once, #19) says what adding up the stored counters
    of its groups says: a shown group its own, «Otras» those of every group not shown; none
    under five."""
    survey_id, _answers = await _run(db, notifier)
    async with db.session() as session:
        survey = await actions.get_survey(session, survey_id)
        cuts = await results.survey_results_all(session, survey)
        rows = (await session.execute(select(
            SurveyTally.group_key, SurveyTally.question_id, SurveyTally.option,
            SurveyTally.count).where(SurveyTally.survey_id == survey_id))).all()
        labels = {prefix: {f"{prefix}{key}": label for key, label in (
            await results._labels(session, dimension)).items()}
            for prefix, dimension in (("d:", "department"), ("k:", "kind"))}

    def added(keys: set[str]) -> list[dict[str, int]]:
        counts: dict[tuple[int, str], int] = Counter()
        for key, question_id, option, n in rows:
            if key in keys:
                counts[question_id, option] += n
        return [{option: counts[q.question_id, option] for option in q.counts}
                for q in cuts[0].overall.questions]

    assert [q.counts for q in cuts[0].overall.questions] == added({"*"})
    for cut, prefix in zip(cuts[1:], ("d:", "k:"), strict=True):
        stored = {key for key, *_ in rows if key.startswith(prefix)}
        shown = {g.label for g in cut.groups} - {"Otras"}
        for group in cut.groups:
            keys = ({k for k in stored if labels[prefix].get(k, k[2:]) not in shown}
                    if group.label == "Otras" else
                    {k for k in stored if labels[prefix].get(k, k[2:]) == group.label})
            assert group.respondents >= 5
            assert [q.counts for q in group.questions] == added(keys), group.label


def test_the_chart_labels_bars_with_a_decimal_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart is drawn as paths, so the labels are checked where matplotlib receives them."""
    from matplotlib.axes import Axes

    from bot.encuestas import charts
    seen: list[str] = []
    real = Axes.bar_label

    def spy(self, container, labels=None, **kw):
        seen.extend(labels or [])
        return real(self, container, labels=labels, **kw)

    monkeypatch.setattr(Axes, "bar_label", spy)
    survey = results.SurveyResults(
        survey_id=1, title="Encuesta", period_label="2026",
        participation=results.Participation(invited=10, in_progress=0, finished=10),
        overall=results.GroupResult("Todos", 10, [], {"honestidad": 3.5}),
        previous={"honestidad": 4.25})
    charts.values_chart(survey)
    assert seen == ["3,50", "4,25"]


@pytest.mark.parametrize(("sizes", "shown"), [
    ({"a": 10, "b": 6}, ["a", "b"]),
    ({"a": 10, "b": 3, "c": 2}, ["a"]),
    ({"a": 10, "b": 3}, []),
    ({"a": 10, "b": 6, "c": 2}, ["a"]),
    ({"a": 4, "b": 4}, []),
])
def test_complementary_suppression(sizes: dict[str, int], shown: list[str]) -> None:
    visible, merged = results.merge_small_groups(sizes)
    assert visible == shown
    merged_total = sum(sizes[g] for g in merged)
    assert not merged or merged_total >= results.MIN_GROUP or not visible


async def test_results_only_after_closing_and_for_five_or_more(
    db: Database, notifier: RecordingNotifier
) -> None:
    people = await make_people(db, {("Hacienda", "servidor"): 4})

    async def invite(session, survey, ids, text, buttons):
        return None

    async with db.session() as session:
        survey = await actions.create_survey(session, small_survey(), None)
        await actions.launch_survey(session, survey.id, None, NOW, invite)
        with pytest.raises(Conflict, match="cuando la encuesta cierra"):
            await results.survey_results(session, survey)
        for person in people:
            step = await answering.start(session, survey.id, person)
            for value in ("3", "3", "a", "-"):
                step = await answering.answer(session, survey.id, person, step.question_id, value)
        await actions.close_survey(session, survey.id, None, NOW)
        closed = await results.survey_results(session, survey, "department")
        assert closed.overall is None and closed.groups == [] and "5" in closed.note
        assert await results.free_text(session, survey) == []
