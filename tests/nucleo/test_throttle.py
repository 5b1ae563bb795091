"""The login throttle: folded keys, atomic slots, pairs (login, address), doubling waits."""

from __future__ import annotations

import pytest

from nucleo.errors import RateLimited
from nucleo.text import fold_identifier
from nucleo.throttle import LoginThrottle
from tests.fakes.clock import ManualClock


@pytest.mark.parametrize("typed", [
    "ana@alcaldia.gov.co", " ANA@Alcaldia.gov.co ", "ana\u200b@alcaldia.gov.co",
    "\u200dan\u00ada@alcaldia.gov.co\u2060", "ＡＮＡ@alcaldia.gov.co", "ana\ufe0f@alcaldia.gov.co",
    "a\u202ena@alcaldia.gov.co", "ana\u3164@alcaldia.gov.co"])
def test_identifiers_fold_to_one_form(typed: str) -> None:
    assert fold_identifier(typed) == "ana@alcaldia.gov.co"


def test_folding_is_stable_and_casefolds() -> None:
    assert fold_identifier("STRASSE") == fold_identifier("straße") == "strasse"
    for text in ("ﬁ@x.co", "Ǆ", "ÅNGSTRÖM"):
        assert fold_identifier(fold_identifier(text)) == fold_identifier(text)


def test_the_allowance_then_a_doubling_wait() -> None:
    clock = ManualClock()
    throttle = LoginThrottle(allowance=3, base_delay=2, clock=clock)
    for _ in range(3):
        throttle.reserve("ana@x.co", "10.0.0.1")
    with pytest.raises(RateLimited) as caught:
        throttle.reserve("ana@x.co", "10.0.0.1")
    assert caught.value.retry_after == 2
    assert "Espere 2 segundos" in caught.value.message
    clock.now += 2
    throttle.reserve("ana@x.co", "10.0.0.1")
    assert throttle.waiting("ana@x.co", "10.0.0.1") == 4


def test_slots_are_taken_before_the_check_so_a_burst_gets_only_the_allowance() -> None:
    throttle = LoginThrottle(allowance=5, clock=ManualClock())
    taken = 0
    for _ in range(30):  # nothing has failed yet: every slot is still in flight
        try:
            throttle.reserve("ana@x.co", "10.0.0.1")
            taken += 1
        except RateLimited:
            pass
    assert taken == 5


def test_a_pair_is_slowed_down_not_the_account_nor_the_address() -> None:
    throttle = LoginThrottle(allowance=2, clock=ManualClock())
    for _ in range(2):
        throttle.reserve("ana@x.co", "10.0.0.1")
    with pytest.raises(RateLimited):
        throttle.reserve("ANA\u200b@x.co", "10.0.0.1")  # the invisible variant is the same key
    throttle.reserve("ana@x.co", "10.0.0.2")   # the real user, elsewhere
    throttle.reserve("luis@x.co", "10.0.0.1")  # a colleague behind the same NAT


def test_success_clears_the_pair_and_quiet_pairs_are_forgotten() -> None:
    clock = ManualClock()
    throttle = LoginThrottle(allowance=2, forget_after=900, clock=clock)
    throttle.reserve("ana@x.co", "a")
    throttle.reserve("ana@x.co", "a").succeeded()
    throttle.reserve("ana@x.co", "a")
    throttle.reserve("ana@x.co", "a")
    clock.now += 901
    throttle.reserve("ana@x.co", "a")
    assert throttle.waiting("ana@x.co", "a") == 0
