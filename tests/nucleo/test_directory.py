"""Directory import: encodings, separators, bad rows, idempotence, size."""

import pytest
from sqlalchemy import func, select

from nucleo.db import Database
from nucleo.directory.importer import CHUNK, import_people
from nucleo.errors import InvalidInput
from nucleo.models import AuditEntry, Department, Person

GOOD = (
    "Nombre;Cédula;Correo electrónico;Dependencia;Tipo de vinculación\n"
    "Ana Pérez;1.020.304;ana@alcaldia.gov.co;Secretaría de Hacienda;Servidor público\n"
    "Luis Núñez;80123456;luis@alcaldia.gov.co;Talento Humano;Contratista\n"
)


async def _import(db: Database, data: bytes, create: bool = True):
    async with db.session() as session:
        return await import_people(session, data, create_departments=create)


async def _count(db: Database, model: type) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1"])
async def test_encodings_and_semicolons(db: Database, encoding: str) -> None:
    report = await _import(db, GOOD.encode(encoding))
    assert (report.created, report.departments_created, report.rejected) == (2, 2, [])
    async with db.session() as session:
        ana = await session.scalar(select(Person).where(Person.document_id == "1020304"))
        assert ana.full_name == "Ana Pérez" and ana.kind == "servidor"
        assert ana.department.name == "Secretaría de Hacienda"


async def test_comma_separated_and_quoted(db: Database) -> None:
    data = ('nombre,correo,dependencia,tipo\n"Pérez, Ana",ana@x.co,"Hacienda",contratista\n')
    report = await _import(db, data.encode())
    assert report.created == 1 and not report.rejected


async def test_reimport_is_idempotent_and_updates(db: Database) -> None:
    await _import(db, GOOD.encode())
    again = await _import(db, GOOD.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = GOOD.replace("Talento Humano;Contratista", "Talento Humano;Servidor")
    third = await _import(db, changed.encode())
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert await _count(db, Person) == 2


async def test_bad_rows_are_reported_and_good_rows_kept(db: Database) -> None:
    data = (
        "nombre;documento;correo;dependencia;tipo\n"
        "Ana;111;ana@x.co;Hacienda;servidor\n"
        ";222;b@x.co;Hacienda;servidor\n"
        "Carla;333;no-es-correo;Hacienda;servidor\n"
        "Diego;444;d@x.co;Hacienda;jefe\n"
        "Eva;111;eva@x.co;Hacienda;servidor\n"
        "Fabio;555;ana@x.co;Hacienda;servidor\n"
        "Gina;;;Hacienda;servidor\n"
        "Hugo;666;h@x.co;;servidor\n"
        "<script>alert(1)</script>;777;s@x.co;Hacienda;contratista\n"
    )
    report = await _import(db, data.encode())
    reasons = {r.line: r.reason for r in report.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
    assert "nombre" in reasons[3] and "Correo no válido" in reasons[4]
    assert "Tipo no reconocido" in reasons[5] and "línea 2" in reasons[6]
    assert "línea 2" in reasons[7] and "documento y el correo" in reasons[8]
    assert report.created == 2


async def test_unknown_department_rejected_with_hint(db: Database) -> None:
    await _import(db, GOOD.encode())
    data = ("nombre;documento;dependencia;tipo\n"
            "Ana;999;Secretaria de Hacienda;servidor\n"
            "Beto;998;Secretaría de Haciend;servidor\n"
            "Caro;997;Planeación;servidor\n")
    report = await _import(db, data.encode(), create=False)
    reasons = {r.line: r.reason for r in report.rejected}
    assert report.created == 1
    assert "¿Quiso decir «Secretaría de Hacienda»?" in reasons[3]
    assert reasons[4] == "Dependencia desconocida: Planeación."
    assert await _count(db, Department) == 2


async def test_email_of_another_person_is_refused(db: Database) -> None:
    await _import(db, GOOD.encode())
    data = "nombre;documento;correo;dependencia;tipo\nOtra;999;ana@alcaldia.gov.co;Talento Humano;servidor\n"
    report = await _import(db, data.encode())
    assert report.created == 0 and "otra persona" in report.rejected[0].reason


@pytest.mark.parametrize(("data", "fragment"), [
    (b"", "vacío"),
    (b"   \n\n", "vacío"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binario"),
    (b"PK\x03\x04" + bytes(200), "No se pudo leer el Excel"),  # a damaged .xlsx
    ("nombre;apellido\nAna;Pérez\n".encode(), "Faltan columnas"),
    (b"nombre;correo;dependencia;tipo\n", "no hay personas"),
])
async def test_malformed_files(db: Database, data: bytes, fragment: str) -> None:
    with pytest.raises(InvalidInput) as info:
        await _import(db, data)
    assert fragment in info.value.message
    assert await _count(db, Person) == 0


async def test_large_file(db: Database) -> None:
    """A file of several chunks (each committed on its own) and a partial last one: every row
    is created, progress is told after each chunk. Speed is bench/directory_import.py's."""
    total = 2 * CHUNK + CHUNK // 2
    rows = "\n".join(f"Persona {i};{10_000_000 + i};p{i}@alcaldia.gov.co;Dependencia {i % 40};"
                     f"{'servidor' if i % 3 else 'contratista'}" for i in range(total))
    data = ("nombre;documento;correo;dependencia;tipo\n" + rows + "\n").encode()
    seen: list[tuple[int, int]] = []
    async with db.session() as session:
        report = await import_people(session, data, create_departments=True,
                                     progress=lambda d, t: seen.append((d, t)))
    assert report.created == total and report.departments_created == 40
    assert seen == [(CHUNK, total), (2 * CHUNK, total), (total, total)]
    assert await _count(db, Person) == total
    async with db.session() as session:
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "people.import"))
        assert audit.details["created"] == total
        assert "@" not in str(audit.details)


async def test_stray_quote_and_huge_field_spoil_only_their_row(db: Database) -> None:
    data = ("nombre;documento;dependencia;tipo\n"
            '"Ana la jefa;111;Hacienda;servidor\n'
            "Beto;222;Hacienda;servidor\n"
            f"{'x' * 200_000};333;Hacienda;servidor\n"
            "Carla;444;Hacienda;contratista\n")
    report = await _import(db, data.encode())
    reasons = {r.line: r.reason for r in report.rejected}
    assert report.created == 2 and set(reasons) == {2, 4}
    assert "Comillas" in reasons[2] and "supera" in reasons[4]


async def test_a_freed_email_can_be_taken_in_the_same_file(db: Database) -> None:
    await _import(db, (b"nombre;documento;correo;dependencia;tipo\n"
                       b"Ana;111;compartido@x.co;Hacienda;servidor\n"))
    data = ("nombre;documento;correo;dependencia;tipo\n"
            "Ana;111;ana.nueva@x.co;Hacienda;servidor\n"
            "Beto;222;compartido@x.co;Hacienda;servidor\n")
    report = await _import(db, data.encode())
    assert (report.updated, report.created, report.rejected) == (1, 1, [])


async def test_many_unknown_departments_are_fast(db: Database) -> None:
    await _import(db, GOOD.encode())
    rows = "\n".join(f"P{i};{5_000_000 + i};Oficina {i % 7};servidor" for i in range(5_000))
    data = ("nombre;documento;dependencia;tipo\n" + rows + "\n").encode()
    report = await _import(db, data, create=False)
    assert len(report.rejected) == 5_000 and report.created == 0


async def test_unknown_department_explains_the_option_and_suggests_the_near_miss(
        db: Database) -> None:
    await _import(db, ("nombre;documento;dependencia;tipo\n"
                       "Ana;111;Secretaría de Gobierno;servidor\n").encode())
    report = await _import(db, ("nombre;documento;dependencia;tipo\n"
                                "Beto;222;Secretaria de Gobiern;servidor\n"
                                "Carla;333;Oficina de Astronautas;servidor\n"
                                "Ana María;111;Oficina de Astronautas;servidor\n").encode(),
                           create=False)
    reasons = [r.reason for r in report.rejected]
    assert reasons[0] == ("Dependencia desconocida: Secretaria de Gobiern. "
                          "¿Quiso decir «Secretaría de Gobierno»?")
    assert reasons[1] == "Dependencia desconocida: Oficina de Astronautas."
    assert report.unknown_departments == 3 and report.explain_create_option
    assert "Crear las dependencias que no existan" in report.explain_create_option
    assert await _count(db, Department) == 1  # never silently created
    async with db.session() as session:  # nothing already stored was lost or changed
        ana = await session.scalar(select(Person).where(Person.document_id == "111"))
        assert ana.full_name == "Ana" and ana.department.name == "Secretaría de Gobierno"


async def test_a_bad_file_leaves_the_stored_directory_as_it_was(db: Database) -> None:
    await _import(db, GOOD.encode())
    for bad in (b"PK\x03\x04" + bytes(200), b"columna;otra\nx;y\n"):
        with pytest.raises(InvalidInput):
            await _import(db, bad)
    half = ("nombre;documento;correo;dependencia;tipo\n"
            "Ana Pérez;1020304;;Secretaría de Hacienda;jefe\n"
            ";80123456;luis@alcaldia.gov.co;Talento Humano;contratista\n")
    report = await _import(db, half.encode())
    assert len(report.rejected) == 2
    async with db.session() as session:
        names = sorted((await session.scalars(select(Person.full_name))).all())
        ana = await session.scalar(select(Person).where(Person.document_id == "1020304"))
    assert names == ["Ana Pérez", "Luis Núñez"] and ana.email == "ana@alcaldia.gov.co"


async def test_imported_people_are_not_subscribed_until_they_consent(db: Database) -> None:
    await _import(db, GOOD.encode())
    async with db.session() as session:
        flags = (await session.scalars(select(Person.subscribed))).all()
    assert flags and not any(flags)  # conservative default: docs/directorio.md, section 6
