"""Auditoría: filters by action, actor and local dates; only known parameters."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from api.console import messages
from nucleo import audit
from nucleo.services import Services
from tests.web.console import LoginAs


async def _entries(services: Services) -> None:
    async with services.db.session() as session:
        for day, action, details in (
            (datetime(2025, 3, 1, 4, 0, tzinfo=UTC), "campaign.create", {"t": "<b>x</b>"}),
            (datetime(2025, 3, 2, 15, 0, tzinfo=UTC), "staff.create", {"role": "asesor"}),
            (datetime(2025, 3, 3, 15, 0, tzinfo=UTC), "people.import", {"created": 3}),
        ):
            entry = audit.record(session, None, action, target_type="x", target_id=1,
                                 details=details, summary="S" * 5000)
            entry.at = day
        await session.commit()


async def test_filters(login_as: LoginAs, services: Services) -> None:
    await _entries(services)
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/auditoria?accion=staff.")
    table = page.text.split('id="auditoria"', 1)[1]
    assert 'title="staff.create">Creó una cuenta del personal<' in table
    assert "campaign.create" not in table
    # 2025-03-01 04:00 UTC is still 2025-02-28 in Bogotá (UTC-5).
    day = await auditor.get("/consola/auditoria?desde=2025-02-28&hasta=2025-02-28")
    assert 'title="campaign.create"' in day.text and 'title="people.import"' not in day.text
    mine = await auditor.get(f"/consola/auditoria?actor={auditor.account.email.upper()}")
    assert "No hay registros" in mine.text
    escaped = await auditor.get("/consola/auditoria?accion=campaign")
    assert "&lt;b&gt;x&lt;/b&gt;" in escaped.text
    assert "S" * 400 not in escaped.text  # long summaries are cut


async def test_staff_actions_appear_with_their_actor(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    await admin.post("/consola/personal", {"correo": "n@alcaldia.gov.co", "nombre": "N",
                                           "rol": "auditor", "clave": "clave-segura-456"})
    page = await admin.get("/consola/auditoria?accion=staff.create")
    assert admin.account.email in page.text


async def test_bad_parameters(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    assert (await admin.get("/consola/auditoria?accion=&actor=&desde=&hasta=")).status_code == 200
    for query in ("desde=ayer", "desde=2025-03-05&hasta=2025-03-01", "orden=at",
                  "accion=" + "a" * 81, "pagina=-3"):
        response = await admin.get("/consola/auditoria?" + query)
        assert response.status_code == 400, query


async def test_entries_read_in_spanish_and_export(login_as: LoginAs, services: Services) -> None:
    async with services.db.session() as session:
        entry = audit.record(session, None, "foro.moderacion.sugerencia", target_type="suggestion",
                             target_id=7, details={"notificada": True, "motivo": "spam",
                                                   "send_at": None, "de": "en_analisis",
                                                   "role": "talento_humano", "targeted": 1500,
                                                   "when": "2025-03-01T04:00:00+00:00"})
        entry.at = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)
        await session.commit()
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/auditoria?accion=Retir")
    table = page.text.split('id="auditoria"', 1)[1]
    assert "Retiró una sugerencia" in table and "Sugerencia n.º 7" in table
    assert "<b>persona notificada</b>: Sí" in table and "spam o publicidad" in table
    assert "<b>envío</b>: —" in table and "En análisis" in table and "Talento Humano" in table
    assert "1.500" in table and "28/02/2025 23:00" in table
    assert "True" not in table and "None" not in table
    assert 'href="/consola/auditoria.csv?accion=Retir"' in page.text

    exported = await auditor.get("/consola/auditoria.csv?accion=foro.")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(messages.AUDIT_COLUMNS)
    assert rows[1][:5] == ["28/02/2025 23:00:00", "Sistema", "Retiró una sugerencia",
                           "foro.moderacion.sugerencia", "Sugerencia n.º 7"]
    assert "persona notificada: Sí" in rows[1][5] and "True" not in text

    book = await auditor.get("/consola/auditoria.xlsx?accion=foro.")
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][2] == "Retiró una sugerencia" and values[1][0] == "28/02/2025 23:00:00"
    assert (await auditor.get("/consola/auditoria.csv?pagina=2")).status_code == 400
    assert (await login_as("talento_humano")).account  # the role matrix covers the 403


async def test_console_logins_are_in_the_log(login_as: LoginAs, services: Services,
                                             api) -> None:
    from tests.api.console.pages.test_auth import _account, _login
    await _account(services, "entra@alcaldia.gov.co")
    assert (await _login(api, "entra@alcaldia.gov.co", "no-es-la-clave-1")).status_code == 401
    assert (await _login(api, "entra@alcaldia.gov.co", "clave-segura-123")).status_code == 303
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/auditoria?accion=login")
    table = page.text.split('id="auditoria"', 1)[1]
    assert "Ingreso rechazado" in table and "contraseña equivocada" in table
    assert "la consola" in table and "no-es-la-clave" not in table


def test_every_recorded_action_and_target_has_spanish_words() -> None:
    """Each ``audit.record(…, "<action>", target_type="<type>")`` written in the service has
    its words in the catalogue, so the log never shows a code to HR."""
    root = Path(__file__).resolve().parents[4]
    call = re.compile(r"audit\.record\((?:[^()\"']|\([^()]*\))*?[\"']([a-z_]+(?:\.[a-z_]+)+)[\"']"
                      r"(?:[^()]|\([^()]*\))*?\)", re.S)
    target = re.compile(r"target_type=[\"']([a-z_]+)[\"']")
    actions, targets = set(), set()
    for package in ("api", "bot", "campañas", "foro", "informe", "nucleo"):
        for path in (root / package).rglob("*.py"):
            for found in call.finditer(path.read_text(encoding="utf-8")):
                actions.add(found.group(1))
                targets.update(target.findall(found.group(0)))
    assert len(actions) > 60  # the scan still finds the calls
    assert sorted(actions - set(messages.AUDIT_ACTIONS)) == []
    assert sorted(targets - set(messages.AUDIT_TARGETS)) == []
