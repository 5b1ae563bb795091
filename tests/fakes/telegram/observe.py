"""Read-only views of what the double recorded, and waits on them (mixed into TelegramDouble)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from .records import RecordedRequest, SentMessage, Violation
from .settings_methods import get_my_commands
from .state import World


class RecordsView:
    """Thread-safe accessors over ``self._world``; every list returned is a copy."""

    _world: World

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every answered request, oldest first."""
        with self._world.lock:
            return list(self._world.requests)

    def requests_for(self, method: str) -> list[RecordedRequest]:
        """Answered requests of one method."""
        return [r for r in self.requests if r.method == method]

    @property
    def violations(self) -> list[Violation]:
        """Requests that broke the spec; tests assert this stays empty."""
        with self._world.lock:
            return list(self._world.violations)

    def take_violations(self) -> list[Violation]:
        """Return the violations so far and forget them (for tests that provoke them)."""
        with self._world.lock:
            taken, self._world.violations = self._world.violations, []
            return taken

    @property
    def sent_messages(self) -> dict[int, list[SentMessage]]:
        """Messages the bot sent, per chat id."""
        with self._world.lock:
            return {chat: list(msgs) for chat, msgs in self._world.sent.items()}

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Messages the bot sent to ``chat_id`` (deleted ones included, flagged)."""
        with self._world.lock:
            return list(self._world.sent.get(chat_id, ()))

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The last message the bot sent to ``chat_id``."""
        with self._world.lock:
            sent = self._world.sent.get(chat_id)
            return sent[-1] if sent else None

    def last_text(self, chat_id: int) -> str | None:
        """Text (or caption) of the last message to ``chat_id``, as the user sees it."""
        last = self.last_message(chat_id)
        return last.content if last else None

    def wait_for_messages(self, chat_id: int, n: int = 1, timeout: float = 5.0
                          ) -> list[SentMessage]:
        """Block until the bot sent ``n`` messages to ``chat_id``; return them all."""
        world = self._world
        with world.changed:
            if world.changed.wait_for(lambda: len(world.sent.get(chat_id, ())) >= n, timeout):
                return list(world.sent[chat_id])
        raise TimeoutError(self._missing(chat_id, n, timeout))

    async def wait_for_messages_async(self, chat_id: int, n: int = 1, timeout: float = 5.0
                                      ) -> list[SentMessage]:
        """Async ``wait_for_messages``: waits on the same condition in a worker thread."""
        return await asyncio.to_thread(self.wait_for_messages, chat_id, n, timeout)

    @property
    def calls_in_progress(self) -> int:
        """Bot API calls received and not answered yet (a waiting long poll counts)."""
        with self._world.lock:
            return self._world.calls_in_progress

    def sent_count(self) -> int:
        """How many messages the bot sent, to every chat."""
        with self._world.lock:
            return sum(len(msgs) for msgs in self._world.sent.values())

    async def wait_for_sent(self, n: int, timeout: float = 10.0) -> int:
        """Wait (on the double's send signal) until the bot sent ``n`` messages in all."""
        world = self._world

        def wait() -> int:
            with world.changed:
                if world.changed.wait_for(lambda: self._total(world) >= n, timeout):
                    return self._total(world)
            raise TimeoutError(f"expected {n} messages in all, got {self.sent_count()}")

        return await asyncio.to_thread(wait)

    async def wait_until(self, check: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Wait until ``check()`` holds, re-checking whenever the double records a change
        (sends, edits, answered calls); False after ``timeout`` seconds."""
        world = self._world

        def wait() -> bool:
            with world.changed:
                return world.changed.wait_for(check, timeout)

        return await asyncio.to_thread(wait)

    async def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Wait until every Bot API call the double received has been answered (calls of a
        killed client included: the double still records them)."""
        world = self._world

        def wait() -> None:
            with world.changed:
                if not world.changed.wait_for(lambda: world.calls_in_progress == 0, timeout):
                    raise TimeoutError(f"{world.calls_in_progress} calls still in progress")

        await asyncio.to_thread(wait)

    @staticmethod
    def _total(world: World) -> int:
        return sum(len(msgs) for msgs in world.sent.values())

    def _missing(self, chat_id: int, n: int, timeout: float) -> str:
        got = [m.content for m in self.messages_to(chat_id)]
        return f"expected {n} message(s) to chat {chat_id} within {timeout}s, got {got!r}"

    @property
    def count_429(self) -> int:
        """How many requests were answered 429."""
        return self._world.count_429

    @property
    def uploads_count(self) -> int:
        """How many files were actually uploaded (sending a file_id does not count)."""
        return self._world.uploads_count

    @property
    def chat_actions(self) -> list[tuple[int, str]]:
        """(chat_id, action) pairs from sendChatAction."""
        with self._world.lock:
            return list(self._world.chat_actions)

    @property
    def callback_answers(self) -> dict[str, dict[str, Any]]:
        """answerCallbackQuery params per callback query id."""
        with self._world.lock:
            return dict(self._world.callback_answers)

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = ""
                 ) -> list[dict[str, Any]]:
        """The command list setMyCommands stored for a scope and language."""
        with self._world.lock:
            return get_my_commands(self._world, {"scope": scope, "language_code": language_code})

    def reset_records(self) -> None:
        """Forget requests, violations, sent messages and counters (chats and files stay)."""
        with self._world.lock:
            world = self._world
            world.requests.clear()
            world.violations.clear()
            world.sent.clear()
            world.chat_actions.clear()
            world.count_429 = 0

    def stats(self) -> dict[str, int]:
        """Counters a benchmark reads: requests, messages sent, 429s, uploads, violations."""
        world = self._world
        with world.lock:
            return {"requests": len(world.requests), "count_429": world.count_429,
                    "sent": sum(len(m) for m in world.sent.values()),
                    "uploads_count": world.uploads_count, "violations": len(world.violations)}
