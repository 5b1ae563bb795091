"""Attacks on survey anonymity by someone who reads the whole database at rest afterwards.

Eleven people answer in Telegram (real python-telegram-bot against the double, the whole
service), seven of them with a comment, one alone in her dependency (Archivo). The attacker
knows who took part and reads every table, the SQLite file and its WAL, the PostgreSQL heap
files and system columns, and every log line. Each attack below must find nothing better than
chance (docs/encuestas.md, «Modelo de amenaza»).
"""

from __future__ import annotations

import bisect
import logging
import re
import secrets
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from bot.encuestas.component import SCRUBBER
from bot.encuestas.models import (
    SurveyDraft,
    SurveyPool,
    SurveyRespondents,
    SurveyTally,
    SurveyTextAnswer,
)
from nucleo.db import Database
from nucleo.logs import QUIET_LOGGERS
from nucleo.models import AuditEntry
from nucleo.services import Services
from tests.bot.encuestas.attacks import ANSWERS, Transactions, WalRecord, filenodes, wal_between, waldump
from tests.bot.encuestas.conftest import launch_survey, make_people, tap, telegram_app
from tests.fakes.telegram_api import TelegramDouble

LAYOUT = {("Hacienda", "servidor"): 6, ("Tránsito", "contratista"): 4,
          ("Archivo", "servidor"): 1}
ANSWER_TABLES = (SurveyTally, SurveyRespondents, SurveyTextAnswer)
TABLES = ("survey_participation", "survey_drafts", "survey_pool", *ANSWERS)


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    """Every line the service would log at DEBUG, with the production caps on noisy loggers."""
    capture = Capture()
    root = logging.getLogger()
    saved = root.level, {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    yield capture.lines
    root.removeHandler(capture)
    root.setLevel(saved[0])
    for name, level in saved[1].items():
        logging.getLogger(name).setLevel(level)


async def _xmins(db: Database, table: str) -> list[int]:
    async with db.session() as session:
        return [int(x) for x in await session.scalars(text(f"SELECT xmin::text FROM {table}"))]


async def _ids(db: Database, model: type) -> set[int]:
    async with db.session() as session:
        return set(await session.scalars(select(model.id)))


async def _heap_bytes(db: Database, tables: tuple[str, ...]) -> dict[str, bytes]:
    """Each table's heap file as it is on disk, dead bytes included, after one checkpoint
    (nothing writes these tables meanwhile: one flush serves every file)."""
    files: dict[str, bytes] = {}
    async with db.engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("CHECKPOINT"))
        for table in tables:
            path = (await connection.execute(
                text("SELECT pg_relation_filepath(:t)"), {"t": table})).scalar()
            data = (await connection.execute(
                text("SELECT pg_read_binary_file(:p)"), {"p": path})).scalar()
            files[table] = bytes(data or b"")
    return files


@pytest.mark.slow
async def test_reading_the_database_links_no_answer_to_a_person(
        telegram_double_unlimited: TelegramDouble, services: Services, staff_headers,
        log_lines: list[str], tmp_path: Path) -> None:
    double = telegram_double_unlimited
    db = services.db
    people = await make_people(db, LAYOUT)
    assert len(people) == 11
    chats = [100_000 + n for n in range(1, 12)]
    archivo_chat = chats[-1]
    commenters = set(chats[:3] + chats[6:9] + [archivo_chat])  # 7 comments, Archivo's included
    markers = {chat: f"marca-{secrets.token_hex(6)}" for chat in commenters}
    app = telegram_app(services, double)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        headers = await staff_headers("talento_humano")
        survey, launched = await launch_survey(client, headers)
        assert launched == {"invited": 11}
        cells_at_launch = (await _ids(db, SurveyTally), await _ids(db, SurveyRespondents))
        if not db.is_sqlite:
            async with db.session() as session:
                sequence_at_launch = await session.scalar(
                    text("SELECT last_value FROM survey_tallies_id_seq"))
        transactions = Transactions(db)  # every commit from here on
        wal = await WalWindow.open(db) if not db.is_sqlite else None  # the WAL from here on

        for n, chat in enumerate(chats):  # one after the other: the order is the attacker's
            await double.wait_for_messages_async(chat, 1, timeout=20)
            seen = await tap(double, chat, 0, 1)
            seen = await tap(double, chat, n % 5, seen)
            seen = await tap(double, chat, "Declaro" if n % 3 else "Nada", seen)
            if chat in commenters:
                double.push_text(chat, f"{markers[chat]} más capacitación")
                await double.wait_for_messages_async(chat, seen + 1, timeout=20)
            else:
                seen = await tap(double, chat, "Omitir", seen)
            assert "Gracias" in double.last_text(chat)

        # Mid-survey: two batches of five were counted, one response waits; no comment row was
        # written in a transaction that also marked someone as finished.
        async with db.session() as session:
            assert await session.scalar(
                select(func.sum(SurveyRespondents.count))
                .where(SurveyRespondents.group_key == "*")) == 10
            assert await session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
        if not db.is_sqlite:
            finished = set(await _xmins(db, "survey_participation"))
            for table in ("survey_text_answers", "survey_tallies", "survey_respondents"):
                assert not finished & set(await _xmins(db, table)), table

        before_close = len(transactions.commits)
        closed = await client.post(f"/api/v1/surveys/{survey['id']}/close", headers=headers)
        assert closed.status_code == 204
        await services.extras[SCRUBBER].settled()  # the background scrub after the close
        transactions.detach()
        by_department = (await client.get(
            f"/api/v1/surveys/{survey['id']}/results?by=department", headers=headers)).json()
        comments = (await client.get(f"/api/v1/surveys/{survey['id']}/comments",
                                     headers=headers)).json()
    assert sorted(c["comentario"].split()[0] for c in comments) == sorted(markers.values())
    assert by_department["overall"]["respondents"] == 11
    assert "Archivo" not in {g["label"] for g in by_department["groups"]}
    assert "1 respuesta" in (by_department["note"] or "")  # the closing batch is told

    async with db.session() as session:
        # Attack: read a small group's counters. Archivo (1 person) and Tránsito (4) have no
        # counter of their own; every stored group holds 0 or at least 5 responses.
        respondents = list(await session.scalars(select(SurveyRespondents)))
        assert all(r.count == 0 or r.count >= 5 for r in respondents), \
            [(r.group_key, r.count) for r in respondents]
        tallies = list(await session.scalars(select(SurveyTally)))
        small = {r.group_key for r in respondents if r.count == 0}
        assert all(t.count == 0 for t in tallies if t.group_key in small)
        # Attack: columns that could carry identity or time.
        for model in (*ANSWER_TABLES, SurveyPool):
            for column in model.__table__.columns:
                assert not any(word in column.name for word in
                               ("person", "chat", "user", "email", "_at", "time", "created"))
        assert await session.scalar(select(func.count()).select_from(SurveyPool)) == 0
        assert await session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
        # Attack: audit records.
        audit = [str(e.details) + e.action for e in await session.scalars(select(AuditEntry))]
        assert not any(m in line for line in audit for m in markers.values())

    # Attack: new rows or sequence values in finishing order. No counter row was created after
    # the launch, so row ids and the sequence say nothing about who finished when.
    assert (await _ids(db, SurveyTally), await _ids(db, SurveyRespondents)) == cells_at_launch
    # Attack: log lines (DEBUG, with the production caps) never carry an answer or the button
    # data of an answer.
    assert not [line for line in log_lines
                if any(m in line for m in markers.values()) or "encuesta:r:" in line]

    _activity_counters(transactions, before_close, markers)
    await _order_and_time(db, people, markers)
    if db.is_sqlite:
        await _sqlite_files(db, markers)
    else:
        assert wal is not None
        await wal.check(markers, tmp_path)  # before the checkpoints below
        await _postgres_system_columns(db, markers, sequence_at_launch)


def _activity_counters(transactions: Transactions, before_close: int,
                       markers: dict[int, str]) -> None:
    """Attack: activity counters (pg_stat_user_tables, monitoring scrapes of it), at the finest
    grain they could ever have: one transaction. A person finishing writes no answer table, a
    transaction that writes answer tables marks nobody, and answer tables change only after at
    least 5 more people finished (or at the close): a counter's change in time points at no
    fewer than 5 candidates. ``pg_stat_statements`` or a statement log would only hold SQL
    texts, and no text carries an answer (all are bound parameters)."""
    commits = transactions.commits
    finishing = [c for c in commits if c.finishes()]
    assert len(finishing) == 11
    for commit in commits:
        assert not (commit.answers() and "survey_participation" in commit.tables), commit
    since, batches = 0, 0
    for n, commit in enumerate(commits[:before_close]):
        if commit.finishes():
            since += 1
        elif commit.answers():
            if since:  # the first answer transaction after some finishings: a new batch
                assert since >= 5, [c.tables for c in commits]
                batches += 1
            since = 0
            assert commit.rows.get("survey_pool", 0) >= 5, (n, commit)  # pool entries used
    assert batches == 2  # 5 + 5 before the close, the eleventh waited for it
    assert not [s for s in transactions.statements if any(m in s for m in markers.values())]


async def _order_and_time(db: Database, people: list[int], markers: dict[int, str]) -> None:
    """Attack: order answers by submission. ``conversations.updated_at`` does give the finishing
    order (the attacker has it), but no answer table has a time column, counter rows keep
    their launch order (SQLite ``rowid``, PostgreSQL ``ctid``) and comments come back in a
    random order, natural or by key."""
    async with db.session() as session:
        by_time = list(await session.scalars(text(
            "SELECT person_id FROM conversations WHERE person_id IS NOT NULL "
            "ORDER BY updated_at")))
        assert by_time == people  # they finished in this order: the attacker knows it
        for table in (*ANSWERS, "survey_pool"):
            if db.is_sqlite:
                types = [r[2] for r in await session.execute(text(f"PRAGMA table_info({table})"))]
            else:
                types = list(await session.scalars(text(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = :t"),
                    {"t": table}))
            assert not [t for t in types if re.search("date|time", t, re.IGNORECASE)], table
        physical = "rowid" if db.is_sqlite else "ctid"
        for table in ("survey_tallies", "survey_respondents"):
            ids = list(await session.scalars(text(f"SELECT id FROM {table} ORDER BY {physical}")))
            assert ids == sorted(ids), table  # launch order: nothing moved with an answer
        natural = [t.split()[0] for t in await session.scalars(
            text("SELECT text FROM survey_text_answers"))]
        by_key = [t.split()[0] for t in await session.scalars(
            text("SELECT text FROM survey_text_answers ORDER BY key"))]
    finished = [markers[c] for c in sorted(markers)]  # the commenters' finishing order
    assert sorted(natural) == sorted(finished)
    assert natural != finished and by_key != finished  # chance of equality: 1/5040 each


class WalWindow:
    """PostgreSQL's WAL from after the launch to after the close, kept by a temporary
    replication slot (no checkpoint recycles it meanwhile), read with ``pg_waldump``."""

    def __init__(self, db: Database, slot: asyncpg.Connection, start: str,
                 nodes: dict[int, str]) -> None:
        self.db, self.slot, self.start, self.nodes = db, slot, start, nodes

    @classmethod
    async def open(cls, db: Database) -> WalWindow | None:
        if waldump() is None:
            return None
        dsn = make_url(db.url).set(drivername="postgresql").render_as_string(
            hide_password=False)
        slot = await asyncpg.connect(dsn)
        await slot.execute("SELECT pg_create_physical_replication_slot($1, true, true)",
                           f"encuestas_{secrets.token_hex(4)}")
        start = await slot.fetchval("SELECT pg_current_wal_lsn()::text")
        return cls(db, slot, start, await filenodes(db, TABLES))

    async def check(self, markers: dict[int, str], folder: Path) -> None:
        """Attack: read the WAL. Drafts and pool never reach it (UNLOGGED); the comments do
        (their table is logged) but only in transactions that mark nobody as finished."""
        try:
            end = await self.slot.fetchval("SELECT pg_current_wal_lsn()::text")
            self.nodes |= await filenodes(self.db, TABLES)
            records, raw, base = await wal_between(self.db, self.start, end, folder)
        finally:
            await self.slot.close()  # drops the temporary slot
        table_of = {r.lsn: {self.nodes[n] for n in r.filenodes if n in self.nodes}
                    for r in records}
        participation = {r.xid for r in records if "survey_participation" in table_of[r.lsn]}
        answers = {r.xid for r in records if table_of[r.lsn] & set(ANSWERS)}
        assert len(participation) >= 11 and answers
        assert not (participation & answers) - {0}  # the xmin join, on the WAL
        assert not [r for r in records if r.rmgr.startswith("Heap")
                    and table_of[r.lsn] & {"survey_drafts", "survey_pool"}]
        async with self.db.session() as session:
            question = await session.scalar(select(func.min(SurveyTally.question_id)))
        window = raw[self.wal_offset(self.start, base):self.wal_offset(end, base)]
        starts = [r.lsn for r in records]

        def record_at(offset: int) -> WalRecord:
            lsn = base + self.wal_offset(self.start, base) + offset
            return records[bisect.bisect_right(starts, lsn) - 1]

        drafts = [m.start() for m in re.finditer(re.escape(f'{{"{question}": '.encode()), window)]
        assert not [o for o in drafts if record_at(o).filenodes]  # no draft or pool JSON here
        for marker in markers.values():
            found = [m.start() for m in re.finditer(re.escape(marker.encode()), window)]
            assert found, marker  # the comment table is logged: the text is there...
            for offset in found:  # ...but never in a transaction that marked a person
                record = record_at(offset)
                assert record.xid not in participation, (marker, record)

    @staticmethod
    def wal_offset(lsn: str, base: int) -> int:
        high, low = lsn.split("/")
        return (int(high, 16) << 32) + int(low, 16) - base


async def _sqlite_files(db: Database, markers: dict[int, str]) -> None:
    """Attack: scan the SQLite file, its free pages and its WAL for drafts, pool entries and
    older copies of the comments."""
    path = Path(make_url(db.url).database or "")
    wal = path.with_name(path.name + "-wal")
    async with db.engine.connect() as connection:
        assert (await connection.exec_driver_sql("PRAGMA secure_delete")).scalar() == 1
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert not wal.exists() or wal.stat().st_size == 0  # truncated after the closing batch
    for marker in markers.values():
        assert raw.count(marker.encode()) == 1, marker  # the comment row, nothing else
    async with db.session() as session:
        question = await session.scalar(select(func.min(SurveyTally.question_id)))
    assert f'{{"{question}": '.encode() not in raw  # no draft or pool JSON left anywhere


async def _postgres_system_columns(db: Database, markers: dict[int, str],
                                   sequence_at_launch: int) -> None:
    """Attacks on PostgreSQL: xmin joins, ctid order, sequences, dead tuples in the files."""
    finished = await _xmins(db, "survey_participation")
    answer_xmins = {table: set(await _xmins(db, table)) for table in
                    ("survey_text_answers", "survey_tallies", "survey_respondents")}
    for table, xmins in answer_xmins.items():
        assert not xmins & set(finished), table  # the xmin join finds nothing
        assert len(xmins) == 1, table            # all rewritten by the closing transaction
    # Nearest-transaction attack: every finishing precedes the one answer transaction, so the
    # candidates for any comment or counter are all eleven people.
    closing = next(iter(answer_xmins["survey_text_answers"]))
    assert all(x < closing for x in finished) and len(finished) == 11
    async with db.session() as session:
        assert await session.scalar(text("SELECT last_value FROM survey_tallies_id_seq")) \
            == sequence_at_launch
        # ctid order of the comments is a shuffle: it does not follow the finishing order.
        by_ctid = [t.split()[0] for t in await session.scalars(
            text("SELECT text FROM survey_text_answers ORDER BY ctid"))]
        assert len(by_ctid) == 7
        # Drafts and pool never reach the WAL.
        persistence = dict((await session.execute(text(
            "SELECT relname, relpersistence::text FROM pg_class "
            "WHERE relname IN ('survey_drafts', 'survey_pool')"))).all())
        assert persistence == {"survey_drafts": "u", "survey_pool": "u"}
    ordered = [markers[c] for c in sorted(markers)]  # the commenters' finishing order
    assert by_ctid != ordered  # chance of equality: 1/5040
    # Dead tuples: the heap files hold no draft, no pool entry and no second copy of a comment.
    heaps = await _heap_bytes(db, ("survey_drafts", "survey_pool", "survey_text_answers"))
    for table in ("survey_drafts", "survey_pool"):
        assert not any(m.encode() in heaps[table] for m in markers.values()), table
    raw = heaps["survey_text_answers"]
    for marker in markers.values():
        assert raw.count(marker.encode()) == 1, marker
