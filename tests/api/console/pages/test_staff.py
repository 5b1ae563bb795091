"""Personal: create and deactivate accounts from the console (admin)."""

from __future__ import annotations

from api.console import messages
from tests.web.console import LoginAs

FORM = {"correo": "asesora@alcaldia.gov.co", "nombre": "Asesora <script>x</script>",
        "rol": "asesor", "clave": "clave-segura-456"}


async def test_create_then_list(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    created = await admin.post("/consola/personal", FORM)
    assert created.status_code == 303
    page = await admin.get("/consola/personal")
    assert messages.STAFF_CREATED.format(email="asesora@alcaldia.gov.co") in page.text
    assert "Asesora &lt;script&gt;x&lt;/script&gt;" in page.text
    assert "Asesoría" in page.text
    again = await admin.get("/consola/personal")
    assert messages.STAFF_CREATED.split("{")[0] not in again.text  # the notice shows once


async def test_errors_come_back_on_the_form(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    await admin.post("/consola/personal", FORM)
    duplicate = await admin.post("/consola/personal", FORM)
    assert duplicate.status_code == 422
    assert "Ya existe una cuenta" in duplicate.text
    assert 'value="asesora@alcaldia.gov.co"' in duplicate.text
    short = await admin.post("/consola/personal", {**FORM, "correo": "b@alcaldia.gov.co",
                                                   "clave": "corta"})
    assert "al menos 10 caracteres" in short.text
    bad_role = await admin.post("/consola/personal", {**FORM, "correo": "c@alcaldia.gov.co",
                                                      "rol": "jefe"})
    assert "Rol desconocido" in bad_role.text


async def test_deactivate_others_but_not_oneself(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    other = await login_as("auditor")
    response = await admin.post(f"/consola/personal/{admin.account.id}/desactivar")
    assert response.status_code == 303
    page = await admin.get("/consola/personal")
    assert messages.STAFF_NOT_SELF in page.text
    await admin.post(f"/consola/personal/{other.account.id}/desactivar")
    page = await admin.get("/consola/personal")
    assert "sus sesiones se cerraron" in page.text
    missing = await admin.post("/consola/personal/424242/desactivar")
    assert missing.status_code == 404
