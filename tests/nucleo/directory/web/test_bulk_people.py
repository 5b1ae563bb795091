"""Bulk actions on the directory, one smoke test: retire several people and bring them back,
after a confirmation that names each chosen person; refusals per person. What run_bulk checks
and refuses is tested once, in tests/nucleo/web/console/test_bulk.py."""

from __future__ import annotations

from sqlalchemy import select

from nucleo.directory import messages as directory_messages
from nucleo.directory.web import messages
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
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
    chosen = {"id": [str(zoe), str(nora), "999999"], "accion": "retirar"}
    ask = await user.post(URL, chosen)
    assert ask.status_code == 200 and messages.BULK_RETIRE_QUESTION.format(n=3) in ask.text
    listed = ask.text.split('id="confirm-items"', 1)[1].split("</ul>", 1)[0]
    assert f'href="/consola/directorio/personas/{zoe}">Zoe Ruiz<' in listed
    assert f'href="/consola/directorio/personas/{nora}">Nora Munoz<' in listed
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
    advisor = await login_as("asesor")
    assert (await advisor.post(URL, {"id": [str(zoe)], "accion": "retirar",
                                     "confirmado": "1"})).status_code == 403
