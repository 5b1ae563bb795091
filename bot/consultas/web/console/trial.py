"""Consultas › Probar: what the bot would answer, from the same function as ``POST /try``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from bot.consultas.web import api_entries as api
from bot.consultas.web import messages
from bot.consultas.web.api import DeskDep
from bot.consultas.web.console.forms import FORM_MAX, chat_html
from nucleo.formats import number
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)
MAX_QUESTION = 10_000  # what POST /try accepts


async def _view(console: Console, *, question: str = "", result: api.TryOut | None = None,
                error: str | None = None, status: int = 200) -> Response:
    return await console.render(
        "consultations_try.html", status=status, question=question, result=result, error=error,
        chat=chat_html(result.text_html) if result else None, max_question=MAX_QUESTION)


@router.get("/consola/consultas/probar")
async def try_form(console: Annotated[Console, page("consultas.probar")]) -> Response:
    """The empty "probar" box."""
    console.only_params()
    return await _view(console)


@router.post("/consola/consultas/probar")
async def try_question(console: Annotated[Console, page("consultas.probar")], desk: DeskDep,
                       pregunta: Annotated[str, Form(max_length=FORM_MAX)] = "") -> Response:
    """Ask the engine exactly as the chat would; nothing is stored. (POST keeps the question out
    of addresses and server logs.)"""
    if not pregunta.strip():
        return await _view(console, question=pregunta, error=messages.TRY_EMPTY, status=422)
    if len(pregunta) > MAX_QUESTION:
        return await _view(console, question=pregunta, status=422,
                           error=messages.TRY_TOO_LONG.format(limit=number(MAX_QUESTION)))
    result = await api.try_question(api.TryIn(question=pregunta), console.staff, console.db, desk)
    return await _view(console, question=pregunta, result=result)
