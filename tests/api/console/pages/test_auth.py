"""The login form: CSRF before login, wrong credentials, slow-down, safe redirects, cookies."""

from __future__ import annotations

import re

import httpx
import pytest

from api.console import messages
from api.console.pages.auth import safe_next
from nucleo.services import Services
from nucleo.staff import create_staff
from nucleo.web import csrf
from nucleo.web.console.sessions import COOKIE

PASSWORD = "clave-segura-123"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def _account(services: Services, email: str = "th@alcaldia.gov.co") -> None:
    async with services.db.session() as session:
        await create_staff(session, email=email, full_name="Talento <i>Humano</i>",
                           role="talento_humano", password=PASSWORD)


async def _login(api: httpx.AsyncClient, email: str, password: str, path: str = "/consola/entrar",
                 headers: dict[str, str] | None = None) -> httpx.Response:
    form = await api.get(path, headers=headers)
    token = TOKEN.search(form.text).group(1)
    action = re.search(r'<form method="post" action="([^"]+)"', form.text).group(1)
    base = path.split("/consola", 1)[0]
    return await api.post(base + action.replace("&amp;", "&"), data={
        "correo": email, "clave": password, "csrf_token": token}, headers=headers)


async def test_login_sets_a_strict_cookie_and_opens_the_console(api: httpx.AsyncClient,
                                                                services: Services) -> None:
    await _account(services)
    response = await _login(api, "TH@alcaldia.gov.co ", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/consola/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    home = await api.get("/consola/")
    assert home.status_code == 200
    assert "Talento &lt;i&gt;Humano&lt;/i&gt;" in home.text


async def test_cookies_are_secure_over_https_or_behind_an_https_proxy(
        api: httpx.AsyncClient, services: Services) -> None:
    await _account(services)
    proxied = await api.get("/consola/entrar", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in proxied.headers["set-cookie"]
    api.cookies.clear()
    response = await _login(api, "th@alcaldia.gov.co", PASSWORD,
                            path="https://test/consola/entrar")
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"]


async def test_wrong_password_shows_the_form_again(api: httpx.AsyncClient,
                                                   services: Services) -> None:
    await _account(services)
    response = await _login(api, "th@alcaldia.gov.co", "mala-clave-123")
    assert response.status_code == 401
    assert "Correo o contraseña incorrectos." in response.text
    assert 'value="th@alcaldia.gov.co"' in response.text
    assert COOKIE not in api.cookies


async def test_repeated_failures_slow_down(api: httpx.AsyncClient, services: Services) -> None:
    await _account(services)
    statuses = [(await _login(api, "th@alcaldia.gov.co", "mala-1234")).status_code
                for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    blocked = await _login(api, "th@alcaldia.gov.co", PASSWORD)
    assert blocked.status_code == 429
    assert "Espere" in blocked.text and int(blocked.headers["Retry-After"]) >= 1


async def test_login_returns_to_the_page_asked_for(api: httpx.AsyncClient,
                                                   services: Services) -> None:
    await _account(services)
    response = await _login(api, "th@alcaldia.gov.co", PASSWORD,
                            path="/consola/entrar?siguiente=%2Fconsola%2Fdirectorio%3Fpagina%3D2")
    assert response.headers["location"] == "/consola/directorio?pagina=2"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/consola", "/consola\\..\\x", "/api/v1/staff",
    "/consola/\nSet-Cookie:x", "", None, "/consola" + "a" * 600])
def test_next_never_leaves_the_console(target: str | None) -> None:
    assert safe_next(target) == "/consola/"


async def test_logged_in_user_skips_the_form_and_unknown_params_are_refused(
        api: httpx.AsyncClient, services: Services) -> None:
    await _account(services)
    await _login(api, "th@alcaldia.gov.co", PASSWORD)
    again = await api.get("/consola/entrar")
    assert again.status_code == 303
    assert (await api.get("/consola/entrar?x=1")).status_code == 400


async def test_logout_message_and_pre_session_cookie(api: httpx.AsyncClient) -> None:
    page = await api.get("/consola/entrar?salio=1")
    assert messages.LOGGED_OUT in page.text
    assert csrf.PRE_COOKIE in page.headers["set-cookie"]


async def test_overlong_fields_are_a_400_page(api: httpx.AsyncClient) -> None:
    form = await api.get("/consola/entrar")
    token = TOKEN.search(form.text).group(1)
    response = await api.post("/consola/entrar", data={
        "correo": "a" * 5000, "clave": "x", "csrf_token": token})
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
