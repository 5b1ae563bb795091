"""A campaign's statistics as files: the API's CSV, and the same rows as an Excel workbook
(openpyxl) with a summary sheet. Numbers stay numbers; free text is never a formula
(``nucleo.exports``)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from starlette.responses import Response, StreamingResponse

from campañas.stats import campaign_stats, stats_csv
from campañas.web import messages
from nucleo.exports import csv_text, new_workbook, workbook_bytes
from nucleo.formats import sheet_datetime
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
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
    book, runs = new_workbook(messages.XLSX_SHEET_RUNS)
    for row in csv.reader(io.StringIO(stats_csv(stats))):
        runs.append([_cell(value) for value in row])
    runs.freeze_panes = "A2"
    summary = book.create_sheet(messages.XLSX_SHEET_TOTALS)
    status = messages.CAMPAIGN_STATUS.get(stats["status"], stats["status"])
    summary.append([messages.XLSX_TITLE.format(name=stats["name"], status=status)])
    for key, label in messages.STATS_KEYS.items():
        summary.append([label, stats["totals"][key]])
    return workbook_bytes(book)


def _local(iso: str | None, tz: ZoneInfo) -> str:
    """An ISO timestamp as Bogotá day and time (dd/mm/aaaa hh:mm), empty when missing."""
    if not iso:
        return ""
    try:
        return sheet_datetime(datetime.fromisoformat(iso), tz)
    except ValueError:
        return iso


def spreadsheet_csv(stats: dict[str, Any], tz: ZoneInfo) -> str:
    """The statistics as Excel set to Spanish (Colombia) opens them: «;» between columns,
    local times, states in words, headers in Spanish."""
    pieces = {p["piece_id"]: p for p in stats["pieces"]}
    rows: list[list[object]] = [list(messages.SPREADSHEET_HEADER)]
    for run in stats["runs"]:
        piece = pieces.get(run["piece_id"], {})
        c = piece.get("counts") or {key: 0 for key in (
            "targeted", "sent", "failed", "blocked", "uncertain", "pending", "in_flight",
            "cancelled")}
        reactions = ", ".join(f"{label}: {n}" for label, n in piece.get("reactions", {}).items())
        rows.append([
            run["piece_id"] or "", piece.get("value", ""), piece.get("phrase", ""),
            _local(run["scheduled_for"], tz),
            messages.RUN_STATES.get(run["state"], run["state"]),
            ui.YES if run["missed"] else ui.NO, c["targeted"], c["sent"], c["failed"],
            c["blocked"], c["uncertain"], c["pending"] + c["in_flight"], c["cancelled"],
            reactions, _local(run["started_at"], tz), _local(run["finished_at"], tz),
        ])
    return csv_text(rows, delimiter=";")


@router.get(BASE + ".csv")
async def stats_as_csv(console: Annotated[Console, page("campanas")],
                       campaign_id: Id) -> Response:
    """The statistics as CSV (UTF-8 with BOM, so spreadsheets read the accents)."""
    console.only_params()
    stats = await campaign_stats(console.db, campaign_id)
    body = "\ufeff" + spreadsheet_csv(stats, console.services.settings.tz)
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers=_attachment(campaign_id, "csv"))


@router.get(BASE + ".xlsx")
async def stats_as_xlsx(console: Annotated[Console, page("campanas")],
                        campaign_id: Id) -> Response:
    """The statistics as an Excel workbook."""
    console.only_params()
    data = workbook(await campaign_stats(console.db, campaign_id))
    return StreamingResponse(iter([data]), media_type=XLSX,
                             headers=_attachment(campaign_id, "xlsx"))
