"""Query parameter parsing: empty means no filter, anything odd is a 400."""

from __future__ import annotations

from datetime import date

import pytest

from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_date, optional_int, optional_month


def test_empty_means_none() -> None:
    assert optional_int("x", "") is None and optional_int("x", "  ") is None
    assert optional_date("x", "") is None


def test_good_values() -> None:
    assert optional_int("x", "42") == 42
    assert optional_date("x", "2025-03-01") == date(2025, 3, 1)


@pytest.mark.parametrize("value", ["0", "-1", "1e3", "٣", "99999999999", "1.0", "abc", "9" * 5000])
def test_bad_integers(value: str) -> None:
    with pytest.raises(BadQuery):
        optional_int("x", value)


@pytest.mark.parametrize("value", ["2025-02-30", "20250301", "ayer", "2025-3-1"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(BadQuery):
        optional_date("x", value)


def test_months() -> None:
    assert optional_month("mes", "") is None
    assert optional_month("mes", " 2025-12 ") == date(2025, 12, 1)
    for bad in ("2025-13", "2025-00", "2025-1", "2025/12", "1999-12", "2101-01", "२०२५-12",
                "2025-12-01", "12-2025"):
        with pytest.raises(BadQuery):
            optional_month("mes", bad)
