"""Text helpers shared by every package."""

from __future__ import annotations

import pytest

from nucleo.text import number


@pytest.mark.parametrize("value,said", [
    (0, "0"), (999, "999"), (50_000, "50.000"), (1_234_567, "1.234.567"), (-1200, "-1.200"),
    (3.0, "3"), (3.46, "3,5"), (1234.5, "1.234,5"),
])
def test_numbers_are_written_the_colombian_way(value: float, said: str) -> None:
    assert number(value) == said

