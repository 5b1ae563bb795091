"""The Discourse implementation of ``ForumBackend``, on the async client of ``foro.discourse``.

The client (httpx, not pydiscourse: see ``foro/discourse/client.py`` for why) owns timeouts,
retries, both 429 forms and a sliding-window limiter under the admin key's 60 requests/minute.
This class adds what the forum needs on top: titles and bodies Discourse accepts, a unique
title when another topic already took it, tags that keep what people added, soft deletes.
"""

from __future__ import annotations

from typing import Any

from foro import messages
from foro.backends import TopicDraft, TopicPlace
from foro.discourse.client import DiscourseClient
from foro.discourse.errors import DiscourseNotFound, DiscourseRejected
from foro.discourse.titles import safe_body, safe_title
from nucleo.settings import Settings

MAX_TAGS = 5


class DiscourseBackend:
    """Topics in one Discourse category, written through the outbox."""

    name = "discourse"
    external = True

    def __init__(self, client: DiscourseClient, category_id: int | None) -> None:
        self.client = client
        self.category_id = category_id

    @classmethod
    def from_settings(cls, settings: Settings, **client_options: Any) -> DiscourseBackend:
        """Build from ``VALOR_DISCOURSE_*`` (client options: policy, sleep, clock, transport)."""
        return cls(DiscourseClient.from_settings(settings, **client_options),
                   settings.discourse_category_id)

    async def ensure_topic(self, draft: TopicDraft) -> TopicPlace:
        """Find the topic by external id or create it (once more with a reference if the title
        is taken or refused)."""
        if self.category_id is None:
            raise DiscourseRejected(messages.NO_CATEGORY)
        body = safe_body(draft.body)
        try:
            ref = await self.client.ensure_topic(
                external_id=draft.external_id, title=safe_title(draft.title), raw=body,
                category_id=self.category_id, tags=draft.tags[:MAX_TAGS])
        except DiscourseRejected as exc:
            if exc.status in (401, 403, 404):
                raise
            ref = await self.client.ensure_topic(
                external_id=draft.external_id, raw=body, category_id=self.category_id,
                title=safe_title(draft.title, reference=draft.external_id.upper()),
                tags=draft.tags[:MAX_TAGS])
        return TopicPlace(topic_id=ref.topic_id, url=ref.url, first_post_id=ref.first_post_id,
                          created=ref.created)

    async def post(self, topic_id: int, raw: str, *, marker: str) -> int:
        """Post as the API user (staff) unless a post with ``marker`` is already there."""
        post = await self.client.reply(topic_id, safe_body(raw), marker=marker)
        return post.id

    async def set_tags(self, topic_id: int, tags: list[str], *, replace: frozenset[str]) -> None:
        """Put our tags first and keep the other tags people added (Discourse allows 5)."""
        topic = await self.client.get_topic(topic_id)
        kept = [t for t in topic.tags if t not in replace and t not in tags]
        await self.client.set_tags(topic_id, [*tags, *kept][:MAX_TAGS])

    async def hide_post(self, post_id: int) -> None:
        """Soft-delete a post; one already gone counts as hidden."""
        try:
            await self.client.delete_post(post_id)
        except DiscourseNotFound:
            return

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self.client.aclose()
