"""Where the forum's topics live: ONE interface, two implementations.

* ``PortalBackend`` (default, no settings): the built-in portal. Topics are our own rows, so
  every write is already done when the action commits; nothing is queued or delivered.
* ``DiscourseBackend`` (``VALOR_DISCOURSE_URL`` set): a topic per suggestion in the configured
  category. Writes are queued in the outbox and delivered by ``foro.worker.OutboxWorker``
  through these methods, which are idempotent so a retry never doubles anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from nucleo.settings import Settings


@dataclass(frozen=True)
class TopicDraft:
    """What a suggestion's topic is made of."""

    external_id: str
    title: str
    body: str
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TopicPlace:
    """Where a topic ended up."""

    topic_id: int
    url: str
    first_post_id: int | None = None
    created: bool = False


class ForumBackend(Protocol):
    """The forum: create topics, post replies and answers, tag, hide."""

    name: str
    external: bool
    """True when writes go through the outbox (the forum is another system)."""

    async def ensure_topic(self, draft: TopicDraft) -> TopicPlace:
        """Return the topic for ``draft.external_id``, creating it only when there is none."""

    async def post(self, topic_id: int, raw: str, *, marker: str) -> int:
        """Post ``raw`` in a topic unless a post with ``marker`` is there; returns its id."""

    async def set_tags(self, topic_id: int, tags: list[str], *, replace: frozenset[str]) -> None:
        """Set ``tags`` on a topic, dropping the ones in ``replace`` and keeping the others."""

    async def hide_post(self, post_id: int) -> None:
        """Hide a post (hiding the first post hides the topic); hiding twice is fine."""

    async def aclose(self) -> None:
        """Release connections."""


class PortalBackend:
    """The built-in portal: our database is the forum, so there is nothing to deliver."""

    name = "portal"
    external = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def ensure_topic(self, draft: TopicDraft) -> TopicPlace:
        """The portal page is the topic; the actions already wrote it."""
        return TopicPlace(topic_id=0, url="")

    async def post(self, topic_id: int, raw: str, *, marker: str) -> int:
        """Posts are rows written by the actions themselves."""
        return 0

    async def set_tags(self, topic_id: int, tags: list[str], *, replace: frozenset[str]) -> None:
        """The portal reads status and value from the suggestion."""

    async def hide_post(self, post_id: int) -> None:
        """The portal reads ``hidden_at`` from the row."""

    async def aclose(self) -> None:
        """Nothing to close."""
