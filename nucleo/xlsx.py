"""A one-sheet .xlsx written straight as SpreadsheetML, for exports too big for openpyxl.

openpyxl builds a Python object per cell and serialises each through its XML writer: 220,000
cells (the declarations register with 10,000 rows) take seconds, and its write-only mode saves
little (measured 1.2–1.8×). XlsxWriter, the field's streaming writer, measured 3 to 5 times
slower than this (``bench/declarations_register.py``, docs/declaraciones.md). This writer
streams the rows as XML text into the zip: numbers as numbers, dates as dates (``yyyy-mm-dd``,
as openpyxl shows them), text as shared strings, every text cell neutralised by
``nucleo.exports.neutralise`` (never a formula). What Excel cannot hold never breaks the file:
characters XML cannot carry are dropped, text is cut at Excel's 32,767 characters, NaN and
infinities (float or Decimal) are written as text, dates before 1900 (Excel has no serial for
them) as ``yyyy-mm-dd`` text, and a typed ``_xHHHH_`` stays text (Excel would decode it). One
sheet, no styles beyond the date formats, no formulas: what the exports need, read back by
openpyxl in the tests.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from nucleo.exports import neutralise

_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system from 1900-03-01 on
_LEAP_BUG = 61  # Excel counts a 29 February 1900: serials before 1900-03-01 are one day less
_FIRST_DAY = date(1900, 1, 1)  # Excel's day 1: nothing earlier is a date there
_CELL_MAX = 32_767  # characters of a cell, counted in UTF-16 units as Excel does
_MAX_NUMBER = 1e308  # beyond this a number is no double: written as text
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # how Excel writes a character XML lacks
NOT_XML = re.compile(  # characters XML 1.0 cannot hold (dropped)
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_DATE, _DATETIME = 1, 2  # the cell styles of styles.xml below
_ESCAPES = {"\r": "&#13;", "\t": "&#9;"}  # kept as typed: XML would fold them into spaces

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_CLOSE = "</sheetData></worksheet>"


def _text(value: str) -> str:
    cleaned = escape(value)
    return cleaned.replace("\r", _ESCAPES["\r"]).replace("\t", _ESCAPES["\t"])


def _cell_text(value: str) -> str:
    """What a text cell holds: clean, neutralised, within Excel's limit, no _xHHHH_ decoded."""
    value = neutralise(NOT_XML.sub("", value))
    if len(value) > _CELL_MAX // 2 and len(value.encode("utf-16-le")) > 2 * _CELL_MAX:
        value = value.encode("utf-16-le")[:2 * _CELL_MAX].decode("utf-16-le", "ignore")
    return _EXCEL_ESCAPE.sub(r"_x005F\1", value) if "_x" in value else value


def _serial(value: datetime) -> float:
    serial = (value - _EPOCH).total_seconds() / 86400
    return serial - 1 if serial < _LEAP_BUG else serial


class _Strings:
    """The shared strings table: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.uses = 0

    def ref(self, value: str) -> int:
        self.uses += 1
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{_text(s)}</t></si>' for s in self.index)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{self.uses}" uniqueCount="{len(self.index)}">{items}</sst>')


def _cell(ref: str, value: object, strings: _Strings) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int) and -_MAX_NUMBER < value < _MAX_NUMBER:
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, Decimal) and value.is_finite():
        value = float(value) if -_MAX_NUMBER < value < _MAX_NUMBER else str(value)
    if isinstance(value, float) and math.isfinite(value):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise TypeError("an export's datetimes are local and naive")
        if value.date() >= _FIRST_DAY:
            return f'<c r="{ref}" s="{_DATETIME}"><v>{_serial(value)!r}</v></c>'
        value = value.isoformat(sep=" ")
    elif isinstance(value, date):
        if value >= _FIRST_DAY:
            days = (value - _EPOCH.date()).days
            return f'<c r="{ref}" s="{_DATE}"><v>{days - 1 if days < _LEAP_BUG else days}</v></c>'
        value = value.isoformat()
    elif isinstance(value, time):
        raise TypeError("times of day are not exported")
    return f'<c r="{ref}" t="s"><v>{strings.ref(_cell_text(str(value)))}</v></c>'


def xlsx_bytes(sheet_name: str, rows: Iterable[Sequence[object]]) -> bytes:
    """The rows as a one-sheet .xlsx named ``sheet_name``; every text cell neutralised."""
    from openpyxl.utils import get_column_letter  # on the first export, not at the start

    name = _SHEET_NAME_BAD.sub(" ", NOT_XML.sub("", sheet_name))[:31].strip() or "Hoja1"
    strings = _Strings()
    columns: list[str] = []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_OPEN.encode())
            chunk: list[str] = []
            for number, row in enumerate(rows, 1):
                while len(columns) < len(row):
                    columns.append(get_column_letter(len(columns) + 1))
                cells = "".join(_cell(f"{columns[i]}{number}", value, strings)
                                for i, value in enumerate(row))
                chunk.append(f'<row r="{number}">{cells}</row>')
                if len(chunk) >= 500:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + _SHEET_CLOSE).encode())
        package.writestr("xl/sharedStrings.xml", strings.xml())
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _WORKBOOK.format(name=quoteattr(name)))
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
    return out.getvalue()
