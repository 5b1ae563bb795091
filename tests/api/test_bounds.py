"""Out-of-range integers are refused up front, never a 500 from the database (PostgreSQL's
``integer`` ends at 2**31 - 1): every int path and query parameter of every route is bounded,
and a 10-digit id on any route answers a 4xx on both backends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, get_args, get_origin

import annotated_types
import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from tests.routes import flat_routes
from tests.web.console import LoginAs

HUGE = "9999999999"
PARAM = re.compile(r"\{([^}:]+)(:[^}]+)?\}")


def api_routes(routes: list) -> Iterator[APIRoute]:
    return (route for route in flat_routes(routes) if isinstance(route, APIRoute))


def takes_int(annotation: object) -> bool:
    """True for ``int`` and unions holding it (``int | None``); not for literals whose values
    merely contain the letters «int» (``"control_interno"``)."""
    if annotation is int:
        return True
    return any(takes_int(arg) for arg in get_args(annotation)
               if get_origin(annotation) is not Literal)


def unbounded_ints(app: FastAPI) -> list[str]:
    found = []

    def walk(route: APIRoute, dependant) -> None:
        for param in dependant.path_params + dependant.query_params:
            if not takes_int(param.field_info.annotation):
                continue
            if not any(isinstance(m, (annotated_types.Le, annotated_types.Lt))
                       for m in param.field_info.metadata):
                found.append(f"{sorted(route.methods)} {route.path} {param.name}")
        for sub in dependant.dependencies:
            walk(route, sub)

    for route in api_routes(app.routes):
        walk(route, route.dependant)
    return found


async def test_every_integer_parameter_has_an_upper_bound(api: httpx.AsyncClient) -> None:
    assert unbounded_ints(api.app) == []


def _id_routes(app: FastAPI, console: bool) -> list[tuple[str, str]]:
    wanted = []
    for route in api_routes(app.routes):
        if PARAM.search(route.path) and route.path.startswith("/consola") == console:
            ints = {p.name for p in route.dependant.path_params
                    if takes_int(p.field_info.annotation)}
            if not ints:
                continue
            path = PARAM.sub(lambda m, ints=ints: HUGE if m.group(1) in ints else "x", route.path)
            wanted += [(method, path) for method in sorted(route.methods)]
    return wanted


async def test_a_ten_digit_id_is_a_client_error_on_every_api_route(
        api: httpx.AsyncClient, staff_headers) -> None:
    admin = await staff_headers("admin")
    routes = _id_routes(api.app, console=False)
    assert len(routes) > 20
    for method, path in routes:
        response = await api.request(method, path, headers=admin,
                                     json={} if method in {"POST", "PUT", "PATCH"} else None)
        assert response.status_code < 500, (method, path, response.text)
        assert response.status_code in {404, 405, 422}, (method, path, response.status_code)
    assert (await api.get(f"/api/v1/people?department_id={HUGE}&offset=1{HUGE}",
                          headers=admin)).status_code == 422
    assert (await api.get(f"/api/v1/suggestions?offset=1{HUGE}",
                          headers=admin)).status_code == 422


async def test_a_ten_digit_id_is_a_client_error_on_every_console_page(
        api: httpx.AsyncClient, login_as: LoginAs) -> None:
    admin = await login_as("admin")
    routes = _id_routes(api.app, console=True)
    assert len(routes) > 10
    for method, path in routes:
        response = (await admin.get(path) if method == "GET" else await admin.post(path))
        assert 400 <= response.status_code < 500, (method, path, response.status_code)


@pytest.mark.parametrize("body", [{"text": "Hola", "person_id": int(HUGE)},
                                  {"text": "Hola", "department_id": -1}])
async def test_integer_body_fields_are_bounded(api: httpx.AsyncClient, staff_headers,
                                               body: dict) -> None:
    admin = await staff_headers("admin")
    response = await api.post("/api/v1/suggestions", json=body, headers=admin)
    assert response.status_code == 422, response.text
