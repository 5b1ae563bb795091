"""Sessions: signed cookie, server-side row, and every way a session ends."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import delete, func, select

from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.web.console.models import ConsoleSession
from nucleo.web.console.sessions import COOKIE, IDLE
from tests.web.console import LoginAs, new_session


def _to_login(response: httpx.Response) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith(
        "/consola/entrar")


async def test_a_live_session_opens_pages(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    response = await user.get("/consola/")
    assert response.status_code == 200
    assert "Persona talento_humano" in response.text


async def test_forged_or_garbage_cookies_go_to_login(login_as: LoginAs,
                                                     api: httpx.AsyncClient) -> None:
    user = await login_as("admin")
    token = user.cookie.rsplit(".", 1)[0]
    for cookie in (token + ".firma-falsa", token, "x" * 5000, "", "ñ.ñ"):
        response = await api.get("/consola/",
                                 headers={"Cookie": f"{COOKIE}={cookie}".encode()})
        assert _to_login(response), cookie


async def test_only_the_hash_of_the_token_is_stored(login_as: LoginAs, services: Services) -> None:
    user = await login_as("admin")
    raw = services.signer.unsign("consola.sesion", user.cookie)
    async with services.db.session() as session:
        hashes = list(await session.scalars(select(ConsoleSession.token_hash)))
    assert hashes and raw not in hashes


async def test_logout_ends_the_session_at_once(login_as: LoginAs) -> None:
    user = await login_as("auditor")
    other = await new_session(user)
    response = await user.post("/consola/salir")
    assert response.status_code == 303
    assert response.headers["location"] == "/consola/entrar?salio=1"
    assert _to_login(await user.get("/consola/"))
    assert (await other.get("/consola/")).status_code == 200  # only this browser logs out


async def test_deactivated_account_loses_every_session(login_as: LoginAs) -> None:
    admin = await login_as("admin")
    victim = await login_as("talento_humano")
    second = await new_session(victim)
    response = await admin.post(f"/consola/personal/{victim.account.id}/desactivar",
                              {"confirmado": "1"})
    assert response.status_code == 303
    assert _to_login(await victim.get("/consola/"))
    assert _to_login(await second.get("/consola/directorio"))


async def test_session_of_a_deleted_account_is_dead(login_as: LoginAs,
                                                    services: Services) -> None:
    user = await login_as("talento_humano")
    async with services.db.session() as session:
        await session.execute(delete(StaffAccount).where(StaffAccount.id == user.account.id))
        await session.commit()
        left = await session.scalar(select(func.count()).select_from(ConsoleSession).where(
            ConsoleSession.staff_id == user.account.id))
    assert left == 0  # the rows cascade away with the account
    assert _to_login(await user.get("/consola/"))


async def test_expired_and_idle_sessions_end(login_as: LoginAs, services: Services) -> None:
    user = await login_as("admin")
    idle = await new_session(user)
    async with services.db.session() as session:
        rows = list(await session.scalars(select(ConsoleSession).order_by(ConsoleSession.id)))
        rows[0].expires_at = services.clock() - timedelta(seconds=1)
        rows[1].last_seen_at = services.clock() - IDLE - timedelta(seconds=1)
        await session.commit()
    assert _to_login(await user.get("/consola/"))
    assert _to_login(await idle.get("/consola/"))


async def test_login_redirect_keeps_the_page_but_never_leaves_the_site(
        api: httpx.AsyncClient) -> None:
    response = await api.get("/consola/auditoria?accion=staff")
    assert response.headers["location"] == (
        "/consola/entrar?siguiente=%2Fconsola%2Fauditoria%3Faccion%3Dstaff")
