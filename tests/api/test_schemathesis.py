"""A bounded schemathesis run of the whole OpenAPI description (issue 14, finding 4).

Every operation of ``/openapi.json`` (the app from ``api.app.create_app`` with test settings) gets
a few generated requests, valid and invalid, over the ASGI transport (no network), on SQLite and
on PostgreSQL, with and without an admin's bearer token. No answer may be a server error (5xx),
and every answer must be one the description documents (status code, content type, body
schema, headers). The cases are drawn once per pytest worker (derandomized: the same ones for
every engine and token) and sent to each; ``make test`` runs it.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import Settings
from tests.databases import WorkerDatabase

MAX_EXAMPLES = int(os.environ.get("VALOR_SCHEMATHESIS_EXAMPLES", "4"))  # per operation and mode
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
REQUEST_ARGS = {"method", "url", "headers", "params", "cookies", "json", "data", "files"}
PASSWORD = "clave-segura-123"

pytestmark = pytest.mark.slow


class Service:
    """The app over a test database in an event loop of its own: hypothesis drives a plain
    function, and each request runs to completion in that loop."""

    def __init__(self, settings: Settings, url: str, reset: WorkerDatabase | None) -> None:
        from api.app import create_app

        self.runner = asyncio.Runner()
        if reset is not None:
            self.run(reset.reset())
        self.db = Database(url)
        self.services = Services(settings=settings, db=self.db)
        self.app = create_app(settings, services=self.services, components=lambda _s: [],
                              migrate=False)
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                        base_url="http://test")

    def run(self, work: Any) -> Any:
        return self.runner.run(work)

    async def send(self, case: schemathesis.Case, headers: dict[str, str]) -> httpx.Response:
        """Send the case as schemathesis would (its body encoded by ``requests``), over ASGI."""
        kwargs = case.as_transport_kwargs(base_url="http://test", headers=headers)
        prepared = requests.Request(**{k: v for k, v in kwargs.items()
                                       if k in REQUEST_ARGS}).prepare()
        response = await self.client.request(prepared.method or "GET", prepared.url or "",
                                             headers=dict(prepared.headers),
                                             content=prepared.body)
        await response.request.aread()
        return response

    def token(self) -> dict[str, str]:
        from nucleo.staff import create_staff

        email = f"admin-{uuid.uuid4().hex[:6]}@alcaldia.gov.co"

        async def make() -> dict[str, str]:
            async with self.db.session() as session:
                await create_staff(session, email=email, full_name="Persona admin",
                                   role="admin", password=PASSWORD)
            response = await self.client.post("/api/v1/auth/token",
                                              data={"username": email, "password": PASSWORD})
            assert response.status_code == 200, response.text
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        return self.run(make())

    def close(self) -> None:
        self.run(self.client.aclose())
        self.run(self.db.dispose())
        self.runner.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def service(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
            settings: Settings) -> Iterator[Service]:
    if request.param == "sqlite":
        path = tmp_path / "valor.db"
        shutil.copy(sqlite_template, path)
        built = Service(settings, f"sqlite+aiosqlite:///{path}", None)
    else:
        reason = request.getfixturevalue("postgres_available")
        if reason:
            pytest.skip(reason)
        worker: WorkerDatabase = request.getfixturevalue("postgres_database")
        built = Service(settings, worker.url, worker)
    yield built
    built.close()


Drawn = list[tuple[str, GenerationMode, list[schemathesis.Case]]]


@pytest.fixture(scope="session")
def drawn_cases() -> dict[str, Drawn]:
    """The cases drawn for an OpenAPI description, kept for this worker's other runs: the draws
    are derandomized (one description, the same cases for every engine and token), and drawing
    them took twice as long as sending them."""
    return {}


def _draw(schema: Any) -> Drawn:
    """``MAX_EXAMPLES`` cases of each operation in each mode, valid and invalid."""
    drawn: Drawn = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            cases: list[schemathesis.Case] = []

            @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate], derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def keep(case: schemathesis.Case) -> None:
                cases.append(case)  # noqa: B023  # runs within this iteration

            try:
                keep()
            except Unsatisfiable:
                pass
            drawn.append((operation.label, mode, cases))
    return drawn


def _failures(service: Service, headers: dict[str, str], drawn_cases: dict[str, Drawn]) -> list[str]:
    """Send every operation's cases; the failures, one line each (all of them, not the first)."""
    description = service.app.openapi()
    key = json.dumps(description, sort_keys=True)
    if key not in drawn_cases:
        drawn_cases[key] = _draw(schemathesis.openapi.from_dict(description))
    found: list[str] = []
    for label, mode, cases in drawn_cases[key]:
        for case in cases:
            response = service.run(service.send(case, headers))
            try:
                case.validate_response(response, checks=CHECKS)
            except BaseExceptionGroup as group:  # every failure is reported below
                found.extend(_describe(label, mode, response, e) for e in group.exceptions)
            except AssertionError as exc:
                found.append(_describe(label, mode, response, exc))
    return found


def _describe(label: str, mode: GenerationMode, response: httpx.Response,
              exc: BaseException) -> str:
    title = getattr(exc, "title", "") or str(exc).splitlines()[0]
    return f"{label} [{mode.value}] {response.status_code} {title}: {response.text[:160]}"


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "admin"])
def test_the_whole_api_answers_only_what_it_documents(service: Service, with_token: bool,
                                                     drawn_cases: dict[str, Drawn]) -> None:
    headers = service.token() if with_token else {}
    failures = _failures(service, headers, drawn_cases)
    assert failures == [], "\n".join(sorted(set(failures)))
