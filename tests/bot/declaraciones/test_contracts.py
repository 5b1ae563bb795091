"""Contracts imported from a CSV and the cross-check against preventive declarations
(bot/declaraciones/contracts.py): bad rows rejected with Spanish reasons, re-imports update,
flags kept with their review notes, a supervisor name shared by two people matched to no one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.declaraciones import contracts, preventive
from bot.declaraciones.models import Contract, ContractFlag
from nucleo.directory.reader import parse_day
from nucleo.errors import InvalidInput
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, bogota
from tests.bot.declaraciones.helpers import add_official, new_staff
from tests.bot.helpers import count_rows

HEADER = ("Número del contrato;Nombre del contratista;NIT;Objeto del contrato;Valor del contrato;"
          "Fecha de firma;Fecha de terminación;Supervisor;Dependencia\n")


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("latin-1")


async def _declare(services: Services, person: int, counterparty: str,
                   description: str = "Mi hermano es el gerente de la empresa desde 2024.") -> int:
    async with services.db.session() as session:
        saved = await preventive.file_preventive(
            session, person_id=person, holder="pariente", counterparty=counterparty,
            description=description, now=bogota(2026, 12, 1, 9), tz=BOGOTA)
        return saved.id


async def _import(services: Services, data: bytes) -> contracts.ContractImport:
    async with services.db.session() as session:
        return await contracts.import_contracts(session, data, actor=None,
                                                now=bogota(2026, 12, 4, 10))


def test_values_dates_and_names() -> None:
    assert contracts.parse_value("$ 12.500.000") == Decimal("12500000.00")
    assert contracts.parse_value("12500000,50") == Decimal("12500000.50")
    assert contracts.parse_value("12,500,000.00") == Decimal("12500000.00")
    with pytest.raises(ValueError, match="no es un número"):
        contracts.parse_value("doce millones")
    assert str(parse_day("31/07/2026")) == "2026-07-31"
    assert contracts.name_key("CONSTRUCTORA ÁNDINA S.A.S.") == "constructora andina"
    assert contracts.document_base("900.123.456-7") == "900123456"
    assert contracts.documents_in("NIT 900.123.456-7 y otra") == {"900123456"}


def test_latin1_semicolons_and_broken_rows() -> None:
    good, rejected = contracts.read_contracts(_csv(
        "CD-001-2026;Constructora Andina S.A.S.;900.123.456-7;Obra vía Ñuñoa;$ 12.500.000;"
        "2026-03-01;2026-09-30;Ana Pérez;Secretaría de Obras",
        ";Sin número;800;Objeto;1;;;;",
        'CD-003-2026;"Comillas sin cerrar;900;Objeto;1;;;;',
        "CD-004-2026;Alguien;ABC;Objeto;1;;;;",
        "CD-005-2026;Alguien;123456;Objeto;mucho;;;;",
        "CD-006-2026;Alguien;123456;Objeto;1;2026-13-01;;;",
        "CD-007-2026;Alguien;123456;Objeto;1;2026-05-01;2026-04-01;;",
        "CD-001-2026;Repetido;123456;Objeto;1;;;;",
        "CD-009-2026;Alguien"))
    assert [row.number for row in good] == ["CD-001-2026"]
    assert good[0].object == "Obra vía Ñuñoa" and good[0].department == "Secretaría de Obras"
    reasons = {r.line: r.reason for r in rejected}
    assert reasons[3] == "Falta el número del contrato."
    assert "comillas" in reasons[4].lower()
    assert "NIT «ABC»" in reasons[5]
    assert "no es un número" in reasons[6]
    assert "2026-13-01" in reasons[7]
    assert "anterior" in reasons[8]
    assert "línea 2" in reasons[9]
    assert "campos" in reasons[10]
    with pytest.raises(InvalidInput, match="faltan columnas: contratista, objeto"):
        contracts.read_contracts(b"Contrato;Valor\n1;2\n")


def test_an_excel_export_reads_like_the_csv() -> None:
    """SECOP and the entity's systems export .xlsx too: the first sheet goes through the same
    columns and checks (Excel's own numbers and dates as HR would have typed them)."""
    from datetime import datetime

    from tests.nucleo.directory.test_sheets import workbook

    data = workbook([
        ["CD-001-2026", "Constructora Andina S.A.S.", "900.123.456-7", "Obra vía Ñuñoa",
         12500000, datetime(2026, 3, 1), datetime(2026, 9, 30), "Ana Pérez",
         "Secretaría de Obras"],
        [None, "Sin número", 800, "Objeto", 1, None, None, None, None],
    ], header=HEADER.strip().split(";"))
    good, rejected = contracts.read_contracts(data)
    assert [(r.number, r.value, str(r.signed_on)) for r in good] == [
        ("CD-001-2026", Decimal("12500000.00"), "2026-03-01")]
    assert [(r.line, r.reason) for r in rejected] == [(3, "Falta el número del contrato.")]


async def test_import_flags_and_keeps_reviews(services: Services) -> None:
    ana = await add_official(services, "Ana Pérez")
    luis = await add_official(services, "Luis Gómez")
    await add_official(services, "Carlos Ruiz")
    await add_official(services, "Carlos Ruiz")  # a name two people share
    by_name = await _declare(services, ana, "Constructora Andina SAS")
    by_nit = await _declare(services, luis, "Una empresa de mi cuñado",
                            "Mi cuñado es socio de la firma con NIT 800.555.444-1.")
    await _declare(services, ana, "Otra empresa cualquiera")
    report = await _import(services, _csv(
        "CD-001-2026;CONSTRUCTORA ANDINA S.A.S.;900123456-7;Obra;1.000.000;;;Ana Pérez;Obras",
        "CD-002-2026;Firma Cuñado Ltda;800555444-1;Obra;1.000.000;;;luis gomez;Obras",
        "CD-003-2026;Constructora Andina;900123456;Obra;1.000.000;;;Carlos Ruiz;Obras",
        "CD-004-2026;Nadie;;Obra;;;;;Obras",
        "CD-005-2026;Roto"))
    assert (report.created, report.updated, len(report.rejected)) == (4, 0, 1)
    assert report.ambiguous_lines == [4] and report.new_flags == 2
    assert "supervisores con un nombre que comparten varias personas: 1" in report.summary()
    async with services.db.session() as session:
        flags = {(f.declaration_id, f.reason, f.person_id)
                 for f in (await session.execute(select(ContractFlag))).scalars()}
        assert flags == {(by_name, "nombre", ana), (by_nit, "documento", luis)}
        flag = (await session.execute(select(ContractFlag))).scalars().first()
        assert flag is not None
        staff = await new_staff(services, role="talento_humano")
        await contracts.review_flag(session, flag.id, note="Revisado: el supervisor cambió.",
                                    staff=staff, now=bogota(2026, 12, 4, 11))
        with pytest.raises(InvalidInput):
            await contracts.review_flag(session, flag.id, note="corto", staff=staff,
                                        now=bogota(2026, 12, 4, 11))
    # importing again updates by number, adds nothing twice and keeps the review note
    again = await _import(services, _csv(
        "CD-001-2026;CONSTRUCTORA ANDINA S.A.S.;900123456-7;Obra nueva;2.000.000;;;Ana Pérez;"
        "Obras"))
    assert (again.created, again.updated, again.new_flags) == (0, 1, 0)
    assert await count_rows(services, Contract) == 4
    assert await count_rows(services, ContractFlag) == 2
    async with services.db.session() as session:
        notes = [f.review_note for f in (await session.execute(select(ContractFlag))).scalars()]
        updated = (await session.execute(
            select(Contract).where(Contract.number == "CD-001-2026"))).scalar_one()
        assert updated.value == Decimal("2000000.00") and updated.object == "Obra nueva"
        assert await session.scalar(select(Person.id).where(Person.full_name == "Ana Pérez"))
    assert "Revisado: el supervisor cambió." in notes


async def test_a_file_with_only_bad_rows_stores_nothing(services: Services) -> None:
    report = await _import(services, _csv(";;;;;;;;"))
    assert report.created == 0 and len(report.rejected) == 1
    assert await count_rows(services, Contract) == 0
    with pytest.raises(InvalidInput):
        await _import(services, b"")


async def test_contracts_api(services: Services, api, staff_headers) -> None:  # type: ignore[no-untyped-def]
    ana = await add_official(services, "Ana Pérez")
    await _declare(services, ana, "Constructora Andina SAS")
    th = await staff_headers("talento_humano")
    response = await api.post("/api/v1/declarations/contracts/import", headers=th, files={
        "file": ("contratos.csv", _csv(
            "CD-001-2026;Constructora Andina;900123456-7;Obra;1.000;;;Ana Pérez;Obras",
            "CD-002-2026;Otra;ABC;Obra;1;;;Ana Pérez;Obras"), "text/csv")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["created"] == 1 and body["new_flags"] == 1
    assert body["rejected"][0]["line"] == 3 and "ABC" in body["rejected"][0]["reason"]
    flags = (await api.get("/api/v1/declarations/contracts/flags",
                           params={"reviewed": "false"}, headers=th)).json()
    assert [f["contract_number"] for f in flags] == ["CD-001-2026"]
    assert flags[0]["supervisor"] == "Ana Pérez" and flags[0]["reason"] == "nombre"
    short = await api.post(f"/api/v1/declarations/contracts/flags/{flags[0]['id']}/review",
                           headers=th, json={"note": "corta"})
    assert short.status_code == 422
    done = await api.post(f"/api/v1/declarations/contracts/flags/{flags[0]['id']}/review",
                          headers=th, json={"note": "Revisado: sin conflicto real."})
    assert done.status_code == 200 and done.json()["review_note"].startswith("Revisado")
    assert (await api.post("/api/v1/declarations/contracts/flags/999999/review", headers=th,
                           json={"note": "Revisado: sin conflicto real."})).status_code == 404
    bad = await api.post("/api/v1/declarations/contracts/import", headers=th,
                         files={"file": ("c.csv", b"Contrato;Valor\n1;2\n", "text/csv")})
    assert bad.status_code == 422 and "faltan columnas" in bad.json()["error"]["message"]
    asesor = await staff_headers("asesor")
    assert (await api.post("/api/v1/declarations/contracts/import", headers=asesor, files={
        "file": ("c.csv", b"x", "text/csv")})).status_code == 403


async def test_batched_queries_update_and_flag_once(services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With 2 per query, a file of 5 contracts and 3 declarants spans several batches: a
    second import updates every contract and adds no flag twice."""
    monkeypatch.setattr(contracts, "BATCH", 2)
    people = [await add_official(services, name)
              for name in ("Ana Pérez", "Luis Gómez", "Rosa Díaz")]
    for person in people:
        await _declare(services, person, "Constructora Andina SAS")
    # the numbers are written into the batch queries: quotes and backslashes stay data
    numbers = ["CD-001", "CD-'002') OR ('1'='1", "CD-003\\'", "CD-004 %_", "CD-005"]
    data = _csv(*(f"{number};Constructora Andina;;Obra;;;;{name};Obras"
                  for number, name in zip(numbers, ("Ana Pérez", "Luis Gómez", "Rosa Díaz",
                                                    "Ana Pérez", "Nadie"), strict=True)))
    first = await _import(services, data)
    assert (first.created, first.updated, first.new_flags) == (5, 0, 4)
    again = await _import(services, data)
    assert (again.created, again.updated, again.new_flags) == (0, 5, 0)
    assert await count_rows(services, ContractFlag) == 4
    async with services.db.session() as session:
        stored = set((await session.execute(select(Contract.number))).scalars())
    assert stored == set(numbers)
    assert [list(b) for b in contracts.batches([1, 2, 3, 4, 5])] == [[1, 2], [3, 4], [5]]


SECOP = ("Referencia del Contrato;Proveedor Adjudicado;Documento Proveedor;Descripcion del "
         "Proceso;Valor del Contrato;Nombre del supervisor;Cédula del supervisor;"
         "Nombre Representante Legal;Identificación Representante Legal\n")


def _secop(*lines: str) -> bytes:
    return (SECOP + "".join(line + "\n" for line in lines)).encode("latin-1")


async def _person(services: Services, name: str, document: str) -> int:
    async with services.db.session() as session:
        person = Person(full_name=name, document_id=document, source="directorio")
        session.add(person)
        await session.commit()
        return person.id


async def _own(services: Services, person: int, company: str) -> int:
    """A preventive declaration of the person's own company (holder «yo»)."""
    async with services.db.session() as session:
        saved = await preventive.file_preventive(
            session, person_id=person, holder="yo", counterparty=company,
            description="Soy socia y gerente de esta empresa desde 2020.",
            now=bogota(2026, 12, 1, 9), tz=BOGOTA)
        return saved.id


async def _flags(services: Services) -> set[tuple[str, int, str, int | None]]:
    async with services.db.session() as session:
        rows = await session.execute(
            select(Contract.number, ContractFlag.declaration_id, ContractFlag.reason,
                   ContractFlag.via_declaration_id)
            .join(Contract, Contract.id == ContractFlag.contract_id))
        return {tuple(row) for row in rows}  # type: ignore[misc]


def test_secop_representative_columns_are_read_tolerantly() -> None:
    good, rejected = contracts.read_contracts(_secop(
        "CO1.PCCNTR.1;Constructora Andina S.A.S.;900123456-7;Obra;$ 1.000;Ana Pérez;;"
        "Pedro Núñez Ñáñez;80.111.222",
        "CO1.PCCNTR.2;Marta Ríos;52333444;Apoyo;1;Ana Pérez;;No Definido;No Definido",
        "CO1.PCCNTR.3;Firma;800;Obra;1;;;Rosa Gil;ABC-12",
        'CO1.PCCNTR.4;"Roto;1;Obra;1;;;;'))
    assert [(r.number, r.representative_name, r.representative_document) for r in good] == [
        ("CO1.PCCNTR.1", "Pedro Núñez Ñáñez", "80111222"), ("CO1.PCCNTR.2", None, None),
        ("CO1.PCCNTR.3", "Rosa Gil", None)]  # a representative id that is not one: dropped
    assert [r.line for r in rejected] == [5]


async def test_the_company_the_contractor_owns_or_represents(services: Services) -> None:
    ana = await _person(services, "Ana Pérez", "1001")
    luis = await _person(services, "Luis Gómez", "1002")
    carlos = await _person(services, "Carlos Vélez", "1003")
    marta = await _person(services, "Marta Ríos", "52333444")  # a contractor in the directory
    ruiz = [await _person(services, "Jorge Ruiz", doc) for doc in ("2001", "2002")]
    named_rep = await _declare(services, ana, "Pedro Nuñez Ñañez")  # her brother-in-law
    rep_id = await _declare(services, luis, "El papá de mi nuera",
                            "Es el señor con cédula 79.555.444, gerente de una firma.")
    sol = await _declare(services, carlos, "Inversiones Sol Ltda.")
    marta_sol = await _own(services, marta, "INVERSIONES SOL S.A.S.")
    await _own(services, ruiz[0], "Inversiones Sol")  # a name two people share: linked to no one
    async with services.db.session() as session:
        report = await contracts.import_contracts(session, _secop(
            "C-1;Constructora Andina S.A.S.;900123456-7;Obra;1;Ana Pérez;1001;"
            "Pedro Núñez Ñáñez;80111222",
            "C-2;Firma Dos Ltda;800555444-1;Obra;1;Luis Gómez;1002;Alguien;79555444",
            "C-3;Marta Ríos;52.333.444;Apoyo;1;Carlos Vélez;1003;;",
            "C-4;Firma Cuatro;811111111;Obra;1;Carlos Vélez;1003;Jorge Ruiz;",
            "C-5;Jorge Ruiz;;Apoyo;1;Carlos Vélez;1003;;",
            "C-6;Jorge Ruiz;2002;Apoyo;1;Carlos Vélez;1003;;"),  # the cédula tells them apart
            actor=None, now=bogota(2026, 12, 4, 10))
    assert report.new_flags == 3 and not report.rejected
    assert report.ambiguous_party_lines == [5, 6] and report.ambiguous_lines == []
    assert "contratistas o representantes legales con un nombre que comparten varias " \
           "personas: 2" in report.summary()
    assert await _flags(services) == {("C-1", named_rep, "representante", None),
                                      ("C-2", rep_id, "representante_doc", None),
                                      ("C-3", sol, "empresa", marta_sol)}
    async with services.db.session() as session:
        c4 = (await session.execute(select(Contract).where(Contract.number == "C-4"))).scalar_one()
        assert c4.representative_person_id is None  # «Jorge Ruiz»: two people, no one
        c3 = (await session.execute(select(Contract).where(Contract.number == "C-3"))).scalar_one()
        assert c3.contractor_person_id == marta
        c5, c6 = (await session.scalars(select(Contract).where(
            Contract.number.in_(["C-5", "C-6"])).order_by(Contract.number))).all()
        assert (c5.contractor_person_id, c6.contractor_person_id) == (None, ruiz[1])
        [entry] = (await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.contratos"))).all()
        assert entry.details["partes_ambiguas"] == 2


async def test_a_new_preventive_declaration_rechecks_in_the_background(
        services: Services) -> None:
    from bot.declaraciones.flow import register
    from nucleo.background import background

    register(services)  # the chat's flows: the listener comes with them
    ana = await _person(services, "Ana Pérez", "1001")
    marta = await _person(services, "Marta Ríos", "52333444")
    await _import(services, _secop(
        "C-1;Constructora Andina S.A.S.;900123456-7;Obra;1;Ana Pérez;1001;;",
        "C-2;Marta Ríos;52333444;Apoyo;1;Ana Pérez;1001;;"))
    assert await _flags(services) == set()
    andina = await _declare(services, ana, "Constructora Andina")  # Ana, the supervisor
    await background(services).drain()
    assert await _flags(services) == {("C-1", andina, "nombre", None)}
    sol = await _declare(services, ana, "Inversiones Sol")
    await background(services).drain()
    assert await _flags(services) == {("C-1", andina, "nombre", None)}  # nobody's company yet
    marta_sol = await _own(services, marta, "Inversiones Sol SAS")  # the contractor's own
    await background(services).drain()
    assert await _flags(services) == {("C-1", andina, "nombre", None),
                                      ("C-2", sol, "empresa", marta_sol)}
    async with services.db.session() as session:  # idempotent: again, and HR's full run
        assert await contracts.crosscheck_person(session, person_id=marta,
                                                 now=bogota(2026, 12, 4, 11)) == 0
    async with services.db.session() as session:
        assert await contracts.crosscheck(session, actor=None, now=bogota(2026, 12, 4, 11)) == 0
    assert await count_rows(services, ContractFlag) == 2
    async with services.db.session() as session:  # the automatic runs, by ids and counts only
        entries = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.cruce.persona"))).scalars().all()
        assert sorted((e.target_id, e.details["alertas"]) for e in entries) == [
            (str(ana), 1), (str(marta), 1)]


async def test_two_runs_clashing_on_a_flag_retry_once(services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The unique (contract, declaration) refuses a flag another run just added: the job tries
    again on fresh data and adds nothing twice; a second clash gives up (logged by the job
    runner)."""
    from sqlalchemy.exc import IntegrityError

    ana = await _person(services, "Ana Pérez", "1001")
    await _import(services, _secop("C-1;Constructora Andina;900123456-7;Obra;1;Ana Pérez;1001;;"))
    await _declare(services, ana, "Constructora Andina")  # the import ran before: no flag yet
    real, calls = contracts.crosscheck_person, []

    async def clashing(session, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            await real(session, **kwargs)  # «the other run» adds the flag
            raise IntegrityError("INSERT", {}, Exception("duplicate"))
        return await real(session, **kwargs)

    monkeypatch.setattr(contracts, "crosscheck_person", clashing)
    assert await contracts.recheck_person(services.db, lambda: bogota(2026, 12, 4, 11), ana) == 0
    assert len(calls) == 2 and await count_rows(services, ContractFlag) == 1
