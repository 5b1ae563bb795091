"""``DiscourseDouble``: a local HTTP server that plays Discourse for our tests.

It serves the endpoints the forum backend uses from an in-memory forum, checks every request
against the published OpenAPI file (``double.violations``), checks the API key and username
(403 otherwise), enforces Discourse's validations (``external_id`` uniqueness, title rules) and,
on demand, misbehaves: ``rate_limit_next`` (both 429 forms), ``fail_next``, ``garbage_next``,
``go_down`` / ``come_back``. ``send_webhook`` posts signed webhooks like Discourse does.

    with DiscourseDouble() as double:
        client = DiscourseClient(double.base_url, double.api_key, double.api_username)
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.fakes import discourse_payloads as payloads
from tests.fakes.discourse_forum import FakeForum, FakePost, FakeTopic, ForumError
from tests.fakes.discourse_routes import route
from tests.fakes.discourse_spec import DiscourseSpec


@dataclass
class RecordedRequest:
    """One request the double received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float = field(default_factory=time.monotonic)


@dataclass
class Reply:
    """One answer the double sends."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"

    def encoded(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass
class WebhookDelivery:
    """A webhook as Discourse would send it: the exact body bytes and headers."""

    body: bytes
    headers: dict[str, str]


class DiscourseDouble:
    """A fake Discourse on 127.0.0.1 in its own thread (use as a context manager)."""

    def __init__(self, *, api_key: str = "test-api-key", api_username: str = "system",
                 categories: dict[int, str] | None = None, webhook_secret: str = "test-webhook-secret",
                 rate_limit_per_minute: int | None = None, spec: DiscourseSpec | None = None) -> None:
        self.api_key = api_key
        self.api_username = api_username
        self.webhook_secret = webhook_secret
        self.rate_limit_per_minute = rate_limit_per_minute
        self.spec = spec or DiscourseSpec()
        self.forum = FakeForum(categories or {1: "uncategorized", 5: "el-valor-soy-yo", 9: "general"})
        self.violations: list[str] = []
        self.requests: list[RecordedRequest] = []
        self.webhooks_sent: list[WebhookDelivery] = []
        self._faults: deque[Reply] = deque()
        self._down: Literal["refuse", "503"] | None = None
        self._lock = threading.RLock()
        self._event_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Where the double listens, e.g. ``http://127.0.0.1:54321``."""
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> DiscourseDouble:
        """Start listening (on the same port as before after ``go_down("refuse")``)."""
        handler = type("Handler", (_Handler,), {"double": self})
        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="discourse-double", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> DiscourseDouble:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- misbehaviour on demand ------------------------------------------------------------

    def rate_limit_next(self, form: Literal["header", "json"] = "header", seconds: int = 5, *,
                        with_header: bool = False) -> None:
        """Answer the next request with a 429 in one of Discourse's two forms."""
        if form == "header":
            text = (f"Slow down, too many requests from this IP address.\nPlease retry again in {seconds} "
                    "seconds.\nError code: ip_10_secs_limit.\n")
            reply = Reply(429, text, {"Retry-After": str(seconds),
                                      "Discourse-Rate-Limit-Error-Code": "ip_10_secs_limit"},
                          "text/plain; charset=utf-8")
        elif form == "json":
            reply = Reply(429, {
                "errors": [f"You’ve performed this action too many times. Please wait {seconds} seconds "
                           "before trying again."],
                "error_type": "rate_limit", "extras": {"wait_seconds": seconds, "time_left": f"{seconds} seconds"}},
                {"Retry-After": str(seconds)} if with_header else {})
        else:
            raise ValueError(form)
        with self._lock:
            self._faults.append(reply)

    def fail_next(self, status: int = 500, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``status`` and an HTML error page."""
        with self._lock:
            for _ in range(times):
                self._faults.append(Reply(status, f"<html><body><h1>{status}</h1></body></html>",
                                          content_type="text/html; charset=utf-8"))

    def garbage_next(self, kind: Literal["html", "wrong_shape", "truncated"] = "html") -> None:
        """Answer the next request with 200 and a body no client can use."""
        reply = {"html": Reply(200, "<html><body>Bienvenido al portal cautivo</body></html>",
                               content_type="text/html; charset=utf-8"),
                 "wrong_shape": Reply(200, {"unexpected": ["shape"]}),
                 "truncated": Reply(200, b'{"id": 12, "topic_id": ')}[kind]
        with self._lock:
            self._faults.append(reply)

    def go_down(self, mode: Literal["refuse", "503"] = "refuse") -> None:
        """Stop serving: refuse connections, or answer 503 to everything."""
        self._down = mode
        if mode == "refuse":
            self.stop()

    def come_back(self) -> None:
        """Serve again, with the same data, on the same port."""
        mode, self._down = self._down, None
        if mode == "refuse":
            self.start()

    # -- what happened ---------------------------------------------------------------------

    @property
    def topics(self) -> list[FakeTopic]:
        """Live topics."""
        return [t for t in self.forum.topics.values() if t.deleted_at is None]

    @property
    def posts(self) -> list[FakePost]:
        """Live posts."""
        return [p for p in self.forum.posts.values() if p.deleted_at is None]

    @property
    def requests_per_minute(self) -> int:
        """Requests received in the last 60 seconds."""
        now = time.monotonic()
        return sum(1 for r in self.requests if r.at > now - 60)

    @property
    def peak_requests_per_minute(self) -> int:
        """The most requests received in any 60-second window."""
        times = [r.at for r in self.requests]
        return max((sum(1 for t in times[i:] if t < start + 60) for i, start in enumerate(times)), default=0)

    # -- webhooks --------------------------------------------------------------------------

    def user_creates_topic(self, username: str, title: str, raw: str, *, category_id: int = 5,
                           tags: tuple[str, ...] = ()) -> FakePost:
        """A person opens a topic in the forum itself (not through the API)."""
        with self._lock:
            return self.forum.create_topic(username, title=title, raw=raw, category_id=category_id, tags=tags)

    def user_replies(self, username: str, topic_id: int, raw: str) -> FakePost:
        """A person replies in the forum itself."""
        with self._lock:
            return self.forum.create_post(username, topic_id=topic_id, raw=raw)

    def webhook_payload(self, event: str, object_id: int) -> dict[str, Any]:
        """The body Discourse would send for ``event`` about topic or post ``object_id``."""
        with self._lock:
            if event.startswith("topic_"):
                return payloads.topic_webhook(self.forum, self.forum.topics[object_id])
            if event.startswith("post_"):
                return payloads.post_webhook(self.forum, self.forum.posts[object_id])
        raise ValueError(f"unsupported event {event!r}")

    def build_webhook(self, event: str, payload: dict[str, Any] | bytes, *, secret: str | None = "",
                      signature: str | None = None, event_id: int | None = None) -> WebhookDelivery:
        """Body and headers of a webhook; ``signature``: None (correct), "bad", "missing" or a literal."""
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        secret = self.webhook_secret if secret == "" else secret
        headers = {"Content-Type": "application/json", "User-Agent": "Discourse/2026.1.0",
                   "X-Discourse-Instance": self.base_url,
                   "X-Discourse-Event-Id": str(event_id if event_id is not None else next(self._event_ids)),
                   "X-Discourse-Event-Type": "ping" if event == "ping" else event.split("_", 1)[0],
                   "X-Discourse-Event": event}
        if signature == "bad":
            headers["X-Discourse-Event-Signature"] = "sha256=" + hmac.new(
                b"not-the-secret", body, hashlib.sha256).hexdigest()
        elif signature is None and secret:
            headers["X-Discourse-Event-Signature"] = "sha256=" + hmac.new(
                secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        elif signature not in (None, "missing"):
            headers["X-Discourse-Event-Signature"] = signature
        return WebhookDelivery(body, headers)

    def send_webhook(self, url: str, event: str, payload: dict[str, Any] | bytes, **options: Any) -> httpx.Response:
        """POST a webhook to ``url`` now (options as in ``build_webhook``)."""
        delivery = self.build_webhook(event, payload, **options)
        self.webhooks_sent.append(delivery)
        return httpx.post(url, content=delivery.body, headers=delivery.headers, timeout=10)

    async def asend_webhook(self, client: httpx.AsyncClient, url: str, event: str,
                            payload: dict[str, Any] | bytes, **options: Any) -> httpx.Response:
        """Like ``send_webhook`` through an async client (e.g. one bound to an ASGI app)."""
        delivery = self.build_webhook(event, payload, **options)
        self.webhooks_sent.append(delivery)
        return await client.post(url, content=delivery.body, headers=delivery.headers)

    # -- request handling (server threads) -------------------------------------------------

    def handle(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> Reply:
        """Answer one HTTP request."""
        content_type = headers.get("content-type", "")
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        with self._lock:
            self.requests.append(RecordedRequest(method, path, headers, body))
            if self._down == "503":
                return Reply(503, "<html><body>503 Service Unavailable</body></html>",
                             content_type="text/html; charset=utf-8")
            if self._faults:
                return self._faults.popleft()
            checked, checked_type = body, content_type
            if method == "GET" and "?" in path:  # Rails reads a GET's parameters from the query;
                # the OpenAPI file documents them as a JSON body of single values, so check each
                # repeated key (``post_ids[]=1&post_ids[]=2``) by its first value.
                checked = {k: int(v[0]) if v[0].isdigit() else v[0]
                           for k, v in parse_qs(urlsplit(path).query).items()}
                checked_type = "application/json"
            self.violations.extend(self.spec.check_request(method, path.split("?")[0], headers, checked,
                                                           checked_type))
            if headers.get("api-key") != self.api_key or headers.get("api-username") != self.api_username:
                return Reply(403, {"errors": ["You are not permitted to view the requested resource. "
                                              "The API username or key is invalid."], "error_type": "invalid_access"})
            if self.rate_limit_per_minute and self.requests_per_minute > self.rate_limit_per_minute:
                return Reply(429, {"errors": ["You’ve performed this action too many times."],
                                   "error_type": "rate_limit", "extras": {"wait_seconds": 60, "time_left": "1 minute"}})
            try:
                if method == "GET":  # a GET's parameters come in the query string
                    body = parse_qs(urlsplit(path).query)
                reply = route(self, method, path.split("?")[0], body if isinstance(body, dict) else {})
            except ForumError as exc:
                extra = {"error_type": exc.error_type} if exc.error_type else {"action": "create_post"}
                return Reply(exc.status, {"errors": exc.errors, **extra})
            return reply


class _Handler(BaseHTTPRequestHandler):
    double: DiscourseDouble
    # HTTP/1.0 (the default) closes every connection, so go_down() cannot be outlived by keep-alive.

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.double.handle(self.command, self.path, headers, raw)
        data = reply.encoded()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        return
