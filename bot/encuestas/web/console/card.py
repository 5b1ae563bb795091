"""The Inicio card: participation in the open survey, or else in the last one launched."""

from __future__ import annotations

from sqlalchemy import select

from bot.encuestas import results, states
from bot.encuestas.models import Survey
from bot.encuestas.web import messages
from nucleo.formats import number, percent
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console


async def survey_participation(console: Console) -> Card | None:
    """Invited, finished and the response rate; None for roles that cannot see surveys."""

    if not console.can("encuestas"):
        return None
    survey = await console.db.scalar(
        select(Survey).where(Survey.launched_at.is_not(None))
        .order_by((Survey.status == states.ABIERTA).desc(), Survey.launched_at.desc(),
                  Survey.id.desc()).limit(1))
    if survey is None:
        return Card(messages.CARD_SURVEYS, placeholder=messages.CARD_SURVEY_NONE,
                    link=("/consola/encuestas", messages.SURVEYS_TITLE))
    p = await results.participation(console.db, survey.id)
    parts = [(messages.COL_FINISHED, p.finished), (messages.SURVEY_IN_PROGRESS, p.in_progress),
             (messages.SURVEY_NOT_STARTED, p.invited - p.finished - p.in_progress)]
    status = messages.SURVEY_STATUS.get(survey.status, survey.status)
    return Card(
        messages.CARD_SURVEYS, big=percent(p.rate),
        lines=[(ui.COL_STATUS, status), (messages.COL_INVITED, number(p.invited)),
               (messages.COL_FINISHED, number(p.finished))],
        chart=charts.stacked_bar("c-encuesta", messages.COL_RATE, parts) if p.invited else None,
        data=[(label, number(n)) for label, n in parts],
        link=(f"/consola/encuestas/{survey.id}", f"{survey.title} ({survey.period_label})"))
