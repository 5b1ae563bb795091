"""The REST API accepts a console session only for same-site reads, or writes with the token."""

from __future__ import annotations

from tests.web.console import LoginAs


async def test_reads_with_the_cookie(login_as: LoginAs) -> None:
    user = await login_as("auditor")
    me = await user.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json()["role"] == "auditor"
    assert (await user.get("/api/v1/audit")).status_code == 200
    assert (await user.get("/api/v1/people")).status_code == 403  # roles still apply


async def test_cross_site_requests_ignore_the_cookie(login_as: LoginAs) -> None:
    user = await login_as("admin")
    for site in ("cross-site", "same-site"):
        response = await user.get("/api/v1/auth/me", headers={"Sec-Fetch-Site": site})
        assert response.status_code == 401, site


async def test_writes_need_the_csrf_header(login_as: LoginAs) -> None:
    user = await login_as("admin")
    body = {"email": "x@alcaldia.gov.co", "full_name": "X", "role": "asesor",
            "password": "clave-segura-456"}
    plain = await user.client.post("/api/v1/staff", json=body, headers=user.headers)
    assert plain.status_code == 401
    forged = await user.client.post("/api/v1/staff", json=body,
                                     headers={**user.headers, "X-CSRF-Token": "a.b"})
    assert forged.status_code == 401
    good = await user.client.post("/api/v1/staff", json=body,
                                  headers={**user.headers, "X-CSRF-Token": await user.token()})
    assert good.status_code == 201


async def test_bearer_tokens_still_win(login_as: LoginAs, staff_headers) -> None:
    user = await login_as("auditor")
    admin = await staff_headers("admin")
    me = await user.client.get("/api/v1/auth/me", headers={**user.headers, **admin})
    assert me.json()["role"] == "admin"
