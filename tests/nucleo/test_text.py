"""The typing-slip helper the consultations' analyser and the ground reader share."""

from __future__ import annotations

from nucleo.text import by_initial, slip_of

KNOWN = by_initial(["declaracion", "demanda", "demandas", "deuda", "socio", "sociedad"])


def test_words_are_grouped_by_initial_in_order() -> None:
    assert KNOWN["d"] == ["declaracion", "demanda", "demandas", "deuda"]
    assert by_initial(["", "a"]) == {"a": ["a"]}


def test_one_slip_is_found_and_more_are_not() -> None:
    assert slip_of("demnada", KNOWN, edits=1, cutoff=80) == "demanda"  # two letters swapped
    assert slip_of("sociedda", KNOWN, edits=1, cutoff=80) == "sociedad"
    assert slip_of("dmnda", KNOWN, edits=1, cutoff=80) is None  # two letters missing
    assert slip_of("dmnda", KNOWN, edits=2, cutoff=70) == "demanda"
    assert slip_of("xocio", KNOWN, edits=1, cutoff=80) is None  # another first letter
    assert slip_of("", KNOWN, edits=1, cutoff=80) is None
