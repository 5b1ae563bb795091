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
    chosen = {"id": [str(a), str(b), "999999", str(a)], "accion": "analizar"}
    ask = await user.post(f"{BASE}/lote", chosen)
    assert ask.status_code == 200
    assert messages.SUG_BULK_ANALYSE_QUESTION.format(n=3) in ask.text  # a repeated id counts once
    kept = re.findall(r'<input type="hidden" name="id" value="(\d+)">', ask.text)
    assert kept == [str(a), str(b), "999999", str(a)]
    assert '<input type="hidden" name="accion" value="analizar">' in ask.text
    assert set((await _statuses(services)).values()) == {"recibida"}  # nothing yet
    done = await user.post(f"{BASE}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 200
    assert messages.SUG_BULK_ANALYSE_DONE.format(n=2) in done.text
    assert messages.SUG_BULK_REFUSED.format(n=1) in done.text
    assert (f'{messages.SUG_BULK_ITEM.format(id=999999)}</a>: '
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
                          ({"id": ["x"], "accion": "analizar"}, messages.SUG_BULK_BAD_IDS),
                          ({"id": ["9" * 40], "accion": "analizar"}, messages.SUG_BULK_BAD_IDS),
                          ({"id": [str(sid)], "accion": "borrar"}, messages.SUG_BULK_BAD_ACTION),
                          ({"id": [str(n) for n in range(1, 102)], "accion": "analizar"},
                           messages.SUG_BULK_TOO_MANY.format(max=100))):
        answer = await user.post(f"{BASE}/lote", {**form, "confirmado": "1"})
        assert answer.status_code == 422 and message in answer.text, form
    auditor = await login_as("auditor")
    assert f'action="{BASE}/lote"' not in (await auditor.get(BASE)).text
    refused = await auditor.post(f"{BASE}/lote", {"id": [str(sid)], "accion": "analizar",
                                                  "confirmado": "1"})
    assert refused.status_code == 403 and messages.SUG_BULK_NOT_ALLOWED in refused.text
    forged = await user.post(f"{BASE}/lote", {"id": [str(sid)], "accion": "analizar",
                                              "confirmado": "1"}, token="falso.token")
    assert forged.status_code in (400, 403)
    assert await _statuses(services) == {sid: "recibida"}
