"""REST API of the forum: suggestions, HR's answers and moderation.

Roles: admin and talento_humano decide (write); auditor reads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from foro import actions, messages, moderation
from foro.links import suggestion_url
from foro.models import ForumOutbox, ForumPost, Suggestion, SuggestionAnswer
from foro.queries import link_of, list_suggestions, outbox_of, posts_of, published_answer
from foro.states import parse_status
from nucleo.models import Person, StaffAccount
from nucleo.services import Services
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.errors import error_responses
from nucleo.web.ids import BodyId, Id, Offset

router = APIRouter(prefix="/api/v1/suggestions", tags=["foro"])


class SuggestionIn(BaseModel):
    text: str = Field(description="Texto de la sugerencia (máximo 5.000 caracteres)")
    value: str | None = Field(default=None, max_length=40, description="Valor relacionado")
    department_id: BodyId | None = None
    person_id: BodyId | None = Field(default=None, description="Autor; vacío = anónima")


class AnswerOut(BaseModel):
    revision: int
    status: str
    text: str
    action_plan: str | None
    action_due: date | None
    reason: str | None
    duplicate_of_id: int | None
    drafted_at: datetime
    published_at: datetime | None

    model_config = {"from_attributes": True}


class SuggestionOut(BaseModel):
    id: int
    title: str
    text: str
    value: str | None
    status: str
    status_label: str
    source: str
    anonymous: bool
    department_id: int | None
    created_at: datetime
    hidden: bool
    url: str | None
    answer: AnswerOut | None


class PostOut(BaseModel):
    id: int
    author: str
    body: str
    created_at: datetime
    hidden_reason: str | None
    external_post_id: int | None


class OutboxOut(BaseModel):
    kind: str
    state: str
    attempts: int
    last_error: str | None


class SuggestionDetail(SuggestionOut):
    author_name: str | None
    forum_username: str | None
    forum_url: str | None
    drafts: list[AnswerOut]
    posts: list[PostOut]
    forum_writes: list[OutboxOut]


class SuggestionPage(BaseModel):
    total: int
    items: list[SuggestionOut]


class AnswerIn(BaseModel):
    status: str = Field(max_length=40, description="recibida, en_analisis, adoptada, "
                        "no_adoptada o ya_existe")
    text: str = Field(description="Respuesta oficial (Markdown)")
    action_plan: str | None = Field(default=None, max_length=5000,
                                    description="adoptada: qué se hará")
    action_due: date | None = Field(default=None, description="adoptada: para cuándo")
    reason: str | None = Field(default=None, max_length=5000, description="no_adoptada: motivo")
    duplicate_of_id: BodyId | None = Field(default=None, description="ya_existe: la original")
    publish: bool = Field(default=False, description="Publicar ya (avisa al autor y al foro)")


class AnswerResult(BaseModel):
    answer: AnswerOut
    published: bool
    already_published: bool


class ModerationIn(BaseModel):
    reason: str = Field(max_length=40, description="spam, ofensivo o no_corresponde")
    post_id: BodyId | None = Field(default=None, description="Mensaje a ocultar; vacío = la "
                                "sugerencia completa")


def _out(services: Services, s: Suggestion) -> dict[str, Any]:
    answer = published_answer(s)
    return dict(id=s.id, title=s.title, text=s.text, value=s.value, status=s.status,
                status_label=messages.STATUS_LABELS[s.status], source=s.source,
                anonymous=s.author_person_id is None and s.source != "forum",
                department_id=s.department_id, created_at=s.created_at,
                hidden=s.hidden_at is not None, url=suggestion_url(services.settings, s.id),
                answer=AnswerOut.model_validate(answer) if answer else None)


def _post(p: ForumPost) -> PostOut:
    return PostOut(id=p.id, author=p.author_label, body=p.body, created_at=p.created_at,
                   hidden_reason=p.hidden_reason, external_post_id=p.external_post_id)


def _write(o: ForumOutbox) -> OutboxOut:
    return OutboxOut(kind=o.kind, state=o.state, attempts=o.attempts, last_error=o.last_error)


@router.post("", response_model=SuggestionOut, status_code=201, responses=error_responses(404, 429),
             summary="Registrar sugerencia")
async def create(body: SuggestionIn, staff: Annotated[StaffAccount, allow("sugerencias.crear")],
                 services: ServicesDep,
                 session: SessionDep) -> SuggestionOut:
    """Register a suggestion received by another channel (buzón, correo, reunión)."""
    suggestion = await actions.submit_suggestion(
        session, services, text=body.text, value=body.value, person_id=body.person_id,
        anonymous=body.person_id is None, source="portal", department_id=body.department_id)
    await session.refresh(suggestion, ["answers"])
    return SuggestionOut(**_out(services, suggestion))


@router.get("", response_model=SuggestionPage, summary="Sugerencias")
async def index(_staff: Annotated[StaffAccount, allow("sugerencias")], services: ServicesDep,
                session: SessionDep,
                status: Annotated[str | None, Query(max_length=40)] = None,
                value: Annotated[str | None, Query(max_length=40)] = None,
                source: Annotated[str | None, Query(max_length=10)] = None,
                q: Annotated[str, Query(max_length=200, description=(
                    "Palabras del título o del texto, sin importar tildes ni mayúsculas"))] = "",
                include_hidden: bool = True,
                limit: Annotated[int, Query(ge=1, le=500)] = 100,
                offset: Offset = 0) -> SuggestionPage:
    """List suggestions by status, value, source and words of their text, newest first."""
    page = await list_suggestions(
        session, status=parse_status(status).value if status else None,
        value=actions.parse_value(value), source=source, include_hidden=include_hidden,
        limit=limit, offset=offset, q=q)
    return SuggestionPage(total=page.total,
                          items=[SuggestionOut(**_out(services, s)) for s in page.items])


@router.get("/{suggestion_id}", response_model=SuggestionDetail, summary="Una sugerencia")
async def detail(suggestion_id: Id, _staff: Annotated[StaffAccount, allow("sugerencias")],
                 services: ServicesDep,
                 session: SessionDep) -> SuggestionDetail:
    """A suggestion with its drafts, replies (also hidden ones) and forum writes."""
    s = await actions.load_suggestion(session, suggestion_id)
    person = await session.get(Person, s.author_person_id) if s.author_person_id else None
    link = await link_of(session, s.id)
    return SuggestionDetail(
        **_out(services, s), author_name=person.full_name if person else None,
        forum_username=s.forum_username, forum_url=link.url if link else None,
        drafts=[AnswerOut.model_validate(a) for a in s.answers],
        posts=[_post(p) for p in await posts_of(session, s.id, include_hidden=True)],
        forum_writes=[_write(o) for o in await outbox_of(session, s.id)])


@router.post("/{suggestion_id}/analysis", response_model=SuggestionOut,
             summary="Pasar a análisis")
async def analyse(suggestion_id: Id, staff: Annotated[StaffAccount, allow("sugerencias.analizar")],
                  services: ServicesDep,
                  session: SessionDep) -> SuggestionOut:
    """Move a received suggestion to "en análisis"."""
    suggestion = await actions.start_analysis(session, services, staff, suggestion_id)
    return SuggestionOut(**_out(services, suggestion))


@router.post("/{suggestion_id}/answer", response_model=AnswerResult,
             summary="Respuesta oficial (borrador o publicación)")
async def answer(suggestion_id: Id, body: AnswerIn,
                 staff: Annotated[StaffAccount, allow("sugerencias.responder")],
                 services: ServicesDep,
                 session: SessionDep) -> AnswerResult:
    """Save the official answer as a draft and, with ``publish``, publish it.

    Publishing the same answer twice changes nothing the second time.
    """
    draft: SuggestionAnswer = await actions.draft_answer(
        session, services, staff, suggestion_id, status=body.status, text=body.text,
        action_plan=body.action_plan, action_due=body.action_due, reason=body.reason,
        duplicate_of_id=body.duplicate_of_id)
    already = draft.published_at is not None
    published = False
    if body.publish and not already:
        draft, published = await actions.publish_answer(session, services, staff, suggestion_id)
    return AnswerResult(answer=AnswerOut.model_validate(draft), published=published,
                        already_published=already)


@router.post("/{suggestion_id}/publish", response_model=AnswerResult,
             summary="Publicar el borrador")
async def publish(suggestion_id: Id, staff: Annotated[StaffAccount, allow("sugerencias.publicar")],
                  services: ServicesDep,
                  session: SessionDep) -> AnswerResult:
    """Publish the latest draft (nothing happens if it is already published)."""
    result, published = await actions.publish_answer(session, services, staff, suggestion_id)
    return AnswerResult(answer=AnswerOut.model_validate(result), published=published,
                        already_published=not published)


@router.post("/{suggestion_id}/forum-retry", response_model=SuggestionDetail,
             summary="Reintentar lo que el foro rechazó")
async def forum_retry(suggestion_id: Id,
                      staff: Annotated[StaffAccount, allow("sugerencias.reintentar")],
                      services: ServicesDep,
                      session: SessionDep) -> SuggestionDetail:
    """Queue again the forum writes that failed (e.g. after fixing the Discourse settings)."""
    await actions.retry_forum_writes(session, services, staff, suggestion_id)
    session.expunge_all()
    return await detail(suggestion_id, staff, services, session)


@router.post("/{suggestion_id}/moderation", response_model=SuggestionDetail,
             summary="Ocultar un mensaje o la sugerencia")
async def moderate(suggestion_id: Id, body: ModerationIn,
                   staff: Annotated[StaffAccount, allow("sugerencias.moderar")],
                   services: ServicesDep, session: SessionDep) -> SuggestionDetail:
    """Hide a reply (``post_id``) or the whole suggestion, with a reason; the author is told."""
    if body.post_id is None:
        await moderation.hide_suggestion(session, services, staff, suggestion_id, body.reason)
    else:
        await moderation.hide_post(session, services, staff, body.post_id, body.reason,
                                   suggestion_id=suggestion_id)
    session.expunge_all()
    return await detail(suggestion_id, staff, services, session)
