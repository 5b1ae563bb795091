"""Survey fixtures: a population of people with chats, and a recording notifier."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from bot.encuestas.definition import QuestionIn, SurveyIn
from nucleo.db import Database
from nucleo.models import Department, Person
from nucleo.ports import Button


@dataclass
class RecordingNotifier:
    sent: list[tuple[int, str, list[list[Button]] | None]] = field(default_factory=list)

    async def notify(self, session, person_id, text_html, buttons=None):  # type: ignore[no-untyped-def]
        self.sent.append((person_id, text_html, buttons))


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


async def make_people(db: Database, layout: dict[tuple[str, str], int],
                      first: int = 1) -> list[int]:
    """Create people by (department, kind) -> how many (chats from ``100_000 + first``);
    returns their ids."""
    ids: list[int] = []
    async with db.session() as session:
        departments: dict[str, Department] = {}
        for (name, _kind) in layout:
            if name not in departments:
                departments[name] = Department(name=name, normalized_name=name.lower())
                session.add(departments[name])
        await session.flush()
        n = first - 1
        for (name, kind), count in layout.items():
            for _ in range(count):
                n += 1
                person = Person(full_name=f"Persona {n}", kind=kind,
                                department_id=departments[name].id,
                                telegram_chat_id=100_000 + n, email=f"p{n}@x.co")
                session.add(person)
                await session.flush()
                ids.append(person.id)
        await session.commit()
    return ids


def small_survey(**overrides) -> SurveyIn:  # type: ignore[no-untyped-def]
    data = dict(
        title="Percepción 2026", period_label="2026-II", opens_on=date(2026, 11, 1),
        closes_on=date(2026, 11, 30), results_where="En el portal.",
        questions=[
            QuestionIn(kind="likert", value="honestidad", text="¿Dicen la verdad?"),
            QuestionIn(kind="likert", value="respeto", text="¿Tratan con respeto?"),
            QuestionIn(kind="dilemma", value="justicia", text="¿Qué haría?",
                       options=["Declaro", "Nada"]),
            QuestionIn(kind="text", text="Comentarios"),
        ])
    data.update(overrides)
    return SurveyIn(**data)
