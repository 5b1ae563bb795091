"""Telegram replies through the durable outbox (issue #13, «one outgoing path»): written in the
transaction of the input they answer, sent after commit in order per chat, never twice."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.core.types import TELEGRAM, Input, PersonRef, Reply
from bot.models import OutboxMessage
from bot.notify import OutboxNotifier, OutboxWorker, Outcome, queue_replies
from bot.service import dialogue_core
from nucleo.services import Services
from tests.bot.test_notify import FakeTelegram, statuses, telegram_person

CHAT = 4242


class FakeReplies:
    """A ``ReplySender`` that records what it sends, answering with the given outcomes."""

    def __init__(self, *outcomes: Outcome, once: dict[str, Outcome] | None = None) -> None:
        self.outcomes = list(outcomes)
        self.once = dict(once or {})  # the outcome of the first send of a text
        self.sent: list[tuple[int, str]] = []

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        self.sent.append((chat_id, reply.text_html))
        if reply.text_html in self.once:
            return self.once.pop(reply.text_html)
        return self.outcomes.pop(0) if self.outcomes else Outcome("sent")


class SignallingReplies(FakeReplies):
    """``FakeReplies`` that sets ``sent`` after each send."""

    def __init__(self) -> None:
        super().__init__()
        self.sent_event = asyncio.Event()

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        outcome = await super().send_reply(chat_id, reply)
        self.sent_event.set()
        return outcome


def watch_claims(worker: OutboxWorker) -> asyncio.Event:
    """An event set once the worker has looked at its queue (after its first claim)."""
    claim, looked = worker.outbox.claim, asyncio.Event()

    async def watched_claim(*args, **kwargs):
        found = await claim(*args, **kwargs)
        looked.set()
        return found

    worker.outbox.claim = watched_claim  # type: ignore[method-assign]  # a spy on the claim
    return looked


def frozen(services: Services) -> list[datetime]:
    now = [services.clock()]
    services.clock = lambda: now[0]
    return now


async def rows(services: Services) -> list[OutboxMessage]:
    async with services.db.session() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def queued(services: Services, *texts: str, chat_id: int = CHAT) -> None:
    async with services.db.transaction() as session:
        queue_replies(session, chat_id, [Reply(t) for t in texts], person_id=None,
                      now=services.clock())


async def test_the_core_queues_replies_in_the_inputs_transaction(services: Services) -> None:
    """The replies are rows of the outbox written with the dialogue state; nothing is
    returned to the channel to send by itself, and the commit wakes the worker."""
    woken: list[int] = []
    services.db.listen("bot.outbox_queued", lambda: woken.append(1))
    core = dialogue_core(services)
    ref = PersonRef(TELEGRAM, str(CHAT), "Ana")

    def queue(session, person_id, replies):
        queue_replies(session, CHAT, replies, person_id=person_id, now=services.clock())

    left = await core.handle(Input.from_text(ref, "/start").once("telegram:1"), queue=queue)
    assert left == [] and woken == [1]
    queued_rows = await rows(services)
    assert queued_rows and all(r.chat_id == CHAT and r.person_id is None
                               and r.state == "pendiente" for r in queued_rows)
    # A repeated update is ignored: no second set of replies.
    assert await core.handle(Input.from_text(ref, "/start").once("telegram:1"),
                             queue=queue) == []
    assert len(await rows(services)) == len(queued_rows)


async def test_a_reply_survives_a_crash_after_commit(services: Services) -> None:
    """Committed but not sent (the process died before its worker ran, or after it claimed
    the row): the next worker sends it, once."""
    now = frozen(services)
    await queued(services, "uno", "dos")
    dead = OutboxWorker(services, replies=FakeReplies())
    claimed = await dead.outbox.claim(now[0], 1)  # claimed "uno", then the process died
    assert [r.id for r in claimed] == [(await rows(services))[0].id]
    replies = FakeReplies()
    worker = OutboxWorker(services, replies=replies)
    assert await worker.run_once() == 0  # "dos" waits behind the claimed "uno": order holds
    now[0] += worker.outbox.lease + timedelta(seconds=1)
    assert await worker.run_once() == 2
    assert replies.sent == [(CHAT, "uno"), (CHAT, "dos")]
    assert await statuses(services) == ["enviada", "enviada"]
    assert await worker.run_once() == 0 and len(replies.sent) == 2


async def test_a_reply_in_flight_at_a_crash_is_uncertain_and_never_resent(
        services: Services) -> None:
    """A reply whose send had started when its worker died becomes «incierta»; a notice in
    the same case is sent again (a late duplicate notice is better than a lost one)."""
    now = frozen(services)
    person_id = await telegram_person(services)
    async with services.db.transaction() as session:
        await OutboxNotifier(services.clock).notify(session, person_id, "aviso")
    await queued(services, "respuesta")
    dead = OutboxWorker(services)
    ids = [r.id for r in await dead.outbox.claim(now[0], 10)]
    assert await dead.outbox.begin(ids, now[0]) == ids  # both in flight, and the process dies
    replies, telegram = FakeReplies(), FakeTelegram()
    worker = OutboxWorker(services, replies=replies, telegram=telegram, reclaim_every=0)
    now[0] += worker.outbox.lease + timedelta(seconds=1)
    assert await worker.run_once() == 1
    assert telegram.sent == [(55, "aviso")] and replies.sent == []
    assert await statuses(services) == ["enviada", "incierta"]
    now[0] += timedelta(minutes=30)
    assert await worker.run_once() == 0 and replies.sent == []


async def test_replies_keep_their_order_when_one_must_wait(services: Services) -> None:
    """Telegram asks to wait before the first reply: the next ones wait behind it."""
    now = frozen(services)
    await queued(services, "uno", "dos", "tres")
    await queued(services, "otro chat", chat_id=CHAT + 1)
    replies = FakeReplies(once={"uno": Outcome("retry", retry_after=3.0, error="429")})
    worker = OutboxWorker(services, replies=replies)
    assert await worker.run_once() == 4
    assert sorted(replies.sent) == [(CHAT, "uno"), (CHAT + 1, "otro chat")]
    assert await worker.run_once() == 0  # "dos" and "tres" wait for "uno"
    now[0] += timedelta(seconds=3)
    assert await worker.run_once() == 3
    assert [t for c, t in replies.sent if c == CHAT] == ["uno", "uno", "dos", "tres"]
    assert await statuses(services) == ["enviada"] * 4


async def test_a_reply_that_left_the_queue_keeps_no_text(services: Services) -> None:
    """What the bot said to a chat (/misdatos repeats personal data) is not stored once sent,
    refused or blocked; a reply that waits to be retried keeps it."""
    await queued(services, "sus datos: Ana", "otra", "espera")
    worker = OutboxWorker(services, replies=FakeReplies(
        Outcome("sent"), Outcome("failed", error="x"), Outcome("retry", retry_after=60)))
    await worker.run_once()
    assert [(r.state, r.text_html, r.buttons, r.image) for r in await rows(services)] == [
        ("enviada", "", [], None), ("fallida", "", [], None), ("pendiente", "espera", [], None)]


async def test_a_blocked_chat_marks_its_person(services: Services) -> None:
    from nucleo.models import Person

    person_id = await telegram_person(services, chat_id=CHAT)
    await queued(services, "hola")
    worker = OutboxWorker(services, replies=FakeReplies(Outcome("blocked", error="403")))
    assert await worker.run_once() == 1
    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None and person.telegram_blocked_at is not None
    assert await statuses(services) == ["bloqueada"]


async def test_the_worker_sends_right_after_commit(services: Services) -> None:
    """No polling: the commit that queues a reply wakes the running worker."""
    from bot.notify import QUEUED

    replies = SignallingReplies()
    worker = OutboxWorker(services, replies=replies, interval=3600)
    services.db.listen(QUEUED, worker.wake)
    looked = watch_claims(worker)
    await worker.start()
    try:
        await asyncio.wait_for(looked.wait(), timeout=10)  # found nothing; sleeps an hour
        await queued(services, "hola")
        await asyncio.wait_for(replies.sent_event.wait(), timeout=10)
    finally:
        await worker.stop()
    assert replies.sent == [(CHAT, "hola")]


async def test_forgetting_a_person_drops_the_replies_to_their_chat(services: Services) -> None:
    """/olvidarme: replies written before the chat was linked go too (they name the chat)."""
    from bot.people import forget_person

    person_id = await telegram_person(services, chat_id=CHAT)
    await queued(services, "antes de vincular")
    await queued(services, "de otro chat", chat_id=CHAT + 1)
    async with services.db.transaction() as session:
        await forget_person(session, person_id, extra_keys=[], now=services.clock())
    assert [r.text_html for r in await rows(services)] == ["de otro chat"]


async def test_a_reply_queued_by_another_process_wakes_the_leaders_worker(
        services: Services) -> None:
    """PostgreSQL, roles: a web replica queues the reply; its transaction's ``NOTIFY`` reaches
    the leader's worker (``LISTEN``) at commit, which sends it without waiting for its next
    round."""

    import pytest

    from bot.notify import QueuedAcrossProcesses
    from nucleo.db import Database

    if services.db.is_sqlite:
        pytest.skip("one process serves a SQLite file")
    leader_db = Database(services.db.url, schema=services.db.schema)
    leader = Services(settings=services.settings, db=leader_db)
    replies = SignallingReplies()
    worker = OutboxWorker(leader, replies=replies, interval=3600)
    listening = QueuedAcrossProcesses(leader, worker.wake)  # the replica has no worker
    looked = watch_claims(worker)
    await listening.start()
    await worker.start()
    try:
        await asyncio.wait_for(looked.wait(), timeout=10)  # found nothing; sleeps an hour
        await queued(services, "hola")
        await asyncio.wait_for(replies.sent_event.wait(), timeout=10)
    finally:
        await worker.stop()
        await listening.stop()
        await leader_db.dispose()
    assert replies.sent == [(CHAT, "hola")]
