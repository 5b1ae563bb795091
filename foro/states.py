"""The suggestion lifecycle, checked in ONE place.

    recibida ──► en_analisis ──► adoptada | no_adoptada | ya_existe
        └──────────────────────────────────────────────► ya_existe   (an obvious duplicate)
    adoptada | no_adoptada | ya_existe ──► en_analisis   (reopened: new facts, a mistake)
    en_analisis | adoptada | no_adoptada | ya_existe ──► itself   (an amended official answer)

Nothing goes back to ``recibida``. A decision carries its details: ``adoptada`` says what will
be done and by when, ``no_adoptada`` why not, ``ya_existe`` which other suggestion it repeats.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from foro import messages
from nucleo.errors import InvalidInput, InvalidTransition
from nucleo.text import normalize_key


class Status(enum.StrEnum):
    RECIBIDA = "recibida"
    EN_ANALISIS = "en_analisis"
    ADOPTADA = "adoptada"
    NO_ADOPTADA = "no_adoptada"
    YA_EXISTE = "ya_existe"


FINAL = frozenset({Status.ADOPTADA, Status.NO_ADOPTADA, Status.YA_EXISTE})

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.RECIBIDA: frozenset({Status.EN_ANALISIS, Status.YA_EXISTE}),
    Status.EN_ANALISIS: frozenset({Status.EN_ANALISIS, *FINAL}),
    Status.ADOPTADA: frozenset({Status.EN_ANALISIS, Status.ADOPTADA}),
    Status.NO_ADOPTADA: frozenset({Status.EN_ANALISIS, Status.NO_ADOPTADA}),
    Status.YA_EXISTE: frozenset({Status.EN_ANALISIS, Status.YA_EXISTE}),
}


def parse_status(value: str) -> Status:
    """Read a status written by a person ("en_análisis", "En análisis", "no-adoptada")."""
    key = normalize_key(value or "").replace(" ", "_").replace("-", "_")
    try:
        return Status(key)
    except ValueError:
        raise InvalidInput(messages.UNKNOWN_STATUS.format(value=value[:40],
                           options=", ".join(s.value for s in Status))) from None


def check_transition(current: str, target: str) -> Status:
    """Return the target status, or raise InvalidTransition when the lifecycle forbids it."""
    source, goal = Status(current), Status(target)
    if goal not in ALLOWED[source]:
        raise InvalidTransition(messages.BAD_TRANSITION.format(
            source=messages.STATUS_LABELS[source], target=messages.STATUS_LABELS[goal]))
    return goal


@dataclass(frozen=True)
class Decision:
    """What a status needs to be explained: plan and date, reason, or the original suggestion."""

    action_plan: str | None = None
    action_due: date | None = None
    reason: str | None = None
    duplicate_of_id: int | None = None


def check_decision(status: Status, decision: Decision, *, suggestion_id: int) -> Decision:
    """Keep only the details the status uses, and raise InvalidInput when one is missing."""
    if status is Status.ADOPTADA:
        plan = (decision.action_plan or "").strip()
        if not plan or decision.action_due is None:
            raise InvalidInput(messages.ADOPTED_NEEDS_PLAN)
        return Decision(action_plan=plan, action_due=decision.action_due)
    if status is Status.NO_ADOPTADA:
        reason = (decision.reason or "").strip()
        if not reason:
            raise InvalidInput(messages.REJECTED_NEEDS_REASON)
        return Decision(reason=reason)
    if status is Status.YA_EXISTE:
        if decision.duplicate_of_id is None:
            raise InvalidInput(messages.DUPLICATE_NEEDS_LINK)
        if decision.duplicate_of_id == suggestion_id:
            raise InvalidInput(messages.DUPLICATE_OF_ITSELF)
        return Decision(duplicate_of_id=decision.duplicate_of_id)
    return Decision()
