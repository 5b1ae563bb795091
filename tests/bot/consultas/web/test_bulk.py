"""Bulk actions on the consultations list: assign several tickets to one advisor and close
several, after a confirmation that names each ticket and keeps every chosen id."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.consultas import ticket_messages as desk_messages
from bot.consultas.tables import ConsultationTicket
from bot.consultas.web import messages
from nucleo.models import AuditEntry
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.bot.consultas.web.test_console import escalate
from tests.web.console import LoginAs

URL = "/consola/consultas"


async def _tickets(services: Services) -> dict[int, tuple[str, int | None]]:
    async with services.db.session() as session:
        return {i: (s, a) for i, s, a in await session.execute(select(
            ConsultationTicket.id, ConsultationTicket.status, ConsultationTicket.assigned_to_id))}


async def test_assign_several_to_an_advisor_then_close_them(
        login_as: LoginAs, services: Services, desk) -> None:
    a, _ = await escalate(services, desk, "¿Puedo evaluar a mi cuñis?")
    b, _ = await escalate(services, desk, "¿Y aceptar un regalo <b>caro</b>?", person=False)
    c, _ = await escalate(services, desk, "Otra duda que no se toca", person=False)
    user = await login_as("asesor")
    page = (await user.get(URL)).text
    form = page.split(f'action="{URL}/lote"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="checkbox" name="id" value="{a}" id="marcar-{a}">' in form
    assert messages.CONSULT_BULK_CHOOSE_ONE.format(id=a) in form
    assert messages.CONSULT_BULK_ASSIGN in form and messages.CONSULT_BULK_CLOSE in form
    assert f'<option value="{user.account.id}">' in form  # the advisor select
    chosen = {"id": [str(a), str(b), "999999"], "accion": "asignar",
              "asesor": str(user.account.id)}
    ask = await user.post(f"{URL}/lote", chosen)
    assert ask.status_code == 200
    assert messages.CONSULT_BULK_ASSIGN_QUESTION.format(
        name=user.account.full_name, n=3) in ask.text
    listed = ask.text.split('id="confirm-items"', 1)[1].split("</ul>", 1)[0]
    assert messages.CONSULT_BULK_ITEM.format(id=a, question="¿Puedo evaluar a mi cuñis?") in listed
    assert "&lt;b&gt;caro&lt;/b&gt;" in listed and "<b>" not in listed
    assert f'<input type="hidden" name="asesor" value="{user.account.id}">' in ask.text
    assert re.findall(r'<input type="hidden" name="id" value="(\d+)">', ask.text) == \
        [str(a), str(b), "999999"]
    assert (await _tickets(services))[a][1] is None  # nothing yet
    done = await user.post(f"{URL}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 200
    assert messages.CONSULT_BULK_ASSIGN_DONE.format(name=user.account.full_name, n=2) in done.text
    assert messages.CONSULT_BULK_REFUSED.format(n=1) in done.text
    state = await _tickets(services)
    assert state[a][1] == state[b][1] == user.account.id and state[c][1] is None
    mine = (await user.get(URL + "?asignadas=mias")).text
    assert f"{URL}/{a}" in mine and f"{URL}/{b}" in mine and f"{URL}/{c}" not in mine
    close = {"id": [str(a), str(b)], "accion": "cerrar"}
    ask = await user.post(f"{URL}/lote", close)
    assert messages.CONSULT_BULK_CLOSE_QUESTION.format(n=2) in ask.text
    assert 'class="danger"' in ask.text
    closed = await user.post(f"{URL}/lote", {**close, "confirmado": "1"})
    assert closed.status_code == 303 and closed.headers["location"] == URL
    assert messages.CONSULT_BULK_CLOSE_DONE.format(n=2) in (await user.get(URL)).text
    state = await _tickets(services)
    assert state[a][0] == state[b][0] == "cerrado" and state[c][0] == "abierto"
    twice = await user.post(f"{URL}/lote", {"id": [str(a), str(c)], "accion": "cerrar",
                                            "confirmado": "1"})
    assert twice.status_code == 200
    assert desk_messages.TICKET_CLOSED.format(ticket_id=a) in twice.text
    assert (await _tickets(services))[c][0] == "cerrado"
    async with services.db.session() as session:
        audited = sorted((await session.scalars(select(AuditEntry.action).where(
            AuditEntry.target_type == "consulta"))).all())
    assert audited == ["consulta.asignar"] * 2 + ["consulta.cerrar"] * 3


async def test_bad_advisor_bad_choices_and_roles(login_as: LoginAs, services: Services,
                                                 desk) -> None:
    a, _ = await escalate(services, desk, person=False)
    user = await login_as("asesor")
    for advisor in ("nadie", "999999", "-3"):
        refused = await user.post(f"{URL}/lote", {"id": [str(a)], "accion": "asignar",
                                                  "asesor": advisor, "confirmado": "1"})
        assert refused.status_code == 422, advisor
        assert messages.CONSULT_BULK_BAD_ADVISOR in refused.text
    for form, message in (({"accion": "cerrar"}, messages.CONSULT_BULK_NONE_CHOSEN),
                          ({"id": ["x"], "accion": "cerrar"}, ui.BULK_BAD_IDS),
                          ({"id": [str(a)], "accion": "borrar"}, ui.BULK_BAD_ACTION)):
        answer = await user.post(f"{URL}/lote", {**form, "confirmado": "1"})
        assert answer.status_code == 422 and message in answer.text, form
    auditor = await login_as("auditor")
    assert f'action="{URL}/lote"' not in (await auditor.get(URL)).text
    denied = await auditor.post(f"{URL}/lote", {"id": [str(a)], "accion": "cerrar",
                                                "confirmado": "1"})
    assert denied.status_code == 403 and ui.BULK_NOT_ALLOWED in denied.text
    assert (await _tickets(services))[a] == ("abierto", None)


async def test_nothing_preselected_and_the_filters_come_back(
        login_as: LoginAs, services: Services, desk) -> None:
    a, _ = await escalate(services, desk, "Una duda para cerrar", person=False)
    user = await login_as("asesor")
    query = "estado=abierto&plazo=vencidas"
    page = (await user.get(f"{URL}?estado=abierto")).text
    form = page.split(f'action="{URL}/lote"', 1)[1].split("</form>", 1)[0]
    options = re.findall(r'<option value="([^"]*)"( selected)?>', form.split(
        'name="accion"', 1)[1].split("</select>", 1)[0])
    assert options == [("", " selected"), ("asignar", ""), ("cerrar", "")]  # «Cerrar» not chosen
    assert '<input type="hidden" name="lista" value="estado=abierto">' in form
    empty = await user.post(f"{URL}/lote", {"id": [str(a)], "accion": "", "lista": query,
                                            "confirmado": "1"})
    assert empty.status_code == 422 and ui.BULK_NO_ACTION in empty.text
    assert f'href="{URL}?{query.replace("&", "&amp;")}"' in empty.text
    chosen = {"id": [str(a)], "accion": "asignar", "asesor": str(user.account.id),
              "lista": query}
    ask = await user.post(f"{URL}/lote", chosen)
    assert f'<input type="hidden" name="lista" value="{query.replace("&", "&amp;")}">' in ask.text
    assert f'<input type="hidden" name="asesor" value="{user.account.id}">' in ask.text
    done = await user.post(f"{URL}/lote", {**chosen, "confirmado": "1"})
    assert done.status_code == 303 and done.headers["location"] == f"{URL}?{query}"
    assert (await _tickets(services))[a] == ("abierto", user.account.id)
