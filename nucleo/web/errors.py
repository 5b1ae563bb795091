"""One JSON error shape for the whole API: {"error": {"code", "message", "details"}}, and the
status of each domain error (``api.errors`` installs the handlers that use them)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import ValidationError

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
