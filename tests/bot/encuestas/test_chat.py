"""Thirty people answer the survey in Telegram (real python-telegram-bot, the double, the whole
service); the database keeps only counters, and the results match what they tapped."""

from __future__ import annotations

import asyncio
import random
from collections import Counter

import httpx
import pytest
from sqlalchemy import select

from bot.encuestas.models import SurveyDraft, SurveyParticipation, SurveyTally
from nucleo.services import Services
from tests.bot.encuestas.conftest import launch_survey, make_people, tap, telegram_app
from tests.fakes.telegram_api import TelegramDouble


@pytest.mark.slow
async def test_thirty_people_answer_in_telegram(telegram_double_unlimited: TelegramDouble,
                                                services: Services, staff_headers) -> None:
    double = telegram_double_unlimited
    people = await make_people(services.db, {("Hacienda", "servidor"): 20,
                                             ("Tránsito", "contratista"): 10})
    app = telegram_app(services, double)
    rng = random.Random(3)
    tapped: dict[int, str] = {}
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        headers = await staff_headers("talento_humano")
        survey, launched = await launch_survey(client, headers)
        assert launched == {"invited": 30}
        chats = [100_000 + n for n in range(1, 31)]

        async def answer(chat: int) -> None:
            await double.wait_for_messages_async(chat, 1, timeout=20)
            seen = await tap(double, chat, 0, 1)                # "Responder la encuesta"
            assert "anónimas" in double.last_text(chat) and "1 de 3" in double.last_text(chat)
            choice = str(rng.randint(1, 5))
            tapped[chat] = choice
            seen = await tap(double, chat, int(choice) - 1, seen)
            seen = await tap(double, chat, "Declaro", seen)
            double.push_text(chat, "Más capacitación <b>por favor</b>")
            await double.wait_for_messages_async(chat, seen + 1, timeout=15)
            assert "Gracias" in double.last_text(chat)

        await asyncio.gather(*(answer(chat) for chat in chats))
        again = double.last_message(chats[0])
        assert again is not None
        closed = await client.post(f"/api/v1/surveys/{survey['id']}/close", headers=headers)
        assert closed.status_code == 204
        results = (await client.get(f"/api/v1/surveys/{survey['id']}/results?by=kind",
                                    headers=headers)).json()
        comments = (await client.get(f"/api/v1/surveys/{survey['id']}/comments",
                                     headers=headers)).json()
    first = results["overall"]["questions"][0]
    assert first["answered"] == 30
    assert first["counts"] == {k: Counter(tapped.values()).get(k, 0) for k in "12345"}
    assert {g["label"]: g["respondents"] for g in results["groups"]} == {
        "Servidores públicos": 20, "Contratistas": 10}
    assert len(comments) == 30 and comments[0]["comentario"] == "Más capacitación <b>por favor</b>"
    async with services.db.session() as session:
        assert list(await session.scalars(select(SurveyDraft))) == []
        assert sum(t.count for t in await session.scalars(
            select(SurveyTally).where(SurveyTally.group_key == "*"))) == 60
    assert len(people) == 30


async def test_someone_linked_after_the_launch_answers_from_the_menu(
        telegram_double_unlimited: TelegramDouble, services: Services, staff_headers) -> None:
    """The read path: a person who joins after the launch types /encuesta and gets the first
    question (never «No tiene encuestas pendientes»); the notice they read promises only what
    is done: no /misdatos pointer (it does not list surveys), no «se suman al terminar»."""
    double = telegram_double_unlimited
    await make_people(services.db, {("Hacienda", "servidor"): 2})
    app = telegram_app(services, double)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        headers = await staff_headers("talento_humano")
        survey, launched = await launch_survey(client, headers)
        assert launched == {"invited": 2}
        (late,) = await make_people(services.db, {("Archivo", "contratista"): 1}, first=40)
        chat = 100_040
        double.push_text(chat, "/encuesta")
        await double.wait_for_messages_async(chat, 1, timeout=20)
        first = double.last_text(chat)
        assert "1 de 3" in first and "No tiene encuestas" not in first
        assert "/misdatos" not in first and "al terminar se suman" not in first
        seen = await tap(double, chat, 0, 1)
        seen = await tap(double, chat, "Declaro", seen)
        seen = await tap(double, chat, "Omitir", seen)
        assert "Gracias" in double.last_text(chat)
    async with services.db.session() as session:
        status = await session.scalar(select(SurveyParticipation.status).where(
            SurveyParticipation.survey_id == survey["id"], SurveyParticipation.person_id == late))
    assert status == "terminada"
