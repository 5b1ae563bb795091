"""Helpers for bot tests: a chat driver over the core, onboarding, row counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.engine import DialogueCore
from bot.core.types import Input, PersonRef, Reply
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


async def onboard(chat: Chat, *, campaigns: bool = True, statistics: bool = True,
                  follow_up: bool = True, kind: str = "servidor") -> None:
    """Go through /start answering each purpose (department skipped if none exist)."""
    await chat.send("/start")
    for code, granted in (("campanas", campaigns), ("estadisticas", statistics),
                          ("seguimiento", follow_up)):
        await chat.tap(f"inicio:{'si' if granted else 'no'}:{code}")
    if statistics:
        await chat.tap(f"inicio:tipo:{kind}")


async def count_rows(services: Services, model: type) -> int:
    from sqlalchemy import func, select

    async with services.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())
