"""Cloud API error codes → what a campaign delivery does (retry, fail, blocked, pause)."""

from __future__ import annotations

import pytest

from campañas.senders.whatsapp_outcomes import Action, known_codes, outcome_for


@pytest.mark.parametrize("code, wait", [(130429, 1.0), (80007, 1.0), (4, 1.0),
                                        (131056, 60.0)])
def test_throughput_codes_retry_later(code: int, wait: float) -> None:
    outcome = outcome_for(code, status=400)
    assert outcome.action is Action.RETRY and outcome.retry_after == wait
    assert f"código {code}" in outcome.reason
    assert outcome.throttle is (code != 131056)  # the pair limit concerns one person


def test_only_the_throughput_codes_throttle_the_number() -> None:
    throttling = {c for c in known_codes() if outcome_for(c, status=400).throttle}
    assert throttling == {4, 80007, 130429}
    assert not outcome_for(None, status=429).throttle


@pytest.mark.parametrize("code", [1, 2, 131000, 131016, 131057, 133004])
def test_temporary_codes_retry(code: int) -> None:
    assert outcome_for(code, status=500).action is Action.RETRY


@pytest.mark.parametrize("code, words", [
    (131047, "24 horas"), (470, "24 horas"), (131026, "no recibe mensajes"),
    (131049, "limitar"), (130472, "experimento"), (131021, "mismo número"),
    (130497, "país"), (131053, "imagen")])
def test_person_level_codes_fail_only_that_delivery(code: int, words: str) -> None:
    outcome = outcome_for(code, status=400)
    assert outcome.action is Action.FAILED and words in outcome.reason
    assert outcome.retry_after is None


def test_marketing_opt_out_is_a_block() -> None:
    assert outcome_for(131050, status=400).action is Action.BLOCKED


@pytest.mark.parametrize("code, words", [
    (132015, "pausó la plantilla «valor_semana»"), (132016, "desactivó la plantilla"),
    (132001, "no existe"), (132000, "parámetros"), (132005, "parámetros"),
    (132007, "parámetros"), (132012, "parámetros"), (100, "parámetros"),
    (131008, "parámetros"), (131009, "parámetros"), (131048, "bloquearon o reportaron"),
    (368, "políticas"), (190, "credenciales"), (0, "credenciales"), (10, "credenciales"),
    (131031, "cuenta"), (133010, "cuenta")])
def test_campaign_level_codes_pause_the_campaign(code: int, words: str) -> None:
    outcome = outcome_for(code, status=400, template="valor_semana")
    assert outcome.action is Action.PAUSE and words in outcome.reason
    assert "Campaña en pausa" in outcome.reason and outcome.code == code


@pytest.mark.parametrize("code, status, action", [
    (None, None, Action.RETRY), (None, 429, Action.RETRY), (999999, 503, Action.RETRY),
    (999999, 401, Action.PAUSE), (None, 403, Action.PAUSE), (999999, 400, Action.FAILED),
    (True, 400, Action.FAILED)])
def test_unknown_codes_fall_back_on_the_http_status(code, status, action) -> None:
    assert outcome_for(code, status=status).action is action


def test_reasons_fit_the_column() -> None:
    for code in known_codes():
        outcome = outcome_for(code, status=400, template="x" * 512)
        assert len(outcome.reason) <= 300
        assert "{" not in outcome.reason
