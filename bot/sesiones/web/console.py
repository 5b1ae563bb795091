"""Sessions in the console: the list, create, edit and cancel (confirmed), one session with its
attendance list, the manual add for people without a phone, and the QR poster (PNG/PDF) drawn
by the one poster renderer (``nucleo.ports.POSTERS``). Changes go through
``bot.sesiones.actions`` (audited)."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query
from starlette.responses import Response

from bot.sesiones import actions
from bot.sesiones import messages as ses_messages
from bot.sesiones.models import SensitizationSession
from bot.sesiones.web import messages
from bot.sesiones.web.trend import sessions_per_month
from nucleo.directory.departments import department_choices
from nucleo.directory.people import find_people
from nucleo.errors import Conflict, InvalidInput
from nucleo.formats import datetime_text
from nucleo.ports import POSTERS, PosterDoor, PosterText
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.feature import ConsoleFeature
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/sesiones"
PAGE_SIZE = 25
FORM_MAX = 4000
MEDIA = {"png": "image/png", "pdf": "application/pdf"}


@router.get(BASE)
async def session_list(console: Annotated[Console, page("sesiones")],
                       pagina: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    """Every session, newest first, with its attendance count."""
    console.only_params("pagina")
    total, rows = await actions.list_sessions(console.db, limit=PAGE_SIZE,
                                              offset=(pagina - 1) * PAGE_SIZE)
    names = await actions.department_names(console.db, [row.id for row, _n in rows])
    items = [(row, count, names.get(row.id, [messages.SES_WHOLE_ENTITY])) for row, count in rows]
    pages = max(1, math.ceil(total / PAGE_SIZE))
    return await console.render("sessions.html", items=items, total=total,
                                page_no=min(pagina, pages), pages=pages,
                                url=lambda n: f"{BASE}?pagina={n}", topics=ses_messages.TOPICS)


# -- create and edit ------------------------------------------------------------------------

def _typed(row: SensitizationSession | None, departments: list[str], tz: Any) -> dict[str, Any]:
    if row is None:
        return {"topic": "codigo", "departments": departments}
    start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
    return {"title": row.title, "topic": row.topic, "place": row.place,
            "day": start.date().isoformat(), "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"), "facilitator": row.facilitator, "notes": row.notes,
            "departments": departments}


async def _form(console: Console, *, row: SensitizationSession | None, typed: dict[str, Any],
                error: str | None = None, status: int = 200) -> Response:
    return await console.render(
        "sessions_form.html", status=status, row=row, typed=typed, error=error,
        topics=list(ses_messages.TOPICS.items()), departments=await department_choices(console.db),
        form_url=f"{BASE}/{row.id}/editar" if row else f"{BASE}/nueva",
        limits={"title": actions.TITLE, "place": actions.PLACE,
                "facilitator": actions.FACILITATOR, "notes": actions.NOTES})


def _moment(day: date, value: str, tz: Any) -> datetime:
    try:
        clock = time.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(messages.SES_BAD_TIME) from None
    return datetime.combine(day, clock.replace(second=0, microsecond=0), tz)


async def _fields(console: Console, typed: dict[str, Any]) -> actions.SessionFields:
    tz = console.services.settings.tz
    try:
        day = date.fromisoformat(str(typed["day"]).strip())
    except ValueError:
        raise InvalidInput(messages.SES_BAD_DAY) from None
    ids = []
    for value in typed["departments"]:
        if not (isinstance(value, str) and value.isascii() and value.isdigit()
                and 0 < int(value) < 2**31):
            raise InvalidInput(ses_messages.BAD_DEPARTMENT)
        ids.append(int(value))
    return actions.SessionFields(
        title=typed["title"], topic=typed["topic"], place=typed["place"],
        starts_at=_moment(day, typed["start"], tz), ends_at=_moment(day, typed["end"], tz),
        facilitator=typed["facilitator"], notes=typed["notes"], department_ids=tuple(ids))


async def _posted(console: Console, titulo: str, tema: str, lugar: str, dia: str, inicio: str,
                  fin: str, dirige: str, notas: str) -> dict[str, Any]:
    form = await console.request.form()
    departments = [v for v in form.getlist("dependencias") if isinstance(v, str)][:500]
    return {"title": titulo, "topic": tema, "place": lugar, "day": dia, "start": inicio,
            "end": fin, "facilitator": dirige, "notes": notas, "departments": departments}


Text = Annotated[str, Form(max_length=FORM_MAX)]
Short = Annotated[str, Form(max_length=40)]


async def _create(console: Console, typed: dict[str, Any]) -> SensitizationSession:
    return await actions.create_session(console.db, await _fields(console, typed),
                                        staff=console.staff, now=console.services.clock())


@router.get(f"{BASE}/nueva")
async def new_form(console: Annotated[Console, page("sesiones.editar")]) -> Response:
    console.only_params()
    return await _form(console, row=None, typed=_typed(None, [], console.services.settings.tz))


@router.post(f"{BASE}/nueva")
async def create(console: Annotated[Console, page("sesiones.editar")], titulo: Text = "",
                 tema: Short = "", lugar: Text = "", dia: Short = "", inicio: Short = "",
                 fin: Short = "", dirige: Text = "", notas: Text = "") -> Response:
    """Register the session and go to its page."""
    typed = await _posted(console, titulo, tema, lugar, dia, inicio, fin, dirige, notas)
    row = await console.attempt(
        lambda: _create(console, typed),
        lambda error, status: _form(console, row=None, typed=typed, error=error, status=status))
    if isinstance(row, Response):
        return row
    return await console.redirect(f"{BASE}/{row.id}",
                                  messages.SES_CREATED.format(title=row.title))


@router.get(BASE + "/{session_id:int}/editar")
async def edit_form(console: Annotated[Console, page("sesiones.editar")],
                    session_id: Id) -> Response:
    console.only_params()
    row = await actions.get_session(console.db, session_id)
    if row.cancelled_at is not None:
        return await console.redirect(f"{BASE}/{row.id}", ses_messages.SESSION_CANCELLED)
    departments = [str(i) for i in await actions.department_ids(console.db, row.id)]
    return await _form(console, row=row, typed=_typed(row, departments,
                                                      console.services.settings.tz))


@router.post(BASE + "/{session_id:int}/editar")
async def edit(console: Annotated[Console, page("sesiones.editar")], session_id: Id,
               titulo: Text = "", tema: Short = "", lugar: Text = "", dia: Short = "",
               inicio: Short = "", fin: Short = "", dirige: Text = "",
               notas: Text = "") -> Response:
    typed = await _posted(console, titulo, tema, lugar, dia, inicio, fin, dirige, notas)

    async def again(error: str, status: int) -> Response:
        current = await actions.get_session(console.db, session_id)
        return await _form(console, row=current, typed=typed, error=error, status=status)

    async def work() -> SensitizationSession:
        return await actions.update_session(console.db, session_id,
                                            await _fields(console, typed), staff=console.staff)

    row = await console.attempt(work, again)
    if isinstance(row, Response):
        return row
    return await console.redirect(f"{BASE}/{row.id}",
                                  messages.SES_UPDATED.format(title=row.title))


@router.post(BASE + "/{session_id:int}/cancelar")
async def cancel(console: Annotated[Console, page("sesiones.editar")],
                 session_id: Id) -> Response:
    """Ask first; then cancel (the QR stops working, the list stays)."""
    row = await actions.get_session(console.db, session_id)
    ask = Confirmation(messages.SES_CANCEL, messages.SES_CANCEL_QUESTION.format(title=row.title),
                       messages.SES_CANCEL_CONSEQUENCE, messages.SES_CANCEL_CONFIRM,
                       f"{BASE}/{row.id}")
    if (question := await ask_first(console, ask)) is not None:
        return question
    cancelled = await console.attempt(
        lambda: actions.cancel_session(console.db, session_id, staff=console.staff,
                                       now=console.services.clock()),
        lambda error, status: detail_view(console, session_id, error=error, status=status))
    if isinstance(cancelled, Response):
        return cancelled
    return await console.redirect(f"{BASE}/{cancelled.id}",
                                  messages.SES_CANCELLED_NOTICE.format(title=cancelled.title))


# -- one session ---------------------------------------------------------------------------

async def detail_view(console: Console, session_id: int, *, q: str = "",
                      error: str | None = None, status: int = 200) -> Response:
    row = await actions.get_session(console.db, session_id)
    settings = console.services.settings
    tz = settings.tz
    opens, closes = actions.window(row)
    links = actions.check_in_links(console.services.signer, settings, row.id)
    found: list[Any] = []
    if q.strip() and row.cancelled_at is None:
        people, _total = await find_people(console.db, q=q.strip(), limit=10)
        found = people
    return await console.render(
        "sessions_detail.html", status=status, row=row, error=error, q=q, found=found,
        topic=ses_messages.TOPICS.get(row.topic, row.topic),
        departments=(await actions.department_names(console.db, [row.id])).get(
            row.id, [messages.SES_WHOLE_ENTITY]),
        attendance=await actions.attendance_list(console.db, row.id), links=links,
        window_text=messages.SES_WINDOW_TEXT.format(opens=datetime_text(opens, tz),
                                                    closes=datetime_text(closes, tz)),
        channels=messages.SES_CHANNELS)


@router.get(BASE + "/{session_id:int}")
async def detail(console: Annotated[Console, page("sesiones")], session_id: Id,
                 q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """The session, its QR links and its attendance list (``q``: search people to add)."""
    console.only_params("q")
    return await detail_view(console, session_id, q=q)


@router.post(BASE + "/{session_id:int}/asistencia")
async def add(console: Annotated[Console, page("sesiones.editar")], session_id: Id,
              persona: Annotated[int, Form(ge=1, le=2**31 - 1)]) -> Response:
    """Add a directory person to the list by hand."""
    failed = await console.attempt(
        lambda: actions.add_attendance(console.db, session_id, persona, staff=console.staff,
                                       now=console.services.clock()),
        lambda error, status: detail_view(console, session_id, error=error, status=status))
    if isinstance(failed, Response):
        return failed
    from nucleo.models import Person

    person = await console.db.get(Person, persona)
    return await console.redirect(f"{BASE}/{session_id}", messages.SES_ADDED.format(
        name=person.full_name if person and person.full_name else ""))


@router.post(BASE + "/{session_id:int}/asistencia/quitar")
async def remove(console: Annotated[Console, page("sesiones.editar")], session_id: Id,
                 asistencia: Annotated[int, Form(ge=1, le=2**31 - 1)]) -> Response:
    """Ask first; then take the row off the list (one form for the whole list: each row's
    button sends its id)."""
    await actions.get_session(console.db, session_id)
    attendance_id = asistencia
    ask = Confirmation(messages.SES_REMOVE, messages.SES_REMOVE_QUESTION,
                       messages.SES_REMOVE_CONSEQUENCE, messages.SES_REMOVE_CONFIRM,
                       f"{BASE}/{session_id}")
    if (question := await ask_first(console, ask, keep=("asistencia",))) is not None:
        return question
    failed = await console.attempt(
        lambda: actions.remove_attendance(console.db, session_id, attendance_id,
                                          staff=console.staff),
        lambda error, status: detail_view(console, session_id, error=error, status=status))
    if isinstance(failed, Response):
        return failed
    return await console.redirect(f"{BASE}/{session_id}", messages.SES_REMOVED)


@router.get(BASE + "/{session_id:int}/qr.{fmt}")
async def poster(console: Annotated[Console, page("sesiones")], session_id: Id,
                 fmt: Literal["png", "pdf"]) -> Response:
    """The attendance poster: the QR to the bot (and to the web chat, with a public URL)."""
    console.only_params()
    row = await actions.get_session(console.db, session_id)
    if row.cancelled_at is not None:
        raise Conflict(ses_messages.SESSION_CANCELLED, code="sesion_cancelada")
    settings = console.services.settings
    links = actions.check_in_links(console.services.signer, settings, row.id)
    if links.telegram is None:
        raise Conflict(ses_messages.NO_BOT, code="bot_sin_configurar")
    renderer = console.services.get(POSTERS)
    if renderer is None:
        raise Conflict(ses_messages.NO_POSTERS, code="carteles_no_disponibles")
    doors = (PosterDoor(links.telegram, ses_messages.POSTER_TELEGRAM),
             PosterDoor(links.web, ses_messages.POSTER_WEB)) if links.web \
        else (PosterDoor(links.telegram),)
    text = PosterText(ses_messages.POSTER_TITLE, ses_messages.POSTER_CALL, doors,
                      ses_messages.POSTER_LABEL, row.title, ses_messages.POSTER_FOOTER.format(
                          when=datetime_text(row.starts_at, settings.tz), place=row.place))
    data = await renderer.draw(text, fmt)
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="asistencia-sesion-{row.id}.{fmt}"'})


CONSOLE = ConsoleFeature(router, "bot.sesiones.web", messages, cards=(sessions_per_month,))
