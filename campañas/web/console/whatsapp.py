"""A campaign's WhatsApp template in the console: HR registers the name and language of the
template approved in Meta and what fills each ``{{n}}`` of its body. The same action as
``PUT /api/v1/campaigns/{id}/whatsapp-template`` (``campañas.whatsapp_template``), with the
same permission (``campanas.crear``), rules and audit entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from campañas import actions
from campañas.preview import get_piece
from campañas.web import messages
from campañas.web.console.views import detail_view
from campañas.whatsapp_catalog import can_verify
from campañas.whatsapp_template import MAX_PARAMETERS, clears, save_template
from nucleo.errors import DomainError, InvalidInput
from nucleo.ports import WHATSAPP_ACCOUNT
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/campanas/{campaign_id:int}"


def chosen_parameters(values: list[str]) -> list[str]:
    """The body's parameters from the form's selects, in order: empty ones at the end are
    dropped; one left empty before a chosen one is refused."""
    chosen = [value.strip() for value in values]
    while chosen and not chosen[-1]:
        chosen.pop()
    if "" in chosen:
        raise InvalidInput(messages.WA_TEMPLATE_GAP, code="parametros_invalidos")
    return chosen


@router.post(BASE + "/plantilla-whatsapp")
async def whatsapp_template(
    console: Annotated[Console, page("campanas.crear")],
    campaign_id: Id,
    plantilla: Annotated[str, Form(max_length=2_000)] = "",
    idioma: Annotated[str, Form(max_length=200)] = "",
    parametros: Annotated[list[str] | None, Form(max_length=MAX_PARAMETERS)] = None,
) -> Response:
    """Keep the campaign's template; errors come back on the form with what was typed."""
    typed = {"plantilla": plantilla, "idioma": idioma, "parametros": parametros or []}
    try:
        campaign = await actions.get_campaign(console.db, campaign_id)
        paused = campaign.status == "pausada"
        await save_template(console.db, account=console.services.get(WHATSAPP_ACCOUNT),
                            campaign=campaign, name=plantilla, language=idioma,
                            parameters=chosen_parameters(parametros or []), actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, campaign_id, error=exc.message,
                                 status=form_status(exc), typed=typed)
    notice = messages.WA_TEMPLATE_SAVED.format(name=campaign.whatsapp_template,
                                               language=campaign.whatsapp_language)
    if not can_verify(console.services.get(WHATSAPP_ACCOUNT)):
        notice += " " + messages.WA_TEMPLATE_NOT_CHECKED
    if paused:
        notice += " " + messages.WA_TEMPLATE_SAVED_PAUSED
    return await console.redirect(f"/consola/campanas/{campaign_id}#plantilla-whatsapp", notice)


@router.post(BASE + "/piezas/{piece_id:int}/plantilla-whatsapp")
async def piece_whatsapp_template(
    console: Annotated[Console, page("campanas.crear")],
    campaign_id: Id,
    piece_id: Id,
    plantilla: Annotated[str, Form(max_length=2_000)] = "",
    idioma: Annotated[str, Form(max_length=200)] = "",
    parametros: Annotated[list[str] | None, Form(max_length=MAX_PARAMETERS)] = None,
) -> Response:
    """A piece's own template (an empty name: back to the campaign's), checked like the
    campaign's; errors come back on the page with what was typed."""
    key = f"pieza-{piece_id}"
    typed = {f"{key}-plantilla": plantilla, f"{key}-idioma": idioma,
             f"{key}-parametros": parametros or []}
    try:
        campaign = await actions.get_campaign(console.db, campaign_id)
        paused = campaign.status == "pausada"
        piece = await get_piece(console.db, campaign_id, piece_id)
        # clearing the piece's template ignores the parameters left in the form
        parameters = [] if clears(plantilla) else chosen_parameters(parametros or [])
        await save_template(console.db, account=console.services.get(WHATSAPP_ACCOUNT),
                            campaign=campaign, piece=piece, name=plantilla, language=idioma,
                            parameters=parameters, actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, campaign_id, error=exc.message,
                                 status=form_status(exc), typed=typed)
    notice = messages.WA_PIECE_TEMPLATE_SAVED.format(
        name=piece.whatsapp_template, language=piece.whatsapp_language) \
        if piece.whatsapp_template else messages.WA_PIECE_TEMPLATE_CLEARED
    if piece.whatsapp_template and not can_verify(console.services.get(WHATSAPP_ACCOUNT)):
        notice += " " + messages.WA_TEMPLATE_NOT_CHECKED
    if paused:  # nothing goes out, with this template or another, until HR resumes
        notice += " " + messages.WA_TEMPLATE_SAVED_PAUSED
    return await console.redirect(f"/consola/campanas/{campaign_id}#pieza-{piece_id}", notice)
