"""Plain records the double keeps: chats, sent messages, requests, violations, files."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Chat:
    """A chat the double knows; ``blocked`` and ``not_found`` drive the 403/400 scenarios."""

    id: int
    type: str = "private"
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    title: str | None = None
    blocked: bool = False
    not_found: bool = False
    migrated_to: int | None = None
    last_message_id: int = 0

    def to_api(self) -> dict[str, Any]:
        """Return the Bot API ``Chat`` object."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(slots=True)
class SentMessage:
    """A message the bot sent. ``text`` is what the user sees (tags parsed); ``raw`` as sent."""

    chat_id: int
    message_id: int
    method: str
    text: str | None = None
    caption: str | None = None
    raw: str | None = None
    parse_mode: str | None = None
    photo: str | None = None
    document: str | None = None
    reply_markup: dict[str, Any] | None = None
    date: int = 0
    time: float = 0.0
    edits: int = 0
    deleted: bool = False
    api: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def content(self) -> str | None:
        """Text or caption, whichever the message has."""
        return self.text if self.text is not None else self.caption

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """Rows of inline keyboard buttons (empty when there is no inline keyboard)."""
        return (self.reply_markup or {}).get("inline_keyboard", [])

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-friendly dict (used by the remote control endpoint)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the double answered; ``params`` are parsed (files shown by name)."""

    method: str
    params: dict[str, Any]
    time: float
    status: int
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A request that broke the spec (or used a method the double does not implement)."""

    method: str
    problem: str
    params: dict[str, Any]


@dataclass(slots=True)
class StoredFile:
    """An uploaded file, reachable through getFile and /file/bot<token>/<path>."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_path: str
    mime_type: str
    width: int = 0
    height: int = 0
    api: dict[str, Any] = field(default_factory=dict, repr=False)
    sizes: list[dict[str, Any]] | None = field(default=None, repr=False)
