"""/docs serves Swagger UI from the installed package, under a strict CSP, with no other host."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.offline_app import offline_client


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with offline_client(tmp_path) as http:
        yield http


async def test_docs_reference_no_external_host_and_carry_a_strict_csp(
        client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page.text)
    assert "cdn" not in page.text.lower() and "<script>" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    for asset in re.findall(r"(?:src|href)=\"(/[^\"]+)\"", page.text):
        response = await client.get(asset)
        assert response.status_code == 200, asset
    start = await client.get("/docs/inicio.js")
    assert "SwaggerUIBundle" in start.text and "http" not in start.text


async def test_redoc_is_gone(client: httpx.AsyncClient) -> None:
    assert (await client.get("/redoc")).status_code == 404
    assert (await client.get("/openapi.json")).status_code == 200


@pytest.mark.browser
def test_swagger_ui_renders_under_its_policy(chromium, live) -> None:
    """In Chromium: the operations show, and the CSP blocked nothing."""
    page = chromium.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text or m.type == "error" else None)
    page.goto(f"{live.url}/docs")
    page.wait_for_selector(".opblock-summary", timeout=20_000)
    assert page.locator(".opblock").count() > 20
    assert violations == []
    page.close()
