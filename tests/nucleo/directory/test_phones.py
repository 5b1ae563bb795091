"""Mobile numbers in the directory (#17): E.164 storage, import column «celular», edit, export,
API field and the helpers the bot uses to match a shared contact. Both engines."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from nucleo.db import Database
from nucleo.directory.export import export_rows
from nucleo.directory.importer import import_people
from nucleo.directory.people import PersonChanges, update_person
from nucleo.directory.phones import (
    has_mobiles,
    match_mobile,
    national_form,
    normalize_mobile,
    try_normalize,
)
from nucleo.errors import Conflict, InvalidInput
from nucleo.models import Person, PersonStatus

HEADER = "nombre;documento;correo;celular;dependencia;tipo\n"


@pytest.mark.parametrize("raw", ["300 123 4567", "(300) 123-4567", "+57 300 1234567",
                                 "573001234567", "3001234567", " 300.123.4567 "])
def test_colombian_forms_become_e164(raw: str) -> None:
    assert normalize_mobile(raw) == "+573001234567"
    assert national_form("+573001234567") == "300 1234567"


def test_foreign_number_keeps_its_country() -> None:
    assert normalize_mobile("+1 202 555 0143") == "+12025550143"
    assert normalize_mobile("+44 7911 123456") == "+447911123456"
    assert national_form("+447911123456") == "+44 7911 123456"


@pytest.mark.parametrize(("raw", "e164"), [
    ("573001234567", "+573001234567"),  # a Colombian Telegram contact / WhatsApp sender
    ("12025550143", "+12025550143"),  # a foreign one carries its country code
    ("447911123456", "+447911123456"),
    ("34612345678", "+34612345678"),
    ("+57 300 1234567", "+573001234567"),
    ("3001234567", "+573001234567"),  # not valid with a country code: read as Colombian
    ("3212345678", "+573212345678"),  # «+32…» is a Belgian fixed line, not a mobile
])
def test_chat_numbers_carry_their_country_code(raw: str, e164: str) -> None:
    assert normalize_mobile(raw, with_country_code=True) == e164
    assert try_normalize(raw, with_country_code=True) == e164


@pytest.mark.parametrize(("raw", "e164"), [
    ("573001234567", "+573001234567"),  # Colombia's own code is recognised in front
    ("3001234567", "+573001234567"),
])
def test_hr_digits_without_plus_are_colombian(raw: str, e164: str) -> None:
    assert normalize_mobile(raw) == e164 == try_normalize(raw)


@pytest.mark.parametrize("raw", ["316 123 45678", "34612345678", "12025550143",
                                 "447911123456"])
def test_hr_typos_are_not_read_as_foreign_numbers(raw: str) -> None:
    """«316 123 45678» (a digit too many) would be Dutch and «34612345678» Spanish if read
    with a country code: typed by HR, they are refused (a foreign number needs its «+»)."""
    assert try_normalize(raw) is None
    with pytest.raises(ValueError):
        normalize_mobile(raw)
    assert try_normalize(raw, with_country_code=True) is not None  # the chat reading differs


@pytest.mark.parametrize("raw", ["", "abc", "300 ABC 4567", "1" * 40, "+57 300 123",
                                 "300-123-45678", "+999 123456789", "3001234567; DROP",
                                 "601 234 5678", "٣٠٠١٢٣٤٥٦٧"])
def test_nasty_input_is_refused_in_spanish(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_mobile(raw)
    text = str(info.value)
    assert "celular" in text or "número" in text or "teléfono" in text
    assert len(text) < 300


async def test_import_stores_e164_and_rejects_bad_rows(db: Database) -> None:
    data = (HEADER
            + "Ana;111;ana@x.co;300 123 4567;Hacienda;servidor\n"
            + "Beto;222;beto@x.co;tres cero cero;Hacienda;servidor\n"
            + "Carla;333;carla@x.co;+1 202 555 0143;Hacienda;servidor\n"
            + "Diego;444;diego@x.co;3001234567;Hacienda;servidor\n"
            + "Elsa;555;elsa@x.co;;Hacienda;servidor\n"
            + "Fabio;666;fabio@x.co;" + "9" * 30 + ";Hacienda;servidor\n")
    async with db.session() as session:
        report = await import_people(session, data.encode(), create_departments=True)
    assert report.created == 3
    reasons = {r.line: r.reason for r in report.rejected}
    assert set(reasons) == {3, 5, 7}
    assert reasons[3].startswith("Celular no válido")
    assert reasons[5] == "Celular repetido: ya aparece en la línea 2."
    async with db.session() as session:
        mobiles = dict((await session.execute(select(Person.full_name, Person.mobile))).all())
    assert mobiles == {"Ana": "+573001234567", "Carla": "+12025550143", "Elsa": None}


async def test_reimport_never_loses_stored_rows_or_numbers(db: Database) -> None:
    first = HEADER + "Ana;111;ana@x.co;300 123 4567;Hacienda;servidor\n"
    async with db.session() as session:
        await import_people(session, first.encode(), create_departments=True)
    # A later file without the number, and one whose number belongs to Ana, for Beto.
    second = (HEADER + "Ana;111;ana@x.co;;Hacienda;servidor\n"
              + "Beto;222;beto@x.co;+57 300 123 4567;Hacienda;servidor\n")
    async with db.session() as session:
        report = await import_people(session, second.encode(), create_departments=True)
    assert (report.created, report.unchanged) == (0, 1)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "El celular ya pertenece a otra persona del directorio.")]
    async with db.session() as session:
        ana = await session.scalar(select(Person).where(Person.document_id == "111"))
        assert ana is not None and ana.mobile == "+573001234567"
    third = HEADER + "Ana;111;ana@x.co;310 000 0000;Hacienda;servidor\n"
    async with db.session() as session:
        report = await import_people(session, third.encode(), create_departments=True)
    assert report.updated == 1
    async with db.session() as session:
        assert await match_mobile(session, "3100000000") is not None
        assert await match_mobile(session, "300 123 4567") is None
    # The same file again changes nothing; Ana's old number is free for Beto.
    async with db.session() as session:
        report = await import_people(session, third.encode(), create_departments=True)
    assert (report.updated, report.unchanged) == (0, 1)
    fourth = third + "Beto;222;beto@x.co;300 123 4567;Hacienda;servidor\n"
    async with db.session() as session:
        report = await import_people(session, fourth.encode(), create_departments=True)
    assert (report.created, report.unchanged, report.rejected) == (1, 1, [])


async def test_edit_export_and_match(db: Database) -> None:
    async with db.session() as session:
        ana = Person(full_name="Ana", email="ana@x.co", source="directorio")
        beto = Person(full_name="Beto", email="beto@x.co", source="directorio")
        session.add_all([ana, beto])
        await session.commit()
        ana_id, beto_id = ana.id, beto.id
        assert not await has_mobiles(session)
    async with db.session() as session:
        await update_person(session, ana_id, PersonChanges(mobile="(300) 123-4567"), actor=None)
    async with db.session() as session:
        with pytest.raises(InvalidInput, match="no es un número de celular"):
            await update_person(session, beto_id, PersonChanges(mobile="llámeme"), actor=None)
    async with db.session() as session:
        with pytest.raises(Conflict, match="Ese celular ya pertenece"):
            await update_person(session, beto_id, PersonChanges(mobile="3001234567"),
                                actor=None)
    async with db.session() as session:
        assert await has_mobiles(session)
        found = await match_mobile(session, "573001234567")
        assert found is not None and found.id == ana_id
        assert await match_mobile(session, "no es un número") is None
        rows = await export_rows(session, q="", department_id=None, scope="activas",
                                 sort="nombre", zone=ZoneInfo("America/Bogota"))
        column = rows[0].index("Celular")
        assert rows[1][column] == "300 1234567" and rows[2][column] == ""
        person = await session.get(Person, ana_id)
        assert person is not None
        person.status = PersonStatus.INACTIVA.value
        await session.commit()
    async with db.session() as session:
        assert await match_mobile(session, "3001234567") is None  # retired: never matched
        assert not await has_mobiles(session)
    async with db.session() as session:
        await update_person(session, ana_id, PersonChanges(mobile=""), actor=None)
        person = await session.get(Person, ana_id)
        assert person is not None and person.mobile is None
