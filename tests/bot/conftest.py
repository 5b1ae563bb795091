"""Fixtures for the bot: the dialogue core on the test database and a chat driver."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.core.engine import DialogueCore
from bot.core.flood import FloodControl
from bot.core.types import TELEGRAM, Input, PersonRef, Reply
from bot.service import dialogue_core
from nucleo.services import Services


@dataclass
class Chat:
    """Drives the core as one chat and keeps what the bot answered."""

    core: DialogueCore
    ref: PersonRef
    replies: list[Reply] = field(default_factory=list)

    async def send(self, text: str) -> list[Reply]:
        return await self._run(Input.from_text(self.ref, text))

    async def tap(self, data: str) -> list[Reply]:
        return await self._run(Input.button(self.ref, data))

    async def tap_label(self, fragment: str) -> list[Reply]:
        """Tap the most recent button whose label contains the fragment."""
        for reply in reversed(self.replies):
            for row in reply.buttons:
                for button in row:
                    if fragment.lower() in button.label.lower():
                        return await self.tap(button.data)
        raise AssertionError(f"no button with {fragment!r} in {self.texts()[-3:]}")

    async def _run(self, event: Input) -> list[Reply]:
        out = await self.core.handle(event)
        self.replies.extend(out)
        return out

    def texts(self) -> list[str]:
        return [r.text_html for r in self.replies]

    @property
    def last(self) -> str:
        return self.replies[-1].text_html


@pytest.fixture
def core(services: Services) -> DialogueCore:
    built = dialogue_core(services)
    built.flood = FloodControl(burst=1000, per_minute=60_000)
    return built


@pytest.fixture
def chat(core: DialogueCore) -> Chat:
    return Chat(core, PersonRef(TELEGRAM, "1001", "Ana <b>"))
