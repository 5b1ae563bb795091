"""Add one finished response to the anonymous counters (an upsert per counter)."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas.models import SurveyRespondents, SurveyTally


def group_key(department_id: int | None, kind: str | None) -> str:
    return f"{department_id if department_id is not None else '-'}:{kind or '-'}"


async def _increment(session: AsyncSession, table: Table, keys: list[str],
                     row: dict[str, object]) -> None:
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(**row, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={"count": table.c.count + 1})
    await session.execute(statement)


async def add_response(session: AsyncSession, *, survey_id: int, department_id: int | None,
                       kind: str | None, choices: dict[int, str]) -> None:
    """Count one respondent in their group and each chosen option (caller commits)."""
    key = group_key(department_id, kind)
    group = {"department_id": department_id, "kind": kind, "group_key": key}
    await _increment(session, SurveyRespondents.__table__, ["survey_id", "group_key"],
                     {"survey_id": survey_id, **group})
    for question_id, option in sorted(choices.items()):
        await _increment(session, SurveyTally.__table__, ["question_id", "option", "group_key"],
                         {"survey_id": survey_id, "question_id": question_id, "option": option,
                          **group})
