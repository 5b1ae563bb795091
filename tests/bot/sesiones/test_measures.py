"""«Sesiones realizadas» and «personas que asistieron» (bot/sesiones/measures.py), overall and
per dependencia, for a period; bound in the seeded plan."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml
from sqlalchemy import select

from bot.sesiones import actions
from bot.sesiones.measures import PeopleAttended, SessionsHeld
from bot.sesiones.models import SensitizationSession
from nucleo.models import Person
from nucleo.report import Period
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA
from tests.bot.sesiones.helpers import START, add_department, add_directory_person, add_session

DECEMBER = Period(date(2026, 12, 1), date(2026, 12, 31), BOGOTA)


async def _attend(services: Services, row: SensitizationSession, *people: int) -> None:
    async with services.db.session() as session:
        for person_id in people:
            await actions.add_attendance(session, row.id, person_id, staff=None, now=START)


async def test_held_and_attended_per_dependency(services: Services) -> None:
    hacienda = await add_department(services, "Hacienda")
    salud = await add_department(services, "Salud")
    ana = await add_directory_person(services, "Ana", hacienda)
    beto = await add_directory_person(services, "Beto", hacienda)
    carla = await add_directory_person(services, "Carla", salud)
    await add_directory_person(services, "Dora", salud)
    first = await add_session(services, departments=(hacienda,))
    second = await add_session(services, start=START + timedelta(days=1),
                               departments=(hacienda, salud))
    await add_session(services, start=START + timedelta(days=2))  # nobody came: not held
    cancelled = await add_session(services, start=START + timedelta(days=3))
    january = await add_session(services, start=START + timedelta(days=40))
    await _attend(services, first, ana, beto)
    await _attend(services, second, ana, carla)  # Ana twice: one person
    await _attend(services, cancelled, beto)
    await _attend(services, january, carla)
    async with services.db.session() as session:
        await actions.cancel_session(session, cancelled.id, staff=None, now=START)
        held = await SessionsHeld().measure(session, DECEMBER, True)
        attended = await PeopleAttended().measure(session, DECEMBER, True)
    assert (held.value, held.total) == (2, 3)
    assert dict(held.details) == {"Sesiones programadas (no canceladas)": 3,
                                  "Sesiones canceladas": 1}
    assert [(g.label, g.value, g.total) for g in held.groups] == [
        ("Hacienda", 2, 2), ("Salud", 1, 1), ("Toda la entidad", 0, 1)]
    assert (attended.value, attended.total) == (3, 4)
    assert dict(attended.details) == {"Asistencias registradas": 4}
    assert [(g.label, g.value, g.total) for g in attended.groups] == [
        ("Hacienda", 2, 2), ("Salud", 1, 2)]


async def test_a_forgotten_attendee_still_counts(services: Services) -> None:
    from bot.people import forget_person

    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana", hacienda)
    row = await add_session(services)
    await _attend(services, row, ana)
    async with services.db.session() as session:
        await forget_person(session, ana, extra_keys=[], now=START)
    async with services.db.session() as session:
        person = await session.get(Person, ana)
        assert person is not None  # a directory person keeps the row
        person.department_id = None  # and even if HR clears her dependencia
        await session.commit()
        attended = await PeopleAttended().measure(session, DECEMBER, True)
    assert attended.value == 1
    assert [(g.label, g.value) for g in attended.groups if g.value] == [("Hacienda", 1)]


async def test_forgotten_then_checking_in_again_counts_twice(services: Services) -> None:
    """As docs/sesiones.md says: nothing ties the forgotten rows to the person, so one who
    comes back after /olvidarme counts once by the key and once by the person."""
    from bot.people import forget_person

    ana = await add_directory_person(services, "Ana", None)
    first = await add_session(services)
    second = await add_session(services, start=START + timedelta(days=1))
    await _attend(services, first, ana)
    async with services.db.session() as session:
        await forget_person(session, ana, extra_keys=[], now=START)
    await _attend(services, second, ana)
    async with services.db.session() as session:
        attended = await PeopleAttended().measure(session, DECEMBER)
    assert (attended.value, dict(attended.details)["Asistencias registradas"]) == (2, 2)


async def test_forgotten_people_count_once_each(services: Services) -> None:
    """Ana (directory) and Beto (only in the bot) attend two sessions each and ask to be
    forgotten: two people, not four; a row left without person and key (forgotten before the
    key existed) still counts as one."""
    from sqlalchemy import update

    from bot.people import forget_person
    from bot.sesiones.models import Attendance

    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana", hacienda)
    async with services.db.session() as session:
        bot_person = Person(full_name="Beto", source="bot", department_id=hacienda)
        session.add(bot_person)
        await session.commit()
        beto = bot_person.id
    carla = await add_directory_person(services, "Carla", hacienda)
    first = await add_session(services)
    second = await add_session(services, start=START + timedelta(days=1))
    await _attend(services, first, ana, beto, carla)
    await _attend(services, second, ana, beto)
    for person_id in (ana, beto):
        async with services.db.session() as session:
            await forget_person(session, person_id, extra_keys=[], now=START)
    async with services.db.session() as session:
        keys = list((await session.execute(
            select(Attendance.person_id, Attendance.forgotten_key)
            .order_by(Attendance.id))).all())
        attended = await PeopleAttended().measure(session, DECEMBER, True)
    assert [p for p, _k in keys] == [None, None, carla, None, None]
    assert keys[0][1] == keys[3][1] and keys[1][1] == keys[4][1] and keys[0][1] != keys[1][1]
    assert (attended.value, dict(attended.details)["Asistencias registradas"]) == (3, 5)
    assert [(g.label, g.value) for g in attended.groups] == [("Hacienda", 3)]
    async with services.db.session() as session:  # carla's row, as an old forgotten one
        await session.execute(update(Attendance).where(Attendance.person_id == carla)
                              .values(person_id=None))
        await session.commit()
        assert (await PeopleAttended().measure(session, DECEMBER)).value == 3


async def test_attendance_counts_in_the_dependencia_of_the_session_day(
        services: Services) -> None:
    hacienda = await add_department(services, "Hacienda")
    salud = await add_department(services, "Salud")
    ana = await add_directory_person(services, "Ana", hacienda)
    row = await add_session(services)
    await _attend(services, row, ana)
    async with services.db.session() as session:
        person = await session.get(Person, ana)
        assert person is not None
        person.department_id = salud  # moved after the session
        await session.commit()
        attended = await PeopleAttended().measure(session, DECEMBER, True)
    assert [(g.label, g.value, g.total) for g in attended.groups] == [
        ("Hacienda", 1, 0), ("Salud", 0, 1)]


async def test_series_say_what_each_month_says_in_one_statement(services: Services) -> None:
    """The Inicio trend: ``measure_series`` for November, December and January says what
    ``measure`` says for each month, in one statement (attendance: and its base)."""
    from sqlalchemy import event

    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana", hacienda)
    beto = await add_directory_person(services, "Beto", hacienda)
    december = await add_session(services)
    january = await add_session(services, start=START + timedelta(days=40))
    await add_session(services, start=START + timedelta(days=41))  # nobody came
    await _attend(services, december, ana, beto)
    await _attend(services, january, ana)
    november = Period(date(2026, 11, 1), date(2026, 11, 30), BOGOTA)
    jan = Period(date(2027, 1, 1), date(2027, 1, 31), BOGOTA)
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    async with services.db.session() as session:
        for provider, expected in ((SessionsHeld(), [(0, 0), (1, 1), (1, 2)]),
                                   (PeopleAttended(), [(0, 2), (2, 2), (1, 2)])):
            event.listen(services.db.engine.sync_engine, "before_cursor_execute", record)
            try:
                series = await provider.measure_series(session, [november, DECEMBER, jan])
            finally:
                event.remove(services.db.engine.sync_engine, "before_cursor_execute", record)
            assert len(statements) == (2 if provider.key == "sesiones.asistentes" else 1)
            statements.clear()
            assert [(f.value, f.total) for f in series] == expected, provider.key
            for period, figures in zip((november, DECEMBER, jan), series, strict=True):
                assert await provider.measure(session, period) == figures, provider.key
            assert await provider.measure_series(session, []) == []


def test_the_seeded_plan_binds_the_sensitization_activities() -> None:
    seed = yaml.safe_load((Path(__file__).parents[3] / "informe" / "plan_seed.yaml")
                          .read_text(encoding="utf-8"))
    bound = {a.get("measure") for a in seed["activities"]}
    assert {"sesiones.realizadas", "sesiones.asistentes"} <= bound
    assert {SessionsHeld().key, PeopleAttended().key} == {"sesiones.realizadas",
                                                           "sesiones.asistentes"}
