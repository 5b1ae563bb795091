"""The survey results measure of the integrity report (``nucleo.report``): the share of
favourable answers to the scale questions of the closed surveys that closed in a period
(``periods.ended_in``: the day it was closed, the same rule as participation),
overall, per value and per question, and per dependencia on request.

Anonymity: it reads only the anonymous counters (``survey_respondents``, ``survey_tallies``),
never the participation, the drafts or the pool, so nothing it returns can be linked to a person
(``docs/encuestas.md``). A survey under ``MIN_GROUP`` respondents counts nowhere (its results do
not exist either). The closing transaction already left every stored dependency group at 0 or at
least ``MIN_GROUP`` (the small ones moved to ``otras``, and the smallest counted group too when
``otras`` stayed small), so a dependencia is shown with the surveys where it has a group of its
own and otherwise as «sin cifra propia», never with its number; «Otras» holds what the small
groups answered, so the shown rows add up to the total and subtracting reveals nothing more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages, states
from bot.encuestas.models import Survey, SurveyRespondents, SurveyTally
from bot.encuestas.periods import ended_in
from bot.encuestas.results import MIN_GROUP, SCALE_KINDS
from bot.encuestas.tally import OTHERS, OVERALL
from nucleo.report import Figures, GroupFigure, Period, per_period_rows
from nucleo.report.dependencies import dependency_names, dependency_rows
from nucleo.values import CODE_VALUES

# «Casi siempre»/«Siempre» and «De acuerdo»/«Muy de acuerdo» on both five-point scales.
FAVOURABLE = frozenset({"4", "5"})
DEPARTMENT = "d:"


@dataclass
class _Share:
    favourable: int = 0
    answered: int = 0

    def add(self, other: _Share) -> None:
        self.favourable += other.favourable
        self.answered += other.answered


@dataclass
class _Counted:
    """One closed survey's stored counters: respondents and shares per group and question."""

    survey: Survey
    respondents: dict[str, int] = field(default_factory=dict)
    shares: dict[str, dict[int, _Share]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(_Share)))

    def total(self, group: str) -> _Share:
        found = _Share()
        for share in self.shares.get(group, {}).values():
            found.add(share)
        return found


async def _surveys(session: AsyncSession, periods: Sequence[Period]) -> list[list[int]]:
    """The closed surveys that ended in each period (``periods.ended_in``: the day they were
    closed), so a survey open across several months counts once, in the month it closed; by
    (planned closes_on, id) on every engine (a UNION ALL has no order of its own, so they are
    sorted here)."""
    rows = await per_period_rows(session, periods, lambda index, p: select(
        index, Survey.closes_on, Survey.id).where(Survey.status == states.CERRADA, ended_in(p)))
    return [[survey_id for _closes, survey_id in sorted(found)] for found in rows]


async def _counted(session: AsyncSession, ids: set[int], groups: bool) -> dict[int, _Counted]:
    """The counters of these surveys (only the overall group unless ``groups``)."""
    if not ids:
        return {}
    surveys = {s.id: _Counted(s) for s in await session.scalars(
        select(Survey).where(Survey.id.in_(ids)))}
    wanted: list[ColumnElement[bool]] = [SurveyRespondents.survey_id.in_(ids)]
    if not groups:
        wanted.append(SurveyRespondents.group_key == OVERALL)
    for survey_id, key, n in await session.execute(select(
            SurveyRespondents.survey_id, SurveyRespondents.group_key, SurveyRespondents.count)
            .where(*wanted)):
        surveys[survey_id].respondents[key] = n
    scale = {q.id for c in surveys.values() for q in c.survey.questions if q.kind in SCALE_KINDS}
    where: list[ColumnElement[bool]] = [SurveyTally.survey_id.in_(ids),
                                        SurveyTally.question_id.in_(scale)]
    if not groups:
        where.append(SurveyTally.group_key == OVERALL)
    for survey_id, key, question_id, option, n in await session.execute(select(
            SurveyTally.survey_id, SurveyTally.group_key, SurveyTally.question_id,
            SurveyTally.option, SurveyTally.count).where(*where)):
        share = surveys[survey_id].shares[key][question_id]
        share.answered += n
        if option in FAVOURABLE:
            share.favourable += n
    return surveys


def _breakdown(counted: list[_Counted]) -> tuple[GroupFigure, ...]:
    """The share per value (the Code's order, then «General»: no value, or one the Code does
    not list, so no question is dropped) and per question."""
    per_value: dict[str, _Share] = defaultdict(_Share)
    questions: list[GroupFigure] = []
    for survey in counted:
        for question in survey.survey.questions:
            if question.kind not in SCALE_KINDS:
                continue
            share = survey.shares.get(OVERALL, {}).get(question.id, _Share())
            value = question.value or "general"
            per_value[value if value in CODE_VALUES else "general"].add(share)
            text = (messages.MEASURE_RESULTS_QUESTION_OF if len(counted) > 1
                    else messages.MEASURE_RESULTS_QUESTION).format(
                        title=survey.survey.title, n=question.position, text=question.text)
            questions.append(GroupFigure(text, share.favourable, share.answered))
    labels = {**CODE_VALUES, "general": messages.MEASURE_RESULTS_GENERAL}
    values = [GroupFigure(labels[key], per_value[key].favourable, per_value[key].answered)
              for key in labels if key in per_value]
    return (*values, *questions)


def _department(key: str) -> int | None:
    name = key[len(DEPARTMENT):]
    return int(name) if name.isdigit() else None


async def _groups(session: AsyncSession, counted: list[_Counted]) -> tuple[GroupFigure, ...]:
    """One row per dependencia with a group of its own in some survey, one «sin cifra propia»
    row per dependencia without one, and «Otras» (the small groups together).

    Defensive: a survey with a stored group of 1 to ``MIN_GROUP - 1`` (closing never leaves one,
    «Otras» included) would let the total minus the rows reveal it, so none of that survey's
    groups is shown: each of its dependencias reads «sin cifra propia» for it."""
    shown: dict[int | None, _Share] = defaultdict(_Share)
    small: set[int | None] = set()
    others = _Share()
    for survey in counted:
        groups = {k: n for k, n in survey.respondents.items() if k.startswith(DEPARTMENT)}
        if any(0 < n < MIN_GROUP for n in groups.values()):
            small.update(_department(k) for k in groups if k != DEPARTMENT + OTHERS)
            continue
        for key, n in groups.items():
            if key == DEPARTMENT + OTHERS:
                others.add(survey.total(key))
            elif n >= MIN_GROUP:
                shown[_department(key)].add(survey.total(key))
            else:
                small.add(_department(key))
    names = await dependency_names(session)
    withheld = messages.MEASURE_RESULTS_WITHHELD.format(k=MIN_GROUP)
    rows = dependency_rows(
        {d: s.favourable for d, s in shown.items()}, {d: s.answered for d, s in shown.items()},
        names, withheld={d for d in small if d not in shown}, withheld_text=withheld)
    if others.answered:
        rows += (GroupFigure(messages.MEASURE_RESULTS_OTHERS,
                             others.favourable, others.answered),)
    return rows


@dataclass(frozen=True)
class SurveyResultsMeasure:
    """Favourable answers / answers to the scale questions of the surveys closed in the period
    (each counted once, in the period of the day it was closed)."""

    key: str = "encuestas.resultados"
    label: str = messages.MEASURE_RESULTS
    source: str = messages.MEASURE_RESULTS_SOURCE.format(k=MIN_GROUP)
    unit: str = messages.MEASURE_RESULTS_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Every period's figures from one reading of the counters (the Inicio trend)."""
        per_period = await _surveys(session, periods)
        counted = await _counted(session, {i for ids in per_period for i in ids}, False)
        return [self._figures([counted[i] for i in ids]) for ids in per_period]

    @staticmethod
    def _figures(surveys: list[_Counted]) -> Figures:
        usable = [s for s in surveys if s.respondents.get(OVERALL, 0) >= MIN_GROUP]
        overall = _Share()
        for survey in usable:
            overall.add(survey.total(OVERALL))
        too_few = len(surveys) - len(usable)
        return Figures(
            value=overall.favourable, total=overall.answered,
            details=((messages.MEASURE_RESULTS_SURVEYS, len(usable)),
                     (messages.MEASURE_RESULTS_RESPONDENTS,
                      sum(s.respondents[OVERALL] for s in usable))),
            breakdown=_breakdown(usable),
            note=messages.MEASURE_RESULTS_TOO_FEW.format(n=too_few, k=MIN_GROUP)
            if too_few else None)

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        (ids,) = await _surveys(session, [period])
        counted = await _counted(session, set(ids), group_by_dependency)
        surveys = [counted[i] for i in ids]
        figures = self._figures(surveys)
        if not group_by_dependency:
            return figures
        usable = [s for s in surveys if s.respondents.get(OVERALL, 0) >= MIN_GROUP]
        groups = await _groups(session, usable)
        note = messages.MEASURE_RESULTS_GROUPS_NOTE.format(k=MIN_GROUP)
        return replace(figures, groups=groups,
                       note=f"{figures.note} {note}" if figures.note else note)

