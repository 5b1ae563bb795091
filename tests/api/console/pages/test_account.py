"""Mi cuenta: password change renews this session and ends the others."""

from __future__ import annotations

from api.console import messages
from nucleo.web.console.sessions import COOKIE
from tests.web.console import PASSWORD, ConsoleUser, LoginAs, new_session


async def test_change_password(login_as: LoginAs) -> None:
    user = await login_as("asesor")
    other = await new_session(user)
    response = await user.post("/consola/cuenta/clave", {
        "actual": PASSWORD, "nueva": "otra-clave-segura", "repetir": "otra-clave-segura"})
    assert response.status_code == 303
    new_cookie = response.cookies[COOKIE]
    renewed = ConsoleUser(user.client, user.services, user.account, new_cookie)
    page = await renewed.get("/consola/cuenta")
    assert page.status_code == 200 and messages.PASSWORD_CHANGED in page.text
    assert (await user.get("/consola/cuenta")).status_code == 303
    assert (await other.get("/consola/cuenta")).status_code == 303


async def test_mistakes_are_explained(login_as: LoginAs) -> None:
    user = await login_as("asesor")
    mismatch = await user.post("/consola/cuenta/clave", {
        "actual": PASSWORD, "nueva": "otra-clave-segura", "repetir": "otra-clave-distinta"})
    assert mismatch.status_code == 422 and messages.PASSWORD_MISMATCH in mismatch.text
    wrong = await user.post("/consola/cuenta/clave", {
        "actual": "no-es-esta-clave", "nueva": "otra-clave-segura",
        "repetir": "otra-clave-segura"})
    assert wrong.status_code == 422 and "La contraseña actual no es correcta." in wrong.text
    assert (await user.get("/consola/cuenta")).status_code == 200  # still logged in
