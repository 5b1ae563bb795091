"""The HTTP side: a Starlette app answering /bot<token>/<method> with Telegram's envelope."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .methods import HANDLERS
from .records import Violation
from .spec import SpecValidator, UploadedFile
from .state import ApiError, World

_HTML_ERRORS = {502: "Bad Gateway", 504: "Gateway Timeout"}
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden: bot was blocked by the user",
    404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error",
}  # fmt: skip
_CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
_CONFLICT_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)


def _json(payload: dict[str, Any], status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status, media_type="application/json")


def _error(exc: ApiError) -> Response:
    if exc.code in _HTML_ERRORS:
        phrase = f"{exc.code} {_HTML_ERRORS[exc.code]}"
        html = (
            f"<html>\r\n<head><title>{phrase}</title></head>\r\n<body>\r\n<center><h1>{phrase}"
            "</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
        )
        return Response(html, exc.code, media_type="text/html")
    payload: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        payload["parameters"] = exc.parameters
    return _json(payload, exc.code)


def scripted_error(status: int, retry_after: int | None, description: str | None) -> ApiError:
    """Build the error a ``fail_next`` entry answers with."""
    if status == 429:
        retry_after = retry_after or 1
        return ApiError(429, description or f"Too Many Requests: retry after {retry_after}",
                        retry_after=retry_after)
    return ApiError(status, description or _DEFAULT_DESCRIPTIONS.get(status, "Error"))


async def _read_params(request: Request) -> tuple[dict[str, Any], dict[str, UploadedFile], bool]:
    """Return (params, file parts, values-are-form-strings) from query string and body."""
    params: dict[str, Any] = dict(request.query_params)
    files: dict[str, UploadedFile] = {}
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        body = await request.body()
        data = json.loads(body) if body.strip() else {}
        if not isinstance(data, dict):
            raise ValueError("JSON body is not an object")
        return {**params, **data}, files, False
    if ctype.startswith("multipart/form-data"):
        async with request.form(max_files=100, max_fields=1000) as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    files[key] = UploadedFile(key, value.filename or "", await value.read(),
                                              value.content_type or "")
                else:
                    params[key] = value
        return params, files, True
    body = await request.body()
    if body:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return params, files, True


def _loose_parse(params: dict[str, Any]) -> dict[str, Any]:
    """Without the spec, parse form values that are JSON numbers, booleans, objects or arrays."""
    out = {}
    for key, value in params.items():
        looks_json = isinstance(value, str) and value[:1] in "-0123456789tf[{"
        if looks_json and key not in ("text", "caption"):
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[key] = value
    return out


class BotApi:
    """Request pipeline: token, outage, validation, scripted failures, handler, record."""

    def __init__(self, world: World, token: str, validator: SpecValidator | None) -> None:
        self.world = world
        self.token = token
        self.validator = validator
        self.stopping = False
        self._poll_generation = 0
        self._changed: asyncio.Future[None] | None = None

    def wake(self) -> None:
        """Resolve the 'something changed' future long polls wait on (server loop only)."""
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)
        self._changed = None

    def _changed_future(self) -> asyncio.Future[None]:
        if self._changed is None:
            self._changed = asyncio.get_running_loop().create_future()
        return self._changed

    def _check(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile],
               form: bool) -> tuple[str, dict[str, Any]]:
        """Resolve the method name and validate params, recording violations."""
        world = self.world
        if self.validator is None:
            if method not in HANDLERS and method != "getUpdates":
                raise ApiError(404, "Not Found")
            return method, _loose_parse({**params, **files}) if form else {**params, **files}
        canonical = self.validator.canonical_method(method)
        if canonical is None:
            with world.lock:
                world.violations.append(Violation(method, "unknown method", dict(params)))
            raise ApiError(404, "Not Found")
        parsed, problems = self.validator.validate(canonical, params, files, form=form)
        if not problems and canonical not in HANDLERS and canonical != "getUpdates":
            problems = [f"method {canonical} is not implemented by the test double"]
        if problems:
            with world.lock:
                world.violations.extend(Violation(canonical, p, dict(params)) for p in problems)
            raise ApiError(400, f"Bad Request: {canonical}: {'; '.join(problems)}")
        return canonical, parsed

    async def call(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile],
                   form: bool) -> tuple[str, dict[str, Any], Any]:
        """Run one Bot API call; return (canonical method, parsed params, result)."""
        world = self.world
        with world.changed:
            world.calls_in_progress += 1
            world.changed.notify_all()
        try:
            return await self._call(method, params, files, form)
        finally:
            with world.changed:
                world.calls_in_progress -= 1
                world.changed.notify_all()

    async def _call(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile],
                    form: bool) -> tuple[str, dict[str, Any], Any]:
        world = self.world
        if world.slow_seconds:
            await asyncio.sleep(world.slow_seconds)
        if world.down:
            raise ApiError(502, "Bad Gateway")
        method, parsed = self._check(method, params, files, form)
        with world.lock:
            for key in (method, "*"):
                failure = world.failures.get(key)
                if failure is not None and failure.count > 0:
                    failure.count -= 1
                    if failure.status == 429:
                        world.count_429 += 1
                    raise scripted_error(failure.status, failure.retry_after,
                                         failure.description)
            if method != "getUpdates":
                return method, parsed, HANDLERS[method](world, parsed)
        return method, parsed, await self.get_updates(parsed)

    async def get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling: wait up to ``timeout`` s for updates; a newer call ends older ones."""
        world = self.world
        loop = asyncio.get_running_loop()
        limit = min(100, max(1, p.get("limit", 100)))
        self._poll_generation += 1
        generation = self._poll_generation
        self.wake()
        with world.lock:
            if "allowed_updates" in p:
                world.allowed_updates = p["allowed_updates"] or None
        deadline = loop.time() + max(0, p.get("timeout", 0))
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, _CONFLICT_POLL)
            with world.lock:
                if world.webhook.url:
                    raise ApiError(409, _CONFLICT_WEBHOOK)
                updates = world.take_updates(p.get("offset"), limit, world.allowed_updates)
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self.stopping:
                return list(updates)
            try:
                await asyncio.wait_for(asyncio.shield(self._changed_future()), remaining)
            except TimeoutError:
                pass

    async def endpoint(self, request: Request) -> Response:
        """Answer POST|GET /bot<token>/<method>."""
        method = request.path_params["method"]
        params: dict[str, Any] = {}
        try:
            if request.path_params["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            try:
                params, files, form = await _read_params(request)
            except (ValueError, UnicodeDecodeError) as exc:
                raise ApiError(400, f"Bad Request: can't parse request: {exc}") from None
            method, params, result = await self.call(method, params, files, form)
        except ApiError as exc:
            self._record(method, params, exc.code, exc.description)
            return _error(exc)
        self._record(method, params, 200, None)
        return _json({"ok": True, "result": result})

    def _record(self, method: str, params: dict[str, Any], status: int, text: str | None) -> None:
        with self.world.lock:
            self.world.record_request(method, params, status, text)

    async def download(self, request: Request) -> Response:
        """Answer GET /file/bot<token>/<file_path>."""
        if request.path_params["token"] == self.token:
            path = request.path_params["path"]
            with self.world.lock:
                stored = next((f for f in self.world.files.values() if f.file_path == path), None)
            if stored is not None:
                return Response(stored.content, media_type=stored.mime_type)
        return _error(ApiError(404, "Not Found"))


def build_app(api: BotApi, control: Callable[[Request], Awaitable[Response]] | None) -> Starlette:
    """Return the Starlette app serving the Bot API, file downloads and the control endpoint."""
    routes = [
        Route("/bot{token}/{method}", api.endpoint, methods=["GET", "POST"]),
        Route("/file/bot{token}/{path:path}", api.download, methods=["GET"]),
    ]
    if control is not None:
        routes.append(Route("/_control/{action}", control, methods=["POST"]))
    return Starlette(routes=routes)
