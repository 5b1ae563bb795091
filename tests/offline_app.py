"""The whole service (every router) over a database that is never created, for requests that are
answered or refused before any query (docs pages, body limits)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import load_settings


@asynccontextmanager
async def offline_client(tmp_path: Path, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the app built with these settings (no bot, no workers, no migration);
    ``client.app`` is the app."""
    from api.app import create_app

    loaded = load_settings(data_dir=tmp_path, secret_key="test-secret-key-0123456789abcdef",
                           **settings)
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    app = create_app(loaded, services=Services(settings=loaded, db=db),
                     components=lambda _s: [], migrate=False)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://test") as client:
            client.app = app
            yield client
    finally:
        await db.dispose()
