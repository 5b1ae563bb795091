"""One JSON error shape for the whole API: {"error": {"code", "message", "details"}}, and the
status of each domain error (``api.errors`` installs the handlers that use them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security.base import SecurityBase
from pydantic import ValidationError

from nucleo import messages
from nucleo.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidToken,
    InvalidTransition,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
)

STATUS = {
    NotFound: 404,
    Conflict: 409,
    InvalidTransition: 409,
    InvalidInput: 422,
    InvalidToken: 400,
    PermissionDenied: 403,
    NotAuthenticated: 401,
    RateLimited: 429,
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


ERROR_SCHEMA = {
    "title": "Error", "type": "object", "required": ["error"],
    "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "details": {"description": "Qué campo falló y por qué, cuando aplica."}}}},
}
"""The shape of every error the API answers (inline: a route that answers HTML or an image
still answers its errors in JSON)."""


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, all with the shared body; a route that
    can answer a status the generic rules of ``document_errors`` do not infer (a 429, a 401 of
    a login) declares it with this."""
    return {status: {"description": messages.HTTP_ERRORS[status],
                     "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            for status in statuses}


def _secured(dependant: Dependant) -> bool:
    return isinstance(dependant.call, SecurityBase) or any(
        _secured(sub) for sub in dependant.dependencies)


def _has_params(dependant: Dependant) -> bool:
    return bool(dependant.path_params or dependant.query_params or dependant.header_params
                or dependant.cookie_params or dependant.body_params) or any(
        _has_params(sub) for sub in dependant.dependencies)


def inferred_statuses(route: APIRoute) -> set[int]:
    """The error statuses any route like this one can answer: 422 for parameters or a body,
    400 (unreadable) and 413 (too large) for a body, 409 for a change, 401 and 403 behind a
    token, 404 for an id in the path."""
    statuses: set[int] = set()
    if _has_params(route.dependant):
        statuses.add(422)
    if (route.methods or set()) & WRITES:
        statuses |= {400, 409, 413}
    if _secured(route.dependant):
        statuses |= {401, 403}
    if route.dependant.path_params:
        statuses.add(404)
    return statuses


def _api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every API route, inside included routers too (FastAPI keeps them nested)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)
        elif isinstance(route, APIRoute):
            yield route


def document_errors(app: FastAPI) -> None:
    """Give every operation of the OpenAPI description the error answers it can give, in the
    shared shape (what a route declared itself is kept). Call after including the routers;
    calling it again (another app over the same routers) changes nothing."""
    for route in _api_routes(app.routes):
        if route.include_in_schema:
            route.responses = {**error_responses(*sorted(inferred_statuses(route))),
                               **route.responses}
    app.openapi_schema = None


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return {"error": body}


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def status_for(exc: DomainError | ValidationError) -> int:
    """The HTTP status of a domain error (the one table, ``STATUS``) or of a form that failed
    its schema (422), for the API and the console alike."""
    if isinstance(exc, ValidationError):
        return 422
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400
