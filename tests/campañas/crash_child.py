"""Child process of the crash test: sends the pending deliveries until it is killed.

    python -m tests.campañas.crash_child '<json settings>' [<postgres schema>]
"""

from __future__ import annotations

import asyncio
import json
import sys

from campañas.runtime import CampaignRuntime
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import load_settings

WORKER = "crash-worker"


async def main(raw: str, schema: str | None) -> None:
    settings = load_settings(**json.loads(raw))
    db = Database(settings.resolved_database_url, schema=schema or None)
    runtime = CampaignRuntime(Services(settings=settings, db=db), worker=WORKER)
    await runtime.engine.start()
    print("STARTED", flush=True)
    await asyncio.Event().wait()  # until SIGKILL


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
