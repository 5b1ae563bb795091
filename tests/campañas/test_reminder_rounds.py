"""The automatic declaration reminders «until done» (#18, ``campañas.reminder_rounds``): a pending
person is reminded again every ``VALOR_ASSET_REMINDER_EVERY_DAYS`` days while the window is open,
once per round, never after filing, «sin novedad» or leaving, only in the sweep's day hours, and
once more a few days before the deadline. Both engines; the clock is injected."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.declaraciones.models import AssetFiling
from campañas import actions
from campañas.asset_reminders import AssetReminders
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.reminder_rounds import due_before
from nucleo.asset_filings import ReminderWindow
from nucleo.db import Database
from nucleo.models import Person
from nucleo.settings import Settings, SettingsError, load_settings
from tests.bot.consultas.desk import Clock
from tests.campañas.conftest import add_people, settings_for

ASSETS = "recordatorio:bienes_rentas:2026"
PREVENTIVE = "recordatorio:preventiva:2026"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test settings with the automatic reminders on, every 14 days (the default)."""
    return settings.model_copy(update={"asset_reminders": True, "asset_reminder_every_days": 14})


def day(month: int, number: int, hour: int = 10) -> datetime:
    """``hour`` in Bogotá (UTC-5) of that day of 2026."""
    return datetime(2026, month, number, tzinfo=UTC) + timedelta(hours=hour + 5)


def _reminders(db: Database, settings: Settings, clock: Clock) -> AssetReminders:
    return AssetReminders(db, settings=lambda: settings, channels=lambda: {"telegram", "correo"},
                          clock=clock)


async def _rounds(db: Database) -> list[tuple[str, int, int, str]]:
    """(origin, person, round, text) of every reminder queued, in order."""
    async with db.session() as session:
        rows = await session.execute(
            select(Campaign.origin, Delivery.person_id, Run.reminder_round, Piece.caption_html)
            .join(Run, Run.id == Delivery.run_id).join(Piece, Piece.id == Delivery.piece_id)
            .join(Campaign, Campaign.id == Run.campaign_id).order_by(Delivery.id))
        return [(str(o), p, int(r or 0), t) for o, p, r, t in rows]


async def _sent(db: Database) -> None:
    async with db.transaction() as session:
        await session.execute(update(Delivery).values(state="enviada"))


async def _file(db: Database, person: int, kind: str) -> None:
    async with db.session() as session:
        session.add(AssetFiling(person_id=person, year=2026, kind=kind, filed_on=date(2026, 6, 10),
                                source="chat"))
        await session.commit()


async def test_a_second_round_after_the_days_not_before_and_not_twice(db: Database, settings: Settings) -> None:
    settings = settings_for(settings)
    [person] = await add_people(db, 1)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2  # bienes y rentas and the preventive one, round 1
    clock.now = day(6, 15)
    assert await reminders.tick() == 0  # round 1 still in the outbox: nothing stacks on it
    await _sent(db)
    clock.now = day(6, 14, hour=19)  # 13 days later: not yet
    assert await reminders.tick() == 0
    clock.now = day(6, 15, hour=2)  # due, but at night the sweep waits
    assert await reminders.tick() == 0
    clock.now = day(6, 15, hour=8)
    assert await reminders.tick() == 2
    assert await reminders.tick() == 0  # the same hour again (a restart): nothing
    await _sent(db)
    clock.now = day(6, 28, hour=18)
    assert await reminders.tick() == 0
    clock.now = day(6, 29)
    assert await reminders.tick() == 2
    rounds = await _rounds(db)
    assert [(o, p, r) for o, p, r, _t in rounds] == [
        (ASSETS, person, 1), (PREVENTIVE, person, 1), (ASSETS, person, 2), (PREVENTIVE, person, 2),
        (ASSETS, person, 3), (PREVENTIVE, person, 3)]
    texts = [t for *_x, t in rounds]
    assert "de nuevo" not in texts[0] and "de nuevo" not in texts[1]
    assert all("Le escribimos de nuevo" in t for t in texts[2:])
    assert "31 de julio de 2026" in texts[2]
    async with db.session() as session:  # one run per round and text, two pieces per campaign
        runs = (await session.execute(select(Run.campaign_id, Run.reminder_round, Run.targeted)
                                      .order_by(Run.id))).all()
        pieces = await session.scalar(select(func.count()).select_from(Piece))
    assert [(r, n) for _c, r, n in runs] == [(1, 1), (1, 1), (2, 1), (2, 1), (3, 1), (3, 1)]
    assert pieces == 4


async def test_who_files_says_sin_novedad_or_leaves_is_not_reminded_again(db: Database, settings: Settings) -> None:
    settings = settings_for(settings)
    filer, quiet, leaver, pending = await add_people(db, 4)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 8
    await _sent(db)
    await _file(db, filer, "bienes_rentas")
    await _file(db, quiet, "preventiva")  # «sin novedad este año» records the year
    async with db.transaction() as session:
        await session.execute(update(Person).where(Person.id == leaver)
                              .values(retired_at=day(6, 5)))
    clock.now = day(6, 15)
    assert await reminders.tick() == 4
    again = {(o, p) for o, p, r, _t in await _rounds(db) if r == 2}
    assert again == {(PREVENTIVE, filer), (ASSETS, quiet), (ASSETS, pending), (PREVENTIVE, pending)}


async def test_a_joiner_gets_round_one_at_once_and_the_next_one_after_the_days(db: Database, settings: Settings) -> None:
    settings = settings_for(settings)
    [early] = await add_people(db, 1)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    await _sent(db)
    [joiner] = await add_people(db, 1, start_chat=2000)
    clock.now = day(6, 10, hour=22)  # links the chat at night: reminded at once
    assert await reminders.remind_person(joiner) == 2
    await _sent(db)
    clock.now = day(6, 15)
    assert await reminders.tick() == 2  # the early one's round 2; the joiner waits
    assert await reminders.remind_person(early) == 0  # a later round only in the day's sweep
    await _sent(db)
    clock.now = day(6, 24)
    assert await reminders.tick() == 2
    rounds = [(o, p, r) for o, p, r, _t in await _rounds(db)]
    assert rounds[-2:] == [(ASSETS, joiner, 2), (PREVENTIVE, joiner, 2)]
    assert sum(1 for _o, p, _r in rounds if p == early) == 4


async def test_hr_pausing_or_cancelling_stops_the_rounds(db: Database, settings: Settings) -> None:
    settings = settings_for(settings)
    await add_people(db, 2)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 4
    await _sent(db)
    async with db.session() as session:
        ids = dict((await session.execute(select(Campaign.origin, Campaign.id))).all())
    async with db.session() as session:
        await actions.pause(session, campaign_id=ids[ASSETS])
    async with db.session() as session:
        await actions.cancel(session, campaign_id=ids[PREVENTIVE], now=day(6, 2))
    for number in (15, 29):
        clock.now = day(6, number)
        assert await reminders.tick() == 0
    assert {r for *_x, r, _t in await _rounds(db)} == {1}


async def test_two_sweeps_at_once_queue_each_round_once(
    db: Database, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Two processes sweeping at the same moment (a restart's sweep and the hour's): the
    campaign is created once, and each person gets one reminder per round; neither sweep
    fails (the second waits on the campaign's row, or leaves a campaign made that instant)."""
    settings = settings_for(settings)
    people = await add_people(db, 3)
    clock = Clock(day(6, 1))
    first, second = _reminders(db, settings, clock), _reminders(db, settings, clock)
    added = await asyncio.gather(first.tick(), second.tick())
    assert sum(added) == 6
    await _sent(db)
    clock.now = day(6, 15)
    added = await asyncio.gather(first.tick(), second.tick())
    assert sum(added) == 6
    rounds = [(o, p, r) for o, p, r, _t in await _rounds(db)]
    assert len(rounds) == len(set(rounds)) == 12
    assert "not queued" not in caplog.text
    assert {p for _o, p, _r in rounds} == set(people)
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 2
        assert await session.scalar(select(func.count()).select_from(Run)) == 4


async def test_a_last_reminder_before_the_deadline_and_none_after_the_window(db: Database, settings: Settings) -> None:
    """Reached first on 20 July, the next round would be 3 August, after the window: the
    last reminder goes on 28 July (3 days before the 31st); after the window closes, nothing
    more of bienes y rentas, while the preventive one (open all year) goes on."""
    settings = settings_for(settings)
    [person] = await add_people(db, 1)
    clock = Clock(day(7, 20))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    await _sent(db)
    clock.now = day(7, 27, hour=19)
    assert await reminders.tick() == 0
    clock.now = day(7, 28, hour=8)
    assert await reminders.tick() == 1  # bienes y rentas only: the preventive's end is far
    await _sent(db)
    clock.now = day(7, 31)
    assert await reminders.tick() == 0
    clock.now = day(8, 3)
    assert await reminders.tick() == 1  # the preventive one's round 2
    clock.now = day(8, 17)
    await _sent(db)
    assert await reminders.tick() == 1  # ... and its round 3; bienes y rentas is closed
    rounds = [(o, r) for o, p, r, _t in await _rounds(db) if p == person]
    assert rounds == [(ASSETS, 1), (PREVENTIVE, 1), (ASSETS, 2), (PREVENTIVE, 2), (PREVENTIVE, 3)]


def test_due_before_counts_local_days_and_the_last_call() -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("America/Bogota")
    end = date(2026, 7, 28)
    assert due_before(date(2026, 6, 15), every_days=14, final_day=end, tz=tz) == datetime(2026, 6, 2, tzinfo=tz)
    assert due_before(date(2026, 6, 2), every_days=1, final_day=end, tz=tz) == datetime(2026, 6, 2, tzinfo=tz)
    # from the last call on: not reminded since it nor in the last 7 days
    assert due_before(date(2026, 7, 28), every_days=14, final_day=end, tz=tz) == datetime(2026, 7, 22, tzinfo=tz)
    assert due_before(date(2026, 7, 31), every_days=14, final_day=end, tz=tz) == datetime(2026, 7, 25, tzinfo=tz)
    assert due_before(date(2026, 7, 31), every_days=3, final_day=end, tz=tz) == datetime(2026, 7, 29, tzinfo=tz)
    assert ReminderWindow(date(2026, 6, 1), date(2026, 7, 31)).open_on(end)


@pytest.mark.parametrize("value", ["0", "-3", "99999999999", "catorce", "14.5", "1e3", "²", "true"])
def test_the_reminder_days_setting_is_checked_with_a_clear_line(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALOR_ASSET_REMINDER_EVERY_DAYS", value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value) == (
        "Configuración inválida: VALOR_ASSET_REMINDER_EVERY_DAYS debe ser un número entero de "
        "días, de 1 a 366: cada cuántos días se recuerda de nuevo su declaración a quien sigue "
        "pendiente")


def test_the_reminder_days_setting_reads_whole_days(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().asset_reminder_every_days == 14
    for value, days in (("7", 7), (" 30 ", 30), ("366", 366), ("", 14)):
        monkeypatch.setenv("VALOR_ASSET_REMINDER_EVERY_DAYS", value)
        assert load_settings().asset_reminder_every_days == days


def test_the_last_call_days_come_from_the_settings() -> None:
    from zoneinfo import ZoneInfo

    from campañas.reminder_rounds import final_day

    tz = ZoneInfo("America/Bogota")
    window = ReminderWindow(date(2026, 6, 1), date(2026, 7, 31))
    assert final_day(window, date(2026, 7, 31)) == date(2026, 7, 28)  # the defaults: 3 and 7
    assert final_day(window, date(2026, 7, 31), 10) == date(2026, 7, 21)
    assert final_day(window, date(2026, 7, 31), 0) == date(2026, 7, 31)  # on the day itself
    end = date(2026, 7, 21)
    assert due_before(date(2026, 7, 22), every_days=14, final_day=end, tz=tz,
                      final_gap=3) == datetime(2026, 7, 20, tzinfo=tz)


async def test_a_later_last_call_goes_out_with_the_settings(db: Database, settings: Settings) -> None:
    settings = settings_for(settings).model_copy(update={"asset_reminder_final_days": 10,
                                                         "asset_reminder_final_gap": 3})
    [person] = await add_people(db, 1)
    clock = Clock(day(7, 19))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    await _sent(db)
    clock.now = day(7, 21)  # the last call from 10 days before: reminded in the last 3 days
    assert await reminders.tick() == 0
    clock.now = day(7, 22)  # ... not any more (with the defaults: only from 28 July)
    assert await reminders.tick() == 1
    assert [(o, r) for o, p, r, _t in await _rounds(db) if p == person][-1] == (ASSETS, 2)


@pytest.mark.parametrize(("name", "value", "line"), [
    ("FINAL_DAYS", "-1", "de 0 a 366: cuántos días antes del plazo sale el último recordatorio"),
    ("FINAL_DAYS", "tres", "de 0 a 366: cuántos días antes del plazo sale el último recordatorio"),
    ("FINAL_GAP", "0", "de 1 a 366: el último recordatorio le llega a quien no recibió ninguno"),
    ("FINAL_GAP", "400", "de 1 a 366: el último recordatorio le llega a quien no recibió ninguno"),
])
def test_the_last_call_settings_are_checked_with_a_clear_line(
        name: str, value: str, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"VALOR_ASSET_REMINDER_{name}", value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(
        f"Configuración inválida: VALOR_ASSET_REMINDER_{name} debe ser un número entero de días, {line}")


def test_the_last_call_settings_read_whole_days(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert (settings.asset_reminder_final_days, settings.asset_reminder_final_gap) == (3, 7)
    monkeypatch.setenv("VALOR_ASSET_REMINDER_FINAL_DAYS", "0")
    monkeypatch.setenv("VALOR_ASSET_REMINDER_FINAL_GAP", " 5 ")
    settings = load_settings()
    assert (settings.asset_reminder_final_days, settings.asset_reminder_final_gap) == (0, 5)


async def test_an_outer_rollback_after_a_window_leaves_nothing(db: Database, settings: Settings) -> None:
    """Each window is queued in a savepoint only on PostgreSQL: on SQLite a first savepoint's
    RELEASE would have committed the first window's campaign and rows on its own."""
    from campañas.asset_reminders import queue_reminders

    settings = settings_for(settings)
    await add_people(db, 1)
    async with db.session() as session:
        assert await queue_reminders(session, now=day(6, 1), settings=settings,
                                     channels={"telegram"}) == 2
        await session.rollback()
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 0
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 0


async def test_de_nuevo_only_after_a_reminder_that_went_out(db: Database, settings: Settings) -> None:
    """A round whose every delivery failed does not count as reminded: the next round has the
    first text again; after one that was sent, «Le escribimos de nuevo»."""
    settings = settings_for(settings)
    await add_people(db, 1)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    async with db.transaction() as session:
        await session.execute(update(Delivery).values(state="fallida"))
    clock.now = day(6, 15)
    assert await reminders.tick() == 2
    await _sent(db)
    clock.now = day(6, 29)
    assert await reminders.tick() == 2
    rounds = await _rounds(db)
    assert [r for _o, p, r, _t in rounds] == [1, 1, 2, 2, 3, 3]
    assert [("de nuevo" in t) for *_x, t in rounds] == [False, False, False, False, True, True]


async def test_after_hr_resumes_the_rounds_go_on(db: Database, settings: Settings) -> None:
    """Paused, a campaign gets nothing; resumed, whoever is due gets the next round."""
    settings = settings_for(settings)
    await add_people(db, 1)
    clock = Clock(day(6, 1))
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    await _sent(db)
    async with db.session() as session:
        ids = dict((await session.execute(select(Campaign.origin, Campaign.id))).all())
    async with db.session() as session:
        await actions.pause(session, campaign_id=ids[ASSETS])
    clock.now = day(6, 15)
    assert await reminders.tick() == 1  # the preventive one only
    async with db.session() as session:
        await actions.resume(session, settings=settings, campaign_id=ids[ASSETS], now=day(6, 16))
    clock.now = day(6, 16)
    assert await reminders.tick() == 1
    rounds = [(o, r) for o, _p, r, _t in await _rounds(db)]
    assert rounds == [(ASSETS, 1), (PREVENTIVE, 1), (PREVENTIVE, 2), (ASSETS, 2)]


def test_the_final_call_pace_stops_at_the_deadline() -> None:
    """After the deadline (a window stretched past it) only the every-N-days pace is left."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("America/Bogota")
    final, deadline = date(2026, 7, 28), date(2026, 7, 31)
    assert due_before(date(2026, 7, 31), every_days=14, final_day=final, tz=tz,
                      final_until=deadline) == datetime(2026, 7, 25, tzinfo=tz)
    assert due_before(date(2026, 8, 3), every_days=14, final_day=final, tz=tz,
                      final_until=deadline) == datetime(2026, 7, 21, tzinfo=tz)


async def test_only_the_origin_and_round_keys_count_as_a_collision(db: Database) -> None:
    """Another process's campaign of the same origin is a collision (PostgreSQL names the key;
    SQLite, one writer, raises it); any other integrity error is raised everywhere."""
    from sqlalchemy.exc import IntegrityError

    from campañas.asset_reminders import _collision

    def campaign() -> Campaign:
        return Campaign(name="x", kind="recordatorio", origin=ASSETS, status="en_curso",
                        audience={"type": "invitados"}, channels=["telegram"],
                        timezone="America/Bogota")

    async with db.session() as session:
        session.add(campaign())
        await session.commit()
    async with db.session() as session:
        session.add(campaign())
        with pytest.raises(IntegrityError) as same_origin:
            await session.flush()
    assert _collision(same_origin.value) is not db.is_sqlite
    async with db.session() as session:
        session.add(Run(campaign_id=999_999, scheduled_for=day(6, 1), state="en_curso"))
        with pytest.raises(IntegrityError) as other:
            await session.flush()
    assert not _collision(other.value)
