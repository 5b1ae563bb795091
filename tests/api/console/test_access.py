"""The role matrix, walked from the one table (access.PAGES) and every registered console route
and every REST route that asks for a permission."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from nucleo.models import Role
from nucleo.web import access
from nucleo.web.console import messages
from nucleo.web.console.context import PageGuard
from nucleo.web.deps import Permission
from tests.routes import flat_routes
from tests.web.console import PASSWORD, LoginAs, new_session


def _guards(dependant: Any) -> list[str]:
    """The permission keys a route asks for, as a console page or as a REST permission."""
    found = []
    for dep in dependant.dependencies:
        if isinstance(dep.call, PageGuard):
            found.append(dep.call.page)
        elif isinstance(dep.call, Permission):
            found.append(dep.call.key)
        found.extend(_guards(dep))
    return found


def routes_under(app: Any, prefix: str) -> list[tuple[str, str, str | None]]:
    """(method, path, permission key or None) for every route of the application under prefix."""
    routes = []
    for route in flat_routes(app.routes):
        if not isinstance(route, APIRoute) or not route.path.startswith(prefix):
            continue
        guards = _guards(route.dependant)
        assert len(guards) <= 1, f"{route.path} asks for more than one permission"
        for method in sorted(route.methods - {"HEAD"}):
            routes.append((method, route.path, guards[0] if guards else None))
    return routes


def console_routes(app: Any) -> list[tuple[str, str, str | None]]:
    """Every console route, guarded or public."""
    return routes_under(app, "/consola")


def api_routes(app: Any) -> list[tuple[str, str, str]]:
    """Every REST route that asks for a permission (the others need a login at most)."""
    return [(m, p, key) for m, p, key in routes_under(app, "/api/") if key]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "999999", path)


def test_every_console_route_declares_its_page(api: httpx.AsyncClient) -> None:
    routes = console_routes(api.app)
    assert len(routes) >= 10
    for method, path, key in routes:
        if key is None:
            assert (method, path) in access.PUBLIC, (
                f"{method} {path} has no page guard: declare it in nucleo.web.access.PAGES")
        else:
            assert key in access.PAGES
    used = {key for _m, _p, key in routes + api_routes(api.app)}
    assert set(access.PAGES) <= used, f"permissions without a route: {set(access.PAGES) - used}"


async def test_role_matrix(api: httpx.AsyncClient, login_as: LoginAs) -> None:
    """Every guarded route × every role: allowed roles get through, the rest get a 403 page."""
    routes = [r for r in console_routes(api.app) if r[2]]
    checked = 0
    for role in Role:
        account = await login_as(role.value)
        for method, path, key in routes:
            user = await new_session(account)  # a fresh session: POST /consola/salir ends one
            url = _concrete(path)
            if method == "GET":
                response = await user.get(url)
            else:
                response = await user.post(url)
            expected = access.allowed(key, role.value)
            where = f"{role.value} {method} {path} -> {response.status_code}"
            if expected:
                assert response.status_code not in (401, 403), where
                location = response.headers.get("location", "")
                if key != "salir":  # logging out is the one allowed way back to the login
                    assert not location.startswith("/consola/entrar"), where
            else:
                assert response.status_code == 403, where
                assert messages.FORBIDDEN_ROLE in response.text, where
            checked += 1
    assert checked == len(routes) * len(Role)


async def test_api_role_matrix(api: httpx.AsyncClient, login_as: LoginAs) -> None:
    """Every REST route that asks for a permission × every role, from the same table."""
    routes = api_routes(api.app)
    assert len(routes) >= 30
    for role in Role:
        account = await login_as(role.value)
        login = await api.post("/api/v1/auth/token", data={"username": account.account.email,
                                                          "password": PASSWORD})
        assert login.status_code == 200, login.text
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        for method, path, key in routes:
            response = await api.request(method, _concrete(path), headers=headers)
            where = f"{role.value} {method} {path} -> {response.status_code}"
            if access.allowed(key, role.value):
                assert response.status_code not in (401, 403), where
            else:
                assert response.status_code == 403, where


@pytest.mark.parametrize("role", [r.value for r in Role])
async def test_navigation_shows_only_allowed_sections(api: httpx.AsyncClient, login_as: LoginAs,
                                                       role: str) -> None:
    user = await login_as(role)
    page = await user.get("/consola/")
    assert page.status_code == 200
    nav = page.text.split('<nav class="sections"', 1)[1].split("</nav>", 1)[0]
    for key, spec in access.PAGES.items():
        if spec.nav and spec.path:
            assert (f'href="{spec.path}"' in nav) == access.allowed(key, role), (role, key)


async def test_anonymous_requests_go_to_the_login(api: httpx.AsyncClient) -> None:
    for method, path, key in console_routes(api.app):
        if key is None:
            continue
        response = await api.request(method, _concrete(path))
        assert response.status_code == 303, (method, path)
        assert response.headers["location"].startswith("/consola/entrar")
