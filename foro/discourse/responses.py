"""The parts of Discourse's answers we rely on, validated so wrong-shaped JSON is caught early."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


def tag_names(value: Any) -> list[str]:
    """Tag names from either form Discourse uses: ``["a"]`` or ``[{"id": 1, "name": "a"}]``."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("tags must be a list")
    names = []
    for item in value:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])
        else:
            raise ValueError("each tag must be a name or an object with a name")
    return names


class PostRef(BaseModel):
    """A post as returned by ``POST /posts.json`` or inside a topic's post stream."""

    model_config = ConfigDict(extra="ignore")

    id: int
    topic_id: int
    post_number: int
    topic_slug: str | None = None
    username: str | None = None
    raw: str | None = None
    cooked: str | None = None
    hidden: bool = False
    deleted_at: str | None = None


class TopicInfo(BaseModel):
    """A topic as returned by ``GET /t/{id}.json``."""

    model_config = ConfigDict(extra="ignore")

    id: int
    title: str
    slug: str
    category_id: int | None = None
    tags: list[str] = Field(default_factory=list)
    posts_count: int = 0
    closed: bool = False
    archived: bool = False
    visible: bool = True
    deleted_at: str | None = None
    posts: list[PostRef] = Field(default_factory=list)
    stream: list[int] = Field(default_factory=list)

    @field_validator("tags", mode="before")
    @classmethod
    def _tag_names(cls, value: Any) -> list[str]:
        return tag_names(value)

    @classmethod
    def from_api(cls, data: Any) -> TopicInfo:
        """Build from the raw JSON, lifting ``post_stream.posts`` up to ``posts``."""
        if not isinstance(data, dict):
            raise ValueError("topic must be a JSON object")
        stream = data.get("post_stream")
        posts = stream.get("posts", []) if isinstance(stream, dict) else []
        ids = stream.get("stream", []) if isinstance(stream, dict) else []
        return cls.model_validate({**data, "posts": posts, "stream": ids})

    def unloaded_post_ids(self) -> list[int]:
        """Ids in the stream whose posts ``GET /t/{id}.json`` did not include (it sends 20)."""
        loaded = {p.id for p in self.posts}
        return [i for i in self.stream if i not in loaded]


def posts_from_api(data: Any) -> list[PostRef]:
    """The posts of ``GET /t/{id}/posts.json`` (``post_stream.posts``)."""
    stream = data.get("post_stream") if isinstance(data, dict) else None
    if not isinstance(stream, dict) or not isinstance(stream.get("posts"), list):
        raise ValueError("posts must come in post_stream.posts")
    return [PostRef.model_validate(p) for p in stream["posts"]]


class TopicRef(BaseModel):
    """Where a suggestion's topic lives; ``created`` is False when it already existed."""

    topic_id: int
    slug: str
    url: str
    created: bool
    first_post_id: int | None = None
