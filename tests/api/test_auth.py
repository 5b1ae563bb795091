from datetime import timedelta

import httpx

from nucleo.services import Services
from nucleo.signing import Signer
from nucleo.staff import create_staff

PASSWORD = "clave-segura-123"


async def _account(services: Services, email: str = "th@alcaldia.gov.co",
                   role: str = "talento_humano") -> None:
    async with services.db.session() as session:
        await create_staff(session, email=email, full_name="TH", role=role, password=PASSWORD)


async def test_password_flow_returns_a_bearer_token(api: httpx.AsyncClient,
                                                    services: Services) -> None:
    await _account(services)
    response = await api.post("/api/v1/auth/token",
                              data={"username": "th@alcaldia.gov.co", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    me = await api.get("/api/v1/auth/me",
                       headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["role"] == "talento_humano"


async def test_wrong_password_and_unknown_user_look_the_same(api: httpx.AsyncClient,
                                                             services: Services) -> None:
    await _account(services)
    wrong = await api.post("/api/v1/auth/token",
                           data={"username": "th@alcaldia.gov.co", "password": "x" * 12})
    unknown = await api.post("/api/v1/auth/token",
                             data={"username": "nadie@alcaldia.gov.co", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["message"] == "Correo o contraseña incorrectos."


async def test_repeated_failures_slow_down(api: httpx.AsyncClient, services: Services) -> None:
    await _account(services)
    statuses = []
    for _ in range(6):
        response = await api.post("/api/v1/auth/token",
                                  data={"username": "th@alcaldia.gov.co", "password": "mala-1234"})
        statuses.append(response.status_code)
    assert statuses[:4] == [401] * 4
    assert 429 in statuses
    blocked = await api.post("/api/v1/auth/token",
                             data={"username": "th@alcaldia.gov.co", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    assert "Espere" in blocked.json()["error"]["message"]


async def test_forged_and_expired_tokens_are_refused(api: httpx.AsyncClient,
                                                     services: Services) -> None:
    await _account(services)
    forged = Signer("otra-llave-" * 4).sign("api.token", {"s": 1, "v": 0})
    other_purpose = services.signer.sign("chat.sesion", {"s": 1, "v": 0})
    start = services.clock()
    old = services.signer.sign("api.token", {"s": 1, "v": 0})
    services.clock = lambda: start + timedelta(minutes=services.settings.token_minutes + 1)
    for token in (forged, other_purpose, old, "basura", ""):
        response = await api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] in {"no_autenticado"}


async def test_tokens_signed_with_a_previous_key_still_work(api: httpx.AsyncClient,
                                                            services: Services) -> None:
    await _account(services)
    old_key = "clave-anterior-del-servicio-0123456789"
    token = Signer(old_key).sign("api.token", {"s": 1, "v": 0})
    services.signer = Signer(services.settings.secret_key.get_secret_value(), [old_key])
    response = await api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


async def test_password_change_invalidates_old_tokens(api: httpx.AsyncClient,
                                                      services: Services) -> None:
    await _account(services)
    token = (await api.post("/api/v1/auth/token", data={
        "username": "th@alcaldia.gov.co", "password": PASSWORD})).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    response = await api.post("/api/v1/auth/password", headers=headers, json={
        "current_password": PASSWORD, "new_password": "otra-clave-segura"})
    assert response.status_code == 204
    assert (await api.get("/api/v1/auth/me", headers=headers)).status_code == 401


async def test_roles_are_enforced(api: httpx.AsyncClient, staff_headers) -> None:
    auditor = await staff_headers("auditor")
    admin = await staff_headers("admin")
    body = {"email": "nuevo@alcaldia.gov.co", "full_name": "Nuevo", "role": "asesor",
            "password": "clave-segura-456"}
    denied = await api.post("/api/v1/staff", json=body, headers=auditor)
    assert denied.status_code == 403
    assert denied.json()["error"]["message"] == "Su rol no tiene permiso para esta acción."
    assert (await api.post("/api/v1/staff", json=body, headers=admin)).status_code == 201
    assert (await api.get("/api/v1/audit", headers=auditor)).status_code == 200
    assert (await api.get("/api/v1/people", headers=auditor)).status_code == 403


async def test_deactivated_account_loses_access(api: httpx.AsyncClient, staff_headers) -> None:
    admin = await staff_headers("admin")
    other = await staff_headers("talento_humano", email="th2@alcaldia.gov.co")
    me = (await api.get("/api/v1/auth/me", headers=other)).json()
    assert (await api.delete(f"/api/v1/staff/{me['id']}", headers=admin)).status_code == 204
    assert (await api.get("/api/v1/auth/me", headers=other)).status_code == 401


async def test_validation_errors_are_spanish(api: httpx.AsyncClient, staff_headers) -> None:
    admin = await staff_headers("admin")
    response = await api.post("/api/v1/staff", json={"email": 5, "role": "jefe"}, headers=admin)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"].startswith("Algunos datos no son válidos")
    fields = {d["campo"]: d["problema"] for d in error["details"]}
    assert fields["full_name"] == "es obligatorio"
    assert fields["role"] == "no es una de las opciones permitidas"
