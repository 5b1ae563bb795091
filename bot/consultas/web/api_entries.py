"""The knowledge base through the API: HR's edits, "probar" and what to improve."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from bot.consultas import editing, feedback
from bot.consultas import ticket_messages as msg
from bot.consultas.models import Entry
from bot.consultas.web.api import DeskDep
from nucleo.errors import InvalidInput, NotFound
from nucleo.models import StaffAccount
from nucleo.web.deps import SessionDep, allow

router = APIRouter(prefix="/api/v1/consultations", tags=["consultas"])


class EntryOut(Entry):
    """An entry as the engine uses it, where it comes from and its "¿Te sirvió?" votes."""

    origin: Literal["archivo", "editada", "nueva"]
    helpful: int = 0
    unhelpful: int = 0


class TryIn(BaseModel):
    question: str = Field(max_length=10_000)


class CandidateOut(BaseModel):
    """An entry the bot would offer as a choice (clarify)."""

    entry_id: str
    title: str


class TryOut(BaseModel):
    action: Literal["answer", "clarify", "escalate", "out_of_scope", "small_talk"]
    text_html: str
    sources: list[str]
    entry_id: str | None
    score: float
    candidates: list[CandidateOut]
    reason: str | None


class EscalatedOut(BaseModel):
    ticket_id: int
    question: str
    reason: str | None
    suggested_entry_id: str | None
    status: str
    created_at: datetime


class UnhelpfulOut(BaseModel):
    entry_id: str
    question: str | None
    day: date


class ImproveOut(BaseModel):
    entries: list[EntryOut]
    escalated: list[EscalatedOut]
    unhelpful: list[UnhelpfulOut]


async def _entries(session: SessionDep, desk: DeskDep, ids: list[str] | None = None) -> list[EntryOut]:
    await desk.store.refresh(session)
    counts = await feedback.counts_by_entry(session)
    kb = desk.store.kb
    chosen = [kb.get(i) for i in ids] if ids is not None else list(kb)
    out = []
    for entry in chosen:
        c = counts.get(entry.id)
        out.append(EntryOut(**entry.model_dump(), origin=desk.store.origin(entry.id),
                            helpful=c.helpful if c else 0, unhelpful=c.unhelpful if c else 0))
    return out


@router.get("/entries", response_model=list[EntryOut], summary="Entradas de la base de conocimiento")
async def list_entries(_staff: Annotated[StaffAccount, allow("consultas.base")],
                       session: SessionDep, desk: DeskDep) -> list[EntryOut]:
    return await _entries(session, desk)


@router.get("/entries/{entry_id}", response_model=EntryOut, summary="Una entrada")
async def get_entry(entry_id: str, _staff: Annotated[StaffAccount, allow("consultas.base")],
                    session: SessionDep,
                    desk: DeskDep) -> EntryOut:
    await desk.store.refresh(session)
    if entry_id not in desk.store.kb:
        raise NotFound(msg.ENTRY_NOT_FOUND.format(entry=entry_id[:64]))
    return (await _entries(session, desk, [entry_id]))[0]


@router.post("/entries", response_model=EntryOut, status_code=201,
             summary="Crear una entrada nueva")
async def create_entry(body: Entry, staff: Annotated[StaffAccount, allow("consultas.base.editar")],
                       session: SessionDep,
                       desk: DeskDep) -> EntryOut:
    entry = await editing.save_entry(session, desk.store, body.model_dump(), staff=staff,
                                     now=desk.clock(), create=True)
    return (await _entries(session, desk, [entry.id]))[0]


@router.put("/entries/{entry_id}", response_model=EntryOut,
            summary="Editar una entrada (reemplaza la del archivo con el mismo identificador)")
async def put_entry(entry_id: str, body: Entry,
                    staff: Annotated[StaffAccount, allow("consultas.base.editar")],
                    session: SessionDep,
                    desk: DeskDep) -> EntryOut:
    if body.id != entry_id:
        raise InvalidInput(msg.ENTRY_ID_MISMATCH.format(body=body.id, path=entry_id[:64]))
    entry = await editing.save_entry(session, desk.store, body.model_dump(), staff=staff,
                                     now=desk.clock(), create=False)
    return (await _entries(session, desk, [entry.id]))[0]


@router.delete("/entries/{entry_id}/override", status_code=204,
               summary="Deshacer los cambios de Talento Humano a una entrada")
async def delete_override(entry_id: str,
                          staff: Annotated[StaffAccount, allow("consultas.base.editar")],
                          session: SessionDep,
                          desk: DeskDep) -> Response:
    await editing.delete_override(session, desk.store, entry_id, staff=staff)
    return Response(status_code=204)


@router.post("/try", response_model=TryOut, summary="Probar: qué respondería el bot")
async def try_question(body: TryIn, _staff: Annotated[StaffAccount, allow("consultas.probar")],
                       session: SessionDep,
                       desk: DeskDep) -> TryOut:
    await desk.store.refresh(session)
    reply = desk.answer(body.question)
    return TryOut(action=reply.action, text_html=reply.text_html, sources=reply.sources,
                  entry_id=reply.entry_id, score=reply.score, candidates=[CandidateOut(entry_id=entry, title=title)
                              for entry, title in reply.candidates],
                  reason=reply.reason)


@router.get("/improve", response_model=ImproveOut,
            summary="Para mejorar la base: votos, preguntas escaladas y respuestas que no sirvieron")
async def improve(_staff: Annotated[StaffAccount, allow("consultas.probar")], session: SessionDep,
                  desk: DeskDep) -> ImproveOut:
    entries = [e for e in await _entries(session, desk) if e.helpful or e.unhelpful]
    entries.sort(key=lambda e: (-e.unhelpful, e.helpful, e.id))
    escalated = [EscalatedOut(ticket_id=q.ticket_id, question=q.question, reason=q.reason,
                              suggested_entry_id=q.suggested_entry_id, status=q.status,
                              created_at=q.created_at)
                 for q in await feedback.escalated_questions(session)]
    unhelpful = [UnhelpfulOut(entry_id=q.entry_id, question=q.question, day=q.day)
                 for q in await feedback.unhelpful_questions(session)]
    return ImproveOut(entries=entries, escalated=escalated, unhelpful=unhelpful)
