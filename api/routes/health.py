"""Liveness and readiness probes."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from nucleo import messages
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_response

router = APIRouter(tags=["salud"])


@router.get("/health", summary="El proceso está vivo")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", summary="La base de datos responde")
async def ready(services: ServicesDep) -> JSONResponse:
    if await services.db.ping():
        return JSONResponse({"status": "ready", "database": "ok"})
    return error_response(503, "no_disponible", messages.HEALTH_DB_DOWN)
