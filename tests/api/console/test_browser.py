"""The console in a real browser: Debian's headless Chromium through Playwright.

Runs on SQLite only: the server lives in its own thread and event loop, and what these tests check
(rendering, forms, cookies, layout, keyboard) does not depend on the database; every page and
action also runs on PostgreSQL in the plain-HTTP tests of this folder.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from api.console import messages
from nucleo.directory.web import messages as directory_texts
from nucleo.models import Role
from nucleo.web import access
from nucleo.web.console import messages as ui
from tests.web.browser import (
    DESKTOP,
    PASSWORD,
    PHONE,
    fits_the_screen,
    login,
    open_page,
    seed_directory,
    staff,
    unlabeled_fields,
)

pytestmark = pytest.mark.browser


def test_log_in_use_the_keyboard_and_log_out(chromium: Any, live: Any,
                                             screenshots: Path) -> None:
    email = staff(live, "talento_humano", "Ana <b>Talento</b>")
    page = open_page(chromium)
    page.goto(live.url + "/consola/directorio")
    assert "/consola/entrar?siguiente=" in page.url
    page.screenshot(path=screenshots / "entrar-escritorio.png", full_page=True)
    page.get_by_label(messages.LOGIN_EMAIL, exact=True).fill(email)
    page.get_by_label(messages.LOGIN_PASSWORD, exact=True).fill("equivocada-123")
    page.get_by_role("button", name=messages.LOGIN_SUBMIT).click()
    assert page.get_by_role("alert").inner_text() == "Correo o contraseña incorrectos."
    page.get_by_label(messages.LOGIN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=messages.LOGIN_SUBMIT).click()
    page.wait_for_url(live.url + "/consola/directorio")
    assert page.get_by_text("Ana <b>Talento</b>").count() == 1  # shown as text, not markup
    cookie = next(c for c in page.context.cookies() if c["name"] == "valor_consola")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, "
                            "getComputedStyle(document.activeElement).outlineStyle]")
    assert focused[0] == ui.SKIP_LINK and focused[1] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"
    me = page.evaluate("fetch('/api/v1/auth/me').then(r => r.json())")
    assert me["email"] == email  # the API accepts the console session for reads
    denied = page.evaluate("fetch('/api/v1/auth/password', {method: 'POST'}).then(r => r.status)")
    assert denied == 401  # ...but not for writes without the CSRF header
    page.get_by_role("button", name=ui.LOGOUT).click()
    page.wait_for_url("**/consola/entrar?salio=1")
    page.goto(live.url + "/consola/")
    assert "/consola/entrar" in page.url
    page.context.close()


def test_directory_import_shows_rejected_rows(chromium: Any, live: Any,
                                              screenshots: Path) -> None:
    page = open_page(chromium)
    login(page, live, staff(live, "talento_humano"), "/consola/directorio")
    csv = ("nombre;documento;correo;dependencia;tipo\n"
           "Luz Marina;7001;luz@alcaldia.gov.co;Secretaría de Cultura;servidor\n"
           "Pedro;7002;no-es-correo;Secretaría de Cultura;servidor\n"
           "<img src=x onerror=alert(1)>;7003;img@alcaldia.gov.co;Secretaría de Cultura;ops\n"
           ";7004;sin-nombre@alcaldia.gov.co;Secretaría de Cultura;servidor\n")
    page.get_by_label(directory_texts.IMPORT_FILE, exact=True).set_input_files(
        files=[{"name": "directorio.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_label(directory_texts.IMPORT_CREATE_DEPARTMENTS, exact=True).check()
    page.get_by_role("button", name=directory_texts.IMPORT_SUBMIT).click()
    status = page.get_by_role("status").inner_text()
    assert "2 nuevas" in status and "2 filas rechazadas" in status
    rows = page.locator("#rechazadas tbody tr").all_inner_texts()
    assert rows[0].startswith("3") and "Correo no válido" in rows[0]
    assert rows[1].startswith("5") and "Falta el nombre" in rows[1]
    page.screenshot(path=screenshots / "directorio-importacion-escritorio.png", full_page=True)
    page.reload()  # a browser "resend" of the same form does not import twice
    assert ui.FORM_REUSED_TITLE in page.locator("h1").inner_text()
    page.goto(live.url + "/consola/directorio")
    page.get_by_label(ui.COL_DEPARTMENT, exact=True).select_option(label="Secretaría de Cultura (2)")
    page.get_by_role("button", name=ui.FILTER).click()
    assert page.locator("#personas tbody tr").count() == 2
    # shown as text (in its cell and in its checkbox's label), never as markup
    assert page.locator("#personas img").count() == 0
    assert page.get_by_role("cell", name="<img src=x onerror=alert(1)>", exact=True).count() == 1
    assert unlabeled_fields(page) == []
    page.context.close()


def test_forged_csrf_token_gets_the_spanish_403(chromium: Any, live: Any) -> None:
    page = open_page(chromium)
    login(page, live, staff(live, "admin"), "/consola/personal")
    page.get_by_label(messages.STAFF_NAME, exact=True).fill("Nadie")
    page.get_by_label(messages.STAFF_EMAIL, exact=True).fill("nadie@alcaldia.gov.co")
    page.get_by_label(messages.STAFF_PASSWORD, exact=True).fill("clave-segura-999")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]')"
                  ".forEach(i => i.value = 'falso.token')")
    page.get_by_role("button", name=messages.STAFF_SUBMIT).click()
    assert page.locator("h1").inner_text() == ui.CSRF_TITLE
    page.context.close()


def test_each_role_sees_only_its_sections(chromium: Any, live: Any, screenshots: Path) -> None:
    for role in Role:
        page = open_page(chromium)
        login(page, live, staff(live, role.value))
        links = page.locator("nav.sections a").all_inner_texts()
        expected = [label for _k, label, _p in access.navigation(role.value)]
        assert links == expected, role
        if not access.allowed("auditoria", role.value):
            response = page.goto(live.url + "/consola/auditoria")
            assert response.status == 403
            assert page.locator("h1").inner_text() == ui.FORBIDDEN_TITLE
            if role == Role.ASESOR:
                page.screenshot(path=screenshots / "sin-permiso-escritorio.png")
        page.context.close()


def test_audit_page_filters(chromium: Any, live: Any, screenshots: Path) -> None:
    admin = staff(live, "admin")
    page = open_page(chromium)
    login(page, live, admin, "/consola/personal")
    page.get_by_label(messages.STAFF_NAME, exact=True).fill("Auditora Externa")
    page.get_by_label(messages.STAFF_EMAIL, exact=True).fill(f"auditora-{uuid.uuid4().hex[:4]}@x.gov.co")
    page.get_by_label(messages.STAFF_ROLE, exact=True).select_option("auditor")
    page.get_by_label(messages.STAFF_PASSWORD, exact=True).fill("clave-segura-999")
    page.get_by_role("button", name=messages.STAFF_SUBMIT).click()
    assert "Se creó la cuenta" in page.get_by_role("status").inner_text()
    page.goto(live.url + "/consola/auditoria")
    page.get_by_label(messages.AUDIT_ACTION, exact=True).fill("staff.create")
    page.get_by_label(messages.AUDIT_ACTOR, exact=True).fill(admin)
    page.get_by_role("button", name=ui.FILTER).click()
    rows = page.locator("#auditoria tbody tr")
    assert rows.count() == 1 and "Creó una cuenta del personal" in rows.first.inner_text()
    page.screenshot(path=screenshots / "auditoria-escritorio.png", full_page=True)
    page.context.close()


PAGES = [("inicio", "/consola/"), ("directorio", "/consola/directorio"),
         ("auditoria", "/consola/auditoria"), ("personal", "/consola/personal"),
         ("cuenta", "/consola/cuenta"), ("campanas-vacia", "/consola/campanas"),
         ("consultas-vacia", "/consola/consultas"), ("sugerencias-vacia", "/consola/sugerencias"),
         ("encuestas-vacia", "/consola/encuestas"),
         ("retroalimentacion", "/consola/encuestas/retroalimentacion")]


@pytest.mark.parametrize("device,viewport", [("escritorio", DESKTOP), ("telefono", PHONE)])
def test_main_pages_render_and_fit(chromium: Any, live: Any, screenshots: Path, device: str,
                                   viewport: dict[str, int]) -> None:
    seed_directory(live)
    page = open_page(chromium, viewport)
    login(page, live, staff(live, "admin", "Administradora " + "Muy" * 20 + "Larga"))
    for name, path in PAGES:
        response = page.goto(live.url + path)
        assert response.status == 200, path
        assert page.locator("main h1").count() == 1 and page.locator("nav.sections").count()
        assert unlabeled_fields(page) == [], path
        assert fits_the_screen(page), f"{path} overflows sideways on {device}"
        page.screenshot(path=screenshots / f"{name}-{device}.png", full_page=True)
    page.context.close()
