"""Drive a double running in another OS process (benchmarks): a control route and its client.

    with RemoteTelegramDouble.spawn(unlimited=True) as tg:   # python -m tests.fakes.telegram
        bot = Bot(tg.token, base_url=tg.base_url)
        tg.push_text(42, "/start")
        tg.wait_for_messages(42, 1)
        print(tg.stats())
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from starlette.requests import Request
from starlette.responses import Response

from .limits import RateLimits

if TYPE_CHECKING:
    from .double import TelegramDouble

_CALLS = frozenset({
    "push_text", "push_command", "push_callback", "push_update", "push_my_chat_member",
    "block", "unblock", "make_chat_not_found", "add_chat", "migrate_chat", "fail_next", "slow",
    "go_down", "come_back", "messages_to", "last_text", "take_violations", "reset_records",
    "commands", "requests_for",
})  # fmt: skip
_PROPERTIES = frozenset({
    "violations", "count_429", "uploads_count", "pending_updates", "webhook_url",
    "webhook_secret", "chat_actions", "callback_answers", "requests", "validation_skipped_reason",
})  # fmt: skip
_REPO_ROOT = Path(__file__).resolve().parents[3]


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def control_endpoint(double: TelegramDouble) -> Callable[[Request], Awaitable[Response]]:
    """Build the POST /_control/<action> route: JSON kwargs in, JSON result out."""

    async def control(request: Request) -> Response:
        action = request.path_params["action"]
        kwargs = json.loads(await request.body() or b"{}")
        if action == "stats":
            result: Any = double.stats()
        elif action == "get" and kwargs.get("name") in _PROPERTIES:
            result = getattr(double, kwargs["name"])
        elif action == "set_rate_limits":
            limits = kwargs.get("limits")
            double.set_rate_limits(RateLimits(**limits) if limits is not None else None)
            result = None
        elif action == "deliver_pending_to_webhook":
            result = await double.adeliver_pending_to_webhook(**kwargs)
        elif action in _CALLS:
            try:
                result = getattr(double, action)(**kwargs)
            except (LookupError, ValueError, TypeError) as exc:
                return Response(json.dumps({"error": repr(exc)}), 400,
                                media_type="application/json")
        else:
            return Response(json.dumps({"error": f"unknown action {action}"}), 404,
                            media_type="application/json")
        return Response(json.dumps({"result": _jsonable(result)}), media_type="application/json")

    return control


class RemoteTelegramDouble:
    """Client of a double served by ``python -m tests.fakes.telegram`` (results are JSON)."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.base_url = f"{self.url}/bot"
        self.base_file_url = f"{self.url}/file/bot"
        self._client = httpx.Client(timeout=30)

    def _call(self, action: str, **kwargs: Any) -> Any:
        response = self._client.post(f"{self.url}/_control/{action}", json=kwargs)
        if response.status_code != 200:
            raise RuntimeError(f"control {action} failed: {response.text}")
        return response.json()["result"]

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name in _CALLS or name in ("stats", "deliver_pending_to_webhook"):
            return lambda **kwargs: self._call(name, **kwargs)
        if name in _PROPERTIES:
            return self._call("get", name=name)
        raise AttributeError(name)

    def push_text(self, chat_id: int, text: str, **kwargs: Any) -> int:
        """See TelegramDouble.push_text."""
        return self._call("push_text", chat_id=chat_id, text=text, **kwargs)

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        """See TelegramDouble.messages_to (SentMessage fields as dicts)."""
        return self._call("messages_to", chat_id=chat_id)

    def set_rate_limits(self, limits: RateLimits | None) -> None:
        """See TelegramDouble.set_rate_limits."""
        self._call("set_rate_limits", limits=dataclasses.asdict(limits) if limits else None)

    def wait_for_messages(self, chat_id: int, n: int = 1, timeout: float = 5.0) -> list[dict]:
        """Poll until the bot sent ``n`` messages to ``chat_id``."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages_to(chat_id)
            if len(messages) >= n:
                return messages
            if time.monotonic() > deadline:
                raise TimeoutError(f"expected {n} message(s) to {chat_id}, got {len(messages)}")
            time.sleep(0.01)

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    @classmethod
    @contextmanager
    def spawn(cls, token: str | None = None, *, unlimited: bool = False,
              record_requests: bool = True, python: str = sys.executable,
              timeout: float = 20.0) -> Iterator[RemoteTelegramDouble]:
        """Start ``python -m tests.fakes.telegram`` in a new process; stop it on exit."""
        from .double import DEFAULT_TOKEN

        token = token or DEFAULT_TOKEN
        args = [python, "-m", "tests.fakes.telegram", "--token", token]
        args += ["--unlimited"] if unlimited else []
        args += [] if record_requests else ["--no-record"]
        proc = subprocess.Popen(args, cwd=_REPO_ROOT, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + timeout
            line = proc.stdout.readline()
            if not line.startswith("READY ") or time.monotonic() > deadline:
                raise RuntimeError(f"the double process did not start: {line!r}")
            remote = cls(line.split()[1], token)
            try:
                yield remote
            finally:
                remote.close()
        finally:
            proc.stdin.close()  # the process exits when its stdin closes
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
