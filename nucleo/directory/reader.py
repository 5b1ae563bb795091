"""Read HR's directory (a CSV export, UTF-8 or Latin-1, comma or semicolon, or an Excel
workbook, .xlsx) into validated rows. Both formats go through the same column finding and the
same row validation; ``read_table`` (CSV only) is shared with other imports."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email

from nucleo.directory import messages, sheets
from nucleo.directory.phones import normalize_mobile
from nucleo.errors import InvalidInput
from nucleo.models import PersonKind
from nucleo.text import clean_text, normalize_key

MAX_BYTES = 50 * 1024 * 1024  # the largest file an import accepts (CSV or XLSX)
MAX_LINE = 10_000

COLUMN_ALIASES = {
    "nombre": {"nombre", "nombres", "nombre completo", "nombres y apellidos", "funcionario",
               "servidor", "nombre del servidor"},
    "documento": {"documento", "cedula", "cc", "identificacion", "numero de documento",
                  "no. documento", "documento de identidad"},
    "correo": {"correo", "email", "e-mail", "correo electronico", "correo institucional", "mail"},
    "celular": {"celular", "movil", "telefono movil", "telefono celular", "numero de celular",
                "whatsapp"},
    "dependencia": {"dependencia", "area", "oficina", "secretaria", "unidad"},
    "tipo": {"tipo", "vinculacion", "tipo de vinculacion", "tipo vinculacion", "clase"},
    # the immediate superior (#18), by cédula, e-mail or full name (``superior_ref``)
    "jefe": {"jefe", "jefe inmediato", "jefe directo", "superior", "superior inmediato",
             "jefe_inmediato", "correo jefe", "correo del jefe", "correo_jefe",
             "correo jefe inmediato", "correo del jefe inmediato", "correo superior",
             "correo del superior", "cedula jefe", "cedula del jefe", "documento jefe",
             "documento del jefe", "cedula jefe inmediato", "documento jefe inmediato",
             "cedula del jefe inmediato", "documento del jefe inmediato", "cedula superior",
             "documento superior", "identificacion jefe", "nombre jefe", "nombre del jefe",
             "nombre jefe inmediato", "nombre del jefe inmediato", "reporta a"},
}
KIND_ALIASES = {
    # «Servidor(a)» is how the directory's own export writes it: an export imports back
    PersonKind.SERVIDOR: {"servidor", "servidora", "servidor(a)", "servidor publico",
                          "servidora publica",
                          "funcionario", "funcionaria", "planta", "empleado", "empleada",
                          "provisional", "carrera", "libre nombramiento"},
    PersonKind.CONTRATISTA: {"contratista", "contrato", "prestacion de servicios", "ops", "cps"},
}
_DOCUMENT = re.compile(r"^[A-Za-z0-9]{3,20}$")


@dataclass(frozen=True)
class DirectoryRow:
    line: int
    full_name: str
    document_id: str | None
    email: str | None
    department: str
    kind: PersonKind
    mobile: str | None = None  # E.164
    superior: SuperiorRef | None = None  # jefe inmediato, resolved by the importer


@dataclass(frozen=True)
class SuperiorRef:
    """How a row names its superior: by ``documento``, ``correo`` or ``nombre`` (folded)."""

    by: str
    value: str
    typed: str  # as written, for the report (at most 80 characters)


@dataclass(frozen=True)
class RejectedRow:
    line: int
    reason: str


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise InvalidInput(messages.TOO_LARGE.format(mb=MAX_BYTES // (1024 * 1024)))


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252/Latin-1."""
    if not data.strip():
        raise InvalidInput(messages.EMPTY_FILE)
    _check_size(data)
    if b"\x00" in data[:65536]:
        raise InvalidInput(messages.NOT_TEXT)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    control = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\r\n\t")
    if control > 10:
        raise InvalidInput(messages.NOT_TEXT)
    return text


def find_columns(header: list[str], aliases: Mapping[str, Collection[str]]) -> dict[str, int]:
    """Where each column is: the first header cell naming one of its aliases (case, accents and
    « :*» around it ignored); one cell names one column."""
    mapping: dict[str, int] = {}
    for index, raw in enumerate(header):
        key = normalize_key(raw).strip(" :*")
        column = next((c for c, names in aliases.items() if key in names and c not in mapping),
                      None)
        if column is not None:
            mapping[column] = index
    return mapping


def header_text(header: list[str]) -> str:
    """The header's cells for a «columns found» message."""
    return ", ".join(clean_text(h)[:40] for h in header if clean_text(h)) or "(ninguna)"


def cell_reader(cells: list[str], columns: dict[str, int]) -> Callable[[str], str]:
    """``cell(name)``: the cleaned text of a row's column ("" when absent or short)."""
    def cell(name: str) -> str:
        index = columns.get(name)
        return clean_text(cells[index]) if index is not None and index < len(cells) else ""
    return cell


def _map_columns(header: list[str]) -> dict[str, int]:
    mapping = find_columns(header, COLUMN_ALIASES)
    missing = [c for c in ("nombre", "dependencia", "tipo") if c not in mapping]
    if "documento" not in mapping and "correo" not in mapping:
        missing.append("documento o correo")
    if missing:
        raise InvalidInput(messages.MISSING_COLUMNS.format(missing=", ".join(missing),
                                                           found=header_text(header)))
    return mapping


def _kind(value: str) -> PersonKind | None:
    key = normalize_key(value)
    for kind, aliases in KIND_ALIASES.items():
        if key in aliases:
            return kind
    return None


def _validate(line: int, cells: list[str], columns: dict[str, int]) -> DirectoryRow:
    cell = cell_reader(cells, columns)

    name = cell("nombre")
    if not name:
        raise ValueError(messages.ROW_NO_NAME)
    if len(name) > 200:
        raise ValueError(messages.ROW_LONG_NAME)
    document = re.sub(r"[.\s-]", "", cell("documento")) or None
    if document and not _DOCUMENT.match(document):
        raise ValueError(messages.ROW_BAD_DOCUMENT.format(value=cell("documento")[:40]))
    email = cell("correo") or None
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ValueError(messages.ROW_BAD_EMAIL.format(value=email[:80])) from None
    if not document and not email:
        raise ValueError(messages.ROW_NO_ID)
    mobile = None
    if cell("celular"):
        try:
            mobile = normalize_mobile(cell("celular"))
        except ValueError as exc:
            raise ValueError(messages.ROW_BAD_MOBILE.format(reason=exc)) from None
    department = cell("dependencia")[:200]
    if not department:
        raise ValueError(messages.ROW_NO_DEPARTMENT)
    kind = _kind(cell("tipo"))
    if kind is None:
        raise ValueError(messages.ROW_BAD_KIND.format(value=cell("tipo")[:40] or "(vacío)"))
    superior = superior_ref(cell("jefe"))
    if superior is not None and (
            (superior.by == "documento" and superior.value == document)
            or (superior.by == "correo" and superior.value == email)
            or (superior.by == "nombre" and superior.value == normalize_key(name))):
        raise ValueError(messages.ROW_SUPERIOR_SELF)
    return DirectoryRow(line, name, document, email, department, kind, mobile, superior)


def superior_ref(raw: str) -> SuperiorRef | None:
    """The superior a «jefe inmediato» cell names: an e-mail when it has «@», a cédula when it
    has a digit (dots, spaces and dashes dropped), otherwise a full name; None when empty.
    ValueError with a Spanish reason when it cannot be any of them."""
    text = raw.strip()
    if not text:
        return None
    typed = text[:80]
    if len(text) > 200:
        raise ValueError(messages.ROW_SUPERIOR_LONG)
    if "@" in text:
        try:
            email = validate_email(text, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ValueError(messages.ROW_SUPERIOR_BAD_EMAIL.format(value=typed)) from None
        return SuperiorRef("correo", email, typed)
    if any(c.isdigit() for c in text):
        document = re.sub(r"[.\s-]", "", text)
        if not _DOCUMENT.match(document):
            raise ValueError(messages.ROW_SUPERIOR_BAD_DOCUMENT.format(value=typed))
        return SuperiorRef("documento", document, typed)
    folded = normalize_key(text)
    if len(folded.split()) < 2:
        raise ValueError(messages.ROW_SUPERIOR_SHORT_NAME.format(value=typed))
    return SuperiorRef("nombre", folded, typed)


def _cells(line: str, delimiter: str) -> list[str]:
    """Parse one physical line; an unbalanced quote is an error of this line only."""
    return next(csv.reader([line], delimiter=delimiter, strict=True), [])


def read_table(data: bytes, map_columns: Callable[[list[str]], dict[str, int]], *,
               empty: str) -> tuple[dict[str, int], list[tuple[int, list[str]]],
                                    list[RejectedRow]]:
    """A CSV export read line by line (HR's exports keep one record per line, so a stray quote
    or an enormous field spoils only its own line): the header mapped to columns by
    ``map_columns`` (which refuses missing ones), the data lines as cells with their line
    numbers, and the lines refused whole (too long, bad quotes, wrong number of fields).
    Delimiter ``;``, ``,`` or tab, whichever the header uses most; ``empty`` is the message
    for a file without a header."""
    lines = decode(data).splitlines()
    header_index = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if header_index is None:
        raise InvalidInput(empty)
    counts = {d: lines[header_index].count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    try:
        header = _cells(lines[header_index][:MAX_LINE], delimiter)
    except csv.Error:
        header = lines[header_index].split(delimiter)
    columns = map_columns(header)
    rows: list[tuple[int, list[str]]] = []
    rejected: list[RejectedRow] = []
    for number in range(header_index + 2, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            rejected.append(RejectedRow(number, messages.ROW_TOO_LONG.format(n=MAX_LINE)))
            continue
        try:
            cells = _cells(line, delimiter)
        except csv.Error:
            rejected.append(RejectedRow(number, messages.ROW_BAD_QUOTES))
            continue
        if len(cells) != len(header) and len(cells) < max(columns.values()) + 1:
            rejected.append(RejectedRow(number, messages.ROW_FIELDS.format(
                got=len(cells), expected=len(header))))
            continue
        rows.append((number, cells))
    return columns, rows, rejected


def read_table_or_sheet(data: bytes, map_columns: Callable[[list[str]], dict[str, int]], *,
                        empty: str) -> tuple[dict[str, int], list[tuple[int, list[str]]],
                                             list[RejectedRow]]:
    """``read_table`` for a CSV; for an Excel workbook (.xlsx) the first sheet, its rows
    numbered as in Excel. An old or password-protected Excel is refused in Spanish."""
    _check_size(data)
    if sheets.is_xlsx(data):
        header, rows = sheets.read_xlsx(data, empty=empty)
        return map_columns(header), rows, []
    if sheets.is_old_excel(data):
        raise InvalidInput(messages.OLD_EXCEL)
    if b"\x00" in data[:65536]:
        raise InvalidInput(messages.NOT_TABLE)  # binary, and neither format
    return read_table(data, map_columns, empty=empty)


def parse_day(raw: str) -> date | None:
    """A date cell as HR's exports write it (``2026-07-31``, ``31/07/2026``, ``31-07-2026``,
    ``2026/07/31``, a time after a space ignored); ``None`` when empty, ``ValueError`` with a
    Spanish reason otherwise."""
    text = raw.strip().split(" ", 1)[0]
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(messages.ROW_BAD_DATE.format(value=raw[:40]))


def read_rows(data: bytes) -> tuple[list[DirectoryRow], list[RejectedRow]]:
    """Parse and validate every row (CSV or XLSX); bad rows are reported with their line
    number.

    HR's exports keep one person per line, so each line is parsed on its own: a stray quote or
    an enormous field spoils only its own row, never the ones after it.
    """
    columns, lines, rejected = read_table_or_sheet(data, _map_columns, empty=messages.EMPTY_FILE)
    good: list[DirectoryRow] = []
    seen_documents: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    seen_mobiles: dict[str, int] = {}
    for number, cells in lines:
        try:
            row = _validate(number, cells, columns)
        except ValueError as exc:
            rejected.append(RejectedRow(number, str(exc)))
            continue
        if row.document_id and row.document_id in seen_documents:
            rejected.append(RejectedRow(number, messages.ROW_DUP_DOCUMENT.format(
                line=seen_documents[row.document_id])))
            continue
        if row.email and row.email in seen_emails:
            rejected.append(RejectedRow(number, messages.ROW_DUP_EMAIL.format(
                line=seen_emails[row.email])))
            continue
        if row.mobile and row.mobile in seen_mobiles:
            rejected.append(RejectedRow(number, messages.ROW_DUP_MOBILE.format(
                line=seen_mobiles[row.mobile])))
            continue
        if row.mobile:
            seen_mobiles[row.mobile] = number
        if row.document_id:
            seen_documents[row.document_id] = number
        if row.email:
            seen_emails[row.email] = number
        good.append(row)
    if not good and not rejected:
        raise InvalidInput(messages.NO_ROWS)
    return good, sorted(rejected, key=lambda r: r.line)
