"""Observers and readers for the survey anonymity attacks (tests/bot/encuestas/test_anonymity.py).

``Transactions`` is the strongest observer of activity counters an attacker could have: every
committed transaction with the tables it wrote and how many rows, plus every SQL text sent
(what ``pg_stat_statements``, ``log_statement`` or a SQLite trace would keep). The counters of
``pg_stat_user_tables`` (``n_tup_ins``, ``n_tup_upd``, ``n_tup_del``), and any monitoring
scrape of them, are sums of these over one or more transactions (a backend flushes its counts
at most once a second), never finer. ``pg_stat_xact_user_tables`` cannot serve as the
per-transaction view: on PostgreSQL 15 it also reports a backend's earlier, not yet flushed
transactions.

``wal_records`` reads PostgreSQL's write-ahead log between two positions with ``pg_waldump``,
the files fetched through ``pg_read_binary_file`` (a superuser's view; on the server, the same
as reading ``pg_wal/``).
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from nucleo.db import Database

ANSWERS = ("survey_tallies", "survey_respondents", "survey_text_answers")
WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


@dataclass
class Commit:
    tables: set[str]
    """Tables written by an INSERT, UPDATE or DELETE of the transaction."""
    rows: dict[str, int] = field(default_factory=dict)
    """Rows written per table (what the transaction adds to pg_stat_user_tables)."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The statements (INSERT, UPDATE, DELETE) that wrote each table."""

    def answers(self) -> bool:
        return bool(self.tables & set(ANSWERS))

    def finishes(self) -> bool:
        """A person finished: the draft deleted, the participation marked."""
        return {"survey_participation", "survey_drafts"} <= self.tables and \
            "DELETE" in self.kinds.get("survey_drafts", "")


class Transactions:
    """Every transaction committed on ``db`` while attached, in commit order."""

    def __init__(self, db: Database) -> None:
        self.postgres = not db.is_sqlite
        self.engine = db.engine.sync_engine
        self.commits: list[Commit] = []
        self.statements: list[str] = []
        self._open: dict[int, Commit] = {}
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "after_cursor_execute", self._executed)
        event.listen(self.engine, "commit", self._commit)
        event.listen(self.engine, "rollback", self._rollback)

    def detach(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "after_cursor_execute", self._executed)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    def _statement(self, conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements.append(statement)
        match = WRITE.match(statement)
        if match:
            commit = self._open.setdefault(id(conn), Commit(set()))
            table = match.group(1).lower()
            commit.tables.add(table)
            commit.kinds[table] = commit.kinds.get(table, "") + statement.split(None, 1)[0].upper()

    def _executed(self, conn: Connection, cursor: Any, statement: str, *_args: Any) -> None:
        match = WRITE.match(statement)
        if match and cursor.rowcount and cursor.rowcount > 0:
            # setdefault: a statement already running when the observer attached
            # (the event loop switches inside a cursor execute) has no open entry yet.
            rows = self._open.setdefault(id(conn), Commit(set())).rows
            rows[match.group(1).lower()] = rows.get(match.group(1).lower(), 0) + cursor.rowcount

    def _commit(self, conn: Connection) -> None:
        commit = self._open.pop(id(conn), None)
        if commit is not None:
            self.commits.append(commit)

    def _rollback(self, conn: Connection) -> None:
        self._open.pop(id(conn), None)


def waldump() -> str | None:
    """The ``pg_waldump`` of the installed server, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_waldump"))
    return found[-1] if found else shutil.which("pg_waldump")


@dataclass
class WalRecord:
    lsn: int
    length: int
    xid: int
    rmgr: str
    desc: str
    filenodes: set[int]


LINE = re.compile(r"rmgr: (\S+)\s+len \(rec/tot\):\s*\d+/\s*(\d+), tx:\s*(\d+), "
                  r"lsn: ([0-9A-F]+)/([0-9A-F]+), prev \S+, desc: (.*)")
REL = re.compile(r"rel \d+/(\d+)/(\d+)")


def lsn_number(lsn: str) -> int:
    high, low = lsn.split("/")
    return (int(high, 16) << 32) + int(low, 16)


async def wal_between(db: Database, start: str, end: str,
                      folder: Path) -> tuple[list[WalRecord], bytes, int]:
    """The WAL records between two positions (parsed ``pg_waldump`` output), the raw bytes of
    the segments that hold them and the position of the first of those bytes. The WAL is the
    whole cluster's: a record's file nodes count only when they are in this test's database
    (databases cloned from one template share file node numbers, and other workers write)."""
    async with db.engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        database = int((await connection.execute(text(
            "SELECT oid FROM pg_database WHERE datname = current_database()"))).scalar())
        first = (await connection.execute(text("SELECT pg_walfile_name(CAST(CAST(:l AS text) AS pg_lsn))"), {"l": start})).scalar()
        last = (await connection.execute(text("SELECT pg_walfile_name(CAST(CAST(:l AS text) AS pg_lsn))"), {"l": end})).scalar()
        names = sorted(n for n in (await connection.execute(
            text("SELECT name FROM pg_ls_waldir()"))).scalars() if first <= n <= last)
        raw = b""
        for name in names:
            data = (await connection.execute(text("SELECT pg_read_binary_file(:p)"),
                                             {"p": f"pg_wal/{name}"})).scalar()
            (folder / name).write_bytes(bytes(data))
            raw += bytes(data)
        segment = int((await connection.execute(text(  # bytes since PostgreSQL 11
            "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'"))).scalar())
    number = int(names[0][8:16], 16) * (0x100000000 // segment) + int(names[0][16:24], 16)
    dump = subprocess.run([waldump() or "pg_waldump", "-p", str(folder), "-s", start, "-e", end],
                          capture_output=True, text=True, check=False)
    records = []
    for line in dump.stdout.splitlines():
        match = LINE.search(line)
        if match:
            rmgr, length, xid, high, low, desc = match.groups()
            records.append(WalRecord(lsn_number(f"{high}/{low}"), int(length), int(xid), rmgr,
                                     desc, {int(node) for oid, node in REL.findall(desc)
                                           if int(oid) == database}))
    assert records, dump.stderr
    return records, raw, number * segment


async def filenodes(db: Database, tables: tuple[str, ...]) -> dict[int, str]:
    """The current file node of each table (and of its TOAST table), to name WAL records."""
    found: dict[int, str] = {}
    async with db.engine.connect() as connection:
        for table in tables:
            rows = await connection.execute(text(
                "SELECT pg_relation_filenode(c.oid), pg_relation_filenode(c.reltoastrelid) "
                "FROM pg_class c WHERE c.relname = :t"), {"t": table})
            for node, toast in rows:
                found[int(node)] = table
                if toast:
                    found[int(toast)] = table
    return found
