"""Every status change of campaigns, runs and deliveries, each checked in one function.

Campaign: borrador → programada → en_curso → (pausada) → finalizada, or cancelada.
A weekly campaign goes back to programada between runs. Delivery (the outbox's states):
pendiente (claimed or not) → enviando when its send starts → enviada | fallida | bloqueada |
pendiente (retry); enviando → incierta when its lease expires (a crash); pendiente → cancelada.
"""

from __future__ import annotations

import enum

from campañas import messages as msg
from nucleo.errors import InvalidTransition
from nucleo.outbox import OutboxState


class CampaignStatus(enum.StrEnum):
    BORRADOR = "borrador"
    PROGRAMADA = "programada"
    EN_CURSO = "en_curso"
    PAUSADA = "pausada"
    FINALIZADA = "finalizada"
    CANCELADA = "cancelada"


class CampaignKind(enum.StrEnum):
    """What a campaign sends: the value of the week, or a survey's invitation."""

    VALOR = "valor"
    ENCUESTA = "encuesta"
    VINCULO = "vinculo"  # personal invitations to link a chat to the directory (#17)
    RECORDATORIO = "recordatorio"  # the automatic asset-declaration reminders (#18)


class CampaignEvent(enum.StrEnum):
    SCHEDULE = "programar"
    START = "iniciar"
    PAUSE = "pausar"
    RESUME = "reanudar"
    RUN_DONE = "terminar_envio"
    FINISH = "finalizar"
    CANCEL = "cancelar"


class RunState(enum.StrEnum):
    EN_CURSO = "en_curso"
    PAUSADA = "pausada"
    FINALIZADA = "finalizada"
    CANCELADA = "cancelada"
    PERDIDA = "perdida"


DeliveryState = OutboxState  # a delivery's states are the outbox's (nucleo/outbox.py)


C, E = CampaignStatus, CampaignEvent
_CAMPAIGN: dict[tuple[CampaignStatus, CampaignEvent], CampaignStatus] = {
    (C.BORRADOR, E.SCHEDULE): C.PROGRAMADA,
    (C.PROGRAMADA, E.SCHEDULE): C.PROGRAMADA,
    (C.BORRADOR, E.START): C.EN_CURSO,
    (C.PROGRAMADA, E.START): C.EN_CURSO,
    (C.EN_CURSO, E.START): C.EN_CURSO,
    (C.PROGRAMADA, E.PAUSE): C.PAUSADA,
    (C.EN_CURSO, E.PAUSE): C.PAUSADA,
    (C.EN_CURSO, E.RUN_DONE): C.PROGRAMADA,
    (C.EN_CURSO, E.FINISH): C.FINALIZADA,
    (C.PROGRAMADA, E.FINISH): C.FINALIZADA,
    (C.BORRADOR, E.CANCEL): C.CANCELADA,
    (C.PROGRAMADA, E.CANCEL): C.CANCELADA,
    (C.EN_CURSO, E.CANCEL): C.CANCELADA,
    (C.PAUSADA, E.CANCEL): C.CANCELADA,
}
TERMINAL_CAMPAIGN = frozenset({C.FINALIZADA, C.CANCELADA})


def next_campaign_status(current: str, event: CampaignEvent, *, running: bool = False) -> CampaignStatus:
    """The status after ``event``; InvalidTransition (Spanish) when the order is wrong.

    ``running`` tells ``reanudar`` whether a run is under way (→ en_curso) or not (→ programada).
    """
    status = CampaignStatus(current)
    if event is E.RESUME:
        if status is C.PAUSADA:
            return C.EN_CURSO if running else C.PROGRAMADA
    elif (status, event) in _CAMPAIGN:
        return _CAMPAIGN[(status, event)]
    raise InvalidTransition(
        msg.TRANSITION_NOT_ALLOWED.format(
            action=msg.EVENT_NAMES[event.value], status=msg.STATUS_NAMES[status.value]
        ),
        code="transicion_invalida",
        details={"estado": status.value, "accion": event.value},
    )


class Verdict(enum.StrEnum):
    """What the engine learnt from one send."""

    SENT = "sent"
    RETRY = "retry"
    RATE_LIMITED = "rate_limited"
    BLOCKED = "blocked"
    FAILED = "failed"
    NOT_SENT = "not_sent"  # claimed, then given back before any request (shutdown)


def next_delivery_state(current: str, verdict: Verdict, *, attempts: int,
                        max_attempts: int) -> DeliveryState:
    """The state of a delivery that was 'enviando' after a send's verdict."""
    if DeliveryState(current) is not DeliveryState.ENVIANDO:
        raise InvalidTransition(msg.DELIVERY_NOT_IN_FLIGHT.format(state=current))
    if verdict is Verdict.SENT:
        return DeliveryState.ENVIADA
    if verdict is Verdict.BLOCKED:
        return DeliveryState.BLOQUEADA
    if verdict is Verdict.FAILED:
        return DeliveryState.FALLIDA
    if verdict in (Verdict.RATE_LIMITED, Verdict.NOT_SENT):
        return DeliveryState.PENDIENTE
    return DeliveryState.PENDIENTE if attempts < max_attempts else DeliveryState.FALLIDA
