"""Auditoría: filters by action, actor and local dates; only known parameters."""

from __future__ import annotations

import ast
import csv
import io
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


def _strings(node: ast.AST | None) -> set[str]:
    """Every string constant an expression may evaluate to (``a if c else b`` included)."""
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)} if node is not None else set()


def _recorded(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The actions and targets of the ``audit.record`` calls in a module, and the defaults
    of parameters named ``action`` (a function that records what its caller names)."""
    actions: set[str] = set()
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "record" and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "audit":
            actions |= _strings(node.args[2] if len(node.args) > 2 else None)
            for keyword in node.keywords:
                if keyword.arg == "action":
                    actions |= _strings(keyword.value)
                if keyword.arg == "target_type":
                    targets |= _strings(keyword.value)
        elif isinstance(node, ast.keyword) and node.arg == "action":
            actions |= _strings(node.value)  # a caller naming the action for the recorder
        elif isinstance(node, ast.arguments):
            named = node.args[-len(node.defaults):] if node.defaults else []
            for argument, default in [*zip(named, node.defaults, strict=True),
                                      *zip(node.kwonlyargs, node.kw_defaults, strict=True)]:
                if argument.arg == "action":
                    actions |= _strings(default)
    return actions, targets


def test_every_recorded_action_and_target_has_spanish_words() -> None:
    """Each action and target the service writes to the audit log (``audit.record`` calls,
    both branches of a conditional, an ``action=`` passed to a function that records it, and
    such parameters' defaults) has its words in the catalogue: the log never shows a code."""
    root = Path(__file__).resolve().parents[4]
    actions: set[str] = set()
    targets: set[str] = set()
    for package in ("api", "bot", "campañas", "foro", "informe", "nucleo"):
        for path in (root / package).rglob("*.py"):
            found = _recorded(ast.parse(path.read_text(encoding="utf-8")))
            actions |= found[0]
            targets |= found[1]
    assert len(actions) > 70  # the scan still finds the calls
    assert sorted(actions - set(messages.AUDIT_ACTIONS)) == []
    assert sorted(targets - set(messages.AUDIT_TARGETS)) == []
