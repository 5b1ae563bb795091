"""The built-in portal's pages: list, topic, new suggestion, reply, login by link, logout.

Reading is open; writing needs a portal session (magic link from the bot's ``/portal``) or a
staff account (bearer token, or the console session through
``request.app.state.session_staff_resolver``). Every form carries the CSRF token of
``nucleo.web.csrf`` (field ``csrf_token``), bound to the portal session's own secret, or to the
staff account and its ``token_version``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.actions import MAX_TEXT, load_suggestion, submit_suggestion
from foro.links import PORTAL_PREFIX, suggestion_path
from foro.moderation import MAX_REPLY, reply
from foro.portal import auth
from foro.portal.pages import HERE, SECURITY_HEADERS, render
from foro.queries import link_of, list_suggestions, posts_of, published_answer
from nucleo.errors import DomainError, InvalidInput, NotAuthenticated
from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.web import csrf as forms
from nucleo.web.deps import ServicesDep, SessionDep, staff_from_token
from nucleo.web.ids import Id

router = APIRouter(prefix=PORTAL_PREFIX, include_in_schema=False)
PAGE_SIZE = 20
NOTICES = {"enviada": messages.PORTAL_SENT, "respondida": messages.PORTAL_REPLIED,
           "bienvenida": messages.PORTAL_WELCOME, "salida": messages.PORTAL_LOGGED_OUT}


@dataclass(frozen=True)
class Viewer:
    """Who is writing: a person (portal session) or a staff member."""

    kind: str
    csrf_secret: str
    label: str
    person_id: int | None = None
    staff: StaffAccount | None = None
    session: auth.LiveSession | None = None


async def current_viewer(request: Request, services: Services,
                         session: AsyncSession) -> Viewer | None:
    """The portal session, else a staff bearer token, else the console session; or None."""
    portal = await auth.resolve_session(session, services.signer,
                                        request.cookies.get(auth.COOKIE), services.clock())
    if portal is not None:
        return Viewer("person", portal.csrf_secret, messages.FORUM_AUTHOR_PERSON,
                      person_id=portal.person_id, session=portal)
    staff: StaffAccount | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        try:
            staff = await staff_from_token(services, session, header[7:].strip())
        except NotAuthenticated:
            staff = None
    resolver = getattr(request.app.state, "session_staff_resolver", None)
    if staff is None and resolver is not None:
        staff = await resolver(request, session)
    if staff is None:
        return None
    return Viewer("staff", f"staff:{staff.id}:{staff.token_version}",
                  messages.FORUM_AUTHOR_STAFF, staff=staff)


def _page(services: Services, name: str, viewer: Viewer | None, *, status: int = 200,
          **context: object) -> Response:
    csrf = forms.form_token(services.signer, viewer.csrf_secret) if viewer else ""
    return render(services.settings, name, status=status, viewer=viewer, csrf=csrf,
                  csrf_field=forms.FIELD,
                  values=messages.VALUE_LABELS, statuses=messages.STATUS_LABELS,
                  login_needed=messages.PORTAL_LOGIN_NEEDED, **context)


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers=dict(SECURITY_HEADERS))


def _notice(aviso: str | None) -> str | None:
    return NOTICES.get(aviso or "")


@router.get("/estilo.css")
async def stylesheet() -> FileResponse:
    """The portal's own stylesheet."""
    return FileResponse(HERE / "estilo.css", media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})


@router.get("")
@router.get("/")
async def index(request: Request, services: ServicesDep, session: SessionDep,
                valor: Annotated[str | None, Query(max_length=40)] = None,
                estado: Annotated[str | None, Query(max_length=40)] = None,
                pagina: Annotated[int, Query(ge=1, le=10_000)] = 1,
                aviso: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    """List suggestions by value and status."""
    value = valor if valor in messages.VALUE_LABELS else None
    status = estado if estado in messages.STATUS_LABELS else None
    page = await list_suggestions(session, status=status, value=value, limit=PAGE_SIZE,
                                  offset=(pagina - 1) * PAGE_SIZE)
    viewer = await current_viewer(request, services, session)
    return _page(services, "lista.html", viewer, page=page, chosen_value=value,
                 chosen_status=status,
                 number=pagina, pages=max(1, math.ceil(page.total / PAGE_SIZE)),
                 notice=_notice(aviso))


async def _topic(request: Request, services: Services, session: AsyncSession,
                 suggestion_id: int, *, status: int = 200, **extra: object) -> Response:
    viewer = await current_viewer(request, services, session)
    try:
        suggestion = await load_suggestion(session, suggestion_id)
    except DomainError:
        suggestion = None
    if suggestion is None or suggestion.hidden_at is not None:
        message = messages.HIDDEN_SUGGESTION if suggestion else messages.PORTAL_NOT_FOUND
        return _page(services, "aviso.html", viewer, status=410 if suggestion else 404,
                     heading=messages.PORTAL_NAME, message=message, is_error=True)
    if suggestion.source == "forum":
        author = suggestion.forum_username or messages.FORUM_AUTHOR_PERSON
    elif suggestion.author_person_id is not None:
        author = messages.FORUM_AUTHOR_PERSON
    else:
        author = messages.FORUM_AUTHOR_ANONYMOUS
    return _page(services, "sugerencia.html", viewer, status=status, s=suggestion,
                 author=author, answer=published_answer(suggestion),
                 posts=await posts_of(session, suggestion.id),
                 link=await link_of(session, suggestion.id), max_reply=MAX_REPLY, **extra)


@router.get("/sugerencias/{suggestion_id}")
async def topic(request: Request, services: ServicesDep, session: SessionDep,
                suggestion_id: Id,
                aviso: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    """A suggestion with its official answer and replies."""
    return await _topic(request, services, session, suggestion_id, notice=_notice(aviso))


@router.post("/sugerencias/{suggestion_id}/responder")
async def post_reply(request: Request, services: ServicesDep, session: SessionDep,
                     suggestion_id: Id, texto: Annotated[str, Form()] = "",
                     csrf_token: Annotated[str, Form(max_length=300)] = "") -> Response:
    """Publish a reply (portal session or staff)."""
    viewer = await current_viewer(request, services, session)
    error = _write_refusal(services, viewer, csrf_token)
    if error is None and viewer is not None:
        try:
            post = await reply(session, services, suggestion_id=suggestion_id, body=texto,
                               person_id=viewer.person_id, staff=viewer.staff)
        except InvalidInput as exc:
            error = exc.message
        else:
            return _redirect(f"{suggestion_path(suggestion_id)}?aviso=respondida"
                             f"#mensaje-{post.id}")
    await session.rollback()
    return await _topic(request, services, session, suggestion_id, status=_status(viewer),
                        error=error, draft=texto[:MAX_REPLY])


def _write_refusal(services: Services, viewer: Viewer | None, csrf: str) -> str | None:
    if viewer is None:
        return messages.PORTAL_LOGIN_NEEDED
    if not forms.token_ok(services.signer, viewer.csrf_secret, csrf):
        return messages.PORTAL_CSRF
    return None


def _status(viewer: Viewer | None) -> int:
    return 422 if viewer is not None else 401


@router.get("/nueva")
async def new_form(request: Request, services: ServicesDep, session: SessionDep) -> Response:
    """The form to write a suggestion."""
    viewer = await current_viewer(request, services, session)
    return _page(services, "nueva.html", viewer, max_text=MAX_TEXT)


@router.post("/nueva")
async def new_suggestion(request: Request, services: ServicesDep, session: SessionDep,
                         texto: Annotated[str, Form()] = "",
                         valor: Annotated[str, Form()] = "",
                         anonima: Annotated[str, Form()] = "",
                         csrf_token: Annotated[str, Form(max_length=300)] = "") -> Response:
    """Publish a suggestion from the portal."""
    viewer = await current_viewer(request, services, session)
    error = _write_refusal(services, viewer, csrf_token)
    anonymous = anonima == "si" or (viewer is not None and viewer.kind == "staff")
    if error is None and viewer is not None:
        try:
            suggestion = await submit_suggestion(
                session, services, text=texto, value=valor or None, source="portal",
                person_id=viewer.person_id, anonymous=anonymous)
        except DomainError as exc:
            error = exc.message
        else:
            return _redirect(f"{suggestion_path(suggestion.id)}?aviso=enviada")
    await session.rollback()
    return _page(services, "nueva.html", viewer, status=_status(viewer), error=error,
                 draft=texto[:MAX_TEXT], value=valor if valor in messages.VALUE_LABELS else None,
                 anonymous=anonymous, max_text=MAX_TEXT)


@router.get("/entrar")
async def login_page(request: Request, services: ServicesDep, session: SessionDep,
                     t: Annotated[str, Query(max_length=2000)] = "") -> Response:
    """Confirm the login link (opening it does not use it up: link previews are harmless)."""
    try:
        auth.check_login_token(services.signer, t)
        error = None
    except InvalidInput as exc:
        error = exc.message
    return _page(services, "entrar.html", None, status=400 if error else 200, token=t,
                 error=error)


@router.post("/entrar")
async def login(request: Request, services: ServicesDep, session: SessionDep,
                t: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Use the login link up and open a portal session."""
    now = services.clock()
    try:
        person_id = await auth.redeem_login_token(session, services.signer, t, now)
    except InvalidInput as exc:
        return _page(services, "entrar.html", None, status=400, error=exc.message)
    cookie = await auth.create_session(session, services.signer, person_id, now)
    response = _redirect(f"{PORTAL_PREFIX}?aviso=bienvenida")
    response.set_cookie(auth.COOKIE, cookie,
                        max_age=auth.SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=str(services.settings.public_url or "").startswith("https"),
                        path=PORTAL_PREFIX)
    return response


@router.post("/salir")
async def logout(request: Request, services: ServicesDep, session: SessionDep,
                 csrf_token: Annotated[str, Form(max_length=300)] = "") -> Response:
    """Close the portal session: its row is deleted, so a copy of the cookie is dead too."""
    viewer = await current_viewer(request, services, session)
    if viewer is not None and not forms.token_ok(services.signer, viewer.csrf_secret,
                                                 csrf_token):
        return _page(services, "aviso.html", viewer, status=403, heading=messages.PORTAL_NAME,
                     message=messages.PORTAL_CSRF, is_error=True)
    if viewer is not None and viewer.session is not None:
        await auth.end_session(session, viewer.session)
    response = _redirect(f"{PORTAL_PREFIX}?aviso=salida")
    response.delete_cookie(auth.COOKIE, path=PORTAL_PREFIX)
    return response
