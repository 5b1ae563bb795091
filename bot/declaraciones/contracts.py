"""The entity's contracts (a CSV export such as SECOP's) and the cross-check that flags where a
contract's supervisor named its contractor in a preventive declaration: a possible conflict for
a person to review, never an accusation.

The CSV may come in UTF-8 or Latin-1, with commas or semicolons; each line is parsed on its own,
so a broken row is rejected with its line number and a Spanish reason and the others are kept.
An import is one transaction keyed by contract number: importing again updates, never
duplicates, and never deletes a contract or a flag (their review notes stay).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from bot.declaraciones import messages
from bot.declaraciones.models import (
    Contract,
    ContractFlag,
    Declaration,
    DeclarationKind,
    DeclarationState,
)
from nucleo import audit
from nucleo.background import background
from nucleo.db import Database, commit
from nucleo.directory.reader import (
    RejectedRow,
    cell_reader,
    find_columns,
    header_text,
    parse_day,
    read_table_or_sheet,
)
from nucleo.errors import InvalidInput, NotFound
from nucleo.models import Person, StaffAccount
from nucleo.services import Services
from nucleo.text import clean_text, normalize_key

COLUMN_ALIASES = {
    "numero": {"numero", "numero del contrato", "numero de contrato", "no. contrato",
               "contrato", "id contrato", "referencia del contrato", "proceso"},
    "contratista": {"contratista", "nombre del contratista", "proveedor",
                    "proveedor adjudicado", "nombre contratista", "razon social"},
    "documento": {"nit", "cedula", "documento", "nit/cedula", "nit o cedula",
                  "documento del contratista", "documento proveedor", "identificacion",
                  "nit del contratista", "cedula o nit"},
    "objeto": {"objeto", "objeto del contrato", "descripcion del proceso", "descripcion"},
    "valor": {"valor", "valor del contrato", "valor total", "cuantia"},
    "fecha": {"fecha", "fecha de firma", "fecha firma", "fecha de suscripcion",
              "fecha de inicio", "fecha inicio"},
    "fin": {"fecha de terminacion", "fecha fin", "fecha de fin", "fecha fin del contrato",
            "fecha de fin del contrato", "terminacion"},
    "supervisor": {"supervisor", "nombre del supervisor", "supervisor del contrato",
                   "interventor"},
    "supervisor_documento": {"cedula del supervisor", "documento del supervisor",
                             "documento supervisor", "cedula supervisor"},
    "dependencia": {"dependencia", "area", "oficina", "secretaria", "unidad"},
    "representante": {"nombre representante legal", "nombre del representante legal",
                      "representante legal", "representante"},
    "representante_documento": {
        "identificacion representante legal", "identificacion del representante legal",
        "documento representante legal", "documento del representante legal",
        "cedula representante legal", "cedula del representante legal"},
}
# what SECOP and HR write in a representative cell that has nothing: read as empty
_NOTHING = {"no definido", "no aplica", "n/a", "na", "sin dato", "sin informacion", "ninguno",
            "-", "--", "0"}
REQUIRED = ("numero", "contratista", "objeto")
_DOCUMENT = re.compile(r"^\d{3,15}(-\d)?$")
_DIGITS_IN_TEXT = re.compile(r"\d[\d.\s]{4,}\d")
# legal forms dropped from a company name before comparing (folded, without dots)
_LEGAL_FORMS = {"sas", "sa", "ltda", "limitada", "eu", "sca", "scs", "s", "en", "c", "y", "cia",
                "esp", "bic"}
_PUNCT = re.compile(r"[^\w\s]")
BATCH = 1000  # ids or numbers per IN (...) query
T = TypeVar("T")


def batches(values: Sequence[T], size: int | None = None) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size`` (``BATCH``): one ``IN (...)`` query per slice
    keeps every query's parameters bounded on both engines, whatever the file's size."""
    size = size or BATCH
    for start in range(0, len(values), size):
        yield values[start:start + size]


def among(column: InstrumentedAttribute[Any], values: Sequence[object]) -> ColumnElement[bool]:
    """``column IN (values)`` for one batch, the values written into the SQL (SQLAlchemy quotes
    each one) so every batch is planned with its own values. As bound parameters PostgreSQL
    switches to a generic plan after five batches and, on a table just imported (no statistics
    yet), scans it whole for each one: re-importing 20,000 contracts took 12 s instead of 0.2 s
    (``bench/contracts_crosscheck.py``)."""
    return column.in_(bindparam("batch", list(values), expanding=True, literal_execute=True))


def name_key(value: str) -> str:
    """How a contractor or counterparty name is compared: folded, no punctuation, no legal form
    («Constructora Andina S.A.S.» and «CONSTRUCTORA ANDINA SAS» are the same)."""
    words = _PUNCT.sub("", normalize_key(value).replace(".", "")).split()
    while words and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)[:200]


def document_base(value: str) -> str:
    """A cédula or NIT without dots, spaces or its check digit (``900.123.456-7`` -> ``900123456``)."""
    compact = re.sub(r"[.\s,]", "", value)
    return compact.split("-", 1)[0]


def documents_in(text: str) -> set[str]:
    """The cédula or NIT numbers written in free text (6 digits or more)."""
    found = set()
    for match in _DIGITS_IN_TEXT.findall(text):
        digits = re.sub(r"\D", "", match)
        if len(digits) >= 6:
            found.add(digits)
    return found


@dataclass(frozen=True)
class ContractRow:
    line: int
    number: str
    contractor_name: str
    contractor_document: str | None
    object: str
    value: Decimal | None
    signed_on: date | None
    ends_on: date | None
    supervisor_name: str | None
    supervisor_document: str | None
    department: str | None
    representative_name: str | None = None
    representative_document: str | None = None


def parse_value(raw: str) -> Decimal | None:
    """A peso amount as HR writes it: ``$ 12.500.000``, ``12500000,50``, ``12,500,000.00``."""
    text = re.sub(r"[$\s]|COP", "", raw, flags=re.IGNORECASE)
    if not text:
        return None
    if "." in text and "," in text:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        text = text.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", text) \
            else text.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(messages.CONTRACT_BAD_VALUE.format(value=raw[:40])) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e16"):
        raise ValueError(messages.CONTRACT_BAD_VALUE.format(value=raw[:40]))
    return value.quantize(Decimal("0.01"))


def _document(raw: str) -> str | None:
    compact = re.sub(r"[.\s,]", "", raw)
    if not compact:
        return None
    if not _DOCUMENT.match(compact):
        raise ValueError(messages.CONTRACT_BAD_DOCUMENT.format(value=raw[:40]))
    return compact


def _representative(name: str, document: str) -> tuple[str | None, str | None]:
    """The legal representative's name and cédula, tolerant: «No Definido» and the like are
    empty, and a cédula that is not one is dropped (the contract is still good)."""
    name = "" if normalize_key(name) in _NOTHING else name
    try:
        number = None if normalize_key(document) in _NOTHING else _document(document)
    except ValueError:
        number = None
    return name[:200] or None, number


def _map_columns(header: list[str]) -> dict[str, int]:
    mapping = find_columns(header, COLUMN_ALIASES)
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        raise InvalidInput(messages.CONTRACTS_MISSING_COLUMNS.format(
            missing=", ".join(missing), found=header_text(header)))
    return mapping


def _validate(line: int, cells: list[str], columns: dict[str, int]) -> ContractRow:
    cell = cell_reader(cells, columns)

    number = cell("numero")
    if not number:
        raise ValueError(messages.CONTRACT_NO_NUMBER)
    if len(number) > 60:
        raise ValueError(messages.CONTRACT_LONG_NUMBER)
    contractor = cell("contratista")
    if not contractor:
        raise ValueError(messages.CONTRACT_NO_CONTRACTOR)
    if len(contractor) > 200:
        raise ValueError(messages.CONTRACT_LONG_NAME)
    obj = cell("objeto")
    if not obj:
        raise ValueError(messages.CONTRACT_NO_OBJECT)
    signed_on, ends_on = parse_day(cell("fecha")), parse_day(cell("fin"))
    if signed_on and ends_on and ends_on < signed_on:
        raise ValueError(messages.CONTRACT_ENDS_BEFORE)
    representative_name, representative_document = _representative(
        cell("representante"), cell("representante_documento"))
    return ContractRow(
        line=line, number=number, contractor_name=contractor,
        contractor_document=_document(cell("documento")), object=obj[:4000],
        value=parse_value(cell("valor")), signed_on=signed_on, ends_on=ends_on,
        supervisor_name=cell("supervisor")[:200] or None,
        supervisor_document=_document(cell("supervisor_documento")),
        department=cell("dependencia")[:200] or None,
        representative_name=representative_name,
        representative_document=representative_document)


def read_contracts(data: bytes) -> tuple[list[ContractRow], list[RejectedRow]]:
    """Parse and validate every row of the CSV; bad rows come back with line and reason."""
    columns, lines, rejected = read_table_or_sheet(data, _map_columns, empty=messages.CONTRACTS_NO_ROWS)
    good: list[ContractRow] = []
    seen: dict[str, int] = {}
    for number, cells in lines:
        try:
            row = _validate(number, cells, columns)
        except ValueError as exc:
            rejected.append(RejectedRow(number, str(exc)))
            continue
        if row.number in seen:
            rejected.append(RejectedRow(number, messages.CONTRACT_DUPLICATE.format(
                number=row.number, line=seen[row.number])))
            continue
        seen[row.number] = number
        good.append(row)
    if not good and not rejected:
        raise InvalidInput(messages.CONTRACTS_NO_ROWS)
    return good, sorted(rejected, key=lambda r: r.line)


@dataclass
class ContractImport:
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    ambiguous_lines: list[int] = field(default_factory=list)  # supervisor name of 2+ people
    # contractor or legal representative named (without a matching cédula) like 2+ people
    ambiguous_party_lines: list[int] = field(default_factory=list)
    new_flags: int = 0

    def summary(self) -> str:
        return messages.CONTRACTS_IMPORTED.format(
            created=self.created, updated=self.updated, rejected=len(self.rejected),
            ambiguous=len(self.ambiguous_lines), parties=len(self.ambiguous_party_lines),
            flags=self.new_flags)


@dataclass
class _People:
    """Directory people by cédula (base digits) and by folded name (a name may be shared)."""

    by_document: dict[str, int]
    by_name: dict[str, list[int]]

    def find(self, document: str | None, name: str | None) -> tuple[int | None, bool]:
        """The person with this cédula or, without a match, the one person with this name;
        and whether the name was shared by several (then no one)."""
        if document:
            found = self.by_document.get(document_base(document))
            if found is not None:
                return found, False
        matches = self.by_name.get(normalize_key(name), []) if name else []
        return (matches[0] if len(matches) == 1 else None), len(matches) > 1


async def _people_index(session: AsyncSession) -> _People:
    by_document: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    rows = await session.execute(select(Person.id, Person.full_name, Person.document_id))
    for person_id, full_name, document in rows:
        if document:
            by_document[document_base(document)] = person_id
        if full_name:
            by_name[normalize_key(full_name)].append(person_id)
    return _People(by_document, by_name)


async def import_contracts(session: AsyncSession, data: bytes, *,
                           actor: StaffAccount | None, now: datetime) -> ContractImport:
    """Store the valid rows (update by number), match supervisors, contractors and legal
    representatives to the directory, run the cross-check; one transaction, audited with
    counts only."""
    rows, rejected = read_contracts(data)
    report = ContractImport(rejected=rejected)
    people = await _people_index(session)
    existing: dict[str, Contract] = {}
    for numbers in batches([r.number for r in rows]):
        existing.update((c.number, c) for c in (await session.execute(
            select(Contract).where(among(Contract.number, numbers)))).scalars())
    for row in rows:
        supervisor_id, shared = people.find(row.supervisor_document, row.supervisor_name)
        if shared:
            report.ambiguous_lines.append(row.line)
        contract = existing.get(row.number)
        if contract is None:
            contract = Contract(number=row.number, imported_at=now)
            session.add(contract)
            report.created += 1
        else:
            report.updated += 1
        contract.contractor_name = row.contractor_name
        contract.contractor_key = name_key(row.contractor_name)
        contract.contractor_document = row.contractor_document
        contract.object = row.object
        contract.value = row.value
        contract.signed_on = row.signed_on
        contract.ends_on = row.ends_on
        contract.department = row.department
        contract.supervisor_name = row.supervisor_name
        contract.supervisor_document = row.supervisor_document
        contract.supervisor_person_id = supervisor_id
        contract.representative_name = row.representative_name
        contract.representative_key = name_key(row.representative_name or "") or None
        contract.representative_document = row.representative_document
        contract.contractor_person_id, shared = people.find(row.contractor_document,
                                                            row.contractor_name)
        representative, shared_representative = people.find(
            row.representative_document, row.representative_name) \
            if row.representative_name or row.representative_document else (None, False)
        contract.representative_person_id = representative
        if shared or shared_representative:  # linked to no one: HR adds the cédula
            report.ambiguous_party_lines.append(row.line)
        contract.updated_at = now
    await session.flush()
    report.new_flags = await _crosscheck(session, now)
    audit.record(session, actor, "declaraciones.contratos", details={
        "creados": report.created, "actualizados": report.updated,
        "rechazados": len(report.rejected), "ambiguos": len(report.ambiguous_lines),
        "partes_ambiguas": len(report.ambiguous_party_lines),
        "alertas": report.new_flags})
    await commit(session)
    return report


@dataclass(frozen=True)
class Declared:
    """What the cross-check needs of one preventive declaration."""
    declaration_id: int
    person_id: int
    counterparty: str
    description: str
    holder: str = ""  # «yo»: the company is the person's own (they own or work for it)


@dataclass(frozen=True)
class Contracted:
    """What the cross-check needs of one contract: its supervisor, contractor, legal
    representative and the directory people the contractor and representative are."""
    contract_id: int
    supervisor_person_id: int | None
    contractor_key: str
    contractor_document: str | None
    representative_key: str | None = None
    representative_document: str | None = None
    linked: tuple[int, ...] = ()  # contractor and representative people of the directory


class Found(NamedTuple):
    """One flag to raise: the contract, the supervisor's declaration, the supervisor, why, and
    for «empresa» the contractor's (or representative's) own declaration that named it."""
    contract_id: int
    declaration_id: int
    person_id: int
    reason: str
    via: int | None = None


def match(declarations: Iterable[Declared], contracts: Iterable[Contracted]) -> list[Found]:
    """Every contract whose supervisor named, in a live preventive declaration, its contractor
    (by name or by cédula/NIT), its legal representative (by name or cédula), or a company the
    contractor or its representative declared as their own (holder «yo»).

    Indexed: declarations by (person, name key) and (person, document), own companies by
    person; a few dict lookups per contract, so 20,000 contracts against 3,000 declarations is
    linear, not a product. One flag per (contract, declaration): the first reason found."""
    by_name: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_document: dict[tuple[int, str], list[int]] = defaultdict(list)
    own: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for d in declarations:
        key = name_key(d.counterparty)
        if key:
            by_name[(d.person_id, key)].append(d.declaration_id)
            if d.holder == "yo":
                own[d.person_id].append((key, d.declaration_id))
        for number in documents_in(f"{d.counterparty} {d.description}"):
            by_document[(d.person_id, number)].append(d.declaration_id)
    found: dict[tuple[int, int], Found] = {}

    def add(c: Contracted, person: int, ids: Iterable[int], reason: str,
            via: int | None = None) -> None:
        for declaration_id in ids:
            found.setdefault((c.contract_id, declaration_id), Found(
                c.contract_id, declaration_id, person, reason, via))

    for c in contracts:
        person = c.supervisor_person_id
        if person is None:
            continue
        if c.contractor_document:
            add(c, person, by_document.get((person, document_base(c.contractor_document)), ()),
                "documento")
        add(c, person, by_name.get((person, c.contractor_key), ()), "nombre")
        if c.representative_document:
            add(c, person, by_document.get(
                (person, document_base(c.representative_document)), ()), "representante_doc")
        if c.representative_key:
            add(c, person, by_name.get((person, c.representative_key), ()), "representante")
        for linked in c.linked:
            if linked == person:
                continue
            for key, via in own.get(linked, ()):
                add(c, person, by_name.get((person, key), ()), "empresa", via)
    return list(found.values())


_LIVE = (Declaration.kind == DeclarationKind.PREVENTIVA.value) & (
    Declaration.state == DeclarationState.REGISTRADA.value) & Declaration.person_id.is_not(None)
_CONTRACT_COLUMNS = (Contract.id, Contract.supervisor_person_id, Contract.contractor_key,
                     Contract.contractor_document, Contract.representative_key,
                     Contract.representative_document, Contract.contractor_person_id,
                     Contract.representative_person_id)


def _contracted(row: Sequence[Any]) -> Contracted:
    linked = tuple(p for p in (row[6], row[7]) if p is not None)
    return Contracted(row[0], row[1], row[2], row[3], row[4], row[5], linked)


async def _declared(session: AsyncSession,
                    people: Sequence[int] | None = None) -> list[Declared]:
    """The live preventive declarations, of everyone or of these people (in batches)."""
    query = select(Declaration.id, Declaration.person_id, Declaration.counterparty,
                   Declaration.description, Declaration.interest_holder).where(_LIVE)
    groups = [query] if people is None else [
        query.where(among(Declaration.person_id, ids)) for ids in batches(people)]
    return [Declared(row[0], row[1] or 0, row[2] or "", row[3], row[4] or "")
            for q in groups for row in await session.execute(q)]


async def _store(session: AsyncSession, found: list[Found], now: datetime) -> int:
    """Add the flags not raised yet (only the matched contracts' flags are read)."""
    known: set[tuple[int, int]] = set()
    for ids in batches(sorted({f.contract_id for f in found})):
        known.update((row[0], row[1]) for row in await session.execute(
            select(ContractFlag.contract_id, ContractFlag.declaration_id)
            .where(among(ContractFlag.contract_id, ids))))
    added = 0
    for f in found:
        if (f.contract_id, f.declaration_id) in known:
            continue
        known.add((f.contract_id, f.declaration_id))
        session.add(ContractFlag(contract_id=f.contract_id, declaration_id=f.declaration_id,
                                 person_id=f.person_id, reason=f.reason,
                                 via_declaration_id=f.via, created_at=now))
        added += 1
    await session.flush()
    return added


async def _crosscheck(session: AsyncSession, now: datetime) -> int:
    declarations = await _declared(session)
    if not declarations:
        return 0
    contracts: list[Contracted] = []
    for people in batches(sorted({d.person_id for d in declarations})):
        contracts.extend(_contracted(row) for row in await session.execute(
            select(*_CONTRACT_COLUMNS).where(among(Contract.supervisor_person_id, people))))
    return await _store(session, match(declarations, contracts), now)


async def crosscheck(session: AsyncSession, *, actor: StaffAccount | None,
                     now: datetime) -> int:
    """Run the cross-check again (e.g. after new preventive declarations); new flags only."""
    added = await _crosscheck(session, now)
    audit.record(session, actor, "declaraciones.cruce", details={"alertas": added})
    await commit(session)
    return added


async def crosscheck_person(session: AsyncSession, *, person_id: int, now: datetime) -> int:
    """The cross-check for one person who just filed a preventive declaration: the contracts
    they supervise, and those where they are the contractor or its legal representative (their
    own companies against the supervisor's declarations). New flags only, so running it twice
    (or with HR's full run) raises nothing twice."""
    rows = await session.execute(select(*_CONTRACT_COLUMNS).where(
        Contract.supervisor_person_id.is_not(None),
        (Contract.supervisor_person_id == person_id)
        | (Contract.contractor_person_id == person_id)
        | (Contract.representative_person_id == person_id)))
    contracts = [_contracted(row) for row in rows]
    people = sorted({p for c in contracts for p in (c.supervisor_person_id, *c.linked)
                     if p is not None})
    added = await _store(session, match(await _declared(session, people), contracts), now) \
        if contracts else 0
    if added:  # flags that appear without anyone's action say where they came from
        audit.record(session, None, "declaraciones.cruce.persona", target_type="persona",
                     target_id=person_id, details={"alertas": added})
    await commit(session)
    return added


PREVENTIVE_FILED = "declaraciones.preventiva"  # signal(session, PREVENTIVE_FILED, person_id)


async def recheck_person(db: Database, clock: Callable[[], datetime], person_id: int) -> int:
    """``crosscheck_person`` in a transaction of its own (a background job after the
    declaration's commit). Two runs at once for the same contract may both try a flag: the
    unique (contract, declaration) refuses the second, which tries once more on fresh data."""
    for attempt in (1, 2):
        try:
            async with db.session() as session:
                return await crosscheck_person(session, person_id=person_id, now=clock())
        except IntegrityError:
            if attempt == 2:
                raise
    return 0


def listen(services: Services) -> None:
    """After a preventive declaration commits (``PREVENTIVE_FILED``), re-run the cross-check for
    its declarant in the background: HR does not need to import the contracts again."""

    def filed(person_id: int) -> None:
        background(services).spawn("declaraciones-cruce-persona", partial(
            recheck_person, services.db, services.clock, person_id))

    services.db.listen(PREVENTIVE_FILED, filed)


REVIEW = (10, 2000)


async def review_flag(session: AsyncSession, flag_id: int, *, note: str, staff: StaffAccount,
                      now: datetime) -> ContractFlag:
    """HR records what it found when reviewing a flag (a later note replaces it)."""
    text = clean_text(note, keep_newlines=True)
    if not REVIEW[0] <= len(text) <= REVIEW[1]:
        raise InvalidInput(messages.REVIEW_LENGTH.format(min=REVIEW[0], max=REVIEW[1]),
                           details={"field": "note"})
    flag = await session.get(ContractFlag, flag_id)
    if flag is None:
        raise NotFound(messages.FLAG_NOT_FOUND)
    flag.review_note, flag.reviewed_by_id, flag.reviewed_at = text, staff.id, now
    audit.record(session, staff, "declaraciones.cruce.revisar", target_type="alerta_contrato",
                 target_id=flag.id)
    await commit(session)
    return flag


@dataclass(frozen=True)
class FlagRow:
    """A cross-check flag as the console and the API show it."""

    flag: ContractFlag
    contract: Contract
    declaration: Declaration
    supervisor: str | None  # the directory's name, else the name in the contracts file
    reviewer: str | None
    via: Declaration | None = None  # «empresa»: the contractor's own declaration


async def flag_rows(session: AsyncSession, *, reviewed: bool | None, limit: int,
                    offset: int = 0) -> list[FlagRow]:
    """Flags newest first: only those to review (``reviewed=False``), only reviewed ones
    (True) or all (None)."""
    supervisor, reviewer, via = aliased(Person), aliased(StaffAccount), aliased(Declaration)
    query = (select(ContractFlag, Contract, Declaration, supervisor.full_name,
                    reviewer.full_name, via)
             .join(Contract, Contract.id == ContractFlag.contract_id)
             .join(Declaration, Declaration.id == ContractFlag.declaration_id)
             .outerjoin(via, via.id == ContractFlag.via_declaration_id)
             .outerjoin(supervisor, supervisor.id == ContractFlag.person_id)
             .outerjoin(reviewer, reviewer.id == ContractFlag.reviewed_by_id)
             .order_by(ContractFlag.created_at.desc(), ContractFlag.id.desc())
             .limit(limit).offset(offset))
    if reviewed is not None:
        query = query.where(ContractFlag.reviewed_at.is_not(None) if reviewed
                            else ContractFlag.reviewed_at.is_(None))
    return [FlagRow(flag, contract, declaration, name or contract.supervisor_name, by, own)
            for flag, contract, declaration, name, by, own in await session.execute(query)]
