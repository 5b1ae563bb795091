"""What the Diagnóstico de Integridad is made of, gathered once for every caller (the API and
the console): overall results, by dependencia, by kind, and the quick feedback of its period."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import results
from bot.encuestas.feedback import QuickFeedback, quick_feedback
from bot.encuestas.models import Survey
from nucleo.services import Services


@dataclass(frozen=True)
class DiagnosisInputs:
    overall: results.SurveyResults
    by_department: results.SurveyResults
    by_kind: results.SurveyResults
    feedback: QuickFeedback

    @property
    def parts(self) -> tuple[results.SurveyResults, results.SurveyResults, results.SurveyResults]:
        return self.overall, self.by_department, self.by_kind


async def survey_feedback(session: AsyncSession, services: Services,
                          survey: Survey) -> QuickFeedback:
    """Campaign reactions and "¿Te sirvió?" votes of the survey's own period."""
    return await quick_feedback(session, services, survey.opens_on, survey.closes_on)


async def diagnosis_inputs(session: AsyncSession, services: Services,
                           survey: Survey) -> DiagnosisInputs:
    """Everything the diagnosis shows (Conflict while the survey is still open)."""
    return DiagnosisInputs(*await results.survey_results_all(session, survey),
                           await survey_feedback(session, services, survey))
