"""Bulk actions on the suggestions list, one smoke test: the list's form, its confirmation naming
each suggestion, the foro's own action run and audited, a refusal in Spanish. What run_bulk
checks and refuses is tested once, in tests/nucleo/web/console/test_bulk.py."""

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
    a, b = [await _suggest(services, f"Idea número {n} para el comité") for n in range(2)]
    user = await login_as("talento_humano")
    page = (await user.get(BASE)).text
    form = page.split(f'action="{BASE}/lote"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="checkbox" name="id" value="{a}" id="marcar-{a}">' in form
    assert messages.SUG_BULK_CHOOSE_ONE.format(id=a) in form and messages.SUG_BULK_ANALYSE in form
    assert re.search(r'<select id="f-accion" name="accion">\s*<option value="" selected>'
                     + re.escape(ui.BULK_PICK_ACTION), form)  # nothing preselected
    chosen = {"id": [str(a), "999999"], "accion": "analizar"}
    ask = await user.post(f"{BASE}/lote", chosen)
    assert messages.SUG_BULK_ANALYSE_QUESTION.format(n=2) in ask.text
    assert (f'<a href="{BASE}/{a}">'
            f'{messages.SUG_BULK_ITEM.format(id=a, title="Idea número 0 para el comité")}</a>'
            ) in ask.text
    done = await user.post(f"{BASE}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 200
    assert messages.SUG_BULK_ANALYSE_DONE.format(n=1) in done.text
    assert (f'{ui.BULK_ITEM_GONE.format(id=999999)}</a>: '
            f'{foro_messages.SUGGESTION_NOT_FOUND}') in done.text
    assert await _statuses(services) == {a: "en_analisis", b: "recibida"}
    assert await _audited(services) == [str(a)]
    auditor = await login_as("auditor")
    assert f'action="{BASE}/lote"' not in (await auditor.get(BASE)).text
