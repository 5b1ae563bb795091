"""Loaded by scripts/test-dates.sh (through PYTHONPATH) in every Python process of a run under
faketime: libfaketime 0.9.10 with FAKETIME_DONT_FAKE_MONOTONIC=1 makes ``time.sleep`` fail with
EINVAL (its clock_nanosleep on the monotonic clock), so sleep on a timed wait instead, which it
leaves alone. Nothing changes when libfaketime is not loaded."""

import os
import threading
import time

if "faketime" in os.environ.get("LD_PRELOAD", ""):
    _true_sleep = time.sleep

    def _sleep(seconds: float) -> None:
        try:
            _true_sleep(seconds)
        except OSError:
            threading.Event().wait(seconds)

    time.sleep = _sleep
