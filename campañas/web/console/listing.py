"""Campañas: the list with each campaign's status, the form that creates one, and the
calendar of the value of the week."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query
from sqlalchemy import func, select
from starlette.responses import Response

from campañas import actions
from campañas import messages as campaign_messages
from campañas.audience import PENDING_ASSETS
from campañas.calendar import MAX_WEEKS, calendars
from campañas.logo import logo_path
from campañas.models import Campaign, Piece
from campañas.web import messages
from campañas.web.console.views import (
    describe_audience,
    describe_schedule,
    draft_channel_choices,
    value_choices,
    value_name,
)
from nucleo import messages as nucleo_messages
from nucleo.asset_filings import BIENES_RENTAS
from nucleo.business_days import business_calendar
from nucleo.directory.departments import department_choices
from nucleo.errors import DomainError, InvalidInput
from nucleo.formats import local_day, weekday_names
from nucleo.models import Person
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.console.params import optional_int, optional_month

router = APIRouter(include_in_schema=False)
LIST_LIMIT = 200
MONTH_YEARS = (2000, 2100)  # the months the calendar's ``mes`` may name
_IDS = re.compile(r"[\s,;]+")


async def list_view(console: Console, *, error: str | None = None,
                     typed: dict[str, Any] | None = None, status: int = 200) -> Response:
    campaigns = list(await console.db.scalars(
        select(Campaign).order_by(Campaign.id.desc()).limit(LIST_LIMIT)))
    counts = dict((await console.db.execute(
        select(Piece.campaign_id, func.count()).group_by(Piece.campaign_id))).all())
    rows = [{"c": c, "value": value_name(c.value_key) if not c.rotation else messages.ROTATION,
             "audience": await describe_audience(console, c.audience),
             "schedule": describe_schedule(console, c), "pieces": counts.get(c.id, 0)}
            for c in campaigns]
    departments = await department_choices(console.db, active=False)
    return await console.render(
        "campaigns.html", status=status, error=error, rows=rows, typed=typed or {},
        values=value_choices(True), channels=draft_channel_choices(console),
        departments=[(str(i), n) for i, n in departments],
        audiences=list(messages.AUDIENCE_NAMES.items()),
        kinds=[(k, v) for k, v in ui.KIND_NAMES.items() if k],
        declarations=list(nucleo_messages.ASSET_KINDS.items()),
        year=console.services.today().year, logo=_logo_version(console))


def _logo_version(console: Console) -> str | None:
    """A token that changes with the entity's logo (for its address), or None without one."""
    try:
        return str(logo_path(console.services.settings).stat().st_mtime_ns)
    except OSError:
        return None


def _reminder_name(audience: str, year: str, declaration: str) -> str:
    """The default name of a reminder to those who have not filed («Recordar a quienes
    faltan»); empty for any other audience or an unknown declaration."""
    names = campaign_messages.ASSETS_REMINDER_NAME
    if audience != PENDING_ASSETS or not year.isdigit() or len(year) != 4:
        return ""
    return names.get(declaration or BIENES_RENTAS, "").format(year=year)


@router.get("/consola/campanas")
async def campaigns(
    console: Annotated[Console, page("campanas")],
    audiencia: Annotated[str, Query(max_length=20)] = "",
    anio: Annotated[str, Query(max_length=4)] = "",
    declaracion: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """Every campaign with its status; the creation form for those who may write, with the
    audience prefilled when a link says so (the declarations' «Recordar a quienes faltan»)."""
    console.only_params("audiencia", "anio", "declaracion")
    typed: dict[str, Any] = {}
    if audiencia in messages.AUDIENCE_NAMES:
        typed = {"audiencia": audiencia, "anio": anio, "declaracion": declaracion,
                 "nombre": _reminder_name(audiencia, anio, declaracion),
                 "canales": [c for c, _name, ready in draft_channel_choices(console)
                             if ready and c != "whatsapp"]}
    return await list_view(console, typed=typed)


async def _person_ids(console: Console, text: str) -> list[int]:
    """People of a test list, written as e-mails (as the directory shows them) or numbers."""
    parts = [p for p in _IDS.split(text.strip()) if p]
    emails = {p.lower() for p in parts if "@" in p}
    numbers = [p for p in parts if "@" not in p]
    if not all(p.isascii() and p.isdigit() and len(p) < 10 for p in numbers):
        raise InvalidInput(messages.CAMPAIGN_LIST_BAD)
    found: dict[str, int] = dict((await console.db.execute(select(func.lower(Person.email), Person.id).where(
        func.lower(Person.email).in_(emails)))).all()) if emails else {}
    missing = sorted(emails - set(found))
    if missing:
        raise InvalidInput(messages.CAMPAIGN_LIST_UNKNOWN.format(emails=", ".join(missing[:5])))
    return [int(p) for p in numbers] + list(found.values())


async def _audience(console: Console, kind: str, departments: list[str], person_kind: str,
                    people: str, year: str, declaration: str) -> object:
    """The form's fields as the audience spec the action validates."""
    if kind == PENDING_ASSETS:
        return {"type": kind, "year": year.strip(), "declaracion": declaration}
    if kind == "dependencia":
        return {"type": kind, "department_ids": [int(d) for d in departments
                                                 if d.isascii() and d.isdigit() and len(d) < 10]}
    if kind == "tipo":
        return {"type": kind, "kind": person_kind}
    if kind == "lista":
        return {"type": kind, "person_ids": await _person_ids(console, people)}
    return {"type": kind or "todos"}


@router.post("/consola/campanas")
async def create(
    console: Annotated[Console, page("campanas.crear")],
    nombre: Annotated[str, Form(max_length=2000)] = "",
    valor: Annotated[str, Form(max_length=60)] = "",
    audiencia: Annotated[str, Form(max_length=20)] = "todos",
    dependencias: Annotated[list[str] | None, Form(max_length=500)] = None,
    tipo: Annotated[str, Form(max_length=20)] = "",
    personas: Annotated[str, Form(max_length=5000)] = "",
    anio: Annotated[str, Form(max_length=10)] = "",
    declaracion: Annotated[str, Form(max_length=20)] = "",
    canales: Annotated[list[str] | None, Form(max_length=4)] = None,
) -> Response:
    """Create a campaign in borrador and go to its page; errors come back on the form."""
    typed = {"nombre": nombre, "valor": valor, "audiencia": audiencia, "tipo": tipo,
             "personas": personas, "dependencias": dependencias or [], "canales": canales or [],
             "anio": anio, "declaracion": declaracion}
    try:
        rotation = valor == "rotacion"
        campaign = await actions.create_campaign(
            console.db, settings=console.services.settings, name=nombre,
            value=None if rotation else valor or None, rotation=rotation,
            audience=await _audience(console, audiencia, dependencias or [], tipo, personas,
                                     anio, declaracion),
            channels=canales or [], actor=console.staff, today=console.services.today())
    except DomainError as exc:
        await console.recover()
        return await list_view(console, error=exc.message, typed=typed,
                                status=form_status(exc))
    return await console.redirect(f"/consola/campanas/{campaign.id}",
                                  messages.CAMPAIGN_CREATED.format(name=campaign.name))


@router.get("/consola/campanas/calendario")
async def calendar(console: Annotated[Console, page("campanas")],
                   semanas: Annotated[str, Query(max_length=3)] = "",
                   mes: Annotated[str, Query(max_length=7)] = "") -> Response:
    """The value of each coming week, its send time and the piece that will go out; and a
    month (this one, or ``mes`` AAAA-MM) with its holidays and the sends on each day."""
    console.only_params("semanas", "mes")
    weeks = optional_int("semanas", semanas, 1, MAX_WEEKS) or 8
    settings, now = console.services.settings, console.services.clock()
    month = optional_month("mes", mes, *MONTH_YEARS) or local_day(now, settings.tz)
    entries, view = await calendars(console.db, now=now, tz=settings.timezone, weeks=weeks,
                                    month=month, holidays=business_calendar(console.services))
    return await console.render(
        "campaigns_calendar.html", entries=entries, weeks=weeks, month=view,
        weekdays=weekday_names(), semanas=semanas.strip(), years=MONTH_YEARS,
        reference=all(e.campaign_id is None for e in entries),
        week_choices=[(str(n), str(n)) for n in (4, 8, 12, 26)])
