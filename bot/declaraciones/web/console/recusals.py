"""Recusals in the console: register one received on paper, and the recused official's answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form
from starlette.responses import Response

from bot.declaraciones import actions, grounds, interest, recusal_routing, recusals
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.web import messages
from bot.declaraciones.web.console.register import detail_view, router
from nucleo.business_days import business_calendar
from nucleo.errors import DomainError, InvalidInput
from nucleo.ports import NOTIFIER
from nucleo.text import normalize_key
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id

FORM_MAX = 8000
NEW = "/consola/declaraciones/recusaciones/nueva"
GROUNDS = grounds.choices(none="")  # the form leaves it empty when nobody names one
MATTER_TYPES = [("", messages.DECL_MATTER_TYPE_UNKNOWN),
                *((key, bot_messages.MATTER_TYPE_NAMES[key]) for key in interest.MATTER_TYPES)]


async def _form(console: Console, *, error: str | None = None, typed: dict[str, str] | None = None,
                status: int = 200) -> Response:
    return await console.render("declarations_recusal.html", status=status, error=error,
                                typed=typed or {}, grounds=GROUNDS,
                                matter_types=MATTER_TYPES, limits={
                                    "matter": actions.MATTER[1], "facts": actions.DESCRIPTION[1],
                                    "office": actions.OFFICE[1], "name": actions.NAME[1]})


@router.get(NEW)
async def recusal_form(console: Annotated[Console, page("declaraciones.decidir")]) -> Response:
    """The form to register a recusal received by the entity."""
    console.only_params()
    return await _form(console)


async def _directory_match(console: Console, name: str) -> int | None:
    """The one active person whose name is exactly ``name`` (accents and case aside); None when
    nobody is; InvalidInput when several people share it."""
    wanted = normalize_key(name)
    found = [p for p in await recusals.match_officials(console.db, name, limit=50)
             if normalize_key(p.full_name or "") == wanted]
    if len(found) > 1:
        raise InvalidInput(messages.DECL_AMBIGUOUS.format(name=name, n=len(found)))
    return found[0].id if found else None


@router.post(NEW)
async def recusal_file(
    console: Annotated[Console, page("declaraciones.decidir")],
    recusado: Annotated[str, Form(max_length=FORM_MAX)] = "",
    recusante: Annotated[str, Form(max_length=FORM_MAX)] = "",
    asunto: Annotated[str, Form(max_length=FORM_MAX)] = "",
    hechos: Annotated[str, Form(max_length=FORM_MAX)] = "",
    decide: Annotated[str, Form(max_length=FORM_MAX)] = "",
    causal: Annotated[str, Form(max_length=2)] = "",
    clase: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Register the recusal; the recused official is told when the directory names them once."""
    typed = {"recusado": recusado, "recusante": recusante, "asunto": asunto, "hechos": hechos,
             "decide": decide, "causal": causal, "clase": clase}
    try:
        ground = grounds.check(int(causal)) if causal.isascii() and causal.isdigit() else None
        if causal and ground is None:
            raise InvalidInput(bot_messages.BAD_GROUND)
        recused_id = await _directory_match(console, recusado)
        filed = await recusals.file_recusal(
            console.db, matter=asunto, description=hechos, office=decide,
            recused_name=recusado, recused_person_id=recused_id,
            recusant_name=recusante or None, staff=console.staff,
            now=console.services.clock(), tz=console.services.settings.tz,
            calendar=business_calendar(console.services), notifier=console.services.get(NOTIFIER),
            ground=ground, matter_type=clase or None)
    except DomainError as exc:
        await console.recover()
        return await _form(console, error=exc.message, typed=typed, status=form_status(exc))
    notice = messages.DECL_RECUSAL_FILED.format(radicado=filed.declaration.radicado) + (
        messages.DECL_RECUSED_NOTIFIED if filed.recused_notified
        else messages.DECL_RECUSED_NOT_NOTIFIED)
    return await console.redirect(f"/consola/declaraciones/{filed.declaration.id}", notice)


@router.post("/consola/declaraciones/{declaration_id:int}/respuesta")
async def recusal_answer(
    console: Annotated[Console, page("declaraciones.decidir")], declaration_id: Id,
    acepta: Annotated[str, Form(max_length=2)] = "",
    razones: Annotated[str, Form(max_length=FORM_MAX)] = "",
) -> Response:
    """Record the recused official's written answer: por_responder → radicada."""
    try:
        if acepta not in messages.DECL_ANSWER_CHOICES:
            raise InvalidInput(messages.DECL_ANSWER_HEADING)
        done = await recusals.answer_recusal(
            console.db, declaration_id, accepts=acepta == "si", answer=razones,
            staff=console.staff, now=console.services.clock(),
            tz=console.services.settings.tz, calendar=business_calendar(console.services))
        await recusal_routing.route_recusal(  # the superior gets the decision link
            console.db, done, recusal_routing.Routing.of(console.services),
            today=console.services.today())
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, declaration_id, error=exc.message,
                                 status=form_status(exc))
    return await console.redirect(f"/consola/declaraciones/{declaration_id}",
                                  messages.DECL_ANSWERED_NOTICE.format(radicado=done.radicado))
