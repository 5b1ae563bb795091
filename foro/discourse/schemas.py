"""Webhook payloads we consume from Discourse (the OpenAPI file has no schemas for them).

Discourse posts ``{"<event type>": {...}}``: ``{"topic": ...}`` for ``topic_*`` events
(``WebHookTopicViewSerializer``), ``{"post": ...}`` for ``post_*`` events
(``WebHookPostSerializer``) and ``{"ping": "OK"}`` for pings; the event name travels in the
``X-Discourse-Event`` header. Only the fields we use are declared; the rest is ignored. Captured
examples live in ``fixtures/<event>__<variant>.json``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from foro.discourse import messages
from foro.discourse.responses import tag_names
from nucleo.errors import InvalidInput

EVENT_HEADER = "X-Discourse-Event"
EVENT_ID_HEADER = "X-Discourse-Event-Id"
EVENT_TYPE_HEADER = "X-Discourse-Event-Type"
INSTANCE_HEADER = "X-Discourse-Instance"


class WebhookUser(BaseModel):
    """A user as embedded in topic payloads (``created_by``, ``last_poster``)."""

    model_config = ConfigDict(extra="ignore")

    id: int
    username: str
    name: str | None = None


class WebhookTopic(BaseModel):
    """The ``topic`` object of ``topic_*`` events."""

    model_config = ConfigDict(extra="ignore")

    id: int
    title: str
    fancy_title: str | None = None
    slug: str | None = None
    category_id: int | None = None
    external_id: str | None = None
    archetype: str = "regular"
    tags: list[str] = Field(default_factory=list)
    user_id: int | None = None
    created_by: WebhookUser | None = None
    created_at: str | None = None
    posts_count: int | None = None
    visible: bool = True
    closed: bool = False
    archived: bool = False
    deleted_at: str | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tag_names(cls, value: Any) -> list[str]:
        return tag_names(value)


class WebhookPost(BaseModel):
    """The ``post`` object of ``post_*`` events."""

    model_config = ConfigDict(extra="ignore")

    id: int
    topic_id: int
    post_number: int
    username: str
    user_id: int | None = None
    raw: str | None = None
    cooked: str | None = None
    post_type: int = 1
    reply_to_post_number: int | None = None
    category_id: int | None = None
    topic_title: str | None = None
    topic_slug: str | None = None
    topic_archetype: str | None = None
    created_at: str | None = None
    hidden: bool = False
    deleted_at: str | None = None
    staff: bool = False


class TopicEvent(BaseModel):
    """A ``topic_*`` webhook (e.g. ``topic_created``)."""

    event: str
    topic: WebhookTopic

    @property
    def dedup_key(self) -> str:
        """Identity of the change, stable across redeliveries (not the event id)."""
        return f"{self.event}:topic:{self.topic.id}"


class PostEvent(BaseModel):
    """A ``post_*`` webhook (e.g. ``post_created``)."""

    event: str
    post: WebhookPost

    @property
    def dedup_key(self) -> str:
        """Identity of the change, stable across redeliveries (not the event id)."""
        return f"{self.event}:post:{self.post.id}"


class PingEvent(BaseModel):
    """The ping Discourse sends when a webhook is saved or tested."""

    event: str = "ping"

    @property
    def dedup_key(self) -> str:
        """Pings are never stored, so every ping is its own key."""
        return "ping"


WebhookEvent = TopicEvent | PostEvent | PingEvent


def parse_webhook(event: str | None, body: bytes | str | dict[str, Any]) -> WebhookEvent | None:
    """Parse a webhook body; None for events of other kinds (users, likes...), ``InvalidInput`` if malformed."""
    if isinstance(body, (bytes, str)):
        try:
            data = json.loads(body)
        except ValueError:
            raise InvalidInput(messages.WEBHOOK_NOT_JSON, code="webhook_invalido") from None
    else:
        data = body
    if not isinstance(data, dict) or len(data) != 1:
        raise InvalidInput(messages.WEBHOOK_BAD_SHAPE.format(detail="se esperaba un solo objeto raíz"),
                           code="webhook_invalido")
    (kind, content), = data.items()
    name = (event or "").strip() or {"ping": "ping"}.get(kind, f"{kind}_unknown")
    if kind in ("topic", "post") and not name.startswith(kind + "_"):
        raise InvalidInput(messages.WEBHOOK_BAD_SHAPE.format(detail=f"evento {name!r} con cuerpo {kind!r}"),
                           code="webhook_invalido")
    try:
        if kind == "topic":
            return TopicEvent(event=name, topic=content)
        if kind == "post":
            return PostEvent(event=name, post=content)
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise InvalidInput(messages.WEBHOOK_BAD_SHAPE.format(detail=detail), code="webhook_invalido") from None
    if kind == "ping":
        return PingEvent()
    return None
