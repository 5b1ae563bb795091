"""The directory from an Excel workbook (.xlsx) beside CSV: the same columns found, the same
validation and messages, rows numbered as in Excel; damaged, old or oversized files refused in
Spanish."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from openpyxl.xml import DEFUSEDXML
from sqlalchemy import select

from nucleo.db import Database
from nucleo.directory import messages, sheets
from nucleo.directory.importer import import_people
from nucleo.directory.reader import read_rows
from nucleo.errors import InvalidInput
from nucleo.models import Person

HEADER = ["Nombre", "Cédula", "Correo electrónico", "Celular", "Dependencia",
          "Tipo de vinculación"]
ROWS: list[list[object]] = [
    ["Ana Pérez", 1020304.0, "ana@alcaldia.gov.co", 3001234567, "Secretaría de Hacienda",
     "Servidor público"],
    ["Luis Núñez", "80123456", "luis@alcaldia.gov.co", None, "Talento Humano", "Contratista"],
    [None, None, None, None, None, None],  # an empty row in the middle is skipped
    ["Carla", 333, "no-es-correo", None, "Hacienda", "servidor"],
    ["Diego", 444, "d@alcaldia.gov.co", "tres", "Hacienda", "servidor"],
]


def workbook(rows: list[list[object]], *, header: list[str] | None = None,
             blank_top: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for _ in range(blank_top):
        sheet.append([])
    sheet.append(HEADER if header is None else header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_of(rows: list[list[object]]) -> bytes:
    def text(value: object) -> str:
        return sheets.cell_text(value)
    lines = [";".join(HEADER)] + [";".join(text(v) for v in row) if any(row) else ""
                                  for row in rows]
    return ("\n".join(lines) + "\n").encode()


def test_openpyxl_parses_through_defusedxml() -> None:
    assert DEFUSEDXML


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (1020304.0, "1020304"), (3001234567, "3001234567"), (2.5, "2.5"),
    (True, "Sí"), (date(2026, 3, 2), "2026-03-02"), (datetime(2026, 3, 2), "2026-03-02"),
    (" Ana ", " Ana "),
])
def test_cells_read_as_typed(value: object, text: str) -> None:
    assert sheets.cell_text(value) == text


def test_xlsx_and_csv_give_the_same_rows_and_rejections() -> None:
    from_xlsx = read_rows(workbook(ROWS, blank_top=2))
    from_csv = read_rows(csv_of(ROWS))
    rows_xlsx, rejected_xlsx = from_xlsx
    assert [(r.full_name, r.document_id, r.email, r.mobile) for r in rows_xlsx] == [
        ("Ana Pérez", "1020304", "ana@alcaldia.gov.co", "+573001234567"),
        ("Luis Núñez", "80123456", "luis@alcaldia.gov.co", None)]
    assert [r.reason for r in rejected_xlsx] == [r.reason for r in from_csv[1]]
    # Numbered as Excel shows them: two blank rows, the header on row 3, data from row 4.
    assert [r.line for r in rows_xlsx] == [4, 5]
    assert [r.line for r in rejected_xlsx] == [7, 8]
    assert "Correo no válido" in rejected_xlsx[0].reason
    assert rejected_xlsx[1].reason.startswith("Celular no válido")


async def test_import_from_xlsx_then_csv_is_unchanged(db: Database) -> None:
    async with db.session() as session:
        report = await import_people(session, workbook(ROWS), create_departments=True)
    assert (report.created, len(report.rejected)) == (2, 2)
    async with db.session() as session:
        again = await import_people(session, csv_of(ROWS), create_departments=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    async with db.session() as session:
        ana = await session.scalar(select(Person).where(Person.document_id == "1020304"))
        assert ana is not None and ana.mobile == "+573001234567"
        assert ana.kind == "servidor" and ana.department.name == "Secretaría de Hacienda"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (b"PK\x03\x04" + bytes(200), messages.XLSX_BAD),  # a broken ZIP
    (_zip({"hola.txt": b"no es un libro"}), messages.XLSX_BAD),  # a ZIP, not a workbook
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), messages.OLD_EXCEL),  # .xls, protected
    (b"\x89PNG\r\n\x1a\n" + bytes(64), messages.NOT_TABLE),
])
def test_bad_files_are_refused_in_spanish(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput) as info:
        read_rows(data)
    assert info.value.message == expected


def test_an_empty_sheet_or_missing_columns() -> None:
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInput) as info:
        read_rows(out.getvalue())
    assert info.value.message == messages.EMPTY_FILE
    with pytest.raises(InvalidInput) as info:
        read_rows(workbook([["Ana"]], header=["Nombre", "Apellido"]))
    assert "Faltan columnas obligatorias" in info.value.message
    assert "Nombre, Apellido" in info.value.message
    with pytest.raises(InvalidInput) as info:
        read_rows(workbook([]))
    assert info.value.message == messages.NO_ROWS


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = workbook(ROWS)
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    with pytest.raises(InvalidInput) as info:
        read_rows(data)
    assert info.value.message == messages.XLSX_TOO_BIG.format(mb=0)


def test_entities_in_the_sheet_xml_are_refused() -> None:
    """A «billion laughs» sheet never expands: defusedxml refuses the DTD."""
    data = workbook(ROWS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    bomb = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    sheet = files["xl/worksheets/sheet1.xml"]
    declaration, _, body = sheet.partition(b"?>") if sheet.startswith(b"<?xml") else (
        b"", b"", sheet)
    files["xl/worksheets/sheet1.xml"] = declaration + (b"?>" if declaration else b"") + bomb + body
    with pytest.raises(InvalidInput) as info:
        read_rows(_zip(files))
    assert info.value.message == messages.XLSX_BAD
