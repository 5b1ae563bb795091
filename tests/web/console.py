"""Console test helpers: log in as a role (directly or through the form) and post forms."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.settings import load_settings
from nucleo.staff import create_staff
from nucleo.web import csrf
from nucleo.web.console.models import ConsoleSession
from nucleo.web.console.sessions import COOKIE, create_session, token_hash

PASSWORD = "clave-segura-123"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class ConsoleUser:
    """A browser-like client logged in to the console as one staff account."""

    def __init__(self, client: httpx.AsyncClient, services: Services, account: StaffAccount,
                 cookie: str) -> None:
        self.client = client
        self.services = services
        self.account = account
        self.cookie = cookie

    @property
    def headers(self) -> dict[str, str]:
        """The session cookie, sent explicitly (the shared client's jar is not used)."""
        return {"Cookie": f"{COOKIE}={self.cookie}"}

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.get(path, headers=headers, **kwargs)

    async def token(self) -> str:
        """A valid one-time token for this session, made like the pages make them."""
        raw = self.services.signer.value_or_none("consola.sesion", self.cookie)
        async with self.services.db.session() as session:
            row = await session.scalar(select(ConsoleSession).where(
                ConsoleSession.token_hash == token_hash(raw or "")))
        assert row is not None, "the session is gone"
        return csrf.form_token(self.services.signer, row.csrf_secret)

    async def token_from(self, path: str) -> str:
        """The first form token rendered on a page."""
        page = await self.get(path)
        match = TOKEN.search(page.text)
        assert match, f"no form token on {path}"
        return match.group(1)

    async def post(self, path: str, data: dict[str, Any] | None = None, *,
                   token: str | None = None, files: Any = None,
                   headers: dict[str, str] | None = None) -> httpx.Response:
        body = dict(data or {})
        if token is not False:
            body.setdefault("csrf_token", token or await self.token())
        return await self.client.post(path, data=body, files=files,
                                      headers={**self.headers, **(headers or {})})


LoginAs = Callable[..., Awaitable[ConsoleUser]]


@pytest.fixture
def console_client(api: httpx.AsyncClient) -> httpx.AsyncClient:
    """The API client; cookies are passed per request so several users can share it."""
    api.cookies.clear()
    return api


@pytest.fixture
def login_as(services: Services, console_client: httpx.AsyncClient) -> LoginAs:
    """Create an account with a role and a console session for it (no login form)."""

    async def make(role: str = "admin", *, email: str | None = None,
                   full_name: str | None = None) -> ConsoleUser:
        email = email or f"{role}-{uuid.uuid4().hex[:8]}@alcaldia.gov.co"
        async with services.db.session() as session:
            account = await create_staff(session, email=email, full_name=full_name or
                                         f"Persona {role}", role=role, password=PASSWORD)
            cookie = await create_session(
                session, account, services.signer,
                services.clock(), timedelta(hours=8))
        return ConsoleUser(console_client, services, account, cookie)

    return make


async def new_session(user: ConsoleUser) -> ConsoleUser:
    """Another session (another browser) of the same account."""
    services = user.services
    async with services.db.session() as session:
        account = await session.get(StaffAccount, user.account.id)
        assert account is not None
        cookie = await create_session(session, account, services.signer,
                                      services.clock(), timedelta(hours=8))
    return ConsoleUser(user.client, services, account, cookie)


# ---- Browser tests: Debian's Chromium driven by Playwright, against a live server ----------

CHROMIUM = Path(os.environ.get("VALOR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium (never a downloaded one); skipped outside CI if missing."""
    if not CHROMIUM.exists():
        _unavailable(f"no está {CHROMIUM}: instale Chromium con scripts/system-deps.sh "
                     "(make test lo hace)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("falta el paquete playwright (pip install -e '.[test]')")
    with _real_clock():
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


# Under scripts/test-dates.sh the service's process runs on a faked date (libfaketime through
# LD_PRELOAD), but Chromium spun at full CPU under libfaketime (its timed waits returned at once
# until scripts/test-dates.sh set FAKETIME_FORCE_MONOTONIC_FIX=0). The browser and Playwright's
# driver start without it, on the real clock: every date a page shows is the server's (no page
# script reads the browser's clock), and the faked dates are after today, so cookies the server
# dates stay valid in the browser.
FAKED_CLOCK_VARIABLES = ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_RESET",
                         "FAKETIME_DONT_FAKE_MONOTONIC")


@contextmanager
def _real_clock() -> Iterator[None]:
    """Start child processes (the driver, and through it Chromium) without libfaketime."""
    saved = {name: os.environ.pop(name) for name in FAKED_CLOCK_VARIABLES if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


@pytest.fixture(scope="module")
def live(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The service on 127.0.0.1 with a fresh SQLite database (see docs/consola.md for why)."""
    from tests.web.live_server import LiveServer

    folder = tmp_path_factory.mktemp("live")
    path = folder / "valor.db"
    shutil.copy(sqlite_template, path)
    settings = load_settings(data_dir=folder, secret_key="browser-secret-key-0123456789abcdef-x",
                             entity_name="Alcaldía de Prueba")
    server = LiveServer(settings, f"sqlite+aiosqlite:///{path}")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config) -> Path:
    """Where the browser tests write their screenshots (gitignored test-output/)."""
    folder = Path(pytestconfig.rootpath) / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
