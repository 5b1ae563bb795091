"""Bulk actions on the suggestions list: choose several, confirm, each change audited, refusals
reported per suggestion in Spanish."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from foro import actions
from foro import messages as foro_messages
from foro.models import Suggestion
from foro.service import install
from foro.web import messages
from nucleo.db import Database
from nucleo.models import AuditEntry
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.web.console import messages as ui
from tests.web.console import LoginAs

BASE = "/consola/sugerencias"


@pytest.fixture
def services(settings: Settings, db: Database) -> Services:
    services = Services(settings=settings, db=db)
    install(services)
    return services


async def _suggest(services: Services, text: str) -> int:
    async with services.db.session() as session:
        s = await actions.submit_suggestion(session, services, text=text, value="respeto",
                                            person_id=None, anonymous=True, source="portal")
        return s.id


async def _statuses(services: Services) -> dict[int, str]:
    async with services.db.session() as session:
        return dict((await session.execute(select(Suggestion.id, Suggestion.status))).all())


async def _audited(services: Services) -> list[str]:
    async with services.db.session() as session:
        return sorted(str(t) for t in await session.scalars(select(AuditEntry.target_id).where(
            AuditEntry.action == "foro.sugerencia.analisis")))


async def test_choose_confirm_and_report_refusals(login_as: LoginAs, services: Services) -> None:
    a, b, c = [await _suggest(services, f"Idea número {n} para el comité") for n in range(3)]
    user = await login_as("talento_humano")
    page = (await user.get(BASE)).text
    form = page.split(f'action="{BASE}/lote"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="checkbox" name="id" value="{a}" id="marcar-{a}">' in form
    assert messages.SUG_BULK_CHOOSE_ONE.format(id=a) in form and messages.SUG_BULK_ANALYSE in form
    assert re.search(r'<select id="f-accion" name="accion">\s*<option value="" selected>'
                     + re.escape(ui.BULK_PICK_ACTION), form)  # nothing preselected
    chosen = {"id": [str(a), str(b), "999999", str(a)], "accion": "analizar"}
    ask = await user.post(f"{BASE}/lote", chosen)
    assert ask.status_code == 200
    assert messages.SUG_BULK_ANALYSE_QUESTION.format(n=3) in ask.text  # a repeated id counts once
    listed = ask.text.split('id="confirm-items"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed) == [
        (f"{BASE}/{a}", messages.SUG_BULK_ITEM.format(id=a, title="Idea número 0 para el comité")),
        (f"{BASE}/{b}", messages.SUG_BULK_ITEM.format(id=b, title="Idea número 1 para el comité")),
        (f"{BASE}/999999", ui.BULK_ITEM_GONE.format(id=999999))]
    kept = re.findall(r'<input type="hidden" name="id" value="(\d+)">', ask.text)
    assert kept == [str(a), str(b), "999999", str(a)]
    assert '<input type="hidden" name="accion" value="analizar">' in ask.text
    assert set((await _statuses(services)).values()) == {"recibida"}  # nothing yet
    done = await user.post(f"{BASE}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 200
    assert messages.SUG_BULK_ANALYSE_DONE.format(n=2) in done.text
    assert messages.SUG_BULK_REFUSED.format(n=1) in done.text
    assert (f'{ui.BULK_ITEM_GONE.format(id=999999)}</a>: '
            f'{foro_messages.SUGGESTION_NOT_FOUND}') in done.text
    assert await _statuses(services) == {a: "en_analisis", b: "en_analisis", c: "recibida"}
    assert await _audited(services) == sorted([str(a), str(b)])
    again = await user.post(f"{BASE}/lote", {"id": [str(b), str(c)], "accion": "analizar",
                                             "confirmado": "1"})
    assert again.status_code == 303 and again.headers["location"] == BASE
    listing = (await user.get(BASE)).text
    assert messages.SUG_BULK_ANALYSE_DONE.format(n=2) in listing
    assert set((await _statuses(services)).values()) == {"en_analisis"}
    assert len(await _audited(services)) == 4


async def test_bad_choices_and_roles(login_as: LoginAs, services: Services) -> None:
    sid = await _suggest(services, "Una idea para revisar")
    user = await login_as("talento_humano")
    for form, message in (({"accion": "analizar"}, messages.SUG_BULK_NONE_CHOSEN),
                          ({"id": ["x"], "accion": "analizar"}, ui.BULK_BAD_IDS),
                          ({"id": ["9" * 40], "accion": "analizar"}, ui.BULK_BAD_IDS),
                          ({"id": [str(sid)], "accion": "borrar"}, ui.BULK_BAD_ACTION),
                          ({"id": [str(sid)], "accion": ""}, ui.BULK_NO_ACTION),
                          ({"id": [str(sid)]}, ui.BULK_NO_ACTION),
                          ({"id": [str(n) for n in range(1, 102)], "accion": "analizar"},
                           ui.BULK_TOO_MANY.format(max=100))):
        answer = await user.post(f"{BASE}/lote", {**form, "confirmado": "1"})
        assert answer.status_code == 422 and message in answer.text, form
    auditor = await login_as("auditor")
    assert f'action="{BASE}/lote"' not in (await auditor.get(BASE)).text
    refused = await auditor.post(f"{BASE}/lote", {"id": [str(sid)], "accion": "analizar",
                                                  "confirmado": "1"})
    assert refused.status_code == 403 and ui.BULK_NOT_ALLOWED in refused.text
    forged = await user.post(f"{BASE}/lote", {"id": [str(sid)], "accion": "analizar",
                                              "confirmado": "1"}, token="falso.token")
    assert forged.status_code in (400, 403)
    assert await _statuses(services) == {sid: "recibida"}


async def test_the_list_comes_back_with_its_filters(login_as: LoginAs, services: Services) -> None:
    a, b = [await _suggest(services, f"Idea filtrada {n}") for n in range(2)]
    user = await login_as("talento_humano")
    query = "estado=recibida&valor=respeto&q=filtrada"
    page = (await user.get(f"{BASE}?{query}")).text
    form = page.split(f'action="{BASE}/lote"', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="lista" value="estado=recibida&amp;valor=respeto&amp;q=filtrada">' in form
    chosen = {"id": [str(a), str(b)], "accion": "analizar", "lista": query}
    ask = await user.post(f"{BASE}/lote", chosen)
    assert f'<input type="hidden" name="lista" value="{query.replace("&", "&amp;")}">' in ask.text
    assert f'href="{BASE}?{query.replace("&", "&amp;")}"' in ask.text  # cancel keeps them
    done = await user.post(f"{BASE}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 303 and done.headers["location"] == f"{BASE}?{query}"
    refused = await user.post(f"{BASE}/lote", {"id": ["999999"], "accion": "analizar",
                                               "lista": query, "confirmado": "1"})
    assert refused.status_code == 200  # not found: the result page links back
    assert f'href="{BASE}?{query.replace("&", "&amp;")}"' in refused.text
    elsewhere = await user.post(f"{BASE}/lote", {
        "id": [str(a)], "accion": "analizar", "confirmado": "1",
        "lista": "//evil.example/x?#frag&a=<b>"})
    assert elsewhere.headers["location"] == f"{BASE}?a=%3Cb%3E"  # never another address
