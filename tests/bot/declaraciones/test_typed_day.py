"""Days as people type them (bot/declaraciones/typed_day.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.declaraciones.typed_day import parse_typed_day
from nucleo.errors import InvalidInput

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(("typed", "day"), [
    ("15/07/2026", date(2026, 7, 15)), ("15-07-26", date(2026, 7, 15)),
    ("2026-07-15", date(2026, 7, 15)), ("2026/7/5", date(2026, 7, 5)),
    ("15.07.2026", date(2026, 7, 15)), (" 15 / 07 / 2026 ", date(2026, 7, 15)),
    ("15 de julio", date(2026, 7, 15)), ("El 15 de Julio de 2025.", date(2025, 7, 15)),
    ("15 julio 2026", date(2026, 7, 15)), ("primero de julio", date(2026, 7, 1)),
    ("1º de julio", date(2026, 7, 1)), ("3 de setiembre", date(2026, 9, 3)),
    ("hoy", TODAY), ("AYER", date(2026, 12, 3)), ("anteayer", date(2026, 12, 2)),
    ("１５/０７/２０２６", date(2026, 7, 15)),  # full-width digits from a phone keyboard
])
def test_days_people_write(typed: str, day: date) -> None:
    assert parse_typed_day(typed, TODAY) == day


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "No entendí"), ("mañana", "No entendí"), ("15 de juliembre", "No entendí"),
    ("15/07", "No entendí"), ("1" * 10_000, "No entendí"), ("<script>", "&lt;script&gt;"),
    ("32/01/2026", "no existe"), ("29 de febrero de 2026", "no existe"),
    ("2026-13-01", "no existe"),
])
def test_what_is_not_a_day(typed: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_typed_day(typed, TODAY)


def test_the_example_is_of_this_year() -> None:
    with pytest.raises(InvalidInput, match="15/07/2031"):
        parse_typed_day("mañana", date(2031, 2, 3))
