"""Error mapping: domain errors, validation errors and unexpected failures become the shared
JSON shape (``nucleo.web.errors``); the console wraps these for its own paths."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from nucleo import messages
from nucleo.errors import DomainError, NotAuthenticated, RateLimited
from nucleo.logs import safe_path
from nucleo.web.errors import error_response, status_for

log = logging.getLogger(__name__)


def _field_details(exc: RequestValidationError) -> list[dict[str, str]]:
    details = []
    for error in exc.errors()[:50]:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        problem = messages.FIELD_PROBLEMS.get(error.get("type", ""), messages.FIELD_PROBLEM_DEFAULT)
        context = error.get("ctx") or {}
        if error.get("type") == "value_error" and isinstance(context.get("error"), Exception):
            problem = str(context["error"])
        details.append({"campo": ".".join(location) or "(cuerpo)", "problema": problem})
    return details


def install_error_handlers(app: FastAPI) -> None:
    """Map domain errors, validation errors and unexpected failures to the shared shape."""

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        headers = None
        if isinstance(exc, RateLimited):
            headers = {"Retry-After": str(int(exc.retry_after))}
        if isinstance(exc, NotAuthenticated):
            headers = {"WWW-Authenticate": "Bearer"}
        return error_response(status_for(exc), exc.code, exc.message, exc.details, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "datos_invalidos", messages.VALIDATION_FAILED,
                              _field_details(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        known = {400: ("solicitud_invalida", messages.BAD_REQUEST),
                 404: ("no_encontrado", messages.ROUTE_NOT_FOUND),
                 405: ("metodo_no_permitido", messages.METHOD_NOT_ALLOWED),
                 413: ("demasiado_grande", messages.PAYLOAD_TOO_LARGE)}
        code, message = known.get(exc.status_code, ("error", str(exc.detail)))
        return error_response(exc.status_code, code, message, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s: %s", request.method, safe_path(request.url.path),
                  type(exc).__name__, exc_info=exc)
        return error_response(500, "error_interno", messages.INTERNAL_ERROR)
