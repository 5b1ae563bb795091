"""Survey pool cost: recording a finished response and closing a survey of 2,000 respondents.

Recording a response = the last answer of a person: participation marked and draft deleted in
one transaction, then the pool entries in another, then (every fifth response) a batch counted
and scrubbed (WAL checkpoint on SQLite, VACUUM FULL of drafts/pool/comments on PostgreSQL).
In the service the scrub runs in the background (``SurveyScrubber``), off the reply path; here
it runs inline after each batch, so the figures are an upper bound of the reply's wait.
Reference measured in the same run: one bare INSERT of a row in its own transaction.
Closing = last batch, ``otras``, every counter and comment rewritten, and the final scrub.

Usage: .venv/bin/python bench/survey_pool.py [--people 2000] [--timed 200] [--pg URL] [--only sqlite|pg]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bench.pg_schema import scratch_database
from bot.encuestas import actions, answering
from bot.encuestas.definition import QuestionIn, SurveyIn
from bot.encuestas.tally import SCRUB, pool_entries, pool_response, scrub
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.models import Department, Person

NOW = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)
QUESTIONS = 10


def survey_in() -> SurveyIn:
    questions = [QuestionIn(kind="likert", value="honestidad", text=f"Pregunta {n}")
                 for n in range(QUESTIONS)]
    return SurveyIn(title="Bench", period_label="2026-II", opens_on=date(2026, 11, 1),
                    closes_on=date(2026, 11, 30),
                    questions=[*questions, QuestionIn(kind="text", text="Comentarios")])


async def setup(db: Database, people: int) -> tuple[int, list[tuple[int, int | None, str]]]:
    await upgrade_database(db)
    async with db.session() as session:
        departments = [Department(name=f"Dep {n}", normalized_name=f"dep {n}") for n in range(20)]
        session.add_all(departments)
        await session.flush()
        rows = [{"full_name": f"P {i}", "kind": "servidor" if i % 3 else "contratista",
                 "department_id": departments[i % 20].id, "telegram_chat_id": 500_000 + i,
                 "email": f"p{i}@x.co"} for i in range(people)]
        await session.execute(insert(Person), rows)
        await session.commit()
        ids = [(r[0], r[1], r[2]) for r in (await session.execute(
            text("SELECT id, department_id, kind FROM people ORDER BY id"))).all()]

    async def invite(*_args: object) -> None:
        return None

    async with db.session() as session:
        survey = await actions.create_survey(session, survey_in(), None)
        await actions.launch_survey(session, survey.id, None, NOW, invite)
    return survey.id, ids


async def bare_insert(db: Database, n: int) -> float:
    """Reference: one INSERT in its own transaction, the cheapest possible record."""
    async with db.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE bench_ref (k VARCHAR(32) PRIMARY KEY, v TEXT)"))
    times = []
    for _ in range(n):
        start = time.perf_counter()
        async with db.engine.begin() as connection:
            await connection.execute(text("INSERT INTO bench_ref VALUES (:k, :v)"),
                                     {"k": uuid.uuid4().hex, "v": "x" * 40})
        times.append(time.perf_counter() - start)
    return statistics.mean(times)


async def run(db: Database, label: str, people: int, timed: int) -> None:
    db.listen(SCRUB, lambda final: scrub(db, final=final))  # inline: counted in the timings
    survey_id, ids = await setup(db, people)
    reference = await bare_insert(db, timed)
    finish: list[float] = []
    for n, (person, _dep, _kind) in enumerate(ids[:timed]):
        async with db.session() as session:
            step = await answering.start(session, survey_id, person)
            for _ in range(QUESTIONS):
                step = await answering.answer(session, survey_id, person, step.question_id,
                                              str(1 + n % 5))
            start = time.perf_counter()
            step = await answering.answer(session, survey_id, person, step.question_id,
                                          f"comentario {n}")
            finish.append(time.perf_counter() - start)
            assert step.finished
    async with db.session() as session:
        survey = await actions.get_survey(session, survey_id)
        question_ids = [q.id for q in survey.questions]
    for n, (_person, dep, kind) in enumerate(ids[timed:]):  # the rest straight to the pool
        choices = {q: str(1 + (n + q) % 5) for q in question_ids[:-1]}
        await pool_response(db, survey_id, pool_entries(dep, kind, choices,
                                                        {question_ids[-1]: f"c {n}"}))
    start = time.perf_counter()
    async with db.session() as session:
        await actions.close_survey(session, survey_id, None, NOW)
    close = time.perf_counter() - start
    mean, p95 = statistics.mean(finish), sorted(finish)[int(len(finish) * 0.95)]
    print(f"{label:10s} bare insert {reference * 1000:6.2f} ms = 1.00 | record a response: "
          f"mean {mean * 1000:6.2f} ms ({mean / reference:5.1f}x), p95 {p95 * 1000:6.2f} ms "
          f"({p95 / reference:5.1f}x) | close {people} respondents: {close * 1000:7.1f} ms "
          f"({close / reference:6.0f}x)")


async def main(people: int, timed: int, pg_url: str, only: str | None) -> None:
    print(f"{people} respondents, {QUESTIONS} likert questions + 1 comment, "
          f"{timed} responses timed through the answering actions")
    if only != "pg":
        await _sqlite(people, timed)
    if only != "sqlite":
        await _postgres(people, timed, pg_url)


async def _sqlite(people: int, timed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        await run(sqlite, "SQLite", people, timed)
        await sqlite.dispose()


async def _postgres(people: int, timed: int, pg_url: str) -> None:
    async with scratch_database(pg_url) as pg:
        await run(pg, "PostgreSQL", people, timed)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--timed", type=int, default=200)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=["sqlite", "pg"])
    args = parser.parse_args()
    asyncio.run(main(args.people, args.timed, args.pg, args.only))
