"""The one formula neutraliser every CSV and XLSX export goes through."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import Workbook, load_workbook

from nucleo.exports import FORMULA_STARTS, csv_text, neutralise, workbook_bytes

NUMBER = re.compile(r"-?\d+(\.\d+)?")


@pytest.mark.parametrize("value,safe", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+57 300", "'+57 300"),
    ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Honestidad", "Honestidad"), ("", ""), (42, 42), (-3.5, -3.5), (None, None),
])
def test_spreadsheet_cells_never_become_formulas(value: object, safe: object) -> None:
    assert neutralise(value) == safe


def assert_no_formula_in_csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for value in row:
            if NUMBER.fullmatch(value):  # a number written by the exporter, not text
                continue
            assert not value.startswith(FORMULA_STARTS), value


def assert_no_formula_in_xlsx(data: bytes) -> None:
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value


def test_csv_text_neutralises_every_cell() -> None:
    text = csv_text([["=1+1", 5, "ok"], ["@x", -2, "-y"]])
    assert text.splitlines() == ["'=1+1,5,ok", "'@x,-2,'-y"]
    assert_no_formula_in_csv(text)


def test_workbook_bytes_leaves_no_formula() -> None:
    book = Workbook()
    book.active.append(["=cmd|' /C calc'!A0", 3, "+57"])
    book.create_sheet("Otra").append(["@SUM(1)", -1.5])
    data = workbook_bytes(book)
    assert_no_formula_in_xlsx(data)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["'=cmd|' /C calc'!A0", 3, "'+57"]
