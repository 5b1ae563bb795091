"""Request bodies above the limit are refused with 413 before anything reads them whole."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from nucleo.web.body_limit import MEGABYTE, BodyLimit
from tests.offline_app import offline_client
from tests.routes import flat_routes

CHUNK = 64 * 1024


class Sender:
    """A chunked request body of ``total`` bytes that counts how much was actually pulled."""

    def __init__(self, total: int, prefix: bytes = b"") -> None:
        self.total = total
        self.prefix = prefix
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.prefix:
            self.sent += len(self.prefix)
            yield self.prefix
        while self.sent < self.total:
            self.sent += CHUNK
            yield b"x" * CHUNK


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The whole service (every router); the refusals below never reach the database."""
    async with offline_client(tmp_path,
                              discourse_webhook_secret="un-secreto-de-discourse") as client:
        yield client


async def test_every_upload_limit_names_a_route_of_the_service(
        service: httpx.AsyncClient) -> None:
    """The upload paths are written beside their routes; a renamed route must not silently fall
    back to the 1 MB default."""
    from api.wiring import UPLOADS

    app = service.app
    templates = {getattr(route, "path", None) for route in flat_routes(app.routes)}
    assert UPLOADS and set(UPLOADS) <= templates


JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(("path", "kind"), [
    ("/chat/api/messages", JSON), ("/api/v1/webhooks/discourse", JSON),
    ("/api/v1/auth/token", FORM), ("/consola/entrar", FORM)])
async def test_a_chunked_body_is_cut_off_after_the_limit(service: httpx.AsyncClient,
                                                         path: str, kind: str) -> None:
    body = Sender(40 * MEGABYTE)
    response = await service.post(path, content=body, headers={
        "Content-Type": kind, "X-Discourse-Event-Signature": "sha256=00"})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "demasiado_grande"
    assert "máximo es 1 MB" in error["message"]
    assert body.sent <= MEGABYTE + 2 * CHUNK  # read no further than the limit


async def test_a_declared_length_above_the_limit_is_refused_before_reading(
        service: httpx.AsyncClient) -> None:
    response = await service.post("/chat/api/messages", content=b"{" * (2 * MEGABYTE),
                                  headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["details"] == {"limite_bytes": MEGABYTE}


async def test_upload_routes_take_their_own_larger_limit(service: httpx.AsyncClient) -> None:
    multipart = {"Content-Type": "multipart/form-data; boundary=b"}
    part = (b'--b\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n'
            b"Content-Type: image/png\r\n\r\n")
    image = Sender(3 * MEGABYTE, prefix=part)
    response = await service.post("/api/v1/campaigns/1/pieces", content=image,
                                  headers=multipart)
    assert response.status_code != 413  # read whole (and refused for other reasons)
    assert image.sent >= 3 * MEGABYTE
    huge = Sender(40 * MEGABYTE, prefix=part.replace(b'"image"', b'"imagen"'))
    response = await service.post("/consola/campanas/1/piezas", content=huge, headers=multipart)
    assert response.status_code == 413
    assert "máximo es 11 MB" in response.json()["error"]["message"]
    assert huge.sent <= 11 * MEGABYTE + 2 * CHUNK
    csv = part.replace(b'"image"', b'"file"')
    response = await service.post("/api/v1/people/import", content=csv + b"x" * (12 * MEGABYTE),
                                  headers=multipart)
    assert response.status_code != 413
    response = await service.post("/consola/directorio/importar",
                                  content=b"x" * (52 * MEGABYTE), headers=multipart)
    assert response.status_code == 413
    assert "máximo es 51 MB" in response.json()["error"]["message"]


async def test_small_bodies_and_other_traffic_pass_untouched() -> None:
    seen: list[bytes] = []

    async def echo(request: Request) -> JSONResponse:
        seen.append(await request.body())
        return JSONResponse({"n": len(seen[-1])})

    app = BodyLimit(Starlette(routes=[Route("/e", echo, methods=["POST"]),
                                      Route("/up/{n}", echo, methods=["POST"])]),
                    default=1000, routes={"/up/{n}": 5000})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        assert (await client.post("/e", content=b"a" * 1000)).json() == {"n": 1000}
        assert (await client.post("/e", content=Sender(1001))).status_code == 413
        assert (await client.post("/up/3", content=b"a" * 5000)).json() == {"n": 5000}
        assert (await client.post("/up/3", content=b"a" * 5001)).status_code == 413
        assert (await client.post("/up/3/x", content=b"a" * 1001)).status_code == 413
