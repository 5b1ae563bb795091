"""Security headers on console responses only."""

from __future__ import annotations

import httpx

from tests.web.console import LoginAs


async def test_console_pages_carry_the_headers(login_as: LoginAs) -> None:
    user = await login_as("admin")
    page = await user.get("/consola/")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    css = await user.get("/consola/estatico/console.css")
    assert css.status_code == 200 and "cache-control" not in css.headers
    assert css.headers["x-content-type-options"] == "nosniff"


async def test_api_responses_are_left_alone(api: httpx.AsyncClient) -> None:
    health = await api.get("/health")
    assert "content-security-policy" not in health.headers
