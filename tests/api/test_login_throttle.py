"""Attacks on login throttling (issue #14 item 2), on the console form and on the API token:
the zero-width e-mail bypass, a parallel burst, locking a user out, the office NAT."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace

import httpx
import pytest

from nucleo import staff as staff_module
from nucleo.services import Services
from nucleo.staff import create_staff
from nucleo.throttle import LoginThrottle

PASSWORD = "clave-segura-123"
EMAIL = "th@alcaldia.gov.co"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
Login = Callable[[httpx.AsyncClient, str, str], Awaitable[httpx.Response]]


async def _account(services: Services, email: str = EMAIL) -> None:
    async with services.db.session() as session:
        await create_staff(session, email=email, full_name="TH", role="talento_humano",
                           password=PASSWORD)


async def api_login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


async def console_login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    if "valor_consola_pre" not in client.cookies:
        await client.get("/consola/entrar")
    form = await client.get("/consola/entrar")
    token = TOKEN.search(form.text).group(1)
    return await client.post("/consola/entrar", data={
        "correo": email, "clave": password, "csrf_token": token})


def ok(response: httpx.Response) -> bool:
    return response.status_code in (200, 303)


@pytest.fixture
def frozen(services: Services) -> LoginThrottle:
    """A throttle whose clock stands still: no wait ever runs out during a test."""
    services.throttle = replace(services.throttle, clock=lambda: 5000.0)
    return services.throttle


@pytest.fixture
async def elsewhere(api: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """The same service seen from another client address."""
    transport = httpx.ASGITransport(app=api.app, client=("10.9.8.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password the Argon2 check really verified."""
    seen: list[str] = []
    real = staff_module.verify_password

    def counting(password_hash: str, password: str) -> bool:
        seen.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(staff_module, "verify_password", counting)
    return seen


LOGINS = [pytest.param(api_login, id="api"), pytest.param(console_login, id="consola")]


async def _exhaust(login: Login, client: httpx.AsyncClient, allowance: int) -> None:
    for _ in range(allowance):
        assert (await login(client, EMAIL, "mala-clave-1")).status_code == 401
    assert (await login(client, EMAIL, "mala-clave-1")).status_code == 429


@pytest.mark.parametrize("login", LOGINS)
async def test_an_invisible_character_does_not_escape_the_count(
        login: Login, api: httpx.AsyncClient, services: Services,
        frozen: LoginThrottle) -> None:
    await _account(services)
    await _exhaust(login, api, frozen.allowance)
    for variant in ("th\u200b@alcaldia.gov.co", "TH@ALCALDIA.GOV.CO", "ｔｈ@alcaldia.gov.co",
                    "th@alcaldia.gov.co\u2060"):
        response = await login(api, variant, PASSWORD)
        assert response.status_code == 429, variant
        assert int(response.headers["Retry-After"]) >= 1
        assert "Espere" in response.text


@pytest.mark.parametrize("login", LOGINS)
async def test_a_parallel_burst_checks_at_most_the_allowance(
        login: Login, api: httpx.AsyncClient, services: Services, frozen: LoginThrottle,
        checks: list[str]) -> None:
    await _account(services)
    await api.get("/consola/entrar")  # one pre-session cookie for the whole burst
    responses = await asyncio.gather(*(login(api, EMAIL, f"adivina-{n:02d}")
                                       for n in range(30)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [401] * frozen.allowance + [429] * (30 - frozen.allowance)
    assert len(checks) == frozen.allowance


@pytest.mark.parametrize("login", LOGINS)
async def test_guessing_from_elsewhere_does_not_lock_the_user_out(
        login: Login, api: httpx.AsyncClient, elsewhere: httpx.AsyncClient,
        services: Services, frozen: LoginThrottle) -> None:
    await _account(services)
    await _exhaust(login, elsewhere, frozen.allowance)
    assert ok(await login(api, EMAIL, PASSWORD))


@pytest.mark.parametrize("login", LOGINS)
async def test_a_colleague_behind_the_same_nat_still_logs_in(
        login: Login, api: httpx.AsyncClient, services: Services,
        frozen: LoginThrottle) -> None:
    await _account(services)
    await _account(services, "colega@alcaldia.gov.co")
    await _exhaust(login, api, frozen.allowance)
    assert ok(await login(api, "colega@alcaldia.gov.co", PASSWORD))


async def test_console_and_api_share_one_count(api: httpx.AsyncClient, services: Services,
                                               frozen: LoginThrottle) -> None:
    await _account(services)
    for _ in range(frozen.allowance):
        assert (await api_login(api, EMAIL, "mala-clave-1")).status_code == 401
    blocked = await console_login(api, EMAIL, PASSWORD)
    assert blocked.status_code == 429
    assert "Demasiados intentos fallidos. Espere" in blocked.text


async def test_the_stored_e_mail_is_the_folded_one(api: httpx.AsyncClient,
                                                   services: Services) -> None:
    await _account(services, "Ana\u200b.Perez@Alcaldia.gov.co")
    response = await api_login(api, "ana.perez@alcaldia.gov.co", PASSWORD)
    assert response.status_code == 200


async def test_two_replicas_on_one_database_share_the_allowance(
        api: httpx.AsyncClient, services: Services, frozen: LoginThrottle,
        checks: list[str]) -> None:
    """The two web replicas of docker-compose (two apps, each its own ``Services``, one
    database): a parallel burst alternating between them checks the pair's allowance once, not
    once per replica; and a replica started later sees the wait."""
    from api.app import create_app

    await _account(services)

    def replica() -> httpx.AsyncClient:
        other = Services(settings=services.settings, db=services.db)
        other.throttle = replace(other.throttle, clock=frozen.clock)
        app = create_app(services.settings, services=other, components=lambda _s: [],
                         migrate=False)
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")

    async with replica() as second:
        clients = [api, second]
        responses = await asyncio.gather(*(api_login(clients[n % 2], EMAIL, f"adivina-{n:02d}")
                                           for n in range(30)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [401] * frozen.allowance + [429] * (30 - frozen.allowance)
    assert len(checks) == frozen.allowance
    async with replica() as restarted:
        assert (await api_login(restarted, EMAIL, PASSWORD)).status_code == 429
