"""Every status change is checked in one function; wrong orders raise in Spanish."""

from __future__ import annotations

import pytest

from campañas.states import (
    CampaignEvent as E,
)
from campañas.states import (
    DeliveryState as D,
)
from campañas.states import (
    Verdict as V,
)
from campañas.states import (
    next_campaign_status,
    next_delivery_state,
)
from nucleo.errors import InvalidTransition


def test_the_happy_path():
    status = "borrador"
    for event, expected in [(E.SCHEDULE, "programada"), (E.START, "en_curso"),
                            (E.PAUSE, "pausada")]:
        status = next_campaign_status(status, event).value
        assert status == expected
    assert next_campaign_status(status, E.RESUME, running=True) == "en_curso"
    assert next_campaign_status("pausada", E.RESUME, running=False) == "programada"
    assert next_campaign_status("en_curso", E.RUN_DONE) == "programada"
    assert next_campaign_status("en_curso", E.FINISH) == "finalizada"


@pytest.mark.parametrize("status, event", [
    ("finalizada", E.RESUME), ("cancelada", E.SCHEDULE), ("borrador", E.PAUSE),
    ("en_curso", E.RESUME), ("finalizada", E.CANCEL), ("pausada", E.START),
])
def test_wrong_orders_are_refused(status, event):
    with pytest.raises(InvalidTransition) as error:
        next_campaign_status(status, event)
    assert error.value.message.startswith("No se puede")


def test_delivery_outcomes():
    kw = {"attempts": 1, "max_attempts": 3}
    assert next_delivery_state("enviando", V.SENT, **kw) is D.ENVIADA
    assert next_delivery_state("enviando", V.BLOCKED, **kw) is D.BLOQUEADA
    assert next_delivery_state("enviando", V.FAILED, **kw) is D.FALLIDA
    assert next_delivery_state("enviando", V.RATE_LIMITED, attempts=9, max_attempts=3) \
        is D.PENDIENTE
    assert next_delivery_state("enviando", V.RETRY, **kw) is D.PENDIENTE
    assert next_delivery_state("enviando", V.RETRY, attempts=3, max_attempts=3) is D.FALLIDA
    with pytest.raises(InvalidTransition):
        next_delivery_state("enviada", V.SENT, **kw)
