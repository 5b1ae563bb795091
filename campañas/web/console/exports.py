"""A campaign's statistics as files: the API's CSV, and the same rows as an Excel workbook
(openpyxl) with a summary sheet. Numbers stay numbers; free text is never a formula
(``nucleo.exports``)."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter
from openpyxl import Workbook
from starlette.responses import Response, StreamingResponse

from campañas.web import messages
from nucleo.web.console.context import Console, page
from campañas.stats import campaign_stats, stats_csv
from nucleo.exports import workbook_bytes
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/campanas/{campaign_id:int}/estadisticas"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(campaign_id: int, extension: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="campana-{campaign_id}.{extension}"'}


def _cell(text: str) -> Any:
    """Whole numbers as numbers; any other text as text (``workbook_bytes`` neutralises it)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 16 else text


def workbook(stats: dict[str, Any]) -> bytes:
    """The CSV's rows (one per run) plus the campaign's totals, as an .xlsx file."""
    book = Workbook()
    runs = book.active
    runs.title = messages.XLSX_SHEET_RUNS
    for row in csv.reader(io.StringIO(stats_csv(stats))):
        runs.append([_cell(value) for value in row])
    runs.freeze_panes = "A2"
    summary = book.create_sheet(messages.XLSX_SHEET_TOTALS)
    status = messages.CAMPAIGN_STATUS.get(stats["status"], stats["status"])
    summary.append([messages.XLSX_TITLE.format(name=stats["name"], status=status)])
    for key, label in messages.STATS_KEYS.items():
        summary.append([label, stats["totals"][key]])
    return workbook_bytes(book)


@router.get(BASE + ".csv")
async def stats_as_csv(console: Annotated[Console, page("campanas")],
                       campaign_id: Id) -> Response:
    """The statistics as CSV (UTF-8 with BOM, so spreadsheets read the accents)."""
    console.only_params()
    stats = await campaign_stats(console.db, campaign_id)
    return Response("\ufeff" + stats_csv(stats), media_type="text/csv; charset=utf-8",
                    headers=_attachment(campaign_id, "csv"))


@router.get(BASE + ".xlsx")
async def stats_as_xlsx(console: Annotated[Console, page("campanas")],
                        campaign_id: Id) -> Response:
    """The statistics as an Excel workbook."""
    console.only_params()
    data = workbook(await campaign_stats(console.db, campaign_id))
    return StreamingResponse(iter([data]), media_type=XLSX,
                             headers=_attachment(campaign_id, "xlsx"))
