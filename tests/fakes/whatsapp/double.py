"""The WhatsApp Cloud API double: a Starlette app on a local port (``ServerThread``).

It plays ``POST /{version}/{phone_number_id}/messages`` and ``/media`` as Meta documents them:
the bearer token (401 with code 190 otherwise), the Graph error envelope, body validation
(``validate.py``; a bad body is a 400 with code 100 and is recorded as a violation), the
per-number throughput (code 130429), scripted failures, and the 24-hour rule: a free-form
message to someone who has not written in 24 hours is accepted and then fails with code 131047,
reported by a ``failed`` status (``pending_statuses``), as the real API does.

``GET /{version}/{waba_id}/message_templates`` lists the templates added with ``approve`` in
the shape of Meta's listing (``data``, ``paging`` with cursors and ``next``); once there are
any, a template send is checked against them as Meta does: unknown name or language 132001,
paused 132015, disabled 132016, an image header sent or missing 132012, a different number of
body variables 132000.

It also builds what Meta would POST to the service (messages and statuses, signed with the app
secret like ``X-Hub-Signature-256``), recording each person's last message time for the window,
and the ``system`` message of a number change (``number_changed``).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.telegram.runner import ServerThread
from tests.fakes.whatsapp.validate import message_problems

WINDOW = timedelta(hours=24)
TITLES = {100: "Invalid parameter", 190: "Access token has expired",
          130429: "Rate limit hit", 131047: "Re-engagement message",
          131026: "Message undeliverable", 131053: "Media upload error", 132015: "Template is paused",
          131056: "(Business Account, Consumer Account) pair rate limit hit",
          131000: "Something went wrong",
          132000: "Number of parameters does not match the expected number of params",
          132001: "Template name does not exist in the translation",
          132012: "Parameter format does not match format in the created template",
          132016: "Template is disabled"}
# what Meta answers, by the status of the template named in a send
TEMPLATE_REFUSALS = {"PAUSED": 132015, "DISABLED": 132016}


@dataclass
class SentMessage:
    """A message the double accepted."""

    id: str
    to: str
    type: str
    body: dict[str, Any]
    at: datetime

    @property
    def text(self) -> str:
        """The visible text: body, caption or interactive body."""
        content = self.body.get(self.type) or {}
        if self.type == "text":
            return str(content.get("body", ""))
        if self.type == "image":
            return str(content.get("caption", ""))
        if self.type == "interactive":
            return str(content.get("body", {}).get("text", ""))
        return ""

    def options(self) -> list[tuple[str, str]]:
        """(id, title) of its reply buttons or list rows."""
        if self.type != "interactive":
            return []
        action = self.body["interactive"]["action"]
        if "buttons" in action:
            return [(b["reply"]["id"], b["reply"]["title"]) for b in action["buttons"]]
        return [(r["id"], r["title"]) for s in action["sections"] for r in s["rows"]]


@dataclass
class _Bucket:
    rate: float
    burst: float
    tokens: float
    at: datetime

    def take(self, now: datetime) -> bool:
        elapsed = max(0.0, (now - self.at).total_seconds())
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class WhatsAppDouble:
    """A running Cloud API double (use as a context manager)."""

    token: str = "EAAG-test-token"
    phone_number_id: str = "106540352242922"
    app_secret: str = "test-app-secret"
    verify_token: str = "test-verify-token"
    version: str = "v21.0"
    rate_per_second: float | None = None  # None: no throughput limit
    burst: float = 10.0
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    sent: list[SentMessage] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    window_violations: list[str] = field(default_factory=list)
    pending_statuses: list[dict[str, Any]] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # error codes answered
    last_inbound: dict[str, datetime] = field(default_factory=dict)
    business_account_id: str = "102290129340398"
    # the WABA's templates as ``GET /{waba-id}/message_templates`` lists them; when there are
    # any, a template send is checked against them as Meta does (132001, 132000, 132012...)
    templates: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._script: list[int | None] = []
        self._bucket = (_Bucket(self.rate_per_second, self.burst, self.burst, self.clock())
                        if self.rate_per_second else None)
        self._server = ServerThread(Starlette(routes=[
            Route("/{version}/{phone}/messages", self._messages, methods=["POST"]),
            Route("/{version}/{phone}/media", self._media, methods=["POST"]),
            Route("/{version}/{waba}/message_templates", self._list_templates,
                  methods=["GET"]),
        ]))

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> WhatsAppDouble:
        self._server.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.port}"

    def settings_env(self) -> dict[str, str]:
        """The ``VALOR_WHATSAPP_*`` variables pointing a service at this double."""
        return {"VALOR_WHATSAPP_TOKEN": self.token,
                "VALOR_WHATSAPP_PHONE_NUMBER_ID": self.phone_number_id,
                "VALOR_WHATSAPP_APP_SECRET": self.app_secret,
                "VALOR_WHATSAPP_VERIFY_TOKEN": self.verify_token,
                "VALOR_WHATSAPP_BASE_URL": self.base_url,
                "VALOR_WHATSAPP_API_VERSION": self.version,
                "VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID": self.business_account_id}

    def approve(self, name: str, language: str = "es", *, header: str | None = "IMAGE",
                body: str = "Esta semana: {{1}}", status: str = "APPROVED",
                parameter_format: str = "POSITIONAL") -> dict[str, Any]:
        """Add a template to the WABA, shaped like Meta's listing (Template management)."""
        components: list[dict[str, Any]] = []
        if header is not None:
            components.append({"type": "HEADER", "format": header, "example": {
                "header_handle": ["https://scontent.whatsapp.net/v/t61/example"]}}
                if header in ("IMAGE", "VIDEO", "DOCUMENT") else
                {"type": "HEADER", "format": header, "text": "El Valor Soy Yo"})
        components.append({"type": "BODY", "text": body})
        template = {"name": name, "parameter_format": parameter_format,
                    "components": components, "language": language, "status": status,
                    "category": "MARKETING", "id": str(10**14 + len(self.templates) + 1)}
        with self._lock:
            self.templates.append(template)
        return template

    def fail_next(self, *codes: int | None) -> None:
        """Answer the next sends with these Cloud API error codes, in order (``None``: accept
        that one as usual, e.g. to refuse the second message of a reply)."""
        with self._lock:
            self._script.extend(codes)

    def to(self, wa_id: str) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.sent if m.to == wa_id]

    # -- the API --------------------------------------------------------------------------

    def _check(self, request: Request) -> Response | None:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _error(401, 190, "Error validating access token: Session has expired.",
                          kind="OAuthException")
        phone = request.path_params["phone"]
        if request.path_params["version"] != self.version or phone != self.phone_number_id:
            return _error(400, 100, f"Unsupported post request. Object with ID '{phone}' does "
                                    "not exist, cannot be loaded due to missing permissions, or "
                                    "does not support this operation.", subcode=33)
        return None

    async def _list_templates(self, request: Request) -> Response:
        """``GET /{waba-id}/message_templates``: ``name`` filters (Meta matches a part of the
        name), ``limit`` and the ``after`` cursor page, ``paging.next`` links the next page."""
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _error(401, 190, "Error validating access token: Session has expired.")
        waba = request.path_params["waba"]
        if request.path_params["version"] != self.version or waba != self.business_account_id:
            return _error(400, 100, f"Unsupported get request. Object with ID '{waba}' does "
                                    "not exist, cannot be loaded due to missing permissions, or "
                                    "does not support this operation.", subcode=33,
                          kind="GraphMethodException")
        query = request.query_params
        try:
            limit = max(1, min(int(query.get("limit", "25")), 1000))
            start = int(query.get("after", "0") or 0)
        except ValueError:
            return _error(400, 100, "Invalid parameter")
        with self._lock:
            found = [t for t in self.templates if query.get("name", "") in t["name"]]
        page = found[start:start + limit]
        body: dict[str, Any] = {"data": page, "paging": {"cursors": {
            "before": str(start), "after": str(start + len(page))}}}
        if start + limit < len(found):
            body["paging"]["next"] = str(request.url.include_query_params(
                after=str(start + limit)))
        return JSONResponse(body)

    def _template_refusal(self, body: dict[str, Any]) -> int | None:
        """The error Meta gives a template send that does not match the WABA's template."""
        sent = body.get("template") or {}
        language = (sent.get("language") or {}).get("code")
        known = next((t for t in self.templates if t["name"] == sent.get("name")
                      and t["language"] == language), None)
        if known is None:
            return 132001
        if known["status"] != "APPROVED":
            return TEMPLATE_REFUSALS.get(known["status"], 132001)
        header = next((c.get("format") for c in known["components"] if c["type"] == "HEADER"),
                      None)
        text = next((c.get("text", "") for c in known["components"] if c["type"] == "BODY"), "")
        expected = len(set(re.findall(r"\{\{\s*(\d+)\s*\}\}", text)))
        parts = {c.get("type"): c for c in sent.get("components") or []}
        given = len(parts.get("body", {}).get("parameters") or [])
        if ("header" in parts) != (header == "IMAGE"):
            return 132012
        return 132000 if given != expected else None

    async def _messages(self, request: Request) -> Response:
        refused = self._check(request)
        if refused is not None:
            return refused
        try:
            body = json.loads(await request.body())
        except ValueError:
            return _error(400, 100, "Invalid JSON payload")
        problems = message_problems(body)
        if problems:
            with self._lock:
                self.violations.extend(problems)
            return _error(400, 100, "Invalid parameter", details="; ".join(problems))
        now = self.clock()
        with self._lock:
            header = _header_media_id(body)
            if header is not None and header not in self.media:
                # Meta keeps uploaded media 30 days; an unknown or expired id is refused
                self.refused.append(131053)
                return _error(400, 131053, TITLES[131053],
                              details="Unable to retrieve the media from the given media id.")
            refusal = self._template_refusal(body) if (
                self.templates and body.get("type") == "template") else None
            if refusal is not None:
                self.refused.append(refusal)
                return _error(400, refusal, TITLES.get(refusal, "Error"))
            code = self._script.pop(0) if self._script else None
            if code is not None:
                self.refused.append(code)
                return _error(400, code, TITLES.get(code, "Error"))
            if self._bucket is not None and not self._bucket.take(now):
                self.refused.append(130429)
                return _error(400, 130429, TITLES[130429],
                              details="Cloud API message throughput has been reached.")
            to = body["to"].lstrip("+")
            message = SentMessage(f"wamid.{secrets.token_urlsafe(24)}", to,
                                  body.get("type", "text"), body, now)
            self.sent.append(message)
            last = self.last_inbound.get(to)
            if message.type != "template" and (last is None or now - last >= WINDOW):
                self.window_violations.append(message.id)
                self.pending_statuses.append(self.status(
                    message.id, to, "failed", callback=body.get("biz_opaque_callback_data"),
                    errors=[{
                        "code": 131047, "title": TITLES[131047],
                        "message": TITLES[131047],
                        "error_data": {"details": "Message failed to send because more than 24 "
                                                  "hours have passed since the customer last "
                                                  "replied to this number."}}]))
        return JSONResponse({"messaging_product": "whatsapp",
                             "contacts": [{"input": body["to"], "wa_id": to}],
                             "messages": [{"id": message.id}]})

    async def _media(self, request: Request) -> Response:
        refused = self._check(request)
        if refused is not None:
            return refused
        form = await request.form()
        upload = form.get("file")
        if form.get("messaging_product") != "whatsapp" or upload is None or isinstance(upload, str):
            with self._lock:
                self.violations.append("media upload needs messaging_product and a file")
            return _error(400, 100, "Invalid parameter")
        data = await upload.read()
        media_id = str(10**15 + next(self._ids))
        with self._lock:
            self.media[media_id] = data
        return JSONResponse({"id": media_id})

    # -- what Meta sends to the service ---------------------------------------------------

    def sign(self, body: bytes) -> dict[str, str]:
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        return {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}

    def signed(self, notification: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        """A notification as Meta posts it: the JSON body and its signed headers."""
        body = json.dumps(notification).encode()
        return body, self.sign(body)

    def notification(self, value: dict[str, Any]) -> dict[str, Any]:
        return {"object": "whatsapp_business_account", "entry": [{
            "id": "102290129340398", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550783881",
                             "phone_number_id": self.phone_number_id}, **value}}]}]}

    def inbound(self, wa_id: str, message: dict[str, Any], name: str = "Ana",
                message_id: str | None = None) -> tuple[bytes, dict[str, str]]:
        """A signed notification of one inbound message (the window opens now)."""
        now = self.clock()
        with self._lock:
            self.last_inbound[wa_id] = now
        message = {"from": wa_id, "id": message_id or f"wamid.in{secrets.token_hex(12)}",
                   "timestamp": str(int(now.timestamp())), **message}
        return self.signed(self.notification({
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [message]}))

    def number_changed(self, old: str, new: str, name: str = "Ana",
                       message_id: str | None = None) -> tuple[bytes, dict[str, str]]:
        """The signed ``system`` notice Meta sends when the user of ``old`` moves to ``new``
        (``user_changed_number``; like Meta's, without a ``contacts`` array and without
        opening the window: the person wrote nothing)."""
        message = {"from": old, "id": message_id or f"wamid.sys{secrets.token_hex(12)}",
                   "timestamp": str(int(self.clock().timestamp())), "type": "system",
                   "system": {"body": f"User {name} changed from {old} to {new}",
                              "wa_id": new, "type": "user_changed_number"}}
        return self.signed(self.notification({"messages": [message]}))

    def text_from(self, wa_id: str, text: str, **kwargs: Any) -> tuple[bytes, dict[str, str]]:
        return self.inbound(wa_id, {"type": "text", "text": {"body": text}}, **kwargs)

    def tap_from(self, wa_id: str, option_id: str, title: str = "",
                 kind: str = "button_reply") -> tuple[bytes, dict[str, str]]:
        """A tap on a reply button (``button_reply``) or a list row (``list_reply``)."""
        return self.inbound(wa_id, {"type": "interactive", "interactive": {
            "type": kind, kind: {"id": option_id, "title": title or option_id}}})

    def status(self, message_id: str, wa_id: str, status: str,
               errors: list[dict[str, Any]] | None = None, *,
               callback: str | None = None) -> dict[str, Any]:
        """A status notification; ``callback`` is the send's ``biz_opaque_callback_data``,
        which Meta echoes."""
        item: dict[str, Any] = {"id": message_id, "status": status, "recipient_id": wa_id,
                                "timestamp": str(int(self.clock().timestamp()))}
        if errors:
            item["errors"] = errors
        if callback is not None:
            item["biz_opaque_callback_data"] = callback
        return self.notification({"statuses": [item]})

    def status_of(self, sent: SentMessage, status: str,
                  errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The status Meta reports for a message the double accepted (its mark echoed)."""
        return self.status(sent.id, sent.to, status, errors,
                           callback=sent.body.get("biz_opaque_callback_data"))


def _header_media_id(body: dict[str, Any]) -> str | None:
    """The media id of a template's image header, if it has one."""
    template = body.get("template") if isinstance(body.get("template"), dict) else {}
    for component in template.get("components") or []:
        if isinstance(component, dict) and component.get("type") == "header":
            for parameter in component.get("parameters") or []:
                image = parameter.get("image") if isinstance(parameter, dict) else None
                if isinstance(image, dict) and "id" in image:
                    return str(image["id"])
    return None


def _error(status: int, code: int, message: str, *, details: str | None = None,
           subcode: int | None = None, kind: str = "OAuthException") -> JSONResponse:
    error: dict[str, Any] = {"message": f"(#{code}) {message}", "type": kind, "code": code,
                             "fbtrace_id": "A" + secrets.token_hex(10)}
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    if subcode is not None:
        error["error_subcode"] = subcode
    return JSONResponse({"error": error}, status_code=status)
