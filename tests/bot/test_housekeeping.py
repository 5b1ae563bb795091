"""Expiry of what the bot no longer needs."""

from __future__ import annotations

from datetime import timedelta

from bot.core.types import TELEGRAM, PersonRef
from bot.housekeeping import purge
from bot.models import Conversation, ProcessedInput
from bot.service import dialogue_core
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def test_idle_anonymous_conversations_expire_and_people_stay(services: Services) -> None:
    core = dialogue_core(services)
    anonymous = Chat(core, PersonRef(TELEGRAM, "1"))
    await anonymous.send("/start")                  # in the middle of onboarding: a state row
    registered = Chat(core, PersonRef(TELEGRAM, "2"))
    await onboard(registered)
    async with services.db.session() as session:
        session.add(ProcessedInput(key="telegram:1", received_at=services.clock() - timedelta(days=3)))
        await session.commit()
    assert await count_rows(services, Conversation) == 2
    await purge(services, services.clock() + timedelta(hours=1))
    assert await count_rows(services, Conversation) == 2
    await purge(services, services.clock() + timedelta(hours=25))
    assert await count_rows(services, Conversation) == 1
    assert await count_rows(services, ProcessedInput) == 0
