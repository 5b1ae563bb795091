"""Read an Excel workbook (.xlsx) as rows of text, the way ``reader.read_table`` reads a CSV:
the first sheet, its first non-empty row as the header, each later row with its spreadsheet row
number (what HR sees in Excel). Cells become the text HR would type: a cédula or a mobile stored
as a number loses the «.0», a date becomes «AAAA-MM-DD».

A workbook is a ZIP of XML: its unpacked size is limited before anything is parsed, and
openpyxl parses the XML through defusedxml (entity expansion refused). Anything openpyxl cannot
read is refused with a Spanish message, never a traceback.
"""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import date, datetime, time

from nucleo.directory import messages
from nucleo.errors import InvalidInput

log = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected workbook
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of XML a workbook may unpack to
MAX_COLUMNS = 200


def is_xlsx(data: bytes) -> bool:
    return data[:4] == XLSX_MAGIC


def is_old_excel(data: bytes) -> bool:
    return data[:8] == OLE_MAGIC


def cell_text(value: object) -> str:
    """The text of one cell as HR would have typed it."""
    if value is None or isinstance(value, bool):
        return "" if value is None else (messages.YES if value else messages.NO)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(messages.XLSX_BAD) from None
    if unpacked > MAX_UNPACKED:
        raise InvalidInput(messages.XLSX_TOO_BIG.format(mb=MAX_UNPACKED // 2**20))


def read_xlsx(data: bytes, *, empty: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows (row number, cells as text) of the first sheet; rows with
    no text are left out. InvalidInput (in Spanish) for a damaged or oversized workbook and,
    with ``empty``, for a sheet without a header. The caller checks the file's size."""
    _check_archive(data)
    from openpyxl import load_workbook  # only an import with a workbook pays for openpyxl

    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        log.info("unreadable workbook (%s)", type(exc).__name__)
        raise InvalidInput(messages.XLSX_BAD) from None
    try:
        if not book.worksheets:
            raise InvalidInput(empty)
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True),
                                        start=1):
            cells = [cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((number, cells))
    except InvalidInput:
        raise
    except Exception as exc:
        log.info("unreadable worksheet (%s)", type(exc).__name__)
        raise InvalidInput(messages.XLSX_BAD) from None
    finally:
        book.close()
    if header is None:
        raise InvalidInput(empty)
    return header, rows
