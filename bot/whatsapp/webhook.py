"""GET/POST /whatsapp/webhook: Meta's verification handshake and its notifications.

The router is mounted only when the WhatsApp settings are present (``api/wiring.py``). The POST
checks ``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body with the app secret, in constant
time) before reading anything else: no signature is a 401, a wrong one a 403, and neither is
processed. Bodies over 1 MB were already refused (413) by ``nucleo/web/body_limit.py``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import ValidationError

from bot.whatsapp import messages
from bot.whatsapp.channel import whatsapp_channel
from bot.whatsapp.schemas import Notification
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_response, error_responses

log = logging.getLogger(__name__)
router = APIRouter(tags=["whatsapp"])
SIGNATURE_HEADER = "X-Hub-Signature-256"
PATH = "/whatsapp/webhook"


def signature(secret: str, body: bytes) -> str:
    """The header value Meta sends for a body: ``sha256=<hex digest>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@router.get(PATH, response_class=PlainTextResponse, responses=error_responses(403, 404),
            summary="Verificación del webhook de WhatsApp")
async def verify(services: ServicesDep,
                 mode: Annotated[str, Query(alias="hub.mode", max_length=40)] = "",
                 token: Annotated[str, Query(alias="hub.verify_token", max_length=500)] = "",
                 challenge: Annotated[str, Query(alias="hub.challenge", max_length=200)] = "",
                 ) -> Response:
    """Answer Meta's subscription check with the challenge when the verify token matches."""
    channel = whatsapp_channel(services)
    if channel is None:
        return error_response(404, "no_encontrado", messages.WEBHOOK_DISABLED)
    expected = channel.settings.verify_token
    assert expected is not None
    if mode != "subscribe" or not challenge or not hmac.compare_digest(
            token.encode(), expected.get_secret_value().encode()):
        return error_response(403, "sin_permiso", messages.WEBHOOK_VERIFY_FAILED)
    return PlainTextResponse(challenge)


@router.post(PATH, responses=error_responses(401, 403, 404),
             summary="Notificaciones de WhatsApp (mensajes y estados)")
async def notify(request: Request, services: ServicesDep) -> Response:
    """Check the signature, then handle the notification's messages and answer 200."""
    channel = whatsapp_channel(services)
    if channel is None:
        return error_response(404, "no_encontrado", messages.WEBHOOK_DISABLED)
    given = request.headers.get(SIGNATURE_HEADER)
    if not given:
        return error_response(401, "no_autenticado", messages.WEBHOOK_UNSIGNED)
    body = await request.body()
    secret = channel.settings.app_secret
    assert secret is not None
    if not hmac.compare_digest(given.encode(), signature(secret.get_secret_value(), body).encode()):
        return error_response(403, "sin_permiso", messages.WEBHOOK_FORGED)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return error_response(400, "datos_invalidos", messages.WEBHOOK_BAD_JSON)
    try:
        values = Notification.model_validate(data).values()
    except ValidationError as exc:
        details = [{"loc": [str(p) for p in e["loc"]], "type": e["type"]}
                   for e in exc.errors()[:10]]
        too_many = any(e["type"] == "too_long" for e in exc.errors())
        return error_response(400, "datos_invalidos",
                              messages.WEBHOOK_TOO_MANY if too_many else messages.WEBHOOK_BAD_SHAPE,
                              details)
    summary = await channel.process(values)
    return JSONResponse({"mensajes": summary.messages, "estados": summary.statuses,
                         "omitidas": summary.skipped})
