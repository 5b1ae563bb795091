#!/usr/bin/env bash
# The whole suite under faked dates (Debian's faketime): no test may depend on today's date.
# Each date starts the clock there and lets it run; FAKETIME_DONT_RESET=1 keeps child processes
# (xdist workers, a service started by a test, Chromium) on the same faked time. The monotonic
# clock stays real (FAKETIME_DONT_FAKE_MONOTONIC=1): faked, every timed wait of a thread would
# never end. That makes libfaketime 0.9.10 fail Python's time.sleep with EINVAL, which
# scripts/faketime/sitecustomize.py works around. FAKETIME_FORCE_MONOTONIC_FIX=0: otherwise
# libfaketime (glibc >= 2.24) rewrites every pthread_cond_timedwait as if the monotonic clock were
# faked, so each timed wait, Python's GIL hand-over included, returns at once; a process with two
# threads then spins (a pytest run cost 3-4x the CPU and took 5-8x as long, 2026-12-07).
# Extra arguments go to pytest (a path, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
DATES=("2026-12-31 23:30:00" "2028-02-29 10:00:00")
make --no-print-directory setup system-deps
status=0
for moment in "${DATES[@]}"; do
  echo "== pruebas con la fecha falsa ${moment} =="
  FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 \
    PYTHONPATH="$PWD/scripts/faketime" \
    faketime -f "@${moment}" \
    .venv/bin/python -m pytest -n "${JOBS:-auto}" -p no:cacheprovider -q "$@" || status=1
done
exit $status
