"""The Diagnóstico de Integridad workbook never carries a live formula (a survey title, a
question, a department or a note typed as ``=…`` stays text)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.encuestas.diagnosis import diagnosis_xlsx
from bot.encuestas.feedback import QuickFeedback
from bot.encuestas.results import GroupResult, Participation, QuestionResult, SurveyResults
from tests.nucleo.test_exports import assert_no_formula_in_xlsx


def _results(title: str, label: str) -> SurveyResults:
    question = QuestionResult(question_id=1, position=1, text="@¿Dicen la verdad?",
                              kind="likert", value="honestidad", answered=6,
                              counts={"4": 6}, labels={"4": "-De acuerdo"}, mean=4.0)
    group = GroupResult(label=label, respondents=6, questions=[question],
                        values={"honestidad": 4.0})
    return SurveyResults(survey_id=1, title=title, period_label="+2026-II",
                         participation=Participation(invited=6, in_progress=0, finished=6),
                         overall=group, groups=[group], previous={"honestidad": 4.5})


def test_the_diagnosis_workbook_has_no_formula() -> None:
    data = diagnosis_xlsx(
        _results("=HYPERLINK(\"http://x\",\"Ver\")", "=Hacienda"),
        _results("=t", "+Hacienda"), _results("=t", "-Planta"),
        datetime(2026, 12, 1, tzinfo=UTC),
        feedback=QuickFeedback(since=date(2026, 11, 1), until=date(2026, 11, 30),
                               notes=["=nota"]))
    assert_no_formula_in_xlsx(data)
