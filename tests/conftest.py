"""Shared fixtures: settings, a migrated database on SQLite and on PostgreSQL, an API client.

Every test that asks for ``db`` runs twice, once per backend. Outside CI a missing PostgreSQL
skips those runs with a reason; with CI=true it fails them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx
import pytest

from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.services import Services
from nucleo.settings import Settings, load_settings

pytest_plugins = ["tests.fakes.fixtures", "tests.fakes.fixtures_discourse", "tests.web.console"]

PG_URL = os.environ.get("VALOR_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test").replace(
    "postgresql://", "postgresql+asyncpg://", 1)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _pg_dsn() -> str:
    return PG_URL.replace("postgresql+asyncpg://", "postgresql://")


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
        asyncio.run(probe())
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL no disponible en {PG_URL}: {exc}"
    return None


@pytest.fixture(autouse=True)
def _no_valor_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's own VALOR_* settings."""
    for name in list(os.environ):
        if name.startswith("VALOR_") and name != "VALOR_TEST_PG_URL":
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def build() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await upgrade_database(db)
        await db.dispose()

    asyncio.run(build())
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def db(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
    postgres_available: str | None,
) -> AsyncIterator[Database]:
    """A freshly migrated database: a SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        path = tmp_path / "valor.db"
        shutil.copy(sqlite_template, path)
        database = Database(f"sqlite+aiosqlite:///{path}")
        yield database
        await database.dispose()
        return
    if postgres_available:
        if IN_CI:
            pytest.fail(postgres_available)
        pytest.skip(postgres_available)
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = await asyncpg.connect(_pg_dsn())
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    database = Database(PG_URL, schema=schema)
    try:
        await upgrade_database(database)
        yield database
    finally:
        await database.dispose()
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path, secret_key="test-secret-key-0123456789abcdef",
                         entity_name="Alcaldía de Prueba")


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
        client.app = app  # type: ignore[attr-defined]
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
