"""«Cruce»: import the entity's contracts and review the possible conflicts the cross-check
found (contract supervisors who named the contractor in a preventive declaration)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import File, Form, Query, UploadFile
from sqlalchemy import func, select
from starlette.responses import Response

from bot.declaraciones import actions, contracts
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.models import Contract
from bot.declaraciones.web import messages
from bot.declaraciones.web.console.register import router
from nucleo.directory.reader import MAX_BYTES
from nucleo.errors import DomainError, InvalidInput
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id

BASE = "/consola/declaraciones/cruce"
IMPORT = "/consola/declaraciones/contratos"
UPLOADS = {IMPORT: MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit
LIMIT = 200
ReviewFilter = Literal["", "revisadas", "todas"]


async def _flags(console: Console, revision: str) -> list[dict[str, object]]:
    reviewed = {"": False, "revisadas": True}.get(revision)  # «todas»: None
    return [{"flag": r.flag, "contract": r.contract, "declaration": r.declaration,
             "supervisor": r.supervisor, "reviewer": r.reviewer, "via": r.via,
             "reason": bot_messages.FLAG_REASONS.get(r.flag.reason, r.flag.reason)}
            for r in await contracts.flag_rows(console.db, reviewed=reviewed, limit=LIMIT)]


async def _view(console: Console, *, revision: str = "", report: object = None,
                error: str | None = None, status: int = 200) -> Response:
    total = await console.db.scalar(select(func.count()).select_from(Contract)) or 0
    items = await _flags(console, revision)  # they name preventive declarations: audited
    await actions.record_listing(console.db, console.staff, shown=len(items),
                                 action="declaraciones.cruce.leer",
                                 filters={"via": "consola",
                                          "alertas": revision or "pendientes"})
    return await console.render(
        "declarations_crosscheck.html", status=status, items=items,
        revision=revision, revisions=list(messages.DECL_CROSS_FILTERS.items()), report=report,
        error=error, contracts_total=total, limit=LIMIT, note_max=contracts.REVIEW[1])


@router.get(BASE)
async def crosscheck_page(
    console: Annotated[Console, page("declaraciones.cruce")],
    revision: Annotated[ReviewFilter, Query()] = "",
) -> Response:
    """The flags, pending first by default; the import form for those who may import."""
    console.only_params("revision")
    return await _view(console, revision=revision)


@router.post(IMPORT)
async def import_contracts(
    console: Annotated[Console, page("declaraciones.contratos")],
    archivo: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Import a contracts CSV, run the cross-check, show every rejected row with its line."""
    if archivo is None or not archivo.filename:
        return await _view(console, error=messages.DECL_CROSS_NO_FILE, status=422)
    data = await archivo.read(MAX_BYTES + 1)  # decode() refuses more than MAX_BYTES
    try:
        report = await contracts.import_contracts(console.db, data, actor=console.staff,
                                                  now=console.services.clock())
    except DomainError as exc:
        await console.recover()
        return await _view(console, error=exc.message, status=422)
    return await _view(console, report=report)


@router.post(BASE)
async def rerun(console: Annotated[Console, page("declaraciones.contratos")]) -> Response:
    """Cross-check again (after new preventive declarations); existing flags stay."""
    added = await contracts.crosscheck(console.db, actor=console.staff,
                                       now=console.services.clock())
    return await console.redirect(BASE, messages.DECL_CROSS_RERUN_DONE.format(n=added))


@router.post(BASE + "/{flag_id:int}/revision")
async def review(
    console: Annotated[Console, page("declaraciones.cruce")], flag_id: Id,
    nota: Annotated[str, Form(max_length=8000)] = "",
) -> Response:
    """Record HR's review note on one flag."""
    try:
        await contracts.review_flag(console.db, flag_id, note=nota, staff=console.staff,
                                    now=console.services.clock())
    except InvalidInput as exc:  # an unknown flag is the console's 404 page
        await console.recover()
        return await _view(console, revision="todas", error=exc.message,
                           status=form_status(exc))
    return await console.redirect(BASE + "?revision=revisadas", messages.DECL_CROSS_NOTE_SAVED)
