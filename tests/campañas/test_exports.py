"""The campaign statistics files (CSV and XLSX) never carry a live formula."""

from __future__ import annotations

from campañas.stats import stats_csv
from campañas.web.console.exports import workbook
from tests.nucleo.test_exports import assert_no_formula_in_csv, assert_no_formula_in_xlsx

COUNTS = {k: 1 for k in ("targeted", "sent", "failed", "blocked", "uncertain", "pending",
                         "in_flight", "cancelled")}
STATS = {
    "campaign_id": 1, "name": "=HYPERLINK(\"http://x\",\"clic\")", "kind": "unica",
    "status": "terminada", "totals": {},
    "pieces": [{"piece_id": 7, "value": "+valor", "phrase": "=cmd|' /C calc'!A0",
                "counts": COUNTS, "reactions": {"@me gusta": 2}}],
    "runs": [{"run_id": 1, "piece_id": 7, "scheduled_for": "2026-12-01T10:00:00-05:00",
              "state": "terminada", "missed": False, "targeted": 1,
              "started_at": "-1", "finished_at": None}],
}


def test_the_statistics_csv_has_no_formula() -> None:
    text = stats_csv(STATS)
    assert "'=cmd" in text and "'+valor" in text and "'@me gusta: 2" in text
    assert_no_formula_in_csv(text)


def test_the_statistics_workbook_has_no_formula() -> None:
    from campañas.web import messages

    stats = {**STATS, "totals": {key: 0 for key in messages.STATS_KEYS}}
    assert_no_formula_in_xlsx(workbook(stats))
