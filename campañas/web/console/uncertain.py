"""Deliveries «incierta» of a campaign: the list, and HR's decision for one or all of them
(send again, or count as received), each after a confirmation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from campañas import actions
from campañas.uncertain import Decision, list_uncertain, resolve
from campañas.web import messages
from nucleo.errors import DomainError, InvalidInput
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import MAX_INT, Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/campanas/{campaign_id:int}/inciertas"


async def _page(console: Console, campaign_id: int, *, error: str | None = None,
                status: int = 200) -> Response:
    campaign = await actions.get_campaign(console.db, campaign_id)
    total, rows = await list_uncertain(console.db, campaign_id)
    return await console.render("campaigns_uncertain.html", status=status, error=error,
                                campaign=campaign, total=total, rows=rows)


@router.get(BASE)
async def uncertain(console: Annotated[Console, page("campanas")], campaign_id: Id) -> Response:
    """Who may or may not have received the campaign, and the two ways to settle it."""
    console.only_params()
    return await _page(console, campaign_id)


def _delivery(text: str) -> int | None:
    """The delivery chosen on the list (none: all of them)."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_INT):
        raise InvalidInput(messages.UNCERTAIN_BAD_DELIVERY)
    return int(text)


@router.post(BASE)
async def decide(console: Annotated[Console, page("campanas.control")], campaign_id: Id,
                 decision: Annotated[str, Form(max_length=20)] = "",
                 entrega: Annotated[str, Form(max_length=20)] = "") -> Response:
    """Resend or mark received: one delivery (``entrega``) or all; asks first."""
    back = BASE.replace("{campaign_id:int}", str(campaign_id))
    campaign = await actions.get_campaign(console.db, campaign_id)  # 404 before any question
    paused = campaign.status == "pausada"  # read now: the action below commits
    try:
        delivery_id = _delivery(entrega)
        choice = Decision(decision) if decision in {d.value for d in Decision} else None
        if choice is not None:
            what = (messages.UNCERTAIN_WHAT_ONE.format(delivery_id=delivery_id)
                    if delivery_id is not None else messages.UNCERTAIN_WHAT_ALL)
            resend = choice is Decision.RESEND
            ask = Confirmation(
                messages.UNCERTAIN_ASK_TITLE,
                (messages.UNCERTAIN_ASK_RESEND if resend
                 else messages.UNCERTAIN_ASK_RECEIVED).format(what=what),
                messages.UNCERTAIN_RESEND_CONSEQUENCE if resend
                else messages.UNCERTAIN_RECEIVED_CONSEQUENCE,
                messages.UNCERTAIN_YES_RESEND if resend else messages.UNCERTAIN_YES_RECEIVED,
                back, danger=resend)
            if (question := await ask_first(console, ask, keep=("decision", "entrega"))) \
                    is not None:
                return question
        count = await resolve(console.db, campaign_id=campaign_id, decision=decision,
                              delivery_id=delivery_id, now=console.services.clock(),
                              actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await _page(console, campaign_id, error=exc.message, status=form_status(exc))
    if choice is Decision.RECEIVED:
        notice = messages.UNCERTAIN_MARKED
    else:
        notice = messages.UNCERTAIN_RESENT_PAUSED if paused else messages.UNCERTAIN_RESENT
    return await console.redirect(back, notice.format(n=count))
