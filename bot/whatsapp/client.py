"""A small async client of the WhatsApp Cloud API (``POST /{phone_number_id}/messages`` and
``/media``) on httpx.

Why not pywa: it wants to own the webhook route and its own handler loop, while here the
service's FastAPI route checks the signature and the dialogue core decides; what we need from
the API is two endpoints and its error envelope, which this module maps to a few outcomes.

Free-form messages (everything but templates) go out only inside the 24-hour customer-service
window: the client asks its ``window`` first and raises ``WindowClosed`` without calling the
API, so nothing claims a send that WhatsApp would refuse.
"""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

from bot.whatsapp import messages
from bot.whatsapp.settings import WhatsAppSettings

ErrorKind = Literal["rate_limit", "reengagement", "not_on_whatsapp", "template_paused",
                    "auth", "invalid", "temporary", "failed"]

# Meta's documented codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes)
ERROR_KINDS: dict[int, ErrorKind] = {
    4: "rate_limit", 80007: "rate_limit", 130429: "rate_limit", 131056: "rate_limit",
    131047: "reengagement",
    131026: "not_on_whatsapp",
    132015: "template_paused", 132016: "template_paused",
    0: "auth", 3: "auth", 10: "auth", 190: "auth",
    100: "invalid", 131008: "invalid", 131009: "invalid", 131051: "invalid", 131053: "invalid",
    1: "temporary", 2: "temporary", 131000: "temporary", 131016: "temporary",
}
RETRYABLE: frozenset[ErrorKind] = frozenset({"rate_limit", "temporary"})
MAX_TEXT = 4096


class WhatsAppError(Exception):
    """An error answered by the Cloud API (or the network), with its code mapped to a kind."""

    def __init__(self, kind: ErrorKind, code: int | None, detail: str,
                 status: int | None = None) -> None:
        super().__init__(f"{kind} ({code}): {detail}")
        self.kind = kind
        self.code = code
        self.detail = detail
        self.status = status
        # ids of the messages of the same reply that went before this one (``push``)
        self.sent_before: tuple[str, ...] = ()

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE


class WindowClosed(WhatsAppError):
    """A free-form message outside the 24-hour window: refused here, never sent."""

    def __init__(self) -> None:
        super().__init__("reengagement", 131047, messages.WINDOW_CLOSED)


WindowCheck = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class Sent:
    """What the API answered for one accepted message."""

    message_id: str
    wa_id: str


def error_from(response: httpx.Response) -> WhatsAppError:
    """Map a Graph API error response (``{"error": {"code", "message", ...}}``) to a kind."""
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    code = error.get("code") if isinstance(error, dict) else None
    code = code if type(code) is int else None
    data = error.get("error_data") if isinstance(error, dict) else None
    detail = (data.get("details") if isinstance(data, dict) else None) or (
        error.get("message") if isinstance(error, dict) else None) or response.reason_phrase
    if code is not None and code in ERROR_KINDS:
        kind = ERROR_KINDS[code]
    elif response.status_code == 429:
        kind = "rate_limit"
    elif response.status_code >= 500:
        kind = "temporary"
    elif response.status_code in (401, 403):
        kind = "auth"
    else:
        kind = "failed"
    return WhatsAppError(kind, code, str(detail)[:300], response.status_code)


class WhatsAppClient:
    """Sends messages for one business phone number; one pooled httpx client, one timeout."""

    def __init__(self, settings: WhatsAppSettings, window: WindowCheck, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        assert settings.token is not None and settings.phone_number_id is not None
        self.window = window
        self._http = httpx.AsyncClient(
            base_url=f"{settings.api_root}/{settings.phone_number_id}",
            headers={"Authorization": f"Bearer {settings.token.get_secret_value()}"},
            timeout=settings.timeout, transport=transport,
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, to: str, message: dict[str, Any]) -> Sent:
        """Send one message object (``{"type": ..., <type>: {...}}``) to a WhatsApp id."""
        if message.get("type") != "template" and not await self.window(to):
            raise WindowClosed()
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                **message}
        data = await self._post("/messages", json=body)
        try:
            return Sent(str(data["messages"][0]["id"]), str(data["contacts"][0]["wa_id"]))
        except (KeyError, IndexError, TypeError):
            raise WhatsAppError("failed", None, "respuesta sin id de mensaje") from None

    async def send_text(self, to: str, text: str) -> Sent:
        return await self.send(to, {"type": "text",
                                    "text": {"body": text[:MAX_TEXT], "preview_url": False}})

    async def send_template(self, to: str, name: str, language: str,
                            components: list[dict[str, Any]] | None = None) -> Sent:
        """An approved template: the only kind allowed outside the 24-hour window."""
        template: dict[str, Any] = {"name": name, "language": {"code": language}}
        if components:
            template["components"] = components
        return await self.send(to, {"type": "template", "template": template})

    async def upload_media(self, path: Path) -> str:
        """Upload a file once; the returned media id is reused for every send."""
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        content = await asyncio.to_thread(path.read_bytes)
        data = await self._post("/media", data={"messaging_product": "whatsapp", "type": mime},
                                files={"file": (path.name, content, mime)})
        media_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(media_id, str) or not media_id:
            raise WhatsAppError("failed", None, "respuesta sin id de archivo")
        return media_id

    async def _post(self, path: str, **kwargs: Any) -> Any:
        try:
            response = await self._http.post(path, **kwargs)
        except httpx.TimeoutException as exc:
            raise WhatsAppError("temporary", None, type(exc).__name__) from None
        except httpx.HTTPError as exc:
            raise WhatsAppError("temporary", None, type(exc).__name__) from None
        if response.status_code != 200:
            raise error_from(response)
        try:
            return response.json()
        except ValueError:
            raise WhatsAppError("failed", None, "respuesta que no es JSON") from None
