"""CSRF: forged, foreign, missing and reused tokens; cross-site posts."""

from __future__ import annotations

from sqlalchemy import func, select

from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.web.console import messages
from tests.web.console import LoginAs, new_session

FORM = {"correo": "nuevo@alcaldia.gov.co", "nombre": "Nueva", "rol": "asesor",
        "clave": "clave-segura-456"}


async def test_missing_token_is_a_spanish_403(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    response = await admin.post("/consola/personal", FORM, token=False)
    assert response.status_code == 403
    assert messages.CSRF_INVALID in response.text
    assert 'lang="es-CO"' in response.text


async def test_forged_tokens_are_refused(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    good = await admin.token()
    nonce = good.rsplit(".", 1)[0]
    for forged in (nonce + ".AAAA", nonce, "x" * 300, "<script>", good + "x"):
        response = await admin.post("/consola/personal", FORM, token=forged)
        assert response.status_code == 403, forged
        assert "&lt;script&gt;" not in response.text or forged != "<script>"


async def test_a_token_from_another_session_is_refused(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    other = await new_session(admin)
    response = await admin.post("/consola/personal", FORM, token=await other.token())
    assert response.status_code == 403


async def test_the_same_form_twice_acts_once(login_as: LoginAs, services: Services) -> None:
    admin = await login_as("admin")
    token = await admin.token_from("/consola/personal")
    first = await admin.post("/consola/personal", FORM, token=token)
    assert first.status_code == 303
    second = await admin.post("/consola/personal", FORM, token=token)
    assert second.status_code == 409
    assert messages.FORM_REUSED_TITLE in second.text
    async with services.db.session() as session:
        created = await session.scalar(select(func.count()).select_from(StaffAccount).where(
            StaffAccount.email == "nuevo@alcaldia.gov.co"))
    assert created == 1


async def test_cross_site_posts_are_refused_even_with_a_token(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    response = await admin.post("/consola/personal", FORM,
                                headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


async def test_login_form_needs_its_pre_session_token(api) -> None:
    response = await api.post("/consola/entrar", data={
        "correo": "a@b.co", "clave": "x", "csrf_token": "inventado"})
    assert response.status_code == 403
    assert messages.CSRF_TITLE in response.text
