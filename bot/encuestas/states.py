"""Survey status transitions, checked in one place."""

from __future__ import annotations

from bot.encuestas import messages
from nucleo.errors import InvalidTransition

BORRADOR, ABIERTA, CERRADA = "borrador", "abierta", "cerrada"
_ALLOWED = {("lanzar", BORRADOR): ABIERTA, ("cerrar", ABIERTA): CERRADA}


def transition(current: str, action: str) -> str:
    """The status after ``action`` ("lanzar" or "cerrar"), or InvalidTransition."""
    try:
        return _ALLOWED[(action, current)]
    except KeyError:
        raise InvalidTransition(messages.BAD_TRANSITION.format(current=current,
                                                               action=action)) from None
