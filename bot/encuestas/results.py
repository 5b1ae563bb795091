"""Survey results: per question and per value, overall and by department or kind.

Privacy rules:
- Results exist only once the survey is closed (snapshots of an open survey could be subtracted).
- A group is shown only with at least ``MIN_GROUP`` respondents. Smaller groups are merged into
  "Otras"; when "Otras" itself is still too small, the next smallest groups join it until it is
  big enough or everything is merged, so no shown figures can be subtracted to isolate a group
  under the minimum (complementary suppression).
- Groups are cut along one dimension at a time; crossing dimensions is not offered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages, states
from bot.encuestas.models import (
    Survey,
    SurveyParticipation,
    SurveyRespondents,
    SurveyTally,
    SurveyTextAnswer,
)
from bot.encuestas.tally import OTHERS, OVERALL
from nucleo.errors import Conflict
from nucleo.models import Department

MIN_GROUP = 5
Dimension = Literal["department", "kind"]
SCALE_KINDS = {"likert", "likert_acuerdo"}


Counts = dict[int, dict[str, int]]  # question id → option → respondents


@dataclass
class QuestionResult:
    question_id: int
    position: int
    text: str
    kind: str
    value: str | None
    answered: int
    counts: dict[str, int]
    labels: dict[str, str]
    mean: float | None


@dataclass
class GroupResult:
    label: str
    respondents: int
    questions: list[QuestionResult]
    values: dict[str, float]


@dataclass
class Participation:
    invited: int
    in_progress: int
    finished: int

    @property
    def rate(self) -> float:
        return self.finished / self.invited if self.invited else 0.0


@dataclass
class SurveyResults:
    survey_id: int
    title: str
    period_label: str
    participation: Participation
    overall: GroupResult | None
    groups: list[GroupResult] = field(default_factory=list)
    dimension: Dimension | None = None
    previous: dict[str, float] | None = None
    note: str | None = None


async def participation(session: AsyncSession, survey_id: int) -> Participation:
    rows = dict((await session.execute(
        select(SurveyParticipation.status, func.count())
        .where(SurveyParticipation.survey_id == survey_id)
        .group_by(SurveyParticipation.status))).all())
    return Participation(invited=sum(rows.values()), in_progress=rows.get("en_curso", 0),
                         finished=rows.get("terminada", 0))


@dataclass(frozen=True)
class _Question:
    """A counted question as the results need it, read from the survey once per page."""

    id: int
    position: int
    text: str
    kind: str
    value: str | None
    labels: dict[str, str]  # option key → label, in the options' order


def _questions(survey: Survey) -> list[_Question]:
    return [_Question(q.id, q.position, q.text, q.kind, q.value,
                      {o["key"]: o["label"] for o in q.options})
            for q in survey.questions if q.kind != "text"]


def _group_result(questions: list[_Question], label: str, respondents: int,
                  tallies: Counts) -> GroupResult:
    results: list[QuestionResult] = []
    value_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for question in questions:
        found = tallies.get(question.id, {})
        counts = {key: found.get(key, 0) for key in question.labels}
        answered = sum(counts.values())
        mean = None
        if question.kind in SCALE_KINDS and answered:
            total = sum(int(k) * n for k, n in counts.items())
            mean = round(total / answered, 2)
            value_sums[question.value or "general"][0] += total
            value_sums[question.value or "general"][1] += answered
        results.append(QuestionResult(
            question.id, question.position, question.text, question.kind, question.value,
            answered, counts, question.labels, mean))
    values = {v: round(s / n, 2) for v, (s, n) in value_sums.items() if n}
    return GroupResult(label, respondents, results, values)


def merge_small_groups(sizes: dict[str, int]) -> tuple[list[str], list[str]]:
    """Split group names into (shown, merged into "Otras") with complementary suppression."""
    shown = sorted((g for g, n in sizes.items() if n >= MIN_GROUP), key=lambda g: sizes[g])
    merged = [g for g, n in sizes.items() if n < MIN_GROUP]
    while merged and sum(sizes[g] for g in merged) < MIN_GROUP and shown:
        merged.append(shown.pop(0))
    return sorted(shown), merged


async def _labels(session: AsyncSession, dimension: Dimension) -> dict[str, str]:
    if dimension == "kind":
        return {k or "-": v for k, v in messages.KIND_LABELS.items()}
    names = dict((await session.execute(select(Department.id, Department.name))).all())
    return {str(i): n for i, n in names.items()} | {"-": messages.NO_DEPARTMENT}


@dataclass
class _Stored:
    """What a survey's results are built from, read once for every cut of them: the
    respondents and the counters of each stored group (``OVERALL``, ``d:<id>``, ``k:<kind>``)."""

    participation: Participation
    questions: list[_Question]
    sizes: dict[str, int]
    counts: dict[str, Counts]
    previous: dict[str, float] | None


async def _read(session: AsyncSession, survey: Survey) -> _Stored:
    if survey.status != states.CERRADA:
        raise Conflict(messages.RESULTS_NOT_READY)
    sizes: dict[str, int] = defaultdict(int)
    for group_key, n in await session.execute(
            select(SurveyRespondents.group_key, SurveyRespondents.count)
            .where(SurveyRespondents.survey_id == survey.id)):
        sizes[group_key] += n
    # Plain rows, not ORM objects, put in their group once: a survey of 16 questions has ~2,300
    # counters, which each of the three cuts went through again (#19).
    counts: dict[str, Counts] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for group_key, question_id, option, n in await session.execute(
            select(SurveyTally.group_key, SurveyTally.question_id, SurveyTally.option,
                   SurveyTally.count).where(SurveyTally.survey_id == survey.id)):
        counts[group_key][question_id][option] += n
    previous_values = None
    if survey.previous_id:
        previous = await session.get(Survey, survey.previous_id)
        if previous is not None and previous.status == states.CERRADA:
            before = await survey_results(session, previous)
            previous_values = before.overall.values if before.overall else None
    return _Stored(await participation(session, survey.id), _questions(survey), dict(sizes),
                   dict(counts), previous_values)


async def survey_results(session: AsyncSession, survey: Survey,
                         dimension: Dimension | None = None) -> SurveyResults:
    """Results of a closed survey, with every group under the minimum hidden or merged."""
    stored = await _read(session, survey)
    labels = await _labels(session, dimension) if dimension else {}
    return _build(survey, stored, dimension, labels)


async def survey_results_all(session: AsyncSession, survey: Survey
                             ) -> tuple[SurveyResults, SurveyResults, SurveyResults]:
    """The overall results and those by department and by kind, from one reading of the
    stored counters (what the results page and the diagnosis show together)."""
    stored = await _read(session, survey)
    return (_build(survey, stored, None, {}),
            _build(survey, stored, "department", await _labels(session, "department")),
            _build(survey, stored, "kind", await _labels(session, "kind")))


def _add(into: Counts, counts: Counts) -> None:
    for question_id, options in counts.items():
        for option, n in options.items():
            into[question_id][option] += n


def _build(survey: Survey, stored: _Stored, dimension: Dimension | None,
           labels: dict[str, str]) -> SurveyResults:
    result = SurveyResults(survey.id, survey.title, survey.period_label, stored.participation,
                           overall=None, dimension=dimension)
    total = stored.sizes.get(OVERALL, 0)
    if total < MIN_GROUP:
        result.note = messages.TOO_FEW.format(k=MIN_GROUP)
        return result
    if survey.closing_batch:
        result.note = messages.CLOSING_BATCH.format(n=survey.closing_batch, k=MIN_GROUP)
    result.overall = _group_result(stored.questions, "Total", total, stored.counts.get(OVERALL, {}))
    result.previous = stored.previous
    if dimension is None:
        return result
    prefix = "d:" if dimension == "department" else "k:"
    sizes = {key[len(prefix):]: n for key, n in stored.sizes.items()
             if key.startswith(prefix) and n}
    shown, merged = merge_small_groups(sizes)
    if OTHERS in shown:  # stored "otras" (groups merged at close) is shown as "Otras"
        shown.remove(OTHERS)
        merged.append(OTHERS)
    per_group: dict[str, Counts] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for key, counts in stored.counts.items():
        if key.startswith(prefix):
            group = key[len(prefix):]
            _add(per_group[group if group in shown else messages.OTHER_GROUP], counts)
    for group in shown:
        result.groups.append(_group_result(stored.questions, labels.get(group, group),
                                           sizes[group],
                                           per_group[group]))
    merged_size = sum(sizes[g] for g in merged)
    if merged and shown:
        result.groups.append(_group_result(stored.questions, messages.OTHER_GROUP, merged_size,
                                           per_group[messages.OTHER_GROUP]))
    if not shown:
        note = messages.NO_GROUPS[dimension].format(k=MIN_GROUP)
        result.note = f"{result.note} {note}" if result.note else note
    return result


async def free_text(session: AsyncSession, survey: Survey) -> list[tuple[str, str]]:
    """(question, text) pairs for HR only, never grouped, only when enough people answered."""
    if survey.status != states.CERRADA:
        raise Conflict(messages.RESULTS_NOT_READY)
    total = await session.scalar(select(func.coalesce(func.sum(SurveyRespondents.count), 0))
                                 .where(SurveyRespondents.survey_id == survey.id,
                                        SurveyRespondents.group_key == OVERALL)) or 0
    if total < MIN_GROUP:
        return []
    texts = {q.id: q.text for q in survey.questions}
    rows = await session.scalars(select(SurveyTextAnswer)
                                 .where(SurveyTextAnswer.survey_id == survey.id)
                                 .order_by(SurveyTextAnswer.key))
    return [(texts.get(r.question_id, ""), r.text) for r in rows]
