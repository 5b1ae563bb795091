"""Auditoría: filters by action, actor and local dates; only known parameters."""

from __future__ import annotations

from datetime import UTC, datetime

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
    assert "<code>staff.create</code>" in table and "campaign.create" not in table
    # 2025-03-01 04:00 UTC is still 2025-02-28 in Bogotá (UTC-5).
    day = await auditor.get("/consola/auditoria?desde=2025-02-28&hasta=2025-02-28")
    assert "campaign.create</code>" in day.text and "people.import</code>" not in day.text
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
