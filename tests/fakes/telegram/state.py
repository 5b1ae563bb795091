"""Everything the double remembers, behind one lock shared by the server thread and the tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .limits import RateLimiter, RateLimits
from .records import Chat, RecordedRequest, SentMessage, StoredFile, Violation

# Update types Telegram delivers when allowed_updates was never given.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class ApiError(Exception):
    """An error answer: HTTP status == error_code, Telegram's description, optional parameters."""

    def __init__(self, code: int, description: str, **parameters: int) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def chat_not_found() -> ApiError:
    """Return Telegram's error for an unknown chat."""
    return ApiError(400, "Bad Request: chat not found")


@dataclass(slots=True)
class Webhook:
    """What setWebhook stored."""

    url: str = ""
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(slots=True)
class Failure:
    """A scripted failure for the next calls of a method (``*`` = any method)."""

    status: int
    count: int
    retry_after: int | None = None
    description: str | None = None


@dataclass
class World:
    """The double's state. Mutate only while holding ``lock``; ``changed`` is notified on sends."""

    bot_user: dict[str, Any]
    auto_create_chats: bool = True
    record_requests: bool = True
    limits: RateLimits | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    chats: dict[int, Chat] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    sent: dict[int, list[SentMessage]] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 10_000
    allowed_updates: list[str] | None = None
    webhook: Webhook = field(default_factory=Webhook)
    files: dict[str, StoredFile] = field(default_factory=dict)
    uploads_count: int = 0
    file_serial: int = 0
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    callback_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    callback_answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    chat_actions: list[tuple[int, str]] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    count_429: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    slow_seconds: float = 0.0
    calls_in_progress: int = 0  # Bot API calls received and not answered yet
    down: bool = False
    on_update: Callable[[], None] = lambda: None

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)
        self.limiter = RateLimiter(self.limits) if self.limits else None

    # --- chats -------------------------------------------------------------------------------
    def ensure_chat(self, chat_id: int, **details: Any) -> Chat:
        """Return the chat, creating it (private if positive, group if negative)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            kind = details.pop("type", None) or ("private" if chat_id > 0 else "group")
            chat = Chat(id=chat_id, type=kind)
            if kind == "private":
                chat.first_name = f"Usuario {chat_id}"
            else:
                chat.title = f"Grupo {chat_id}"
            self.chats[chat_id] = chat
        for key, value in details.items():
            if value is not None:
                setattr(chat, key, value)
        return chat

    def target_chat(self, chat_id: int | str) -> Chat:
        """Resolve a chat_id parameter the bot sent, raising Telegram's errors."""
        if isinstance(chat_id, str):
            if chat_id.lstrip("-").isdigit():
                chat_id = int(chat_id)
            else:
                name = chat_id.removeprefix("@").lower()
                for chat in self.chats.values():
                    if chat.username and chat.username.lower() == name:
                        chat_id = chat.id
                        break
                else:
                    raise chat_not_found()
        chat = self.chats.get(chat_id)
        if chat is None:
            if not self.auto_create_chats or chat_id == 0:
                raise chat_not_found()
            chat = self.ensure_chat(chat_id)
        if chat.not_found:
            raise chat_not_found()
        if chat.migrated_to is not None:
            raise ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           migrate_to_chat_id=chat.migrated_to)
        if chat.blocked:
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        return chat

    def take_flood_token(self, chat: Chat) -> None:
        """Apply the flood limits to one outgoing message, raising 429 when exceeded."""
        if self.limiter is None:
            return
        retry_after = self.limiter.acquire(chat.id)
        if retry_after is not None:
            self.count_429 += 1
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}",
                           retry_after=retry_after)

    def set_limits(self, limits: RateLimits | None,
                   clock: Callable[[], float] | None = None) -> None:
        """Replace the flood limits (None disables them); buckets start full."""
        self.limits = limits
        self.limiter = RateLimiter(limits, clock or time.monotonic) if limits else None

    # --- messages ----------------------------------------------------------------------------
    def next_message_id(self, chat: Chat) -> int:
        """Allocate the next message_id in ``chat`` (shared by user and bot messages)."""
        chat.last_message_id += 1
        return chat.last_message_id

    def record_sent(self, sent: SentMessage) -> None:
        """Store a message the bot sent and wake whoever waits for it."""
        self.messages[(sent.chat_id, sent.message_id)] = sent.api
        self.sent.setdefault(sent.chat_id, []).append(sent)
        self.changed.notify_all()

    def find_sent(self, chat_id: int, message_id: int) -> SentMessage | None:
        """Return the bot's message ``message_id`` in ``chat_id``, if it sent one."""
        for sent in reversed(self.sent.get(chat_id, ())):
            if sent.message_id == message_id:
                return sent
        return None

    # --- updates -----------------------------------------------------------------------------
    def add_update(self, update: dict[str, Any]) -> int:
        """Queue an update (assigning update_id if missing) and wake long polls."""
        if "update_id" not in update:
            update = {"update_id": self.next_update_id, **update}
        self.next_update_id = max(self.next_update_id, update["update_id"]) + 1
        self.updates.append(update)
        self.on_update()
        return update["update_id"]

    def _allowed(self, update: dict[str, Any], allowed: list[str] | None) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if allowed:
            return kind in allowed
        return kind not in DEFAULT_EXCLUDED_UPDATES

    def take_updates(self, offset: int | None, limit: int, allowed: list[str] | None) -> list:
        """Confirm updates below ``offset`` and return up to ``limit`` pending ones."""
        if offset is not None and offset < 0:
            self.updates = self.updates[offset:]
        elif offset is not None:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        self.updates = [u for u in self.updates if self._allowed(u, allowed)]
        return self.updates[:limit]

    def record_request(self, method: str, params: dict[str, Any], status: int,
                       description: str | None) -> None:
        """Append to the request log (when recording is on)."""
        if self.record_requests:
            self.requests.append(RecordedRequest(method, params, time.monotonic(), status,
                                                 description))
