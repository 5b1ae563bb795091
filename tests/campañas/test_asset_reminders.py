"""The automatic asset-declaration reminders (#18): the campaign scheduler queues them by itself
while a window is open, round 1 once per person (one channel each; the later rounds:
test_reminder_rounds.py), through the delivery engine; a joiner gets them at the next tick or
when they link; HR's pause stops them. Both engines; the clock is injected."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update

from bot.declaraciones.models import AssetFiling
from campañas import actions
from campañas.asset_reminders import AssetReminders, open_windows
from campañas.models import Campaign, Delivery, Run
from campañas.runtime import CampaignRuntime
from campañas.scheduler import ASSET_REMINDERS_JOB, CampaignScheduler
from nucleo.background import background
from nucleo.db import Database
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import Settings
from tests.bot.consultas.desk import Clock
from tests.campañas.conftest import add_people, settings_for


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test settings with the automatic reminders on (the suite's default turns them off)."""
    return settings.model_copy(update={"asset_reminders": True})


JUNE_1 = datetime(2026, 6, 1, 15, tzinfo=UTC)  # 10:00 in Bogotá, the default window opens
AUGUST_3 = datetime(2026, 8, 3, 15, tzinfo=UTC)  # after 31 July


def _reminders(db: Database, settings, clock, channels=("telegram", "correo")) -> AssetReminders:  # type: ignore[no-untyped-def]
    return AssetReminders(db, settings=lambda: settings, channels=lambda: set(channels), clock=clock)


async def _queued(db: Database) -> dict[tuple[str, int], int]:
    async with db.session() as session:
        rows = await session.execute(
            select(Campaign.origin, Delivery.person_id, func.count())
            .select_from(Delivery)
            .join(Run, Run.id == Delivery.run_id)
            .join(Campaign, Campaign.id == Run.campaign_id)
            .where(Campaign.kind == "recordatorio")
            .group_by(Campaign.origin, Delivery.person_id)
        )
        return {(origin, person): n for origin, person, n in rows}


async def test_open_windows_follow_the_one_rule(db: Database) -> None:
    async with db.session() as session:
        assert await open_windows(session, date(2026, 6, 1)) == [
            ("bienes_rentas", 2026),
            ("ley_2013", 2026),
            ("preventiva", 2026),
        ]
        assert await open_windows(session, date(2026, 8, 3)) == [("preventiva", 2026)]


async def test_once_per_person_and_window_on_one_channel(db: Database, settings) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(settings)
    both = await add_people(db, 2, email=True)  # chat and e-mail: the chat only
    mail_only = await add_people(db, 1, start_chat=5000, email=True, telegram=False)
    [contractor] = await add_people(db, 1, start_chat=7000, kind="contratista")
    clock = Clock(JUNE_1)
    reminders = _reminders(db, settings, clock)
    added = await reminders.tick()
    queued = await _queued(db)
    servants = [*both, *mail_only]
    assert added == len(queued) == 2 * len(servants) + 1  # bienes y rentas + preventiva
    assert all(n == 1 for n in queued.values())
    assert {p for (o, p) in queued if o == "recordatorio:bienes_rentas:2026"} == set(servants)
    assert ("recordatorio:preventiva:2026", contractor) in queued
    async with db.session() as session:
        channels = dict(
            (
                await session.execute(
                    select(Delivery.person_id, Delivery.channel)
                    .where(Delivery.person_id.in_(servants))
                    .distinct()
                )
            ).all()
        )
    assert channels == {both[0]: "telegram", both[1]: "telegram", mail_only[0]: "correo"}
    clock.now = JUNE_1.replace(hour=20)
    assert await reminders.tick() == 0  # a second tick (or process) adds nothing
    [night] = await add_people(db, 1, start_chat=8000)
    clock.now = datetime(2026, 6, 2, 7, tzinfo=UTC)  # 02:00 in Bogotá: the sweep waits
    assert await reminders.tick() == 0
    clock.now = JUNE_1.replace(hour=21)
    # someone files; a joiner arrives: only the joiner is added at the next tick
    async with db.session() as session:
        session.add(
            AssetFiling(
                person_id=both[0], year=2026, kind="bienes_rentas", filed_on=date(2026, 6, 1), source="chat"
            )
        )
        await session.commit()
    [joiner] = await add_people(db, 1, start_chat=9000)
    assert await reminders.tick() == 4
    assert set(await _queued(db)) - set(queued) == {
        ("recordatorio:bienes_rentas:2026", joiner),
        ("recordatorio:preventiva:2026", joiner),
        ("recordatorio:bienes_rentas:2026", night),
        ("recordatorio:preventiva:2026", night),
    }
    async with db.session() as session:
        names = set(await session.scalars(select(Campaign.name).where(Campaign.kind == "recordatorio")))
    assert names == {
        "Recordatorio: declaración de bienes y rentas 2026 (automático)",
        "Recordatorio: declaración preventiva de conflictos de intereses 2026 (automático)",
    }


async def test_outside_the_window_and_after_hr_pauses_nothing_more(db: Database, settings) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(settings)
    await add_people(db, 2)
    clock = Clock(AUGUST_3)
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2  # only the preventive one: bienes y rentas closed
    assert {o for o, _p in await _queued(db)} == {"recordatorio:preventiva:2026"}
    async with db.session() as session:
        campaign_id = await session.scalar(
            select(Campaign.id).where(Campaign.origin == "recordatorio:preventiva:2026")
        )
        assert campaign_id is not None
        await actions.pause(session, campaign_id=campaign_id)
    await add_people(db, 1, start_chat=9000)
    assert await reminders.tick() == 0
    assert await _reminders(db, settings, clock, channels=()).tick() == 0  # no channel, no row
    assert await reminders.remind_person(999_999) == 0  # nobody by that id


async def test_the_scheduler_queues_on_start_and_the_engine_sends(
    db: Database, settings, telegram_double_unlimited
) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    [person] = await add_people(db, 1)
    clock = Clock(JUNE_1)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=clock), worker="w1")
    scheduler = runtime.scheduler
    assert isinstance(scheduler, CampaignScheduler)
    await scheduler.start()
    try:
        job = scheduler.scheduler.get_job(ASSET_REMINDERS_JOB)
        assert job is not None and str(job.trigger.timezone) == settings.timezone
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("8-19", "5")  # the day's hours in Bogotá
        await runtime.engine.drain()
    finally:
        await scheduler.stop()
        await runtime.close()
    texts = [m.text or "" for m in telegram_double_unlimited.messages_to(1000)]
    assert len(texts) == 2
    assert any("Declaración de bienes y rentas 2026" in t and "31 de julio de 2026" in t for t in texts)
    async with db.session() as session:
        states = set(await session.scalars(select(Delivery.state).where(Delivery.person_id == person)))
    assert states == {"enviada"}


async def test_a_joiner_is_reminded_when_linking_or_subscribing(
    db: Database, settings, telegram_double_unlimited
) -> None:  # type: ignore[no-untyped-def]
    """#18: someone who joins while a window is open does not wait for the next tick: linking
    a chat to their directory row (after its commit) or subscribing in the bot queues the open
    windows' reminders for them, once."""
    from campañas.port import CampaignsPort
    from nucleo.directory import link

    settings = settings_for(settings, telegram=telegram_double_unlimited)
    clock = Clock(JUNE_1)
    services = Services(settings=settings, db=db, clock=clock)
    CampaignRuntime(services, worker="w1")  # listens
    async with db.session() as session:
        joiner = Person(full_name="Nueva Servidora", kind="servidor", source="directorio", subscribed=True)
        contractor = Person(
            full_name="Nuevo Contratista", kind="contratista", telegram_chat_id=4343, subscribed=True
        )
        session.add_all([joiner, contractor])
        await session.commit()
        joiner_id, contractor_id = joiner.id, contractor.id
    async with db.session() as session:
        await link.link_chat(
            session,
            person_id=joiner_id,
            chat=link.ChatRef("telegram", "k" * 64, 4242),
            current_person_id=None,
            via="invitacion",
            now=JUNE_1,
        )
    await background(services).drain()  # the hook runs in the background
    queued = await _queued(db)
    assert queued == {
        ("recordatorio:bienes_rentas:2026", joiner_id): 1,
        ("recordatorio:preventiva:2026", joiner_id): 1,
    }
    port = CampaignsPort(settings, clock=clock)
    async with db.session() as session:
        await port.on_subscribed(session, contractor_id, JUNE_1)
        await port.on_subscribed(session, contractor_id, JUNE_1)  # twice: still once
    await background(services).drain()  # after the commit, in a transaction of its own
    queued = await _queued(db)
    assert queued[("recordatorio:preventiva:2026", contractor_id)] == 1
    assert ("recordatorio:bienes_rentas:2026", contractor_id) not in queued  # not a servant
    assert len(queued) == 3


async def _campaign(db: Database, origin: str) -> Campaign:
    async with db.session() as session:
        campaign = await session.scalar(select(Campaign).where(Campaign.origin == origin))
        assert campaign is not None
        return campaign


async def test_a_sent_sweep_stays_running_so_hr_can_pause_and_cancel(
    db: Database, settings, telegram_double_unlimited
) -> None:  # type: ignore[no-untyped-def]
    """Once a sweep's deliveries are out, the engine closes finished runs; a reminder campaign
    stays «en curso» while its window is open, so HR can pause or cancel it, and then a later
    joiner gets nothing from it."""
    from campañas.runs import finish_done_runs

    settings = settings_for(settings, telegram=telegram_double_unlimited)
    await add_people(db, 1)
    clock = Clock(JUNE_1)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=clock), worker="w1")
    reminders = _reminders(db, settings, clock)
    try:
        assert await reminders.tick() == 2
        await runtime.engine.drain()
        async with db.transaction() as session:
            await finish_done_runs(session, JUNE_1)
        assets = await _campaign(db, "recordatorio:bienes_rentas:2026")
        preventive = await _campaign(db, "recordatorio:preventiva:2026")
        assert assets.status == preventive.status == "en_curso"
        async with db.session() as session:
            await actions.pause(session, campaign_id=assets.id)
        async with db.session() as session:
            await actions.cancel(session, campaign_id=preventive.id, now=JUNE_1)
        [joiner] = await add_people(db, 1, start_chat=2000)
        clock.now = JUNE_1.replace(hour=16)
        assert await reminders.tick() == 0
        assert await reminders.remind_person(joiner) == 0
        await runtime.engine.drain()
    finally:
        await runtime.close()
    assert telegram_double_unlimited.messages_to(2000) == []
    assert len(telegram_double_unlimited.messages_to(1000)) == 2


async def test_a_closed_window_finishes_its_campaign_for_good(db: Database, settings) -> None:  # type: ignore[no-untyped-def]
    """The first sweep after a window closes, with nothing pending, finishes its campaign (and
    its run); a finished campaign gets nothing more, even when HR reopens the window."""
    settings = settings_for(settings)
    [person] = await add_people(db, 1)
    clock = Clock(JUNE_1)
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    async with db.transaction() as session:
        await session.execute(update(Delivery).values(state="enviada"))
    clock.now = AUGUST_3
    assert await reminders.tick() == 1  # the preventive one's second round (still open)
    assets = await _campaign(db, "recordatorio:bienes_rentas:2026")
    assert assets.status == "finalizada"
    assert (await _campaign(db, "recordatorio:preventiva:2026")).status == "en_curso"
    async with db.session() as session:
        states = set(await session.scalars(select(Run.state).where(Run.campaign_id == assets.id)))
    assert states == {"finalizada"}
    await add_people(db, 1, start_chat=3000)
    clock.now = JUNE_1.replace(hour=17)  # the window open again (as if HR stretched it)
    assert await reminders.tick() == 1  # only the preventive one for the newcomer
    assert ("recordatorio:bienes_rentas:2026", person + 1) not in await _queued(db)


async def test_a_channel_set_up_after_the_window_opened_reaches_its_people(db: Database, settings) -> None:  # type: ignore[no-untyped-def]
    """The year's campaign began with the chat only; once e-mail is set up, the next tick
    reminds those reachable only by e-mail (and nobody twice)."""
    settings = settings_for(settings)
    [chat] = await add_people(db, 1, email=True)
    [mail_only] = await add_people(db, 1, start_chat=5000, email=True, telegram=False)
    clock = Clock(JUNE_1)
    assert await _reminders(db, settings, clock, channels=("telegram",)).tick() == 2
    assert {p for _o, p in await _queued(db)} == {chat}
    assert await _reminders(db, settings, clock).tick() == 2  # SMTP now set up
    queued = await _queued(db)
    assert {p for _o, p in queued} == {chat, mail_only}
    assert all(n == 1 for n in queued.values())
    assert set((await _campaign(db, "recordatorio:preventiva:2026")).channels) == {"telegram", "correo"}


async def test_a_joiner_after_the_deadline_gets_the_late_text(db: Database, settings) -> None:  # type: ignore[no-untyped-def]
    """HR stretched the bienes y rentas window past 31 July: who is reached after the deadline
    gets «el plazo venció» (another piece and run of the same campaign), nobody twice."""
    from bot.declaraciones import assets
    from campañas.models import Piece

    settings = settings_for(settings)
    async with db.session() as session:
        await assets.set_reminder_window(
            session,
            year=2026,
            kind="bienes_rentas",
            opens_on=date(2026, 6, 1),
            closes_on=date(2026, 8, 31),
            staff=None,
            now=JUNE_1,
            today=date(2026, 6, 1),
        )
    [early] = await add_people(db, 1)
    clock = Clock(JUNE_1)
    reminders = _reminders(db, settings, clock)
    assert await reminders.tick() == 2
    [late] = await add_people(db, 1, start_chat=2000)
    clock.now = AUGUST_3
    assert await reminders.tick() == 2  # the late one's bienes y rentas and preventiva
    assert await reminders.tick() == 0
    async with db.session() as session:
        rows = (
            await session.execute(
                select(Delivery.person_id, Piece.caption_html, Delivery.run_id)
                .join(Piece, Piece.id == Delivery.piece_id)
                .join(Campaign, Campaign.id == Piece.campaign_id)
                .where(Campaign.origin == "recordatorio:bienes_rentas:2026")
            )
        ).all()
    texts = {person: text for person, text, _run in rows}
    assert len(rows) == 2 and len({run for *_x, run in rows}) == 2
    assert "se presenta entre" in texts[early] and "venció" not in texts[early]
    assert "el plazo venció" in texts[late]


async def test_a_subscription_commits_before_its_reminders_are_queued(db: Database, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The chat turn queues no reminder and takes no lock on a reminder campaign: the joiner's
    reminders are asked for after its commit (``LINKED``), in a transaction of their own, so
    a failure there never undoes the subscription."""
    from campañas import port as port_module

    settings = settings_for(settings)
    [person] = await add_people(db, 1)
    async with db.transaction() as session:
        await session.execute(update(Person).where(Person.id == person).values(subscribed=False))
    clock = Clock(JUNE_1)
    services = Services(settings=settings, db=db, clock=clock)
    runtime = CampaignRuntime(services, worker="w1")
    asked: list[tuple[int, bool]] = []

    async def failing(person_id: int) -> int:
        async with db.session() as session:  # the subscription is already saved
            subscribed = await session.scalar(select(Person.subscribed).where(Person.id == person_id))
        asked.append((person_id, bool(subscribed)))
        raise RuntimeError("the reminders failed")

    monkeypatch.setattr(runtime.asset_reminders, "remind_person", failing)
    async with db.session() as session:
        row = await session.get(Person, person)
        assert row is not None
        row.subscribed = True
        await port_module.CampaignsPort(settings, clock=clock).on_subscribed(session, person, JUNE_1)
    await background(services).drain()
    assert asked == [(person, True)]
    assert await _queued(db) == {}
    async with db.session() as session:
        assert await session.scalar(select(Person.subscribed).where(Person.id == person)) is True


async def test_linking_does_not_wait_for_the_joiners_reminders(db: Database, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The joiner hook runs in a tracked background task: the link's commit (and so the
    person's reply) returns while the reminders are still being queued."""
    import asyncio

    from nucleo.directory import link

    settings = settings_for(settings)
    services = Services(settings=settings, db=db, clock=Clock(JUNE_1))
    runtime = CampaignRuntime(services, worker="w1")
    release, done = asyncio.Event(), asyncio.Event()

    async def gated(person_id: int) -> int:
        await release.wait()
        done.set()
        return 0

    monkeypatch.setattr(runtime.asset_reminders, "remind_person", gated)
    async with db.session() as session:
        joiner = Person(full_name="Nueva Servidora", kind="servidor", source="directorio", subscribed=True)
        session.add(joiner)
        await session.commit()
        joiner_id = joiner.id
    async with db.session() as session:
        await link.link_chat(
            session,
            person_id=joiner_id,
            chat=link.ChatRef("telegram", "k" * 64, 4242),
            current_person_id=None,
            via="invitacion",
            now=JUNE_1,
        )
    assert not done.is_set() and background(services).running == 1
    release.set()
    await background(services).drain()
    assert done.is_set()


def test_the_reminder_texts_promise_nothing_about_stopping() -> None:
    """The texts (first and «again») do not promise to «stop» writing."""
    from campañas.asset_reminders import reminder_texts

    for kind in ("bienes_rentas", "ley_2013", "preventiva"):
        for today in (date(2026, 6, 1), date(2026, 8, 3)):
            for again in (False, True):
                text = reminder_texts(kind, 2026, today, again=again)[1]
                assert "dejamos de" not in text
    assert "así queda anotado" in reminder_texts("bienes_rentas", 2026, date(2026, 8, 3))[1]
