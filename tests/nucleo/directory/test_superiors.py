"""The jefe inmediato of the directory import (#18): header variants, by cédula, e-mail or
name, a superior further down the file, and the refusals (unknown, self, retired, a name two
people share, cycles, odd input) reported by line without losing anything stored. Both
engines."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nucleo.db import Database
from nucleo.directory import messages
from nucleo.directory.importer import ImportReport, import_people
from nucleo.directory.reader import read_rows
from nucleo.directory.superiors import depends_on
from nucleo.models import Person, PersonStatus


async def _import(db: Database, text: str) -> ImportReport:
    async with db.session() as session:
        return await import_people(session, text.encode(), create_departments=True)


async def _superiors(db: Database) -> dict[str, str | None]:
    async with db.session() as session:
        people = {p.id: p for p in await session.scalars(select(Person))}
    return {
        str(p.document_id): (str(people[p.superior_id].document_id) if p.superior_id else None)
        for p in people.values()
    }


@pytest.mark.parametrize(
    "header",
    [
        "Jefe inmediato",
        "JEFE_INMEDIATO",
        "correo_jefe",
        "Cédula del jefe",
        "Superior inmediato",
        "Reporta a:",
    ],
)
def test_header_variants_are_found(header: str) -> None:
    rows, rejected = read_rows(
        f"nombre;cedula;dependencia;tipo;{header}\nAna Ruiz;101;Hacienda;servidor;202\n".encode()
    )
    assert not rejected
    assert rows[0].superior is not None and rows[0].superior.value == "202"


@pytest.mark.parametrize(
    ("cell", "by", "value"),
    [
        ("1.020.304", "documento", "1020304"),
        ("Jefa@Alcaldia.gov.co", "correo", "jefa@alcaldia.gov.co"),
        ("  María   Pérez ", "nombre", "maria perez"),
    ],
)
def test_a_cell_is_read_as_cedula_email_or_name(cell: str, by: str, value: str) -> None:
    rows, _ = read_rows(f"nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;{cell}\n".encode())
    assert rows[0].superior is not None
    assert (rows[0].superior.by, rows[0].superior.value) == (by, value)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("101", messages.ROW_SUPERIOR_SELF),
        ("ana ruiz", messages.ROW_SUPERIOR_SELF),
        ("no@es@correo", messages.ROW_SUPERIOR_BAD_EMAIL.format(value="no@es@correo")),
        ("12<b>", messages.ROW_SUPERIOR_BAD_DOCUMENT.format(value="12<b>")),
        ("Pepe", messages.ROW_SUPERIOR_SHORT_NAME.format(value="Pepe")),
        ("<script>alert(1)</script>", None),
        ("x" * 201, messages.ROW_SUPERIOR_LONG),
    ],
)
def test_bad_cells_reject_the_row_with_a_reason(cell: str, reason: str | None) -> None:
    rows, rejected = read_rows(
        f"nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;{cell}\n".encode()
    )
    assert not rows and len(rejected) == 1 and rejected[0].line == 2
    if reason is not None:
        assert rejected[0].reason == reason


async def test_superiors_by_cedula_email_and_name_later_in_the_file(db: Database) -> None:
    report = await _import(
        db,
        (
            "nombre;cedula;correo;dependencia;tipo;jefe inmediato\n"
            "Ana Ruiz;101;ana@x.co;Hacienda;servidor;202\n"  # by cédula, a later row
            "Bruno Díaz;202;bruno@x.co;Hacienda;servidor;carla@x.co\n"  # by e-mail
            "Carla Peña;303;carla@x.co;Despacho;servidor;\n"
            "Dora Gil;404;;Hacienda;contratista;CARLA PENA\n"
        ),
    )  # by name, folded
    assert report.superior_rejected == [] and report.superiors_set == 3
    assert report.created == 4
    assert await _superiors(db) == {"101": "202", "202": "303", "303": None, "404": "303"}
    assert "Jefes inmediatos asignados o cambiados: 3" in report.summary()


async def test_refusals_keep_the_person_and_the_stored_superior(db: Database) -> None:
    await _import(
        db,
        "nombre;cedula;dependencia;tipo;jefe\n"
        "Ana Ruiz;101;H;servidor;202\nBruno Díaz;202;H;servidor;303\n"
        "Carla Peña;303;H;servidor;\nLuis Mora;505;H;servidor;\n"
        "Luis Mora Dos;506;H;servidor;\n",
    )
    async with db.session() as session:  # Carla retires; two people share a name
        carla = (await session.scalars(select(Person).where(Person.document_id == "303"))).one()
        carla.status = PersonStatus.INACTIVA.value
        other = (await session.scalars(select(Person).where(Person.document_id == "506"))).one()
        other.full_name = "Luis Mora"
        await session.commit()
    report = await _import(
        db,
        (
            "nombre;cedula;dependencia;tipo;jefe\n"
            "Carla Peña;303;H;servidor;101\n"  # 101 → 202 → 303: a cycle
            "Ana Ruiz;101;Hacienda nueva;servidor;999\n"  # unknown: Ana's other data still change
            "Bruno Díaz;202;H;servidor;Luis Mora\n"  # a name two people share
            "Eva Sol;707;H;servidor;303\n"
        ),
    )  # a retired superior
    lines = {r.line: r.reason for r in report.superior_rejected}
    assert lines == {
        2: messages.SUPERIOR_CYCLE.format(value="101"),
        3: messages.SUPERIOR_UNKNOWN.format(value="999"),
        4: messages.SUPERIOR_AMBIGUOUS.format(value="Luis Mora", n=2),
        5: messages.SUPERIOR_RETIRED.format(value="303"),
    }
    assert report.rejected == [] and report.created == 1 and report.superiors_set == 0
    assert (await _superiors(db))["101"] == "202"  # nothing stored was lost
    async with db.session() as session:
        ana = (await session.scalars(select(Person).where(Person.document_id == "101"))).one()
        assert ana.department is not None and ana.department.name == "Hacienda nueva"


async def test_a_two_person_cycle_in_one_file_refuses_the_second(db: Database) -> None:
    report = await _import(
        db,
        "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;202\nBruno Díaz;202;H;servidor;101\n",
    )
    assert [r.line for r in report.superior_rejected] == [3]
    assert await _superiors(db) == {"101": "202", "202": None}


async def test_an_empty_cell_keeps_and_a_new_one_changes_the_superior(db: Database) -> None:
    await _import(
        db,
        "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;202\n"
        "Bruno Díaz;202;H;servidor;\nCarla Peña;303;H;servidor;\n",
    )
    report = await _import(db, "nombre;cedula;dependencia;tipo\nAna Ruiz;101;H;servidor\n")
    assert report.unchanged == 1 and (await _superiors(db))["101"] == "202"
    report = await _import(db, "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;\n")
    assert (await _superiors(db))["101"] == "202"
    report = await _import(db, "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;303\n")
    assert report.superiors_set == 1 and (await _superiors(db))["101"] == "303"
    report = await _import(db, "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;303\n")
    assert report.superiors_set == 0 and report.unchanged == 1


def test_depends_on_walks_the_chain_and_stops_on_a_stored_cycle() -> None:
    chain = {1: 2, 2: 3}
    assert depends_on(chain, 1, 3) and depends_on(chain, 3, 3) and not depends_on(chain, 3, 1)
    assert not depends_on({1: 2, 2: 1}, 1, 9)


async def test_a_chain_longer_than_the_limit_is_refused_not_walked(db: Database) -> None:
    """A file where each row reports to the one before (250 levels): the row that would be
    deeper than MAX_DEPTH is refused with the reason, which breaks the chain there; the others
    stand."""
    from nucleo.directory.superiors import MAX_DEPTH

    lines = ["nombre;cedula;dependencia;tipo;jefe"]
    lines += [f"Persona Número{k};{1000 + k};H;servidor;{999 + k if k else ''}" for k in range(250)]
    report = await _import(db, "\n".join(lines) + "\n")
    deep = messages.SUPERIOR_TOO_DEEP.format(value="1200", n=MAX_DEPTH)
    assert report.created == 250 and report.superiors_set == 248
    assert [(r.line, r.reason) for r in report.superior_rejected] == [(MAX_DEPTH + 3, deep)]


async def test_the_export_imports_back_with_the_same_superiors(db: Database) -> None:
    from zoneinfo import ZoneInfo

    from nucleo.directory.export import export_rows, render

    await _import(
        db,
        "nombre;cedula;correo;dependencia;tipo;jefe\n"
        "Ana Ruiz;101;;H;servidor;bruno@x.co\nBruno Díaz;;bruno@x.co;H;servidor;\n",
    )
    async with db.session() as session:
        rows = await export_rows(
            session, q="", department_id=None, scope="activas", sort="nombre", zone=ZoneInfo("America/Bogota")
        )
    assert rows[0][-1] == "Jefe inmediato"
    assert {r[0]: r[-1] for r in rows[1:]} == {"Ana Ruiz": "bruno@x.co", "Bruno Díaz": ""}
    data, _type = render(rows, "csv")
    report = await _import(db, data.decode("utf-8-sig"))
    assert report.superior_rejected == [] and report.superiors_set == 0 and report.rejected == []
    assert report.unchanged == 2


async def test_only_active_directory_people_can_be_named(db: Database) -> None:
    """A retired namesake makes no name ambiguous, and someone outside the directory (a
    chat-only person) is refused, never counted as set."""
    await _import(
        db, "nombre;cedula;dependencia;tipo;jefe\nLuis Mora;505;H;servidor;\nLuis Mora;506;H;servidor;\n"
    )
    async with db.session() as session:
        retired = (await session.scalars(select(Person).where(Person.document_id == "506"))).one()
        retired.status = PersonStatus.INACTIVA.value
        session.add(Person(full_name="Chat Solo", document_id="808", kind="servidor", source="telegram"))
        await session.commit()
    report = await _import(
        db,
        "nombre;cedula;dependencia;tipo;jefe\nAna Ruiz;101;H;servidor;Luis Mora\nEva Sol;707;H;servidor;808\n",
    )
    assert {r.line: r.reason for r in report.superior_rejected} == {
        3: messages.SUPERIOR_UNKNOWN.format(value="808")
    }
    assert report.superiors_set == 1
    superiors = await _superiors(db)
    assert superiors["101"] == "505" and superiors["707"] is None
