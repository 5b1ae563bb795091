"""Bulk actions on the directory: retire several people and bring them back, after a
confirmation that names each chosen person and keeps every chosen id; refusals per person."""

from __future__ import annotations

import re

from sqlalchemy import select

from nucleo.directory import messages as directory_messages
from nucleo.directory.web import messages
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.nucleo.directory.web.test_people_console import _id, _names, _setup
from tests.web.console import LoginAs

URL = "/consola/directorio/lote"


async def _statuses(services: Services) -> dict[str, str]:
    async with services.db.session() as session:
        return dict((await session.execute(select(Person.document_id, Person.status))).all())


async def test_retire_several_confirm_names_each_then_bring_back(
        login_as: LoginAs, services: Services) -> None:
    user = await _setup(login_as)
    zoe, nora = await _id(services, "111"), await _id(services, "444")
    page = (await user.get("/consola/directorio")).text
    form = page.split(f'action="{URL}"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="checkbox" name="id" value="{zoe}" id="marcar-{zoe}">' in form
    assert messages.BULK_PEOPLE_CHOOSE_ONE.format(name="Zoe Ruiz") in form
    assert messages.BULK_RETIRE in form and messages.BULK_REACTIVATE in form
    chosen = {"id": [str(zoe), str(nora), "999999", str(zoe)], "accion": "retirar"}
    ask = await user.post(URL, chosen)
    assert ask.status_code == 200
    assert messages.BULK_RETIRE_QUESTION.format(n=3) in ask.text  # a repeated id counts once
    listed = ask.text.split('id="confirm-items"', 1)[1].split("</ul>", 1)[0]
    assert f'href="/consola/directorio/personas/{zoe}">Zoe Ruiz<' in listed
    assert f'href="/consola/directorio/personas/{nora}">Nora Munoz<' in listed
    assert ui.BULK_ITEM_GONE.format(id=999999) in listed
    assert re.findall(r'<input type="hidden" name="id" value="(\d+)">', ask.text) == \
        [str(zoe), str(nora), "999999", str(zoe)]
    assert 'class="danger"' in ask.text
    assert set((await _statuses(services)).values()) == {"activa"}  # nothing yet
    done = await user.post(URL, {**chosen, "confirmado": "1"})
    assert done.status_code == 200
    assert messages.BULK_RETIRE_DONE.format(n=2) in done.text
    assert messages.BULK_PEOPLE_REFUSED.format(n=1) in done.text
    assert directory_messages.PERSON_NOT_FOUND in done.text
    assert await _statuses(services) == {"111": "inactiva", "444": "inactiva",
                                         "1020304": "activa"}
    assert _names((await user.get("/consola/directorio")).text) == ["Álvaro Muñoz"]
    again = await user.post(URL, {"id": [str(zoe)], "accion": "retirar", "confirmado": "1"})
    assert again.status_code == 200 and messages.BULK_PEOPLE_NONE_DONE in again.text
    back = await user.post(URL, {"id": [str(zoe), str(nora)], "accion": "reactivar",
                                 "confirmado": "1"})
    assert back.status_code == 303 and back.headers["location"] == "/consola/directorio"
    assert messages.BULK_REACTIVATE_DONE.format(n=2) in (await user.get("/consola/directorio")).text
    assert set((await _statuses(services)).values()) == {"activa"}
    async with services.db.session() as session:
        audited = sorted((await session.scalars(select(AuditEntry.action).where(
            AuditEntry.target_type == "person"))).all())
    assert audited == ["people.reactivate"] * 2 + ["people.retire"] * 2


async def test_bad_choices_and_roles(login_as: LoginAs, services: Services) -> None:
    user = await _setup(login_as)
    zoe = await _id(services, "111")
    for form, message in (({"accion": "retirar"}, messages.BULK_PEOPLE_NONE_CHOSEN),
                          ({"id": ["x"], "accion": "retirar"}, ui.BULK_BAD_IDS),
                          ({"id": ["9" * 40], "accion": "retirar"}, ui.BULK_BAD_IDS),
                          ({"id": [str(zoe)], "accion": "borrar"}, ui.BULK_BAD_ACTION),
                          ({"id": [str(n) for n in range(1, 102)], "accion": "retirar"},
                           ui.BULK_TOO_MANY.format(max=100))):
        answer = await user.post(URL, {**form, "confirmado": "1"})
        assert answer.status_code == 422 and message in answer.text, form
    forged = await user.post(URL, {"id": [str(zoe)], "accion": "retirar", "confirmado": "1"},
                             token="falso.token")
    assert forged.status_code in (400, 403)
    advisor = await login_as("asesor")
    assert (await advisor.post(URL, {"id": [str(zoe)], "accion": "retirar",
                                     "confirmado": "1"})).status_code == 403
    assert set((await _statuses(services)).values()) == {"activa"}
