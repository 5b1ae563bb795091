"""«Bienes y rentas»: compliance per dependencia, HR records a filing by cédula, XLSX list."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import File, Form, Query, UploadFile
from starlette.responses import Response

from bot.declaraciones import assets
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.web import messages
from bot.declaraciones.web.console.register import XLSX_TYPE, router
from nucleo import asset_filings, audit
from nucleo import messages as nucleo_messages
from nucleo.asset_filings import AssetKind, last_year
from nucleo.db import commit
from nucleo.directory import messages as directory_messages
from nucleo.directory.keys import document_key
from nucleo.directory.reader import MAX_BYTES
from nucleo.errors import DomainError, InvalidInput
from nucleo.formats import date_text, local_day
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.console.params import optional_int
from nucleo.xlsx import xlsx_bytes

URL = "/consola/declaraciones/bienes"
IMPORT = URL + "/importar"
WINDOW = URL + "/ventana"
UPLOADS = {IMPORT: MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit


def _year(console: Console, anio: str) -> int:
    today = console.services.today()
    return optional_int("anio", anio, assets.FIRST_YEAR, last_year(today.year)) or today.year


async def _view(console: Console, year: int, kind: str, *, error: str | None = None,
                typed: dict[str, str] | None = None, status: int = 200,
                report: assets.FiledImport | None = None) -> Response:
    people = await assets.obliged(console.db, year=year, kind=kind)
    groups, total = assets.by_department(people)
    today = console.services.today()
    window = await asset_filings.reminder_window(console.db, year=year, kind=kind)
    return await console.render(
        "declarations_assets.html", status=status, groups=groups, total=total, year=year,
        kind=kind, kinds=list(nucleo_messages.ASSET_KINDS.items()), window=window,
        window_open=window.open_on(today), window_text=messages.DECL_ASSETS_WINDOW_TEXT.format(
            opens=date_text(window.opens_on), closes=date_text(window.closes_on)),
        years=[(str(y), str(y))
               for y in range(last_year(today.year), assets.FIRST_YEAR - 1, -1)],
        error=error, typed=typed or {}, report=report)


@router.get(URL)
async def assets_page(
    console: Annotated[Console, page("declaraciones.bienes")],
    anio: Annotated[str, Query(max_length=4)] = "",
    tipo: Annotated[AssetKind, Query()] = "bienes_rentas",
) -> Response:
    console.only_params("anio", "tipo")
    return await _view(console, _year(console, anio), tipo)


@router.post(URL)
async def mark_filed(
    console: Annotated[Console, page("declaraciones.bienes.registrar")],
    cedula: Annotated[str, Form(max_length=40)] = "",
    fecha: Annotated[str, Form(max_length=10)] = "",
    anio: Annotated[str, Form(max_length=4)] = "",
    tipo: Annotated[str, Form(max_length=20)] = "bienes_rentas",
    obligada: Annotated[str, Form(max_length=4)] = "",
) -> Response:
    """Record that the person with this cédula filed (and, if asked, that they must)."""
    typed = {"cedula": cedula, "fecha": fecha}
    kind = tipo if tipo in assets.KINDS else "bienes_rentas"
    year = _year(console, anio)
    now = console.services.clock()
    today = local_day(now, console.services.settings.tz)
    try:
        try:
            filed_on = date.fromisoformat(fecha.strip())
        except ValueError:
            raise InvalidInput(messages.DECL_ASSETS_BAD_DATE) from None
        row = await assets.mark_filed(console.db, document=cedula, year=year, kind=kind,
                                      filed_on=filed_on, staff=console.staff, now=now,
                                      today=today, required=True if obligada else None)
    except DomainError as exc:
        await console.recover()
        status = form_status(exc)  # an unknown cédula is a mistake in the form, not a page
        return await _view(console, year, kind, error=exc.message, typed=typed,
                           status=422 if status == 404 else status)
    return await console.redirect(
        f"{URL}?anio={row.year}&tipo={kind}",
        messages.DECL_ASSETS_MARKED.format(tail=document_key(cedula)[-3:], year=row.year))


@router.post(WINDOW)
async def set_window(
    console: Annotated[Console, page("declaraciones.bienes.registrar")],
    desde: Annotated[str, Form(max_length=10)] = "",
    hasta: Annotated[str, Form(max_length=10)] = "",
    anio: Annotated[str, Form(max_length=4)] = "",
    tipo: Annotated[str, Form(max_length=20)] = "bienes_rentas",
) -> Response:
    """HR sets when the reminder campaigns of this declaration and year reach those pending."""
    kind = tipo if tipo in assets.KINDS else "bienes_rentas"
    year = _year(console, anio)
    now = console.services.clock()
    try:
        try:
            opens_on, closes_on = date.fromisoformat(desde.strip()), date.fromisoformat(
                hasta.strip())
        except ValueError:
            raise InvalidInput(messages.DECL_ASSETS_WINDOW_BAD_DATE) from None
        window = await assets.set_reminder_window(
            console.db, year=year, kind=kind, opens_on=opens_on, closes_on=closes_on,
            staff=console.staff, now=now,
            today=local_day(now, console.services.settings.tz))
    except DomainError as exc:
        await console.recover()
        return await _view(console, year, kind, error=exc.message,
                           typed={"desde": desde, "hasta": hasta}, status=form_status(exc))
    return await console.redirect(
        f"{URL}?anio={year}&tipo={kind}", messages.DECL_ASSETS_WINDOW_SAVED.format(
            year=year, opens=date_text(window.opens_on), closes=date_text(window.closes_on)))


@router.get(URL + ".xlsx")
async def assets_export(
    console: Annotated[Console, page("declaraciones.bienes")],
    anio: Annotated[str, Query(max_length=4)] = "",
    tipo: Annotated[AssetKind, Query()] = "bienes_rentas",
) -> Response:
    """Everyone obliged, with their state, for the entity's document system and FURAG."""
    console.only_params("anio", "tipo")
    year = _year(console, anio)
    people = await assets.obliged(console.db, year=year, kind=tipo)
    data = xlsx_bytes(messages.DECL_ASSETS_SHEET, [[
        messages.DECL_COL_DEPARTMENT, messages.DECL_ASSETS_COL_NAME,
        messages.DECL_ASSETS_COL_DOCUMENT, messages.DECL_ASSETS_COL_KIND,
        messages.DECL_ASSETS_COL_STATE, messages.DECL_ASSETS_FILED_ON,
        messages.DECL_ASSETS_COL_SOURCE]] + [[
            p.department or messages.DECL_NO_DEPARTMENT, p.full_name, p.document_id or "",
            directory_messages.KIND_NAMES.get(p.kind or "", ""),
            messages.DECL_ASSETS_FILED if p.filed_on else messages.DECL_ASSETS_PENDING,
            p.filed_on, bot_messages.ASSET_SOURCES.get(p.source or "", "")] for p in people])
    audit.record(console.db, console.staff, "declaraciones.bienes.exportar",
                 details={"rows": len(people), "anio": year, "tipo": tipo})
    await commit(console.db)
    name = messages.DECL_ASSETS_FILE_NAME.format(kind=tipo, year=year)
    return Response(data, media_type=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


@router.post(IMPORT)
async def import_filed(
    console: Annotated[Console, page("declaraciones.bienes.registrar")],
    archivo: Annotated[UploadFile | None, File()] = None,
    anio: Annotated[str, Form(max_length=4)] = "",
    tipo: Annotated[str, Form(max_length=20)] = "bienes_rentas",
) -> Response:
    """Mark as filed everyone on an imported list; rejected rows shown with their line."""
    kind = tipo if tipo in assets.KINDS else "bienes_rentas"
    year = _year(console, anio)
    if archivo is None or not archivo.filename:
        return await _view(console, year, kind, error=messages.DECL_CROSS_NO_FILE, status=422)
    data = await archivo.read(MAX_BYTES + 1)  # decode() refuses more than MAX_BYTES
    now = console.services.clock()
    try:
        report = await assets.import_filed(
            console.db, data, year=year, kind=kind, actor=console.staff, now=now,
            today=local_day(now, console.services.settings.tz))
    except DomainError as exc:
        await console.recover()
        return await _view(console, year, kind, error=exc.message, status=422)
    return await _view(console, year, kind, report=report)
