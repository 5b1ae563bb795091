"""GET /metrics: Prometheus metrics of this process (every role serves it).

Off unless ``VALOR_METRICS_TOKEN`` is set (404); then the scraper sends
``Authorization: Bearer <token>`` (checked in constant time; missing or wrong: 401).
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response

from nucleo import messages
from nucleo.metrics import CONTENT_TYPE
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_response

router = APIRouter(tags=["salud"])


@router.get("/metrics", summary="Métricas de Prometheus (con token)", include_in_schema=False)
async def metrics(request: Request, services: ServicesDep) -> Response:
    token = services.settings.metrics_token
    if token is None:
        return error_response(404, "no_encontrado", messages.METRICS_OFF)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
        return error_response(401, "no_autenticado", messages.METRICS_TOKEN,
                              headers={"WWW-Authenticate": "Bearer"})
    body = await services.metrics.render(services.db, services.clock())
    return Response(body, media_type=CONTENT_TYPE)
