"""Domain errors. Messages are Spanish and meant for people; ``code`` is for programs.

Only ``api/`` turns these into HTTP statuses and only ``bot/`` into chat replies.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error the service raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details


class NotFound(DomainError):
    code = "no_encontrado"


class Conflict(DomainError):
    code = "conflicto"


class InvalidInput(DomainError):
    code = "datos_invalidos"


class InvalidTransition(DomainError):
    code = "transicion_invalida"


class PermissionDenied(DomainError):
    code = "sin_permiso"


class NotAuthenticated(DomainError):
    code = "no_autenticado"


class InvalidToken(DomainError):
    """A signed token that is malformed, forged, for another purpose or signed with an unknown
    key (``nucleo.signing``)."""

    code = "token_invalido"


class ExpiredToken(InvalidToken):
    """A signed token whose signature is right but that is older than its purpose allows."""

    code = "token_vencido"


class RateLimited(DomainError):
    code = "demasiadas_solicitudes"

    def __init__(self, message: str, *, retry_after: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
