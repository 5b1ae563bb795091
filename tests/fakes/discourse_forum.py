"""The in-memory forum behind ``DiscourseDouble``: topics, posts and Discourse's validations.

Rules follow Discourse's default site settings: titles 15..255 characters with 10 distinct
characters, no word over 30 characters, not all capitals, unique among listed topics; posts
20..32,000 characters; at most 5 tags of at most 20 characters, lower-cased; ``external_id``
``[\\w-]{1,50}`` and unique (case-insensitive); the category must exist.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SYSTEM_USER_ID = -1
_SLUG = re.compile(r"[^a-z0-9]+")
_EXTERNAL_ID = re.compile(r"[A-Za-z0-9_-]{1,50}")
_TAG_FORBIDDEN = re.compile(r"[/\\?#\[\]@!$&'()*+,;=.%`<>|\"\s]+")


class ForumError(Exception):
    """A request Discourse would refuse: HTTP status and its ``errors`` list."""

    def __init__(self, status: int, *errors: str, error_type: str | None = None) -> None:
        super().__init__("; ".join(errors))
        self.status = status
        self.errors = list(errors)
        self.error_type = error_type


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def slugify(title: str) -> str:
    """A Discourse-like ASCII slug ("topic" when nothing is left)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", ascii_title).strip("-")[:80] or "topic"


def cook(raw: str) -> str:
    """A very small stand-in for Discourse's Markdown cooking (escaped paragraphs)."""
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>"
                   for part in raw.split("\n\n") if part.strip())


@dataclass
class FakePost:
    id: int
    topic_id: int
    post_number: int
    raw: str
    username: str
    user_id: int
    reply_to_post_number: int | None = None
    created_at: str = field(default_factory=_now)
    deleted_at: str | None = None
    edit_reason: str | None = None

    @property
    def cooked(self) -> str:
        return cook(self.raw)


@dataclass
class FakeTopic:
    id: int
    title: str
    category_id: int | None
    username: str
    user_id: int
    external_id: str | None = None
    tags: list[str] = field(default_factory=list)
    archetype: str = "regular"
    closed: bool = False
    archived: bool = False
    visible: bool = True
    pinned: bool = False
    deleted_at: str | None = None
    created_at: str = field(default_factory=_now)
    post_ids: list[int] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)


class FakeForum:
    """Topics and posts with the validations of a default Discourse site."""

    def __init__(self, categories: dict[int, str]) -> None:
        self.categories = dict(categories)
        self.topics: dict[int, FakeTopic] = {}
        self.posts: dict[int, FakePost] = {}
        self.users: dict[str, int] = {"system": SYSTEM_USER_ID}
        self._next_topic = 100
        self._next_post = 1000

    def user_id(self, username: str) -> int:
        """The id of a username, registering it on first use."""
        return self.users.setdefault(username, 10 + len(self.users))

    # -- validations -----------------------------------------------------------------------

    def _check_title(self, title: Any, *, exclude: int | None = None) -> str:
        if not isinstance(title, str) or not title.strip():
            raise ForumError(422, "Title can't be blank")
        title = " ".join(title.split())
        if len(title) < 15:
            raise ForumError(422, "Title is too short (minimum is 15 characters)")
        if len(title) > 255:
            raise ForumError(422, "Title is too long (maximum is 255 characters)")
        if len(set(title)) < 10 or max(len(w) for w in re.split(r"[\s/.:-]", title)) > 30:
            raise ForumError(422, "Title seems unclear, is it a complete sentence?")
        if title == title.upper() and title != title.lower():
            raise ForumError(422, "Title seems unclear, most of the characters are capitals?")
        for topic in self.topics.values():
            if (topic.id != exclude and topic.deleted_at is None and topic.archetype == "regular"
                    and topic.title.casefold() == title.casefold()):
                raise ForumError(422, "Title has already been used")
        return title

    @staticmethod
    def _check_raw(raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise ForumError(422, "Body can't be blank")
        if len(raw.strip()) < 20:
            raise ForumError(422, "Body is too short (minimum is 20 characters)")
        if len(raw) > 32_000:
            raise ForumError(422, "Body is too long (maximum is 32000 characters)")
        return raw

    @staticmethod
    def clean_tags(tags: Any) -> list[str]:
        """Tag names as Discourse stores them, from names or ``{id, name}`` objects."""
        names = []
        for tag in tags or []:
            name = tag.get("name") if isinstance(tag, dict) else tag
            name = _TAG_FORBIDDEN.sub("-", str(name or "").strip().lower()).strip("-")[:20].strip("-")
            if name and name not in names:
                names.append(name)
        if len(names) > 5:
            raise ForumError(422, "You can only apply 5 tags to a topic.")
        return names

    def _check_external_id(self, external_id: Any) -> str | None:
        if external_id is None:
            return None
        if not isinstance(external_id, str) or not _EXTERNAL_ID.fullmatch(external_id):
            raise ForumError(422, "External ID is invalid")
        if self.by_external_id(external_id) is not None:
            raise ForumError(422, "External ID has already been taken")
        return external_id

    # -- changes ---------------------------------------------------------------------------

    def by_external_id(self, external_id: str) -> FakeTopic | None:
        """The topic with this external id (case-insensitive), deleted or not."""
        return next((t for t in self.topics.values()
                     if t.external_id and t.external_id.lower() == external_id.lower()), None)

    def topic(self, topic_id: int) -> FakeTopic:
        """A live topic or a 404."""
        topic = self.topics.get(topic_id)
        if topic is None or topic.deleted_at is not None:
            raise ForumError(404, "The requested URL or resource could not be found.", error_type="not_found")
        return topic

    def post(self, post_id: int) -> FakePost:
        """A live post or a 404."""
        post = self.posts.get(post_id)
        if post is None or post.deleted_at is not None:
            raise ForumError(404, "The requested URL or resource could not be found.", error_type="not_found")
        return post

    def create_topic(self, username: str, *, title: Any, raw: Any, category_id: Any,
                     external_id: Any = None, tags: Any = ()) -> FakePost:
        """Create a topic and its first post, as ``POST /posts.json`` without ``topic_id``."""
        title = self._check_title(title)
        raw = self._check_raw(raw)
        if category_id not in self.categories:
            raise ForumError(422, "Category can't be blank")
        external_id = self._check_external_id(external_id)
        tags = self.clean_tags(tags)
        self._next_topic += 1
        topic = FakeTopic(self._next_topic, title, category_id, username, self.user_id(username),
                          external_id=external_id, tags=tags)
        self.topics[topic.id] = topic
        return self.create_post(username, topic_id=topic.id, raw=raw)

    def create_post(self, username: str, *, topic_id: Any, raw: Any, reply_to_post_number: Any = None) -> FakePost:
        """Add a post to a topic."""
        if not isinstance(topic_id, int):
            raise ForumError(422, "Topic can't be blank")
        topic = self.topic(topic_id)
        raw = self._check_raw(raw)
        if topic.closed and topic.post_ids:
            raise ForumError(403, "You are not permitted to view the requested resource.", error_type="invalid_access")
        self._next_post += 1
        post = FakePost(self._next_post, topic.id, len(topic.post_ids) + 1, raw, username,
                        self.user_id(username), reply_to_post_number=reply_to_post_number)
        self.posts[post.id] = post
        topic.post_ids.append(post.id)
        return post

    def update_topic(self, topic_id: int, changes: dict[str, Any]) -> FakeTopic:
        """Apply ``PUT /t/-/{id}.json`` (top-level title, category_id, tags)."""
        topic = self.topic(topic_id)
        if "title" in changes:
            topic.title = self._check_title(changes["title"], exclude=topic.id)
        if "category_id" in changes:
            if changes["category_id"] not in self.categories:
                raise ForumError(422, "Category can't be blank")
            topic.category_id = changes["category_id"]
        if "tags" in changes:
            topic.tags = self.clean_tags(changes["tags"])
        return topic

    def set_status(self, topic_id: int, status: str, enabled: bool) -> None:
        """Apply ``PUT /t/{id}/status.json``."""
        topic = self.topic(topic_id)
        attribute = {"pinned_globally": "pinned"}.get(status, status)
        setattr(topic, attribute, enabled)

    def delete_post(self, post_id: int) -> None:
        """Soft-delete a post; deleting the first post deletes the topic."""
        post = self.post(post_id)
        post.deleted_at = _now()
        if post.post_number == 1:
            self.topics[post.topic_id].deleted_at = post.deleted_at

    def edit_post(self, post_id: int, raw: Any, edit_reason: str | None = None) -> FakePost:
        """Replace a post's raw text."""
        post = self.post(post_id)
        post.raw = self._check_raw(raw)
        post.edit_reason = edit_reason
        return post
