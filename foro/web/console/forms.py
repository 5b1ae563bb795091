"""The suggestion's forms: analysis, answer draft, publish, moderation and forum retry.

Each one calls the foro action and goes back to the suggestion with a notice; when the action
refuses (a Spanish message), the page is shown again with the error and what was typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from foro import actions, moderation
from foro import messages as foro_messages
from foro.web import messages
from foro.web.console.detail import SuggestionId, show
from nucleo.errors import DomainError, InvalidInput
from nucleo.formats import number
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status

router = APIRouter(include_in_schema=False)
MAX_DETAIL = 5_000  # plan and reason: the same limit as the JSON API
BIG = 200_000  # beyond this a field is refused before anything else (400 page)


def _url(suggestion_id: int, anchor: str = "") -> str:
    return f"/consola/sugerencias/{suggestion_id}" + (f"#{anchor}" if anchor else "")


async def _attempt(console: Console, suggestion_id: int, work: Callable[[], Awaitable[str]],
                   *, anchor: str = "", typed: dict[str, str] | None = None) -> Response:
    """Run an action after checking the suggestion exists (404 page otherwise); on a refusal,
    roll back and show the page again with the message and the typed values."""
    await actions.load_suggestion(console.db, suggestion_id)
    try:
        notice = await work()
    except DomainError as exc:
        await console.recover()
        return await show(console, suggestion_id, error=exc.message, typed=typed,
                          status=form_status(exc))
    return await console.redirect(_url(suggestion_id, anchor), notice)


@router.post("/consola/sugerencias/{suggestion_id}/analizar")
async def analyse(console: Annotated[Console, page("sugerencias.analizar")],
                  suggestion_id: SuggestionId) -> Response:
    """Move the suggestion to "en análisis"."""
    async def work() -> str:
        await actions.start_analysis(console.db, console.services, console.staff, suggestion_id)
        return messages.ANALYSIS_DONE

    return await _attempt(console, suggestion_id, work)


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date() -> date:
    raise InvalidInput(messages.BAD_DATE.format(name=messages.ANSWER_DUE))


def _number(text: str, name: str) -> int | None:
    text = text.strip().lstrip("#")
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) < 2**31:
        raise InvalidInput(messages.BAD_NUMBER.format(name=name))
    return int(text)


def _short(text: str, name: str) -> str:
    if len(text) > MAX_DETAIL:
        raise InvalidInput(messages.FIELD_TOO_LONG.format(
            name=name, n=number(len(text)),
            max=number(MAX_DETAIL)))
    return text


@router.post("/consola/sugerencias/{suggestion_id}/respuesta")
async def save_draft(
    console: Annotated[Console, page("sugerencias.responder")],
    suggestion_id: SuggestionId,
    estado: Annotated[str, Form(max_length=40)] = "",
    texto: Annotated[str, Form(max_length=BIG)] = "",
    plan: Annotated[str, Form(max_length=BIG)] = "",
    fecha: Annotated[str, Form(max_length=40)] = "",
    motivo: Annotated[str, Form(max_length=BIG)] = "",
    original: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Save the official answer as a draft (nobody sees it until it is published)."""
    typed = {"estado": estado, "texto": texto, "plan": plan, "fecha": fecha,
             "motivo": motivo, "original": original}

    async def work() -> str:
        answer = await actions.draft_answer(
            console.db, console.services, console.staff, suggestion_id, status=estado,
            text=texto, action_plan=_short(plan, messages.ANSWER_PLAN) or None,
            action_due=_date(fecha), reason=_short(motivo, messages.ANSWER_REASON) or None,
            duplicate_of_id=_number(original, messages.ANSWER_DUPLICATE))
        return (messages.ANSWER_UNCHANGED if answer.published_at is not None
                else messages.ANSWER_SAVED)

    return await _attempt(console, suggestion_id, work, anchor="respuesta", typed=typed)


@router.post("/consola/sugerencias/{suggestion_id}/publicar")
async def publish(console: Annotated[Console, page("sugerencias.publicar")],
                  suggestion_id: SuggestionId) -> Response:
    """Publish the latest draft: new status, notice to the author, post in the forum."""
    async def work() -> str:
        answer, published = await actions.publish_answer(
            console.db, console.services, console.staff, suggestion_id)
        if not published:
            return messages.ALREADY_PUBLISHED
        return messages.PUBLISHED.format(status=foro_messages.STATUS_LABELS[answer.status])

    return await _attempt(console, suggestion_id, work, anchor="respuesta")


@router.post("/consola/sugerencias/{suggestion_id}/moderar")
async def moderate(
    console: Annotated[Console, page("sugerencias.moderar")],
    suggestion_id: SuggestionId,
    motivo: Annotated[str, Form(max_length=40)] = "",
    mensaje: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Hide one reply (``mensaje``) or the whole suggestion, for a reason; the author is told.
    Withdrawing the whole suggestion asks for a confirmation first."""
    if not mensaje.strip() and motivo in foro_messages.MODERATION_REASONS:
        suggestion = await actions.load_suggestion(console.db, suggestion_id)
        if suggestion.hidden_at is None:
            ask = Confirmation(
                messages.MODERATION_CONFIRM_TITLE,
                messages.MODERATION_CONFIRM_QUESTION.format(id=suggestion_id),
                messages.MODERATION_CONFIRM_CONSEQUENCE.format(
                    reason=foro_messages.MODERATION_REASONS[motivo]),
                messages.MODERATION_CONFIRM, _url(suggestion_id, "moderacion"))
            if (question := await ask_first(console, ask, keep=("motivo",))) is not None:
                return question

    async def work() -> str:
        post_id = _number(mensaje, messages.POST_HIDE)
        if post_id is None:
            await moderation.hide_suggestion(console.db, console.services, console.staff,
                                             suggestion_id, motivo)
            return messages.MODERATION_HIDDEN
        await moderation.hide_post(console.db, console.services, console.staff, post_id,
                                   motivo, suggestion_id=suggestion_id)
        return messages.POST_HIDDEN_DONE

    return await _attempt(console, suggestion_id, work, anchor="moderacion")


@router.post("/consola/sugerencias/{suggestion_id}/reintentar")
async def retry(console: Annotated[Console, page("sugerencias.reintentar")],
                suggestion_id: SuggestionId) -> Response:
    """Queue again the forum writes the forum refused."""
    async def work() -> str:
        count = await actions.retry_forum_writes(console.db, console.services, console.staff,
                                                 suggestion_id)
        return messages.RETRIED.format(n=count)

    return await _attempt(console, suggestion_id, work, anchor="foro")
