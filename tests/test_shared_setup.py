"""The caches of ``tests/shared_setup.py``: the apps the factory builds share each route's
analysis and their routes still resolve their dependencies; Jinja environments share compiled
templates, never across options that compile differently; consultation services share the
packaged base's index, never one with HR's edits."""

from __future__ import annotations

import ssl
from typing import Any

import httpx
from fastapi import FastAPI
from jinja2 import DictLoader, Environment

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
    services: Services, api: httpx.AsyncClient, staff_headers: StaffFactory
) -> None:
    from api.app import create_app

    headers = await staff_headers("admin")
    other = create_app(services.settings, services=services, components=lambda _s: [], migrate=False)
    first, second = analysed_routes(api.app), analysed_routes(other)  # type: ignore[attr-defined]  # the fixture's client carries its app
    assert len(first) > 100 and first.keys() == second.keys()
    assert [key for key, route in first.items() if route.dependant is not second[key].dependant] == [], (
        "the cache is off: did a FastAPI upgrade rename what it wraps?"
    )
    bodies = [key for key, route in first.items() if route.body_field is not None]
    assert bodies and all(first[key].body_field is second[key].body_field for key in bodies)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=other), base_url="http://test") as client:
        me = await client.get("/api/v1/auth/me", headers=headers)  # session and staff resolved
        assert me.status_code == 200 and me.json()["role"] == "admin"
        assert (await client.get("/api/v1/auth/me")).status_code == 401


def test_environments_share_compiled_templates_only_with_the_same_options() -> None:
    loader = DictLoader({"t.html": "{% if x %}\n  <b>{{ x }}</b>\n{% endif %}\n"})
    plain, trimmed = Environment(loader=loader), Environment(loader=loader, trim_blocks=True)
    assert plain.bytecode_cache is not None and plain.bytecode_cache is trimmed.bytecode_cache
    assert plain.get_template("t.html").render(x="<i>") == "\n  <b><i></b>\n"
    assert trimmed.get_template("t.html").render(x="<i>") == "  <b><i></b>\n"
    escaping = Environment(loader=loader, autoescape=True)
    assert escaping.get_template("t.html").render(x="<i>") == "\n  <b>&lt;i&gt;</b>\n"
    assert Environment(loader=loader).get_template("t.html").render(x="ok") == "\n  <b>ok</b>\n"


def test_consultation_services_share_the_packaged_index_but_not_an_edited_one(services: Services) -> None:
    from bot.consultas.knowledge import KnowledgeBase
    from bot.consultas.service import ConsultationService

    first = ConsultationService.from_files(services)
    second = ConsultationService.from_files(services)
    assert first.store.files is second.store.files is KnowledgeBase.from_directory()
    assert first.engine is not second.engine
    assert first.engine._state is second.engine._state
    entry = next(iter(first.store.files)).model_dump()
    edited = first.store.files.with_overrides([{**entry, "title": "Un título cambiado por RR. HH."}])
    first.engine.reload(edited)
    assert first.engine.kb is edited and second.engine.kb is first.store.files
    assert first.engine._state is not second.engine._state
    assert first.engine.kb.get(entry["id"]).title == "Un título cambiado por RR. HH."
    assert second.engine.kb.get(entry["id"]).title == entry["title"]


def test_http_clients_that_verify_share_one_tls_context() -> None:
    def context(client: httpx.Client) -> Any:
        return client._transport._pool._ssl_context  # type: ignore[attr-defined]  # httpx's private pool

    with httpx.Client() as first, httpx.Client() as second, httpx.Client(verify=False) as lax:
        assert context(first) is context(second)
        assert context(lax) is not context(first) and context(lax).verify_mode == ssl.CERT_NONE
        assert context(first).verify_mode == ssl.CERT_REQUIRED
