"""The plan's rules: validation, planned share, progress and the overall figures."""

from datetime import date

import pytest

from informe.plan import measured_progress, planned_share, summarize, validate
from nucleo.errors import InvalidInput

GOOD = {"component": "Código de Integridad", "name": "Evento de integridad",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31", "progress": "40"}


def test_validate_accepts_a_form() -> None:
    data = validate({**GOOD, "measure_key": "campanas.alcance", "goal_percent": "80"},
                    {"campanas.alcance"})
    assert data.progress == 40 and data.goal_percent == 80
    assert data.starts_on == date(2026, 1, 1) and data.measure_key == "campanas.alcance"


@pytest.mark.parametrize("change, field", [
    ({"name": "  "}, "name"),
    ({"name": "x" * 2001}, "name"),
    ({"component": ""}, "component"),
    ({"starts_on": "2026-13-01"}, "starts_on"),
    ({"ends_on": "2025-12-31"}, "ends_on"),
    ({"progress": "101"}, "progress"),
    ({"progress": "mucho"}, "progress"),
    ({"progress": True}, "progress"),
    ({"measure_key": "nada"}, "measure_key"),
    ({"goal_percent": "50"}, "goal_percent"),  # a goal without a measure
    ({"measure_key": "campanas.alcance", "goal_percent": "0"}, "goal_percent"),
    ({"owner": "x" * 201}, "owner"),
])
def test_validate_says_which_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate({**GOOD, **change}, {"campanas.alcance"})
    assert caught.value.details == {"field": field}
    assert caught.value.message[0].isupper()


def test_planned_share_is_linear_and_clipped() -> None:
    start, end = date(2026, 1, 1), date(2026, 1, 10)
    assert planned_share(start, end, date(2025, 12, 31)) == 0
    assert planned_share(start, end, date(2026, 1, 5)) == 50
    assert planned_share(start, end, date(2026, 1, 10)) == 100
    assert planned_share(start, end, date(2027, 1, 1)) == 100


def test_measured_progress_against_the_goal() -> None:
    assert measured_progress(40.0, 80) == 50
    assert measured_progress(95.0, 80) == 100
    assert measured_progress(None, 80) == 0


def test_summary_like_the_seed_report() -> None:
    """A year's plan cut on 28 November: about 91 % planned; compliance is avance / planeado."""
    year = (date(2022, 1, 1), date(2022, 12, 31))
    progress = [80, 30, 0, 80, 80, 70, 40, 100, 100, 80, 70, 80, 80, 30, 0, 0]
    summary = summarize([(*year, p) for p in progress], date(2022, 11, 28))
    assert round(summary.planned) == 91
    assert summary.achieved == 57.5
    assert summary.compliance is not None and round(summary.compliance) == 63


def test_empty_plan() -> None:
    summary = summarize([], date(2026, 1, 1))
    assert summary.activities == 0 and summary.compliance is None
