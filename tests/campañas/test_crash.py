"""Crash safety: a child process sending a campaign (by Telegram, or by e-mail through its
pool of SMTP connections) is killed with SIGKILL mid-send; a process under another name resumes
once the leases expired. No person gets a piece twice, nobody is lost, only the rows whose send
had started at the kill are 'incierta' (counted, never resent; for e-mail at most two groups of
``email_concurrency``), and the rows the child had claimed but not started are sent."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, text

from campañas import actions
from campañas.models import Delivery
from campañas.runtime import CampaignRuntime
from campañas.stats import campaign_stats
from nucleo.models import Person
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for
from tests.fakes.mail import Inbox
from tests.fakes.net import free_port
from tests.fakes.waiting import eventually

pytestmark = pytest.mark.slow  # a child process killed with SIGKILL

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 60
CONNECTIONS = 3  # pooled SMTP connections in the e-mail test


async def _schema(db) -> str | None:
    if db.is_sqlite:
        return None
    async with db.session() as session:
        return (await session.execute(text("SELECT current_schema()"))).scalar_one()


async def _no_open_rows(db) -> bool:
    async with db.session() as session:
        return not list(await session.scalars(
            select(Delivery.id).where(Delivery.state.in_(("pendiente", "enviando")))))


async def _kill_mid_send(db, raw: dict, sent_count) -> None:
    """Run the crash child with ``raw`` settings and SIGKILL it once a third has been sent."""
    child = subprocess.Popen([sys.executable, "-m", "tests.campañas.crash_child",
                              json.dumps(raw), await _schema(db) or ""],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def child_sent_a_third() -> bool:
        assert child.poll() is None, child.stderr.read()
        return sent_count() >= PEOPLE // 3

    try:  # importing the service takes long on a loaded machine; then sends start at once
        started = await asyncio.to_thread(child.stdout.readline)
        assert started.strip() == "STARTED", child.stderr.read()
        await eventually(child_sent_a_third, timeout=30, what="the child to send")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()
        child.stderr.close()


async def _left_open(db) -> tuple[int, set[int], object]:
    """How many rows the killed child left 'enviando', the rows it had claimed only (never
    started), its last lease."""
    async with db.session() as session:
        in_flight = len(list(await session.scalars(
            select(Delivery.id).where(Delivery.state == "enviando"))))
        claimed = set(await session.scalars(select(Delivery.id).where(
            Delivery.state == "pendiente", Delivery.lease_until.is_not(None))))
        last_lease = await session.scalar(select(func.max(Delivery.lease_until)))
    return in_flight, claimed, last_lease


async def _all_sent(db, ids: set[int]) -> bool:
    async with db.session() as session:
        return set(await session.scalars(select(Delivery.state).where(
            Delivery.id.in_(ids)))) <= {"enviada"}


async def _resume(db, settings, last_lease) -> CampaignRuntime:
    """Another process starts once every lease the child held has expired, and finishes."""
    later = last_lease + timedelta(seconds=1)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: later),
                              worker="another-host:9000")
    await runtime.engine.start()  # the reclaim happens here, then sending resumes
    try:
        await eventually(lambda: _no_open_rows(db), timeout=30,
                         what="the restart to finish the campaign")
    finally:
        await runtime.engine.stop()
        await runtime.close()
    return runtime


async def _states_by(db, recipient) -> list[tuple[str, object]]:
    async with db.session() as session:
        return list((await session.execute(
            select(Delivery.state, recipient).join(Person, Person.id == Delivery.person_id))).all())


def _check(rows, received: Counter, in_flight: int, stats) -> None:
    """Nobody twice, nobody lost: 'enviada' rows arrived once, only the in-flight rows are
    'incierta', and the statistics say so."""
    assert max(received.values()) == 1, "someone got the piece twice"
    states = Counter(state for state, _ in rows)
    assert set(states) <= {"enviada", "incierta"} and sum(states.values()) == PEOPLE
    assert states["incierta"] == in_flight
    for state, recipient in rows:
        if state == "enviada":
            assert received[recipient] == 1
    assert stats["totals"]["uncertain"] == in_flight
    assert stats["totals"]["sent"] + stats["totals"]["uncertain"] == PEOPLE


async def test_kill_mid_send_then_resume(db, settings, telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg, rate=25)
    await add_people(db, PEOPLE)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    tg.slow(0.15)  # requests take a while, so some are in flight at the kill
    raw = {"data_dir": str(settings.data_dir), "database_url": db.url, "secret_key": "x" * 32,
           "telegram_token": tg.token, "telegram_base_url": tg.base_url, "telegram_rate": 25}
    await _kill_mid_send(db, raw, tg.sent_count)
    await tg.wait_until_idle()  # requests the child had sent finish on the double's side
    assert tg.sent_count() < PEOPLE
    in_flight, claimed, last_lease = await _left_open(db)
    assert in_flight > 0

    tg.slow(0)
    runtime = await _resume(db, settings, last_lease)
    assert runtime.engine.recovered == in_flight
    assert await _all_sent(db, claimed)  # claimed but never started: sent by the next process
    async with db.session() as session:
        stats = await campaign_stats(session, campaign_id)
    received = Counter(m.chat_id for msgs in tg.sent_messages.values() for m in msgs)
    _check(await _states_by(db, Person.telegram_chat_id), received, in_flight, stats)


class SlowInbox(Inbox):
    """An SMTP server that takes a while to accept each message (in its own thread's loop)."""

    delay = 0.1
    receiving = 0  # messages whose DATA is under way: sends the child has started

    async def handle_DATA(self, server, session, envelope):
        self.receiving += 1
        try:
            await asyncio.sleep(self.delay)
            return await super().handle_DATA(server, session, envelope)
        finally:
            self.receiving -= 1


async def test_kill_mid_email_send_then_resume(db, settings):
    """The pooled e-mail lane marks rows 'enviando' a group at a time: after the kill at most
    two groups of connections are «incierta»; the rest are sent once by the next process."""
    inbox = SlowInbox()
    server = Controller(inbox, hostname="127.0.0.1", port=free_port())
    server.start()
    try:
        settings = settings_for(settings, smtp=server)
        await add_people(db, PEOPLE, email=True, telegram=False)
        campaign_id = await campaign_with_pieces(db, settings, channels=("correo",))
        async with db.session() as session:
            await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
        raw = {"data_dir": str(settings.data_dir), "database_url": db.url,
               "secret_key": "x" * 32, "smtp_host": "127.0.0.1", "smtp_port": server.port,
               "smtp_from": "talento.humano@alcaldia.gov.co", "smtp_tls": "ninguno",
               "email_concurrency": CONNECTIONS}
        # killed while a message is being received: its row is certainly 'enviando'
        await _kill_mid_send(db, raw, lambda: len(inbox.messages) if inbox.receiving else 0)
        in_flight, claimed, last_lease = await _left_open(db)
        assert 0 < in_flight <= 2 * CONNECTIONS
        inbox.delay = 0
        runtime = await _resume(db, settings, last_lease)
    finally:
        server.stop()
    assert runtime.engine.recovered == in_flight
    assert await _all_sent(db, claimed)
    async with db.session() as session:
        stats = await campaign_stats(session, campaign_id)
    received = Counter(str(m["To"]).split("<")[-1].rstrip(">") for m in inbox.messages)
    _check(await _states_by(db, Person.email), received, in_flight, stats)
