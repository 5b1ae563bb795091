"""Crash safety: a child process sending a campaign is killed with SIGKILL mid-send; a
process under another name resumes once the leases expired. No person gets a piece twice,
nobody is lost, only the rows whose send had started at the kill are 'incierta' (counted,
never resent), and the rows the child had claimed but not started are sent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from campañas import actions
from campañas.models import Delivery
from campañas.runtime import CampaignRuntime
from campañas.stats import campaign_stats
from nucleo.models import Person
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for
from tests.fakes.waiting import eventually

pytestmark = pytest.mark.slow  # a child process killed with SIGKILL

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 60


async def _schema(db) -> str | None:
    if db.is_sqlite:
        return None
    async with db.session() as session:
        return (await session.execute(text("SELECT current_schema()"))).scalar_one()


async def _no_open_rows(db) -> bool:
    async with db.session() as session:
        return not list(await session.scalars(
            select(Delivery.id).where(Delivery.state.in_(("pendiente", "enviando")))))


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
    child = subprocess.Popen([sys.executable, "-m", "tests.campañas.crash_child",
                              json.dumps(raw), await _schema(db) or ""],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    def child_sent_a_third() -> bool:
        assert child.poll() is None, child.stderr.read()
        return tg.sent_count() >= PEOPLE // 3

    try:
        await eventually(child_sent_a_third, timeout=30, what="the child to send")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()
        child.stderr.close()
    await tg.wait_until_idle()  # requests the child had sent finish on the double's side
    sent_before = tg.sent_count()
    assert sent_before < PEOPLE
    async with db.session() as session:
        in_flight = len(list(await session.scalars(
            select(Delivery.id).where(Delivery.state == "enviando"))))
        claimed = len(list(await session.scalars(select(Delivery.id).where(
            Delivery.state == "pendiente", Delivery.lease_until.is_not(None)))))
        last_lease = await session.scalar(select(func.max(Delivery.lease_until)))
    assert in_flight > 0
    assert claimed + in_flight > 0

    tg.slow(0)
    later = last_lease + timedelta(seconds=1)  # every lease the child held has expired
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: later),
                              worker="another-host:9000")
    await runtime.engine.start()  # the reclaim happens here, then sending resumes
    try:
        await eventually(lambda: _no_open_rows(db), timeout=30,
                         what="the restart to finish the campaign")
    finally:
        await runtime.engine.stop()
        await runtime.close()
    assert runtime.engine.recovered == in_flight

    async with db.session() as session:
        rows = (await session.execute(
            select(Delivery.state, Person.telegram_chat_id)
            .join(Person, Person.id == Delivery.person_id))).all()
        stats = await campaign_stats(session, campaign_id)
    received = Counter(m.chat_id for msgs in tg.sent_messages.values() for m in msgs)
    assert max(received.values()) == 1, "someone got the piece twice"
    states = Counter(state for state, _ in rows)
    assert set(states) <= {"enviada", "incierta"} and sum(states.values()) == PEOPLE
    assert states["incierta"] == in_flight
    for state, chat in rows:
        if state == "enviada":
            assert received[chat] == 1
    assert stats["totals"]["uncertain"] == in_flight
    assert stats["totals"]["sent"] + stats["totals"]["uncertain"] == PEOPLE
