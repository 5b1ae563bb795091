"""Consultas: turn an answered ticket into a knowledge-base entry (``editing.promote_ticket``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import ValidationError
from starlette.responses import Response

from bot.consultas import editing
from bot.consultas.models import MAX_ANSWER_CHARS
from bot.consultas.service import ConsultationService
from bot.consultas.web import api, messages
from bot.consultas.web.api import DeskDep, PromoteIn
from bot.consultas.web.console.forms import FORM_MAX, lines, spanish_errors
from nucleo.errors import Conflict, InvalidInput
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=FORM_MAX)]


async def promote_view(console: Console, desk: ConsultationService, ticket_id: int, *,
                       typed: dict[str, str] | None = None, errors: list[str] | None = None,
                       status: int = 200) -> Response:
    """The form, prefilled from the ticket (and the bot's suggested entry) or as typed."""
    ticket = await api.get_ticket(ticket_id, console.staff, console.db, desk)
    if typed is None:
        kb = desk.store.kb
        guess = kb.get(ticket.suggested_entry_id) if (
            ticket.suggested_entry_id and ticket.suggested_entry_id in kb) else None
        typed = {"respuesta": ticket.answer or "", "incluir_pregunta": "si",
                 "fuentes": "\n".join(guess.sources) if guess else "",
                 "valor": (guess.value or "") if guess else ""}
    return await console.render(
        "consultations_promote.html", status=status, ticket=ticket, typed=typed,
        errors=errors or [],
        values=list(messages.KB_VALUES.items()), max_answer=MAX_ANSWER_CHARS,
        verified=sorted(desk.store.kb.catalogue.verified))


@router.get("/consola/consultas/{ticket_id:int}/promover")
async def promote_form(console: Annotated[Console, page("consultas.promover")], desk: DeskDep,
                       ticket_id: Id) -> Response:
    """The promote form for a ticket."""
    console.only_params()
    return await promote_view(console, desk, ticket_id)


@router.post("/consola/consultas/{ticket_id:int}/promover")
async def promote(
    console: Annotated[Console, page("consultas.promover")], desk: DeskDep, ticket_id: Id,
    identificador: Text = "", titulo: Text = "", valor: Text = "", formas: Text = "",
    incluir_pregunta: Text = "", respuesta: Text = "", fuentes: Text = "",
) -> Response:
    """Create the entry; every problem comes back on the form, in Spanish, with the input."""
    typed = {"identificador": identificador, "titulo": titulo, "valor": valor, "formas": formas,
             "incluir_pregunta": incluir_pregunta, "respuesta": respuesta, "fuentes": fuentes}
    try:
        body = PromoteIn.model_validate({
            "id": identificador.strip(), "title": titulo.strip(), "value": valor or None,
            "phrasings": lines(formas), "include_question": bool(incluir_pregunta),
            "answer": respuesta.strip() or None, "sources": lines(fuentes)})
        entry = await editing.promote_ticket(console.db, desk.store, ticket_id,
                                             body.model_dump(), staff=console.staff,
                                             now=desk.clock())
    except (ValidationError, InvalidInput, Conflict) as exc:
        await console.recover()
        return await promote_view(console, desk, ticket_id, typed=typed,
                                  errors=spanish_errors(exc),
                                  status=form_status(exc))
    return await console.redirect(f"/consola/consultas/base/{entry.id}",
                                  messages.CONSULT_PROMOTED.format(id=ticket_id, title=entry.title))
