"""Serve the Telegram double in its own process: ``python -m tests.fakes.telegram``.

Prints ``READY <root url>`` once listening; exits when stdin closes or on SIGTERM/SIGINT.
The control route ``POST /_control/<action>`` is on (see remote.py).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .double import DEFAULT_TOKEN, TelegramDouble


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, serve until told to stop."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--unlimited", action="store_true", help="no flood limits")
    parser.add_argument("--no-record", action="store_true", help="do not log every request")
    parser.add_argument("--no-spec", action="store_true", help="skip spec validation")
    args = parser.parse_args(argv)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    double = TelegramDouble(args.token, host=args.host, port=args.port, unlimited=args.unlimited,
                            record_requests=not args.no_record, control=True,
                            spec_path=None if args.no_spec else TelegramDouble.DEFAULT_SPEC)
    with double:
        print(f"READY {double.url}", flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
        done.wait()


if __name__ == "__main__":
    main()
