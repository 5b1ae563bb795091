"""run_bulk, once, on a list made for the test: what it refuses before anything runs (the
action, the role, the ids, the action's extra field), the confirmation that names every chosen
item, the result that names only the refused ones with their reasons, and the way back to the
list with its filters. Each real list keeps one smoke test of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence

import httpx
import pytest
from fastapi import APIRouter

from nucleo.errors import Conflict, InvalidInput
from nucleo.web.console import messages as ui
from nucleo.web.console.bulk import BulkAction, BulkList, bulk_route
from nucleo.web.console.context import Console
from tests.web.console import LoginAs

BACK = "/consola/prueba"
URL = BACK + "/lote"
GONE = 999  # an id describe does not know


class FakeList:
    """A list whose action refuses even ids, and that records what it ran and described."""

    def __init__(self) -> None:
        self.ran: list[tuple[int, str]] = []
        self.described: list[list[int]] = []

    async def run(self, _console: Console, item_id: int, extra: str) -> object:
        if item_id % 2 == 0:
            raise Conflict(f"La {item_id} no se deja.")
        self.ran.append((item_id, extra))
        return item_id

    async def name(self, _console: Console, text: str) -> dict[str, str]:
        if text != "Ana":
            raise InvalidInput("No conocemos a esa persona.")
        return {"name": text}

    async def describe(self, _console: Console, ids: Sequence[int]) -> dict[int, str]:
        self.described.append(list(ids))
        return {i: f"Elemento <{i}>" for i in ids if i != GONE}

    def bulk(self) -> BulkList:
        marcar = BulkAction("Marcar", "sugerencias.analizar", self.run, "¿Marcar {n}?",
                            "Quedan marcados.", "Sí, marcar", "Marcados: {n}.")
        nombrar = BulkAction("Nombrar", "sugerencias.analizar", self.run,
                             "¿Encargar a {name} de {n}?", "Queda a cargo.", "Sí, encargar",
                             "{name} quedó a cargo de {n}.", field="nombre", prepare=self.name)
        return BulkList(actions={"marcar": marcar, "nombrar": nombrar}, back=BACK,
                        back_label="Volver a la prueba", title="Prueba en lote",
                        none_chosen="Marque al menos uno.", refused="No se pudieron: {n}",
                        none_done="No cambió ninguno.", item_url=lambda i: f"{BACK}/{i}",
                        describe=self.describe)


@pytest.fixture
def fake(api: httpx.AsyncClient) -> FakeList:
    fake = FakeList()
    router = APIRouter()
    bulk_route(router, fake.bulk(), "sugerencias")
    api.app.include_router(router)
    return fake


async def test_refused_before_anything_runs(login_as: LoginAs, fake: FakeList) -> None:
    user = await login_as("talento_humano")
    for form, message in (({"accion": "marcar"}, "Marque al menos uno."),
                          ({"id": ["x"], "accion": "marcar"}, ui.BULK_BAD_IDS),
                          ({"id": ["-1"], "accion": "marcar"}, ui.BULK_BAD_IDS),
                          ({"id": ["9" * 40], "accion": "marcar"}, ui.BULK_BAD_IDS),
                          ({"id": ["1"], "accion": "borrar"}, ui.BULK_BAD_ACTION),
                          ({"id": ["1"], "accion": ""}, ui.BULK_NO_ACTION),
                          ({"id": ["1"]}, ui.BULK_NO_ACTION),
                          ({"id": [str(n) for n in range(1, 102)], "accion": "marcar"},
                           ui.BULK_TOO_MANY.format(max=100)),
                          ({"id": ["1"], "accion": "nombrar", "nombre": "Nadie"},
                           "No conocemos a esa persona.")):
        answer = await user.post(URL, {**form, "confirmado": "1"})
        assert answer.status_code == 422 and message in answer.text, form
    auditor = await login_as("auditor")
    denied = await auditor.post(URL, {"id": ["1"], "accion": "marcar", "confirmado": "1"})
    assert denied.status_code == 403 and ui.BULK_NOT_ALLOWED in denied.text
    forged = await user.post(URL, {"id": ["1"], "accion": "marcar", "confirmado": "1"},
                             token="falso.token")
    assert forged.status_code in (400, 403)
    assert fake.ran == [] and fake.described == []


async def test_confirm_names_every_item_then_only_the_refused(login_as: LoginAs,
                                                             fake: FakeList) -> None:
    user = await login_as("talento_humano")
    chosen = {"id": ["1", "2", str(GONE), "3", "1"], "accion": "nombrar", "nombre": "Ana"}
    ask = await user.post(URL, chosen)
    assert ask.status_code == 200 and "¿Encargar a Ana de 4?" in ask.text  # once each
    listed = ask.text.split('id="confirm-items"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed) == [
        (f"{BACK}/1", "Elemento &lt;1&gt;"), (f"{BACK}/2", "Elemento &lt;2&gt;"),
        (f"{BACK}/{GONE}", ui.BULK_ITEM_GONE.format(id=GONE)),
        (f"{BACK}/3", "Elemento &lt;3&gt;")]
    assert re.findall(r'<input type="hidden" name="id" value="(\d+)">', ask.text) == \
        chosen["id"]
    assert '<input type="hidden" name="nombre" value="Ana">' in ask.text
    assert fake.ran == [] and fake.described == [[1, 2, GONE, 3]]
    done = await user.post(URL, {**chosen, "confirmado": "1"})
    assert done.status_code == 200 and "Ana quedó a cargo de 3." in done.text
    assert fake.ran == [(1, "Ana"), (GONE, "Ana"), (3, "Ana")]
    assert "No se pudieron: 1" in done.text
    assert f'<a href="{BACK}/2">Elemento &lt;2&gt;</a>: La 2 no se deja.' in done.text
    assert fake.described[1:] == [[2]]  # only the refused one is named
    none = await user.post(URL, {"id": ["4"], "accion": "marcar", "confirmado": "1"})
    assert none.status_code == 200 and "No cambió ninguno." in none.text


async def test_back_to_the_list_with_its_filters(login_as: LoginAs, fake: FakeList) -> None:
    user = await login_as("talento_humano")
    query = "estado=abierto&q=prueba"
    escaped = query.replace("&", "&amp;")
    chosen = {"id": ["1", "3"], "accion": "marcar", "lista": query}
    ask = await user.post(URL, chosen)
    assert f'<input type="hidden" name="lista" value="{escaped}">' in ask.text
    assert f'href="{BACK}?{escaped}"' in ask.text  # cancel keeps them
    done = await user.post(URL, {**chosen, "confirmado": "1"})
    assert done.status_code == 303 and done.headers["location"] == f"{BACK}?{query}"
    assert fake.described == [[1, 3]]  # all done: nobody named again
    refused = await user.post(URL, {"id": ["2"], "accion": "marcar", "lista": query,
                                    "confirmado": "1"})
    assert refused.status_code == 200 and f'href="{BACK}?{escaped}"' in refused.text
    wrong = await user.post(URL, {"id": ["5"], "accion": "", "lista": query, "confirmado": "1"})
    assert wrong.status_code == 422 and f'href="{BACK}?{escaped}"' in wrong.text
    elsewhere = await user.post(URL, {"id": ["1"], "accion": "marcar", "confirmado": "1",
                                      "lista": "//evil.example/x?#frag&a=<b>"})
    assert elsewhere.headers["location"] == f"{BACK}?a=%3Cb%3E"  # never another address
