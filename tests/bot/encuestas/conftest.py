"""Survey fixtures: a population of people with chats, a recording notifier, and the helpers of
the tests that run the whole service against the Telegram double."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from bot.encuestas.definition import QuestionIn, SurveyIn
from nucleo.db import Database
from nucleo.models import Department, Person
from nucleo.ports import Button
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram_api import TelegramDouble


@dataclass
class RecordingNotifier:
    sent: list[tuple[int, str, list[list[Button]] | None]] = field(default_factory=list)

    async def notify(self, session, person_id, text_html, buttons=None):
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


def small_survey(**overrides) -> SurveyIn:
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


def api_survey_body(*, comments: bool = True) -> dict[str, object]:
    """The body of ``POST /api/v1/surveys`` of the Telegram tests: a Likert question, a dilemma
    and (with ``comments``) a free-text one."""
    questions: list[dict[str, object]] = [
        {"kind": "likert", "value": "honestidad", "text": "¿Dicen la verdad?"},
        {"kind": "dilemma", "value": "justicia", "text": "¿Qué haría?",
         "options": ["Declaro", "Nada"]},
    ]
    if comments:
        questions.append({"kind": "text", "text": "Comentarios"})
    return {"title": "Percepción 2026", "period_label": "2026-II",
            "opens_on": "2026-11-01", "closes_on": "2026-11-30", "questions": questions}


async def launch_survey(client: httpx.AsyncClient, headers: dict[str, str], *,
                        comments: bool = True) -> tuple[dict[str, object], dict[str, object]]:
    """Create the Telegram tests' survey through the API and launch it: (survey, launch answer)."""
    survey = (await client.post("/api/v1/surveys", json=api_survey_body(comments=comments),
                                headers=headers)).json()
    launched = await client.post(f"/api/v1/surveys/{survey['id']}/launch", headers=headers)
    return survey, launched.json()


def telegram_app(services: Services, double: TelegramDouble) -> FastAPI:
    """The whole service, its bot talking to the Telegram double. The per-chat pacing stays as
    the ``settings`` fixture has it (off: on the real clock each chat's fourth quick message
    would wait about three seconds; the pacing is tested in tests/nucleo/test_ratelimit.py)."""
    services.settings = load_settings(
        data_dir=services.settings.data_dir, secret_key="s" * 40, telegram_token=double.token,
        telegram_base_url=double.base_url,
        telegram_chat_pacing=services.settings.telegram_chat_pacing)
    return create_app(services.settings, services=services, migrate=False)


async def tap(double: TelegramDouble, chat: int, label_or_index: str | int, seen: int,
              timeout: float = 20) -> int:
    """Tap a button of the last message (by label or position) and wait for the bot's next
    message; returns how many messages the chat has seen."""
    message = double.last_message(chat)
    buttons = [b for row in message.buttons for b in row]
    button = (buttons[label_or_index] if isinstance(label_or_index, int)
              else next(b for b in buttons if b["text"] == label_or_index))
    double.push_callback(chat, button["callback_data"], message_id=message.message_id)
    await double.wait_for_messages_async(chat, seen + 1, timeout=timeout)
    return seen + 1
