from datetime import date

import pytest

from foro.states import ALLOWED, Decision, Status, check_decision, check_transition, parse_status
from nucleo.errors import InvalidInput, InvalidTransition


@pytest.mark.parametrize("current,target", [
    ("recibida", "en_analisis"), ("recibida", "ya_existe"), ("en_analisis", "adoptada"),
    ("en_analisis", "no_adoptada"), ("en_analisis", "ya_existe"), ("adoptada", "en_analisis"),
    ("no_adoptada", "no_adoptada"), ("en_analisis", "en_analisis"),
])
def test_allowed_transitions(current: str, target: str) -> None:
    assert check_transition(current, target) == Status(target)


@pytest.mark.parametrize("current,target", [
    ("recibida", "adoptada"), ("recibida", "no_adoptada"), ("recibida", "recibida"),
    ("en_analisis", "recibida"), ("adoptada", "no_adoptada"), ("ya_existe", "recibida"),
])
def test_forbidden_transitions_say_so_in_spanish(current: str, target: str) -> None:
    with pytest.raises(InvalidTransition, match="No se puede pasar"):
        check_transition(current, target)


def test_nothing_goes_back_to_recibida() -> None:
    assert all(Status.RECIBIDA not in targets for targets in ALLOWED.values())


@pytest.mark.parametrize("text", ["en_análisis", "En análisis", "EN-ANALISIS", " en análisis "])
def test_parse_status_accepts_what_people_write(text: str) -> None:
    assert parse_status(text) is Status.EN_ANALISIS


@pytest.mark.parametrize("text", ["", "aprobada", "<script>", "x" * 500])
def test_parse_status_rejects_unknown(text: str) -> None:
    with pytest.raises(InvalidInput, match="Estado desconocido"):
        parse_status(text)


def test_adopted_needs_plan_and_date() -> None:
    with pytest.raises(InvalidInput, match="qué se hará"):
        check_decision(Status.ADOPTADA, Decision(action_plan="  "), suggestion_id=1)
    with pytest.raises(InvalidInput):
        check_decision(Status.ADOPTADA, Decision(action_plan="Capacitar"), suggestion_id=1)
    kept = check_decision(Status.ADOPTADA, Decision(action_plan=" Capacitar ",
                          action_due=date(2026, 6, 1), reason="sobra"), suggestion_id=1)
    assert kept == Decision(action_plan="Capacitar", action_due=date(2026, 6, 1))


def test_rejected_needs_reason_and_duplicate_needs_another_suggestion() -> None:
    with pytest.raises(InvalidInput, match="motivo"):
        check_decision(Status.NO_ADOPTADA, Decision(), suggestion_id=1)
    with pytest.raises(InvalidInput, match="original"):
        check_decision(Status.YA_EXISTE, Decision(), suggestion_id=1)
    with pytest.raises(InvalidInput, match="sí misma"):
        check_decision(Status.YA_EXISTE, Decision(duplicate_of_id=1), suggestion_id=1)
    assert check_decision(Status.EN_ANALISIS, Decision(reason="x"), suggestion_id=1) == Decision()
