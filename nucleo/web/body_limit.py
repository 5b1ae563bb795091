"""A ceiling on request bodies, enforced before anything reads them whole.

Pure ASGI middleware: a declared ``Content-Length`` above the limit is refused (413) before the
application runs; a chunked body (or one that lies about its length) is counted as it streams,
and the first chunk past the limit answers 413 and tells the application the client left. So an
attacker's 400 MB body costs at most the limit in memory, never the whole body.

Upload routes declare a larger limit of their own (path templates as in the routers, e.g.
``/api/v1/campaigns/{campaign_id}/pieces``); every other route gets the default (1 MB).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nucleo import messages
from nucleo.formats import decimal
from nucleo.web.errors import error_response

log = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024
DEFAULT_LIMIT = MEGABYTE
FORM_MARGIN = MEGABYTE  # room for the multipart framing and the other fields of an upload form
_PARAM = re.compile(r"\{[^}]+\}")


def _compile(template: str) -> re.Pattern[str]:
    parts = _PARAM.split(template)
    return re.compile("^" + "[^/]+".join(re.escape(p) for p in parts) + "/?$")


class BodyTooLarge(Exception):
    """Raised to the application when its body went past the limit (already answered 413)."""


class BodyLimit:
    """Refuse request bodies above ``default`` bytes, or above the route's own limit."""

    def __init__(self, app: ASGIApp, default: int = DEFAULT_LIMIT,
                 routes: Mapping[str, int] | Iterable[tuple[str, int]] = ()) -> None:
        self.app = app
        self.default = default
        pairs = routes.items() if isinstance(routes, Mapping) else routes
        self.routes = [(_compile(template), limit) for template, limit in pairs]

    def limit_for(self, path: str) -> int:
        for pattern, limit in self.routes:
            if pattern.match(path):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, limit)
            return

        received = 0
        refused = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await _refuse(scope, send, limit)
                    raise BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 already went out; the application's answer is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception as exc:
            if not refused:
                raise
            log.debug("body over %d bytes on %s refused (%s)", limit, scope.get("path"),
                      type(exc).__name__)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    megabytes = limit / MEGABYTE
    shown = decimal(megabytes, 0 if megabytes >= 1 else 2)
    response = error_response(413, "demasiado_grande",
                              messages.BODY_TOO_LARGE.format(limit_mb=shown),
                              {"limite_bytes": limit}, headers={"Connection": "close"})
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}
