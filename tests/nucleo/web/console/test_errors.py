"""Console errors are Spanish HTML pages; the API keeps its JSON."""

from __future__ import annotations

import httpx

from nucleo.web.console import messages
from tests.web.console import LoginAs


async def test_unknown_console_path_is_an_html_404(login_as: LoginAs,
                                                   api: httpx.AsyncClient) -> None:
    user = await login_as("admin")
    page = await user.get("/consola/no-existe")
    assert page.status_code == 404 and messages.NOT_FOUND in page.text
    assert "text/html" in page.headers["content-type"]
    api_404 = await api.get("/api/v1/no-existe")
    assert api_404.json()["error"]["code"] == "no_encontrado"


async def test_wrong_method_is_an_html_page(login_as: LoginAs) -> None:
    user = await login_as("admin")
    response = await user.client.put("/consola/personal", headers=user.headers)
    assert response.status_code == 405 and "text/html" in response.headers["content-type"]


async def test_console_root_redirects(api: httpx.AsyncClient) -> None:
    response = await api.get("/consola")
    assert response.status_code == 307 and response.headers["location"] == "/consola/"


async def test_unexpected_errors_are_a_spanish_500(api: httpx.AsyncClient) -> None:
    async def boom() -> None:
        raise RuntimeError("boom <b>")

    api.app.add_api_route("/consola/prueba-error", boom)
    transport = httpx.ASGITransport(app=api.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/consola/prueba-error")
    assert response.status_code == 500
    assert messages.SERVER_ERROR in response.text and "boom" not in response.text
