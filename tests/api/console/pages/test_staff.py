"""Personal: create, deactivate (after a confirmation), reactivate, change the role of and reset
the password of accounts from the console (admin)."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from api.console import messages
from nucleo.models import AuditEntry, StaffAccount
from nucleo.services import Services
from tests.api.console.pages.test_auth import _login
from tests.web.console import LoginAs

CONFIRMED = {"confirmado": "1"}

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
    asked = await admin.post(f"/consola/personal/{other.account.id}/desactivar")
    assert asked.status_code == 200
    assert messages.STAFF_DEACTIVATE_QUESTION.format(email=other.account.email) in asked.text
    assert 'name="confirmado" value="1"' in asked.text
    assert f'href="/consola/personal/{other.account.id}"' in asked.text  # the way back
    assert (await other.get("/consola/")).status_code == 200  # nothing happened yet
    await admin.post(f"/consola/personal/{other.account.id}/desactivar", CONFIRMED)
    page = await admin.get("/consola/personal")
    assert "sus sesiones se cerraron" in page.text
    missing = await admin.post("/consola/personal/424242/desactivar")
    assert missing.status_code == 404


async def _account(services: Services, staff_id: int) -> StaffAccount:
    async with services.db.session() as session:
        account = await session.get(StaffAccount, staff_id)
        assert account is not None
        return account


async def test_reactivate_a_deactivated_account(login_as: LoginAs, services: Services) -> None:
    admin = await login_as("admin")
    other = await login_as("asesor", email="vuelve@alcaldia.gov.co")
    url = f"/consola/personal/{other.account.id}"
    await admin.post(url + "/desactivar", CONFIRMED)
    again = await admin.post("/consola/personal", {**FORM, "correo": "vuelve@alcaldia.gov.co"})
    assert again.status_code == 422 and "Reactívela" in again.text
    detail = await admin.get(url)
    assert messages.STAFF_REACTIVATE in detail.text and messages.STAFF_ROLE_CHANGE not in detail.text
    back = await admin.post(url + "/reactivar")
    assert back.status_code == 303
    page = await admin.get(url)
    assert messages.STAFF_REACTIVATED.format(email="vuelve@alcaldia.gov.co") in page.text
    assert (await _account(services, other.account.id)).active
    twice = await admin.post(url + "/reactivar")
    assert twice.status_code == 409 and "ya está activa" in twice.text
    assert (await other.get("/consola/")).status_code == 303  # the old session stays ended


async def test_change_a_role_after_confirming(login_as: LoginAs, services: Services) -> None:
    admin = await login_as("admin")
    other = await login_as("auditor")
    url = f"/consola/personal/{other.account.id}/rol"
    asked = await admin.post(url, {"rol": "talento_humano"})
    assert asked.status_code == 200 and "«Talento Humano»" in asked.text
    assert 'name="rol" value="talento_humano"' in asked.text
    assert (await _account(services, other.account.id)).role == "auditor"
    done = await admin.post(url, {"rol": "talento_humano", **CONFIRMED})
    assert done.status_code == 303
    assert (await _account(services, other.account.id)).role == "talento_humano"
    assert (await other.get("/consola/directorio")).status_code == 200  # the new role applies
    same = await admin.post(url, {"rol": "talento_humano"})
    assert same.status_code == 422 and messages.STAFF_ROLE_SAME in same.text
    unknown = await admin.post(url, {"rol": "jefe"})
    assert unknown.status_code == 422 and messages.STAFF_ROLE_UNKNOWN in unknown.text
    own = await admin.post(f"/consola/personal/{admin.account.id}/rol",
                           {"rol": "auditor", **CONFIRMED})
    assert own.status_code == 409 and "su propia cuenta" in own.text
    async with services.db.session() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "staff.role"))
    assert entry is not None
    assert entry.details == {"role": "talento_humano", "previous": "auditor"}


async def test_reset_a_password_shows_it_once_and_forces_a_change(
        login_as: LoginAs, services: Services, api: httpx.AsyncClient) -> None:
    admin = await login_as("admin")
    other = await login_as("talento_humano", email="olvido@alcaldia.gov.co")
    url = f"/consola/personal/{other.account.id}/clave"
    asked = await admin.post(url)
    assert asked.status_code == 200 and messages.STAFF_RESET_CONFIRM in asked.text
    done = await admin.post(url, CONFIRMED)
    assert done.status_code == 200 and done.headers["cache-control"] == "no-store"
    temporary = re.search(r'id="clave-temporal"[^>]*>([^<]+)<', done.text).group(1)
    assert len(temporary) == 19
    assert (await other.get("/consola/")).status_code == 303  # its sessions ended
    async with services.db.session() as session:
        entries = list(await session.scalars(select(AuditEntry)))
    assert all(temporary not in str(e.details) + str(e.summary) for e in entries)
    # The person logs in with it and is sent to «Mi cuenta» until the password changes.
    api.cookies.clear()
    login = await _login(api, "olvido@alcaldia.gov.co", temporary)
    assert login.status_code == 303
    home = await api.get("/consola/")
    assert home.status_code == 303 and home.headers["location"] == "/consola/cuenta"
    account = await api.get("/consola/cuenta")
    assert messages.PASSWORD_MUST_CHANGE in account.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', account.text).group(1)
    new = "una frase nueva y larga 2026"
    changed = await api.post("/consola/cuenta/clave", data={
        "actual": temporary, "nueva": new, "repetir": new, "csrf_token": token})
    assert changed.status_code == 303
    assert (await api.get("/consola/")).status_code == 200
    assert not (await _account(services, other.account.id)).must_change_password
    own = await admin.post(f"/consola/personal/{admin.account.id}/clave", CONFIRMED)
    assert own.status_code == 409 and "Mi cuenta" in own.text


async def test_create_and_change_to_the_juridica_role(login_as: LoginAs,
                                                      services: Services) -> None:
    """Jurídica / Control Interno (#18): offered on the form, created and given by a change."""
    admin = await login_as("admin")
    form = await admin.get("/consola/personal")
    assert 'value="juridica"' in form.text and "Jurídica / Control Interno" in form.text
    created = await admin.post("/consola/personal", {**FORM, "correo": "cij@alcaldia.gov.co",
                                                     "rol": "juridica"})
    assert created.status_code == 303
    async with services.db.session() as session:
        account = await session.scalar(select(StaffAccount).where(
            StaffAccount.email == "cij@alcaldia.gov.co"))
    assert account is not None and account.role == "juridica"
    other = await login_as("asesor")
    url = f"/consola/personal/{other.account.id}/rol"
    asked = await admin.post(url, {"rol": "juridica"})
    assert asked.status_code == 200 and "«Jurídica / Control Interno»" in asked.text
    assert (await admin.post(url, {"rol": "juridica", **CONFIRMED})).status_code == 303
    assert (await _account(services, other.account.id)).role == "juridica"
    assert (await other.get("/consola/consultas")).status_code == 403  # the new role applies
    assert (await other.get("/consola/declaraciones")).status_code == 200
