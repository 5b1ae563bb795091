"""Every CSV and XLSX the service hands out goes through here, so no cell is ever a formula.

A spreadsheet runs a cell that starts with ``= + - @``, a tab or a carriage return as a formula
(CSV/formula injection): a survey title, a phrase, a department name or a comment typed by
someone could then open links or run commands on the computer of whoever opens the file. The one
neutraliser, ``neutralise``, prefixes such text with an apostrophe; numbers stay numbers.
``csv_text`` writes CSV rows through it and ``workbook_bytes`` passes every cell of a workbook
through it before saving; ``nucleo.xlsx`` (big one-sheet exports) neutralises through it too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:  # openpyxl is imported with the first workbook, not when the service starts
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@overload
def neutralise(value: str) -> str: ...
@overload
def neutralise(value: object) -> object: ...
def neutralise(value: object) -> object:
    """Text a spreadsheet will never run as a formula; anything that is not text is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    """The rows as CSV text, every cell neutralised. ``delimiter=";"`` is what Excel set to
    Spanish (Colombia) opens in columns (the comma is its decimal separator)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return out.getvalue()


def new_workbook(first_sheet: str) -> tuple[Workbook, Worksheet]:
    """An empty workbook and its first sheet, named."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    if not isinstance(sheet, Worksheet):  # a new workbook always starts with one worksheet
        raise TypeError("a new workbook without a worksheet")
    sheet.title = first_sheet
    return book, sheet


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file, every text cell neutralised and none left a formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = neutralise(cell.value)
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
