"""The anonymous counters and the pool that feeds them.

A finished response is never counted in the transaction that marks the person as finished:
``answering`` marks participation and deletes the draft, and only after that commit the
response goes to the pool (``pool_response``), in a transaction of its own, as one entry per
dimension with random keys and no time. A group's entries are added to the counters together,
shuffled, once ``MIN_BATCH`` of them wait (``release``), so every change of a counter and every
comment written belongs to at least ``MIN_BATCH`` people. At close the rest is added in one
batch (``Survey.closing_batch`` tells the results), groups that stayed under the minimum go to
``otras``, and every counter and comment is rewritten in the closing transaction so the stored
rows carry no trace of the earlier batches. After each batch ``scrub`` removes what a deletion
left behind (SQLite WAL, PostgreSQL dead tuples): the batch signals ``SCRUB`` and the
``SurveyScrubber`` component runs it in the background, off the bot's reply path.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.encuestas.models import (
    Survey,
    SurveyPool,
    SurveyRespondents,
    SurveyTally,
    SurveyTextAnswer,
)
from nucleo.db import Database, signal

log = logging.getLogger(__name__)

MIN_BATCH = 5
OVERALL = "*"
DIMENSIONS = ("d", "k")
OTHERS = "otras"
SCRUB = "encuestas.scrub"  # signal after a batch commits; args: (final,)
_rng = random.SystemRandom()


def group_keys(department_id: int | None, kind: str | None) -> list[str]:
    """The groups one response counts in: everyone, its department and its kind."""
    return [OVERALL, f"d:{department_id if department_id is not None else '-'}",
            f"k:{kind or '-'}"]


def others(dimension: str) -> str:
    return f"{dimension}:{OTHERS}"


def _options(survey: Survey) -> list[tuple[int, str]]:
    return [(q.id, o["key"]) for q in survey.questions if q.kind != "text" for o in q.options]


async def ensure_cells(session: AsyncSession, survey: Survey, keys: Iterable[str]) -> None:
    """Create the zero counters of these groups that do not exist yet (caller commits).

    Called at launch for every group of the audience and when a late joiner is invited, so
    counting a response only ever updates rows that already exist.
    """
    wanted = sorted(set(keys) | {OVERALL} | {others(d) for d in DIMENSIONS})
    existing = set(await session.scalars(select(SurveyRespondents.group_key).where(
        SurveyRespondents.survey_id == survey.id)))
    missing = [key for key in wanted if key not in existing]
    for key in missing:
        department, kind = _attributes(key)
        session.add(SurveyRespondents(survey_id=survey.id, group_key=key, count=0,
                                      department_id=department, kind=kind))
        for question_id, option in _options(survey):
            session.add(SurveyTally(survey_id=survey.id, question_id=question_id, option=option,
                                    group_key=key, department_id=department, kind=kind, count=0))
    if missing:
        await session.flush()


def _attributes(key: str) -> tuple[int | None, str | None]:
    dimension, _, value = key.partition(":")
    if dimension == "d" and value.isdigit():
        return int(value), None
    if dimension == "k" and value not in ("-", OTHERS):
        return None, value
    return None, None


def pool_entries(department_id: int | None, kind: str | None, choices: dict[int, str],
                 texts: dict[int, str]) -> list[dict[str, Any]]:
    """The pool entries of one response: the comments travel only with the overall one."""
    chosen = {str(q): o for q, o in choices.items()}
    return [{"group_key": key, "choices": chosen,
             "texts": {str(q): t for q, t in texts.items()} if key == OVERALL else {}}
            for key in group_keys(department_id, kind)]


async def pool_response(db: Database, survey_id: int, entries: list[dict[str, Any]]) -> None:
    """Put a finished response in the pool, then count the groups that have enough waiting.

    Runs after the transaction that marked the person as finished has committed, in
    transactions of its own: nothing written here shares a transaction with participation.
    """
    async with db.transaction() as session:
        order = list(entries)
        _rng.shuffle(order)
        session.add_all(SurveyPool(survey_id=survey_id, **entry) for entry in order)
    async with db.transaction() as session:
        survey = await session.get(Survey, survey_id)
        if survey is not None:
            await release(session, survey, final=survey.status == "cerrada")


async def release(session: AsyncSession, survey: Survey, *, final: bool) -> int:
    """Add to the counters every group with at least ``MIN_BATCH`` entries waiting (all of
    them when ``final``), shuffled, and delete those entries; returns how many responses were
    counted overall. The caller commits; after that commit the ``SCRUB`` signal asks for a
    ``scrub`` in the background.

    The survey row is locked first (PostgreSQL), so two batches never count the same entries.
    """
    await session.execute(select(Survey.id).where(Survey.id == survey.id).with_for_update())
    entries = list(await session.scalars(select(SurveyPool).where(
        SurveyPool.survey_id == survey.id)))
    waiting: dict[str, list[SurveyPool]] = defaultdict(list)
    for entry in entries:
        waiting[entry.group_key].append(entry)
    ready = {key: group for key, group in waiting.items() if final or len(group) >= MIN_BATCH}
    if not ready and not final:
        return 0
    respondents = await _respondents(session, survey.id)
    targets: dict[str, str] = {}
    for key, group in ready.items():
        targets[key] = key
        if final and key != OVERALL and len(group) < MIN_BATCH \
                and _count(respondents, key) < MIN_BATCH:
            targets[key] = others(key.split(":", 1)[0])
    await ensure_cells(session, survey, targets.values())
    respondents = await _respondents(session, survey.id)
    query = select(SurveyTally).where(SurveyTally.survey_id == survey.id)
    if not final:  # a batch touches only its groups' counters
        query = query.where(SurveyTally.group_key.in_(set(targets.values())))
    cells = {(t.question_id, t.option, t.group_key): t for t in await session.scalars(query)}
    comments: list[tuple[int, str]] = []
    counted = 0
    for key, group in sorted(ready.items()):
        _rng.shuffle(group)
        target = targets[key]
        if key == OVERALL:
            counted = len(group)
            if final and len(group) < MIN_BATCH:
                survey.closing_batch = (survey.closing_batch or 0) + len(group)
        respondents[target].count += len(group)
        added: dict[tuple[int, str], int] = defaultdict(int)
        for entry in group:
            for question, option in entry.choices.items():
                added[(int(question), option)] += 1
            comments.extend((int(q), t) for q, t in entry.texts.items())
        for (question_id, option), n in added.items():
            cell = cells.get((question_id, option, target))
            if cell is not None:
                cell.count += n
    if ready:
        keys = [entry.key for group in ready.values() for entry in group]
        await session.execute(delete(SurveyPool).where(SurveyPool.key.in_(keys)))
    if final:
        _merge_small_others(respondents, cells)
        comments += [(r.question_id, r.text) for r in await session.scalars(
            select(SurveyTextAnswer).where(SurveyTextAnswer.survey_id == survey.id))]
        await session.execute(delete(SurveyTextAnswer).where(
            SurveyTextAnswer.survey_id == survey.id))
    _rng.shuffle(comments)
    session.add_all(SurveyTextAnswer(survey_id=survey.id, question_id=q, text=t)
                    for q, t in comments)
    await session.flush()
    if final:
        # Every counter gets the closing transaction: no row tells which batch changed it last.
        for table in (SurveyTally, SurveyRespondents):
            await session.execute(update(table).where(table.survey_id == survey.id)
                                  .values(count=table.count + 0)
                                  .execution_options(synchronize_session=False))
    signal(session, SCRUB, final)
    return counted


async def _respondents(session: AsyncSession, survey_id: int) -> dict[str, SurveyRespondents]:
    return {r.group_key: r for r in await session.scalars(
        select(SurveyRespondents).where(SurveyRespondents.survey_id == survey_id))}


def _count(respondents: dict[str, SurveyRespondents], key: str) -> int:
    row = respondents.get(key)
    return row.count if row is not None else 0


def _merge_small_others(respondents: dict[str, SurveyRespondents],
                        cells: dict[tuple[int, str, str], SurveyTally]) -> None:
    """When ``otras`` of a dimension ends under the minimum, the smallest counted group of that
    dimension joins it (as the results would merge them), so no stored group is under it."""
    for dimension in DIMENSIONS:
        other = respondents.get(others(dimension))
        if other is None or not 0 < other.count < MIN_BATCH:
            continue
        candidates = sorted((r.count, key) for key, r in respondents.items()
                            if key.startswith(f"{dimension}:") and key != other.group_key
                            and r.count >= MIN_BATCH)
        if not candidates:
            continue
        _, smallest = candidates[0]
        other.count += respondents[smallest].count
        respondents[smallest].count = 0
        for (question_id, option, key), cell in cells.items():
            if key == smallest and cell.count:
                target = cells.get((question_id, option, other.group_key))
                if target is not None:
                    target.count += cell.count
                    cell.count = 0


# A transaction whose snapshot predates a delete may still see the deleted rows, and VACUUM FULL
# copies such rows into the new file: the scrub waits (up to this long) until none is left.
SNAPSHOT_WAIT_SECONDS = 30.0
# Two kinds of transaction keep deleted rows "recently dead", so that VACUUM FULL copies them:
# - in this database, any whose snapshot (backend_xmin) or xid is older than the deletes. A
#   writer idle in a READ COMMITTED transaction holds no snapshot, but its xid holds the horizon;
# - in ANY database of the server, one whose xid is older: every snapshot taken here, VACUUM
#   FULL's own included, starts at the oldest xid still running on the whole server, and that
#   xmin then holds this database's horizon back. ``pg_current_snapshot`` shows that xid
#   whatever the role may see of other sessions in ``pg_stat_activity``.
_OLDER_SNAPSHOTS = text(
    "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) <= :horizon "
    "OR EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() "
    "AND (age(backend_xmin) >= age(CAST(CAST(:horizon32 AS text) AS xid)) "
    "OR age(backend_xid) >= age(CAST(CAST(:horizon32 AS text) AS xid))))")


async def _outlive_older_snapshots(connection: AsyncConnection) -> bool:
    """Wait until every transaction that could still see a deleted draft or pool row ends;
    False when one outlives ``SNAPSHOT_WAIT_SECONDS`` (rewriting now would copy the rows)."""
    horizon = int(await connection.scalar(text("SELECT txid_current()")))
    values = {"horizon": horizon, "horizon32": str(horizon % 4294967296)}
    deadline = asyncio.get_running_loop().time() + SNAPSHOT_WAIT_SECONDS
    pause = 0.01
    while await connection.scalar(_OLDER_SNAPSHOTS, values):
        if asyncio.get_running_loop().time() > deadline:
            log.warning("survey scrub: an old transaction kept deleted rows from being removed")
            return False
        await asyncio.sleep(pause)  # other sessions' transactions; no event to wait on
        pause = min(pause * 2, 0.5)
    return True


async def scrub(db: Database, *, final: bool = False) -> bool:
    """Remove what deleted drafts and pool entries left behind: on SQLite, copy the WAL into
    the (securely deleted) file and truncate it; on PostgreSQL, rewrite the draft and pool
    tables (``VACUUM FULL``: a plain VACUUM frees dead rows but leaves their bytes in the page;
    the counters with ``CLUSTER``, the same rewrite in key order).
    A batch only adds comments and changes counters by groups of five; at close the comment and
    counter tables are rewritten too, so no earlier version stays to be subtracted from the
    final one. False when something was left behind and the scrub must run again later."""
    try:
        if db.is_sqlite:
            async with db.write_gate(), db.engine.connect() as connection:
                busy = (await connection.exec_driver_sql(
                    "PRAGMA wal_checkpoint(TRUNCATE)")).first()
                if busy and busy[0]:
                    log.warning("survey scrub: the WAL was busy and could not be truncated")
                    return False
        else:
            async with db.engine.connect() as connection:
                connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
                if not await _outlive_older_snapshots(connection):
                    return False
                await connection.execute(text("VACUUM FULL survey_pool, survey_drafts"))
                if final:  # only the close deletes comments and leaves counter versions
                    await connection.execute(text("VACUUM FULL survey_text_answers"))
                    # Counters are rewritten in key order (their launch order): where the
                    # batches' updated versions landed (HOT pruning reuses slots as soon as no
                    # snapshot needs them) says nothing afterwards.
                    for table in ("survey_tallies", "survey_respondents"):
                        await connection.execute(text(f"CLUSTER {table} USING pk_{table}"))
    except Exception:
        log.warning("survey scrub failed", exc_info=True)
        return False
    return True
