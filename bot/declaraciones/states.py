"""Declaration state transitions, checked in one place.

radicada → en_estudio → decidida (aceptada | rechazada); radicada or en_estudio → desistida.
A declaration may also be decided straight from radicada (the superior decides «de plano»).
"""

from __future__ import annotations

from bot.declaraciones import messages
from bot.declaraciones.models import DeclarationState as S
from nucleo.errors import InvalidTransition

STUDY, DECIDE, WITHDRAW = "estudiar", "decidir", "desistir"
_ALLOWED = {
    (STUDY, S.RADICADA): S.EN_ESTUDIO,
    (DECIDE, S.RADICADA): S.DECIDIDA,
    (DECIDE, S.EN_ESTUDIO): S.DECIDIDA,
    (WITHDRAW, S.RADICADA): S.DESISTIDA,
    (WITHDRAW, S.EN_ESTUDIO): S.DESISTIDA,
}
OPEN = (S.RADICADA.value, S.EN_ESTUDIO.value)


def transition(current: str, action: str) -> str:
    """The state after ``action``, or InvalidTransition (a Spanish message, HTTP 409)."""
    try:
        return _ALLOWED[(action, S(current))].value
    except (KeyError, ValueError):
        raise InvalidTransition(messages.BAD_TRANSITION.format(
            state=messages.STATE_NAMES.get(current, current),
            action=messages.ACTION_NAMES.get(action, action)),
            details={"state": current, "action": action}) from None
