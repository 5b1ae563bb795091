"""The route-analysis cache of ``tests/conftest.py`` (``_routes_analysed_once``): the apps the
factory builds share each route's analysis, and their routes still resolve their
dependencies."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from nucleo.services import Services
from tests.conftest import StaffFactory


def analysed_routes(app: FastAPI) -> dict[tuple[str, frozenset[str]], Any]:
    """Each API route of the app as FastAPI serves it (path and methods → its analysis)."""
    found = {}
    for included in app.routes:
        for route in getattr(included, "effective_route_contexts", list)():
            found[(route.path, frozenset(route.methods or ()))] = route
    return found


async def test_two_apps_share_each_routes_analysis_and_still_resolve_it(
        services: Services, api: httpx.AsyncClient, staff_headers: StaffFactory) -> None:
    from api.app import create_app

    headers = await staff_headers("admin")
    other = create_app(services.settings, services=services, components=lambda _s: [],
                       migrate=False)
    first, second = analysed_routes(api.app), analysed_routes(other)  # type: ignore[attr-defined]
    assert len(first) > 100 and first.keys() == second.keys()
    assert [key for key, route in first.items() if route.dependant is not second[key].dependant
            ] == [], "the cache is off: did a FastAPI upgrade rename what it wraps?"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=other),
                                 base_url="http://test") as client:
        me = await client.get("/api/v1/auth/me", headers=headers)  # session and staff resolved
        assert me.status_code == 200 and me.json()["role"] == "admin"
        assert (await client.get("/api/v1/auth/me")).status_code == 401
