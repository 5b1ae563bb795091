"""Consultas › Base de conocimiento: list and search entries, read one as the bot shows it,
create, edit (an override of the file entry) and undo an edit, through ``bot.consultas.editing``."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query
from pydantic import ValidationError
from starlette.responses import Response

from bot.consultas import editing
from bot.consultas.models import MAX_ANSWER_CHARS, Entry
from bot.consultas.service import ConsultationService
from bot.consultas.web import api_entries as api
from bot.consultas.web import messages
from bot.consultas.web.api import DeskDep
from bot.consultas.web.api_entries import EntryOut
from bot.consultas.web.console.forms import FORM_MAX, chat_html, lines, spanish_errors
from nucleo.errors import Conflict, InvalidInput
from nucleo.text import normalize_key
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
BASE = "/consola/consultas/base"
Text = Annotated[str, Form(max_length=FORM_MAX)]
Origin = Annotated[str, Query(pattern="^(|archivo|editada|nueva)$")]


def _matches(entry: EntryOut, needle: str) -> bool:
    haystack = " ".join([entry.id, entry.title, entry.answer, *entry.phrasings, *entry.keywords])
    return needle in normalize_key(haystack)


@router.get(BASE)
async def entry_list(
    console: Annotated[Console, page("consultas.base")], desk: DeskDep,
    q: Annotated[str, Query(max_length=100)] = "", origen: Origin = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Every entry with its origin and votes; search by words, filter by origin."""
    console.only_params("q", "origen", "pagina")
    entries = await api.list_entries(console.staff, console.db, desk)
    needle = normalize_key(q)
    found = [e for e in entries if (not needle or _matches(e, needle))
             and (not origen or e.origin == origen)]
    found.sort(key=lambda e: normalize_key(e.title))
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page_no = min(pagina, pages)

    def url(n: int) -> str:
        params = {"q": q, "origen": origen, "pagina": n}
        return BASE + "?" + urlencode({k: v for k, v in params.items() if v})

    return await console.render(
        "consultations_base.html", entries=found[(page_no - 1) * PAGE_SIZE:page_no * PAGE_SIZE],
        total=len(found), page_no=page_no, pages=pages, url=url, q=q, origen=origen,
        origins=[("", messages.KB_ALL_ORIGINS), *messages.KB_ORIGINS.items()])


def _typed(entry: EntryOut | None) -> dict[str, str]:
    if entry is None:
        return {"tipo": "answer", "activa": "si"}
    return {"identificador": entry.id, "titulo": entry.title, "tipo": entry.kind,
            "valor": entry.value or "", "formas": "\n".join(entry.phrasings),
            "respuesta": entry.answer, "fuentes": "\n".join(entry.sources),
            "relacionadas": "\n".join(entry.related), "palabras": "\n".join(entry.keywords),
            "criterio": "si" if entry.needs_judgement else "",
            "motivo": entry.escalate_reason or "", "activa": "si" if entry.active else ""}


FIELDS = ("identificador", "titulo", "tipo", "valor", "formas", "respuesta", "fuentes",
          "relacionadas", "palabras", "criterio", "motivo", "activa")


def _form(*values: str) -> dict[str, str]:
    """The form's fields by name, as typed (in the order of FIELDS)."""
    return dict(zip(FIELDS, values, strict=True))


def _payload(entry_id: str, typed: dict[str, str]) -> dict[str, Any]:
    related = [r.strip() for line in lines(typed["relacionadas"]) for r in line.split(",")]
    return {"id": entry_id.strip(), "title": typed["titulo"].strip(),
            "kind": typed["tipo"] or "answer", "value": typed["valor"] or None,
            "phrasings": lines(typed["formas"]), "answer": typed["respuesta"].strip(),
            "sources": lines(typed["fuentes"]), "related": [r for r in related if r],
            "keywords": lines(typed["palabras"]), "needs_judgement": bool(typed["criterio"]),
            "escalate_reason": typed["motivo"] or None, "active": bool(typed["activa"])}


async def form_view(console: Console, desk: ConsultationService, *, entry: EntryOut | None,
                    typed: dict[str, str] | None = None, errors: list[str] | None = None,
                    status: int = 200) -> Response:
    """The entry form: new (``entry`` None) or editing an existing entry."""
    return await console.render(
        "consultations_entry_form.html", status=status, entry=entry,
        typed=typed if typed is not None else _typed(entry), errors=errors or [],
        max_answer=MAX_ANSWER_CHARS,
        kinds=list(messages.KB_KINDS.items()), values=list(messages.KB_VALUES.items()),
        reasons=list(messages.KB_ESCALATE_REASONS.items()),
        verified=sorted(desk.store.kb.catalogue.verified))


async def _save(console: Console, desk: ConsultationService, entry_id: str,
                typed: dict[str, str], *, existing: EntryOut | None) -> Response:
    create = existing is None
    try:
        body = Entry.model_validate(_payload(entry_id, typed))
        entry = await editing.save_entry(console.db, desk.store, body.model_dump(),
                                         staff=console.staff, now=desk.clock(), create=create)
    except (ValidationError, InvalidInput, Conflict) as exc:
        await console.recover()
        return await form_view(console, desk, entry=existing, typed=typed,
                               errors=spanish_errors(exc),
                               status=form_status(exc))
    notice = messages.KB_CREATED if create else messages.KB_SAVED
    return await console.redirect(f"{BASE}/{entry.id}", notice.format(title=entry.title))


@router.get(BASE + "/nueva")
async def entry_new_form(console: Annotated[Console, page("consultas.base.editar")],
                         desk: DeskDep) -> Response:
    """An empty entry form."""
    console.only_params()
    return await form_view(console, desk, entry=None)


@router.post(BASE + "/nueva")
async def entry_create(
    console: Annotated[Console, page("consultas.base.editar")], desk: DeskDep,
    identificador: Text = "", titulo: Text = "", tipo: Text = "", valor: Text = "",
    formas: Text = "", respuesta: Text = "", fuentes: Text = "", relacionadas: Text = "",
    palabras: Text = "", criterio: Text = "", motivo: Text = "", activa: Text = "",
) -> Response:
    """Create an entry (409 on the form when the identifier exists)."""
    typed = _form(identificador, titulo, tipo, valor, formas, respuesta, fuentes, relacionadas,
                  palabras, criterio, motivo, activa)
    return await _save(console, desk, identificador, typed, existing=None)


@router.get(BASE + "/{entry_id}")
async def entry_detail(console: Annotated[Console, page("consultas.base")], desk: DeskDep,
                       entry_id: str) -> Response:
    """One entry, and its reply exactly as the chat shows it."""
    console.only_params()
    entry = await api.get_entry(entry_id, console.staff, console.db, desk)
    reply = desk.answer_entry(entry.id)
    return await console.render(
        "consultations_entry.html", entry=entry, reply=chat_html(reply.text_html) if reply else None,
        titles={e.id: e.title for e in desk.store.kb})


@router.get(BASE + "/{entry_id}/editar")
async def entry_edit_form(console: Annotated[Console, page("consultas.base.editar")],
                          desk: DeskDep, entry_id: str) -> Response:
    """The entry's form, filled with what the bot uses now."""
    console.only_params()
    entry = await api.get_entry(entry_id, console.staff, console.db, desk)
    return await form_view(console, desk, entry=entry)


@router.post(BASE + "/{entry_id}/editar")
async def entry_edit(
    console: Annotated[Console, page("consultas.base.editar")], desk: DeskDep, entry_id: str,
    titulo: Text = "", tipo: Text = "", valor: Text = "", formas: Text = "",
    respuesta: Text = "", fuentes: Text = "", relacionadas: Text = "", palabras: Text = "",
    criterio: Text = "", motivo: Text = "", activa: Text = "",
) -> Response:
    """Save an edit; it replaces the file entry with the same identifier."""
    existing = await api.get_entry(entry_id, console.staff, console.db, desk)
    typed = _form(existing.id, titulo, tipo, valor, formas, respuesta, fuentes, relacionadas,
                  palabras, criterio, motivo, activa)
    return await _save(console, desk, existing.id, typed, existing=existing)


@router.post(BASE + "/{entry_id}/deshacer")
async def entry_undo(console: Annotated[Console, page("consultas.base.editar")],
                     desk: DeskDep, entry_id: str) -> Response:
    """Undo HR's edit, once confirmed: the file version comes back (a new entry disappears)."""
    existing = await api.get_entry(entry_id, console.staff, console.db, desk)
    if existing.origin != "archivo":
        consequence = (messages.KB_UNDO_CONSEQUENCE_EDITED if existing.origin == "editada"
                       else messages.KB_UNDO_CONSEQUENCE_NEW)
        ask = Confirmation(messages.KB_UNDO_TITLE,
                           messages.KB_UNDO_QUESTION.format(title=existing.title), consequence,
                           messages.KB_UNDO_CONFIRM, f"{BASE}/{existing.id}")
        if (question := await ask_first(console, ask)) is not None:
            return question
    await editing.delete_override(console.db, desk.store, entry_id, staff=console.staff)
    target = f"{BASE}/{entry_id}" if entry_id in desk.store.kb else BASE
    return await console.redirect(target, messages.KB_UNDONE.format(entry=entry_id[:64]))
