"""The context a transition gets: the session, the person (if any), the state and the replies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.flow import FlowRegistry
from bot.core.types import PersonRef, Reply
from bot.models import Conversation
from nucleo.models import Person
from nucleo.ports import Button
from nucleo.services import Key, Services

T = TypeVar("T")


@dataclass
class Context:
    """Everything one transition may read or change; the core commits after it returns."""

    session: AsyncSession
    services: Services
    registry: FlowRegistry
    ref: PersonRef
    key: str
    conversation: Conversation
    person: Person | None
    consents: dict[str, bool]
    now: datetime
    replies: list[Reply] = field(default_factory=list)
    forgotten: bool = False

    # -- replies -------------------------------------------------------------------------
    def say(self, text_html: str, buttons: list[list[Button]] | None = None,
            image: str | None = None) -> None:
        """Add a reply (HTML; escape anything a person typed before putting it here)."""
        self.replies.append(Reply(text_html=text_html, buttons=buttons or [], image=image))

    # -- state ---------------------------------------------------------------------------
    @property
    def flow(self) -> str | None:
        return self.conversation.flow

    @property
    def step(self) -> str | None:
        return self.conversation.step

    @property
    def data(self) -> dict[str, Any]:
        """A read-only view of the flow's data (change it with ``update``)."""
        return dict(self.conversation.data or {})

    def goto(self, flow: str, step: str, **data: Any) -> None:
        """Enter a flow at a step with fresh data."""
        self.conversation.flow = flow
        self.conversation.step = step
        self.conversation.data = dict(data)

    def set_step(self, step: str, **changes: Any) -> None:
        """Move to another step of the current flow, merging data changes."""
        self.conversation.step = step
        self.update(**changes)

    def update(self, **changes: Any) -> None:
        """Merge changes into the flow data (None removes a key)."""
        data = dict(self.conversation.data or {})
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        self.conversation.data = data

    def finish(self) -> None:
        """Leave any flow: the next free text goes to the consultations."""
        self.conversation.flow = None
        self.conversation.step = None
        self.conversation.data = {}

    def forget(self) -> None:
        """Tell the core this chat was erased: save no state for it."""
        self.forgotten = True

    # -- people and services -------------------------------------------------------------
    def consented(self, purpose: str) -> bool:
        """Whether the person granted this purpose of the data-protection notice."""
        return self.person is not None and self.consents.get(purpose, False)

    def port(self, key: Key[T]) -> T | None:
        """Another package's implementation of a port, or None when it is absent."""
        return self.services.get(key)

    async def open(self, flow_name: str) -> bool:
        """Start a registered flow; False when no package registered it."""
        flow = self.registry.get(flow_name)
        if flow is None:
            return False
        self.finish()
        await flow.start(self)
        return True
