"""POST /telegram/webhook: Telegram's updates in webhook mode.

The secret header is checked in constant time (missing or wrong: 403, nothing processed); the
update runs through the same PTB application as polling (built with ``updater(None)``), whose
first handler ignores a repeated ``update_id``.
"""

from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, Request, Response
from telegram import Update

from bot import messages
from bot.telegram.app import channel_of, webhook_secret
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_response, error_responses

log = logging.getLogger(__name__)
router = APIRouter(tags=["telegram"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@router.post("/telegram/webhook", responses=error_responses(403, 404, 503),
             summary="Actualizaciones de Telegram (modo webhook)")
async def telegram_webhook(request: Request, services: ServicesDep) -> Response:
    """Check the secret, then process the update and answer 200."""
    settings = services.settings
    if not settings.telegram_enabled:
        return error_response(404, "no_encontrado", messages.WEBHOOK_DISABLED)
    given = request.headers.get(SECRET_HEADER, "").encode()
    if not hmac.compare_digest(given, webhook_secret(settings).encode()):
        return error_response(403, "sin_permiso", messages.WEBHOOK_FORBIDDEN)
    channel = channel_of(services)
    if channel is None or not channel.ready:
        return error_response(503, "no_disponible", messages.WEBHOOK_DISABLED)
    body = await request.body()  # nucleo/web/body_limit.py has refused anything over 1 MB
    try:
        data = json.loads(body)
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if type(update_id) is not int:  # bool is an int to isinstance: true is no update_id
            raise ValueError("no update_id")
        update = Update.de_json(data, channel.application.bot)
    except Exception:
        return error_response(400, "datos_invalidos", messages.WEBHOOK_BAD_UPDATE)
    await channel.application.process_update(update)
    return Response(status_code=200)
