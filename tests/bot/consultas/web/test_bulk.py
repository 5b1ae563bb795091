"""Bulk actions on the consultations list, one smoke test and the advisor field: assign several
tickets to one advisor and close several, after a confirmation that names each ticket. What
run_bulk checks and refuses is tested once, in tests/nucleo/web/console/test_bulk.py."""

from __future__ import annotations

from sqlalchemy import select

from bot.consultas import ticket_messages as desk_messages
from bot.consultas.tables import ConsultationTicket
from bot.consultas.web import messages
from nucleo.models import AuditEntry
from nucleo.services import Services
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


async def test_the_advisor_must_be_one_who_answers(login_as: LoginAs, services: Services,
                                                  desk) -> None:
    a, _ = await escalate(services, desk, person=False)
    user = await login_as("asesor")
    auditor = await login_as("auditor")
    for advisor in ("nadie", "999999", "-3", "9" * 40, str(auditor.account.id)):
        refused = await user.post(f"{URL}/lote", {"id": [str(a)], "accion": "asignar",
                                                  "asesor": advisor, "confirmado": "1"})
        assert refused.status_code == 422, advisor
        assert messages.CONSULT_BULK_BAD_ADVISOR in refused.text
    nobody = await user.post(f"{URL}/lote", {"id": [str(a)], "accion": "asignar", "asesor": ""})
    assert messages.CONSULT_BULK_ASSIGN_QUESTION.format(
        name=messages.CONSULT_BULK_NOBODY, n=1) in nobody.text
    assert (await _tickets(services))[a] == ("abierto", None)
