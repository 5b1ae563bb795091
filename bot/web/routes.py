"""Web chat: GET /chat (the page), POST/GET /chat/api/messages, images and static files.

``/chat?<prefix>=<token>`` is the web form of ``/start <prefix><token>`` for every start route
open to the web (``FlowRegistry.web_start``: a directory invitation ``?v=``, a session check-in
``?a=``): the page hands the parameter to its script, which sends ``/start <parameter>`` as the
chat's first message (without showing it) and drops it from the address bar, so the web
conversation goes exactly where the Telegram deep link goes.

Visitors get a signed, HttpOnly, SameSite=Lax cookie that names their chat; the API is rate
limited per session and per client address on top of the core's per-chat flood control.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot import messages
from bot.core.flood import FloodControl
from bot.core.types import WEB, Input, PersonRef, Reply, buttons_from_json, buttons_to_json
from bot.models import WebMessage
from bot.service import dialogue_core
from bot.web.signing import new_session_id
from nucleo import messages as core_messages
from nucleo.services import Key, Services
from nucleo.signing import lifetime
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_response, error_responses
from nucleo.web.ids import Offset

router = APIRouter(prefix="/chat", tags=["chat web"])
COOKIE = "valor_chat"
COOKIE_MAX_AGE = int(lifetime("chat.sesion").total_seconds())
STATIC = Path(__file__).parent / "static"
LIMITS: Key[WebLimits] = Key("web_chat_limits")


class WebLimits:
    """Per-session and per-address token buckets for the chat API."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self.per_session = FloodControl(burst=15, per_minute=40, clock=clock)
        self.per_address = FloodControl(burst=120, per_minute=600, clock=clock)

    def allowed(self, session_id: str, address: str) -> bool:
        return (self.per_address.check(address) == "ok"
                and self.per_session.check(session_id) == "ok")


def _limits(services: Services) -> WebLimits:
    return services.setdefault(LIMITS, WebLimits)


class _Session:
    """The visitor's chat session id, and whether the cookie must be (re)set."""

    def __init__(self, request: Request, services: Services) -> None:
        self.signer = services.signer
        value = services.signer.value_or_none("chat.sesion", request.cookies.get(COOKIE))
        self.id = value if isinstance(value, str) and value else None
        self.new = self.id is None
        if self.id is None:
            self.id = new_session_id()
        self.secure = request.url.scheme == "https"

    def apply(self, response: Response) -> Response:
        if self.new:
            response.set_cookie(COOKIE, self.signer.sign("chat.sesion", self.id or ""),
                                max_age=COOKIE_MAX_AGE,
                                httponly=True, samesite="lax", secure=self.secure, path="/chat")
        return response


class ChatIn(BaseModel):
    """A message from the browser: typed text or the data of a tapped button."""

    text: str | None = Field(default=None, max_length=20_000)
    button: str | None = Field(default=None, max_length=200)
    id: str | None = Field(default=None, min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$",
                           description="Identificador del mensaje: un reintento con el mismo se "
                                       "ignora")


def _message_json(services: Services, reply: Reply, message_id: int | None) -> dict[str, Any]:
    image = None
    if reply.image:
        token = services.signer.sign("chat.imagen", str(reply.image))
        image = f"/chat/api/images/{token}"
    return {"id": message_id, "html": reply.text_html, "buttons": buttons_to_json(reply.buttons),
            "image": image}


@router.get("", response_class=HTMLResponse, summary="Página del chat web")
async def page(request: Request, services: ServicesDep) -> Response:
    """The chat page: server-rendered, with the hand-written script and style. A start
    route's parameter (``?v=`` an invitation, ``?a=`` a session check-in) starts the chat
    with ``/start``; anything else is ignored, and the bot checks the token."""
    session = _Session(request, services)
    html = (STATIC / "chat.html").read_text(encoding="utf-8")
    start = dialogue_core(services).registry.web_start(request.query_params)
    html = html.replace("{{START}}", start)
    for name in ("WEB_TITLE", "WEB_INTRO", "WEB_PLACEHOLDER", "WEB_SEND", "WEB_NO_JS"):
        html = html.replace("{{" + name + "}}", messages.escape(getattr(messages, name)))
    html = html.replace("{{ENTITY}}", messages.escape(services.settings.entity_name))
    response = HTMLResponse(html, headers={
        "Content-Security-Policy": "default-src 'self'; img-src 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
        **({"Cache-Control": "no-store"} if start else {})})
    return session.apply(response)


@router.get("/static/{name}", include_in_schema=False)
async def static(name: str) -> Response:
    """chat.js and chat.css."""
    types = {"chat.js": "text/javascript", "chat.css": "text/css"}
    if name not in types:
        return error_response(404, "no_encontrado", core_messages.ROUTE_NOT_FOUND)
    return FileResponse(STATIC / name, media_type=types[name],
                        headers={"X-Content-Type-Options": "nosniff"})


@router.post("/api/messages", responses=error_responses(429), summary="Enviar un mensaje al chat")
async def post_message(body: ChatIn, request: Request, services: ServicesDep) -> Response:
    """Run the message through the dialogue core and return the bot's replies."""
    session = _Session(request, services)
    address = request.client.host if request.client else "desconocida"
    if not _limits(services).allowed(session.id or "", address):
        wait = math.ceil(60 / 40)
        return session.apply(error_response(429, "demasiadas_solicitudes",
                                            messages.WEB_RATE_LIMITED,
                                            headers={"Retry-After": str(wait)}))
    ref = PersonRef(WEB, session.id or "")
    if body.button is not None and body.text is None:
        event = Input.button(ref, body.button)
    elif body.text is not None and body.button is None:
        event = Input.from_text(ref, body.text)
    else:
        return session.apply(error_response(422, "datos_invalidos", messages.WEB_BAD_REQUEST))
    if body.id is not None:
        event = event.once(f"web:{session.id}:{body.id}")
    replies = await dialogue_core(services).handle(event)
    payload = {"messages": [_message_json(services, r, None) for r in replies]}
    return session.apply(JSONResponse(payload))


@router.get("/api/messages", summary="Mensajes nuevos del chat (avisos)")
async def get_messages(request: Request, services: ServicesDep,
                       after: Offset = 0) -> Response:
    """Messages the service queued for this chat (campaigns, answers) after an id."""
    session = _Session(request, services)
    if session.new:
        return session.apply(JSONResponse({"messages": [], "last_id": after}))
    key = dialogue_core(services).keys.key(PersonRef(WEB, session.id or ""))
    async with services.db.session() as db:
        rows = (await db.execute(select(WebMessage).where(
            WebMessage.conversation_key == key, WebMessage.id > after)
            .order_by(WebMessage.id).limit(50))).scalars().all()
    items = [_message_json(services, Reply(m.text_html, buttons_from_json(m.buttons), m.image),
                           m.id) for m in rows]
    last = rows[-1].id if rows else after
    return session.apply(JSONResponse({"messages": items, "last_id": last}))


@router.get("/api/images/{token}", include_in_schema=False)
async def image(token: str, services: ServicesDep) -> Response:
    """An image the bot sent (only paths the service itself signed)."""
    path = services.signer.value_or_none("chat.imagen", token)
    if not isinstance(path, str) or not await asyncio.to_thread(Path(path).is_file):
        return error_response(404, "no_encontrado", core_messages.ROUTE_NOT_FOUND)
    return FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})
