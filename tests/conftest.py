"""Shared fixtures: settings, a migrated database on SQLite and on PostgreSQL, an API client.

Every test that asks for ``db`` runs twice, once per backend. Outside CI a missing PostgreSQL
skips those runs with a reason; with CI=true it fails them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import httpx
import pytest

from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import Settings, load_settings
from tests.databases import (
    WorkerDatabase,
    build_sqlite_template,
    create_worker_database,
    drop_worker_database,
)

pytest_plugins = ["tests.fakes.fixtures", "tests.fakes.mail", "tests.fakes.fixtures_discourse", "tests.web.console",
                  "tests.shared_setup"]

PG_URL = os.environ.get("VALOR_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test").replace(
    "postgresql://", "postgresql+asyncpg://", 1)
T = TypeVar("T")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _pg_dsn() -> str:
    return PG_URL.replace("postgresql+asyncpg://", "postgresql://")


def require_postgres(reason: str | None) -> None:
    """Go on when PostgreSQL answered (``postgres_available`` is None); otherwise fail in CI and
    skip with the reason elsewhere."""
    if reason:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


@contextlib.asynccontextmanager
async def empty_pg_schema(prefix: str) -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL schema (``<prefix>_<random>``), dropped with all it holds after."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_pg_dsn())
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


def run_outside_loop(work: Coroutine[Any, Any, T]) -> T:
    """Run ``work`` to completion in a thread of its own, so that a session fixture first
    requested from inside a test's event loop can still use asyncio."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests (marked ``slow`` or ``browser``) run first, in their usual order. pytest-xdist
    hands out the rest as workers free up, so the run ends on short tests instead of one worker
    finishing a minute-long test while the other waits."""
    items.sort(key=lambda item: not any(item.iter_markers("slow"))
               and not any(item.iter_markers("browser")))


@pytest.fixture(scope="session")
def postgres_available() -> str | None:
    """None when PostgreSQL answers, otherwise the reason it does not."""

    async def probe() -> None:
        try:
            conn = await asyncpg.connect(_pg_dsn(), timeout=5)
        except asyncpg.InvalidCatalogNameError:  # the server is there, the database is not
            name = _pg_dsn().rsplit("/", 1)[1]
            server = await asyncpg.connect(_pg_dsn().rsplit("/", 1)[0] + "/postgres", timeout=5)
            await server.execute(f'CREATE DATABASE "{name}"')
            await server.close()
            conn = await asyncpg.connect(_pg_dsn(), timeout=5)
        await conn.close()

    try:
        run_outside_loop(probe())
    except Exception as exc:
        return f"PostgreSQL no disponible en {PG_URL}: {exc}"
    return None


@pytest.fixture(autouse=True)
def _no_valor_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's own VALOR_* settings. And no automatic declaration
    reminders in the services tests build (nor in the processes they start): their start-up
    sweep depends on the hour of the day; tests/campañas/test_asset_reminders.py turns them on
    with an injected clock."""
    for name in list(os.environ):
        if name.startswith("VALOR_") and name != "VALOR_TEST_PG_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("VALOR_ASSET_REMINDERS", "false")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    asyncio.run(build_sqlite_template(path))
    return path


@pytest.fixture(scope="session")
def postgres_database(postgres_available: str | None) -> Iterator[WorkerDatabase | None]:
    """This process's PostgreSQL database, cloned from the migrated template (None: no server)."""
    if postgres_available:
        yield None
        return
    database = run_outside_loop(create_worker_database(
        _pg_dsn(), os.environ.get("PYTEST_XDIST_WORKER", "main")))
    yield database
    run_outside_loop(drop_worker_database(_pg_dsn(), database))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def db(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
) -> AsyncIterator[Database]:
    """A freshly migrated database: a copy of the SQLite template, or this worker's PostgreSQL
    database emptied (rows deleted, sequences restarted)."""
    if request.param == "sqlite":
        path = tmp_path / "valor.db"
        shutil.copy(sqlite_template, path)
        database = Database(f"sqlite+aiosqlite:///{path}")
    else:
        reason = request.getfixturevalue("postgres_available")
        if reason:
            if IN_CI:
                pytest.fail(reason)
            pytest.skip(reason)
        worker_db: WorkerDatabase = request.getfixturevalue("postgres_database")
        await worker_db.reset()
        database = Database(worker_db.url)
    yield database
    await database.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # No per-chat pacing on the real clock: a conversation would wait a second a message.
    # The pacing itself is tested in virtual time (tests/nucleo/test_ratelimit.py).
    return load_settings(data_dir=tmp_path, secret_key="test-secret-key-0123456789abcdef",
                         entity_name="Alcaldía de Prueba", telegram_chat_pacing=False)


@pytest.fixture
def services(settings: Settings, db: Database) -> Services:
    return Services(settings=settings, db=db)


@pytest.fixture
async def api(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the API wired to the test database (no bot, no workers)."""
    from api.app import create_app

    app = create_app(services.settings, services=services, components=lambda _s: [],
                     migrate=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        client.app = app
        yield client


StaffFactory = Callable[..., Awaitable[dict[str, str]]]


@pytest.fixture
def staff_headers(services: Services, api: httpx.AsyncClient) -> StaffFactory:
    """Create a staff account with a role and return bearer headers for it."""
    from nucleo.staff import create_staff

    async def make(role: str = "admin", email: str | None = None) -> dict[str, str]:
        email = email or f"{role}-{uuid.uuid4().hex[:6]}@alcaldia.gov.co"
        async with services.db.session() as session:
            await create_staff(session, email=email, full_name=f"Persona {role}", role=role,
                               password="clave-segura-123")
        response = await api.post("/api/v1/auth/token",
                                  data={"username": email, "password": "clave-segura-123"})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return make
