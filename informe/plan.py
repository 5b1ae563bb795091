"""The plan's rules, apart from storage: what an activity may say, how much of it was planned
by a date, and its progress.

- **Planned** at a cut date: the share of the activity's days (start to end, both inclusive)
  that have passed, 0 before it starts and 100 from its end on.
- **Progress**: with a linked measure *and* a goal, the measure's percentage over the goal
  (100 at or above the goal); otherwise the manual percentage HR records. A linked measure
  without a goal is shown as evidence next to the manual percentage.
- **Overall**: «planeado» is the mean planned share, «avance» the mean progress, and
  «cumplimiento» the avance over the planeado (100 at most), like HR's report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from informe import messages
from nucleo.errors import InvalidInput

NAME_MAX = 2000
SHORT_MAX = {"component": 120, "owner": 200}
LONG_MAX = 4000  # target, done, missing
TEXT_FIELDS = {"target": "Meta", "done": "Avance", "missing": "¿Qué hace falta?",
               "owner": "Responsable", "component": "Componente"}


@dataclass(frozen=True)
class ActivityInput:
    """A validated activity, as a form or the API sends it."""

    component: str
    name: str
    target: str
    owner: str
    starts_on: date
    ends_on: date
    measure_key: str | None
    goal_percent: int | None
    progress: int
    done: str
    missing: str


def _date(value: Any, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(messages.BAD_DATE.format(value=str(value)[:20]),
                           details={"field": field}) from None


def _percent(value: Any, field: str, *, low: int = 0, message: str = messages.BAD_PERCENT) -> int:
    if isinstance(value, bool):
        raise InvalidInput(message, details={"field": field})
    if isinstance(value, int):
        number = value
    else:
        try:
            number = int(str(value).strip().rstrip("%").strip())
        except ValueError:
            raise InvalidInput(message, details={"field": field}) from None
    if not low <= number <= 100:
        raise InvalidInput(message, details={"field": field})
    return number


def _text(data: dict[str, Any], field: str, limit: int) -> str:
    value = data.get(field)
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise InvalidInput(messages.TEXT_TOO_LONG.format(field=TEXT_FIELDS.get(field, field),
                                                         n=limit), details={"field": field})
    return text


def validate(data: dict[str, Any], measures: set[str]) -> ActivityInput:
    """Check an activity's fields (every message in Spanish, the field in ``details``)."""
    name = str(data.get("name") or "").strip()
    if len(name) > NAME_MAX:
        raise InvalidInput(messages.NAME_TOO_LONG.format(n=NAME_MAX), details={"field": "name"})
    if not name:
        raise InvalidInput(messages.NAME_REQUIRED, details={"field": "name"})
    component = _text(data, "component", SHORT_MAX["component"])
    if not component:
        raise InvalidInput(messages.COMPONENT_REQUIRED, details={"field": "component"})
    starts_on = _date(data.get("starts_on"), "starts_on")
    ends_on = _date(data.get("ends_on"), "ends_on")
    if ends_on < starts_on:
        raise InvalidInput(messages.DATES_ORDER, details={"field": "ends_on"})
    key = str(data.get("measure_key") or "").strip() or None
    if key is not None and key not in measures:
        raise InvalidInput(messages.UNKNOWN_MEASURE.format(key=key[:60]),
                           details={"field": "measure_key"})
    goal_raw = data.get("goal_percent")
    goal = None if goal_raw in (None, "") else _percent(goal_raw, "goal_percent", low=1,
                                                        message=messages.BAD_GOAL)
    if goal is not None and key is None:
        raise InvalidInput(messages.GOAL_WITHOUT_MEASURE, details={"field": "goal_percent"})
    progress_raw = data.get("progress")
    progress = 0 if progress_raw in (None, "") else _percent(progress_raw, "progress")
    return ActivityInput(
        component=component, name=name, target=_text(data, "target", LONG_MAX),
        owner=_text(data, "owner", SHORT_MAX["owner"]), starts_on=starts_on, ends_on=ends_on,
        measure_key=key, goal_percent=goal, progress=progress,
        done=_text(data, "done", LONG_MAX), missing=_text(data, "missing", LONG_MAX))


def planned_share(starts_on: date, ends_on: date, cut: date) -> float:
    """Percentage of the activity's days passed by ``cut`` (inclusive)."""
    if cut < starts_on:
        return 0.0
    if cut >= ends_on:
        return 100.0
    days = (ends_on - starts_on).days + 1
    return 100.0 * ((cut - starts_on).days + 1) / days


def measured_progress(measure_percent: float | None, goal_percent: int) -> int:
    """A measure's percentage against its goal, as a progress between 0 and 100."""
    if measure_percent is None:
        return 0
    return min(100, round(100 * measure_percent / goal_percent))


@dataclass(frozen=True)
class Summary:
    """«Planeado X % / avance Y % / cumplimiento Z %» of a plan at a cut date."""

    cut: date
    activities: int
    planned: float
    achieved: float

    @property
    def compliance(self) -> float | None:
        if not self.planned:
            return None
        return min(100.0, 100.0 * self.achieved / self.planned)


def summarize(rows: list[tuple[date, date, int]], cut: date) -> Summary:
    """The plan's overall figures from (start, end, progress) of every activity."""
    if not rows:
        return Summary(cut, 0, 0.0, 0.0)
    planned = sum(planned_share(s, e, cut) for s, e, _p in rows) / len(rows)
    achieved = sum(p for _s, _e, p in rows) / len(rows)
    return Summary(cut, len(rows), round(planned, 1), round(achieved, 1))
