"""Fixtures for the bot: the dialogue core on the test database and a chat driver."""

from __future__ import annotations

import pytest

from bot.core.engine import DialogueCore
from bot.core.flood import FloodControl
from bot.core.types import TELEGRAM, PersonRef
from bot.service import dialogue_core
from nucleo.services import Services
from tests.bot.helpers import Chat


@pytest.fixture
def core(services: Services) -> DialogueCore:
    built = dialogue_core(services)
    built.flood = FloodControl(burst=1000, per_minute=60_000)
    return built


@pytest.fixture
def chat(core: DialogueCore) -> Chat:
    return Chat(core, PersonRef(TELEGRAM, "1001", "Ana <b>"))


@pytest.fixture
def fakes(services: Services) -> dict[str, object]:
    """Register in-memory campaigns, suggestions and consultations ports."""
    from nucleo.ports import CAMPAIGNS, CONSULTATIONS, SUGGESTIONS
    from tests.bot.fakes import FakeCampaigns, FakeConsultations, FakeSuggestions

    registered = {CAMPAIGNS: FakeCampaigns(), SUGGESTIONS: FakeSuggestions(),
                  CONSULTATIONS: FakeConsultations()}
    services.extras.update(registered)
    return registered
