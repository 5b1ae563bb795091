#!/usr/bin/env bash
# The whole suite under faked dates (Debian's faketime): no test may depend on today's date.
# Each date starts the clock there and lets it run at the real pace, so asyncio's timeouts keep
# working; FAKETIME_DONT_RESET=1 keeps child processes (xdist workers, the service started by
# a test, Chromium) on the same faked time instead of restarting it. The monotonic clock is
# faked along (only shifted): with libfaketime 0.9.10, FAKETIME_DONT_FAKE_MONOTONIC=1 makes
# Python's time.sleep fail with EINVAL. Extra arguments go to pytest (for example a path or -x).
set -euo pipefail
cd "$(dirname "$0")/.."
DATES=("2026-12-31 23:30:00" "2028-02-29 10:00:00")
make --no-print-directory setup system-deps
status=0
for moment in "${DATES[@]}"; do
  echo "== pruebas con la fecha falsa ${moment} =="
  FAKETIME_DONT_RESET=1 faketime -f "@${moment}" \
    .venv/bin/python -m pytest -n "${JOBS:-auto}" -p no:cacheprovider -q "$@" || status=1
done
exit $status
