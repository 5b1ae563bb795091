"""Declaration state transitions, checked in one place (impediments, conflicts and recusals).

radicada → en_estudio → decidida (aceptada | rechazada); radicada or en_estudio → desistida.
A declaration may also be decided straight from radicada (the superior decides «de plano»).
A preventive declaration is registrada (nothing to decide) until the person withdraws it.
A recusal starts in por_responder (the recused official has 5 business days to answer):
por_responder → radicada when they answer; when the 5 days pass without an answer the
superior may decide from por_responder (``actions.decide`` checks the date).
"""

from __future__ import annotations

from bot.declaraciones import messages
from bot.declaraciones.models import DeclarationState as S
from nucleo.errors import InvalidTransition

STUDY, DECIDE, WITHDRAW, ANSWER = "estudiar", "decidir", "desistir", "responder"
_ALLOWED = {
    (ANSWER, S.POR_RESPONDER): S.RADICADA,
    (STUDY, S.RADICADA): S.EN_ESTUDIO,
    (DECIDE, S.POR_RESPONDER): S.DECIDIDA,
    (DECIDE, S.RADICADA): S.DECIDIDA,
    (DECIDE, S.EN_ESTUDIO): S.DECIDIDA,
    (WITHDRAW, S.POR_RESPONDER): S.DESISTIDA,
    (WITHDRAW, S.RADICADA): S.DESISTIDA,
    (WITHDRAW, S.EN_ESTUDIO): S.DESISTIDA,
    (WITHDRAW, S.REGISTRADA): S.DESISTIDA,
}
OPEN = (S.POR_RESPONDER.value, S.RADICADA.value, S.EN_ESTUDIO.value)  # waiting for a decision
WITHDRAWABLE = (*OPEN, S.REGISTRADA.value)


def transition(current: str, action: str) -> str:
    """The state after ``action``, or InvalidTransition (a Spanish message, HTTP 409)."""
    try:
        return _ALLOWED[(action, S(current))].value
    except (KeyError, ValueError):
        raise InvalidTransition(messages.BAD_TRANSITION.format(
            state=messages.STATE_NAMES.get(current, current),
            action=messages.ACTION_NAMES.get(action, action)),
            details={"state": current, "action": action}) from None
