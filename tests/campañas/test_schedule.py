"""Weekly rules and one-off times: parsing, occurrences across time zones, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from campañas.schedule import check_send_at, parse_weekly
from nucleo.errors import InvalidInput

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # Wednesday


def test_weekly_rule_occurrences_in_bogota():
    rule = parse_weekly("Lunes", "8:00", "America/Bogota")
    assert rule.previous(NOW) == datetime(2025, 3, 3, 13, 0, tzinfo=UTC)
    assert rule.next(NOW) == datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
    assert rule.previous(datetime(2025, 3, 3, 13, 0, tzinfo=UTC)) == \
        datetime(2025, 3, 3, 13, 0, tzinfo=UTC)
    assert rule.describe() == "lunes 08:00 (America/Bogota)"


def test_weekly_rule_follows_daylight_saving_elsewhere():
    rule = parse_weekly("sunday", "09:30", "Europe/Madrid")
    before = rule.previous(datetime(2025, 3, 29, tzinfo=UTC))
    after = rule.next(before)
    assert before.astimezone(ZoneInfo("Europe/Madrid")).hour == 9
    assert after.astimezone(ZoneInfo("Europe/Madrid")).hour == 9
    assert after - before == timedelta(days=7, hours=-1)


@pytest.mark.parametrize("weekday, time, tz", [
    (7, "08:00", "America/Bogota"), (-1, "08:00", "America/Bogota"), (True, "08:00", "UTC"),
    ("lunes", "24:00", "UTC"), ("lunes", "8", "UTC"), ("lunes", "08:00:00", "UTC"),
    ("lunes", "08:00", ""), ("lunes", "08:00", None), ("lunes", "08:00", "Bogota"),
    ("lunes", "08:00", "../../etc/passwd"), (None, None, None), ("funday", "08:00", "UTC"),
])
def test_nonsense_rules_are_refused(weekday, time, tz):
    with pytest.raises(InvalidInput):
        parse_weekly(weekday, time, tz)


def test_send_at_must_be_aware_future_and_near():
    assert check_send_at(NOW + timedelta(hours=1), NOW) == NOW + timedelta(hours=1)
    for bad in (NOW, NOW - timedelta(seconds=1), datetime(2025, 3, 6, 8, 0),
                NOW + timedelta(days=500), "mañana", None):
        with pytest.raises(InvalidInput):
            check_send_at(bad, NOW)
