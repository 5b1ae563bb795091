"""Retroalimentación rápida: campaign reactions and consultation votes of a period, in the
surveys' results area. Read only; the numbers come from ``bot.encuestas.feedback``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from markupsafe import Markup
from starlette.responses import Response

from bot.encuestas.feedback import QuickFeedback, parse_period, quick_feedback
from bot.encuestas.feedback_report import feedback_tables
from bot.encuestas.messages import FEEDBACK_RULE
from bot.encuestas.web import messages
from nucleo.errors import InvalidInput
from nucleo.formats import date_text
from nucleo.web import access
from nucleo.web.console import charts
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)
PARAMS = ("desde", "hasta")
SURVEYS_PAGE = ("encuestas", "/consola/encuestas")


def _back(console: Console) -> str | None:
    """The link back to the surveys page, once that page exists and the role may open it."""
    key, path = SURVEYS_PAGE
    return path if key in access.PAGES and console.can(key) else None


def _charts(quick: QuickFeedback) -> list[tuple[Markup, list[tuple[str, int]]]]:
    """The bar chart of reactions per value and the stacked bar of votes (shown figures only)."""
    drawn = []
    if quick.campaigns is not None:
        items = [(v.label, v.reactions) for v in quick.campaigns.values if v.reactions]
        if items:
            drawn.append((charts.bar_chart("c-valores", messages.FEEDBACK_CHART_VALUES, items),
                          items))
    total = quick.consultations.total if quick.consultations is not None else None
    if total is not None and total.total:
        items = [(messages.FEEDBACK_YES, total.helpful or 0),
                 (messages.FEEDBACK_NO, total.unhelpful or 0)]
        drawn.append((charts.stacked_bar("c-votos", messages.FEEDBACK_CHART_VOTES, items),
                      items))
    return drawn


@router.get("/consola/encuestas/retroalimentacion")
async def feedback_page(
    console: Annotated[Console, page("encuestas.retroalimentacion")],
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """Reactions and votes of the period (the last 90 days by default)."""
    console.only_params(*PARAMS)
    today = console.services.today()
    filters = {"desde": desde.strip(), "hasta": hasta.strip()}
    try:
        since, until = parse_period(desde, hasta, today)
    except InvalidInput as exc:
        return await console.render("feedback.html", status=400, error=exc.message,
                                    filters=filters, quick=None, tables=[], drawn=[],
                                    period="", rule=FEEDBACK_RULE, back=_back(console))
    quick = await quick_feedback(console.db, console.services, since, until)
    period = messages.FEEDBACK_SHOWING.format(since=date_text(since), until=date_text(until))
    return await console.render(
        "feedback.html", filters={"desde": since.isoformat(), "hasta": until.isoformat()},
        quick=quick, tables=feedback_tables(quick), drawn=_charts(quick), period=period,
        rule=FEEDBACK_RULE, back=_back(console))
