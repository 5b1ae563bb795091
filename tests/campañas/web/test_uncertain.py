"""Deliveries «incierta» in the console and the API: the campaign page points to them; HR lists
them, confirms, and resends or marks received (one or all); readers see but cannot decide."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from campañas.models import Delivery
from campañas.web import messages
from nucleo.models import Person
from nucleo.services import Services
from tests.web.console import LoginAs


@pytest.fixture
def settings(settings):
    """Telegram configured (nothing is sent: the engine is not started by these tests)."""
    settings.telegram_token = type(settings.secret_key)("123:abc")
    return settings


async def _uncertain_campaign(services: Services, user, people: int = 3,
                              uncertain: int = 2) -> int:
    async with services.db.session() as session:
        session.add_all([Person(full_name=f"Persona <i>{i}</i>", telegram_chat_id=900 + i,
                                kind="servidor") for i in range(people)])
        await session.commit()
    created = await user.post("/consola/campanas", {
        "nombre": "Honestidad", "valor": "honestidad", "audiencia": "todos",
        "canales": "telegram"})
    campaign_id = int(created.headers["location"].rsplit("/", 1)[1])
    await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": "La verdad"})
    assert (await user.post(f"/consola/campanas/{campaign_id}/enviar")).status_code == 303
    async with services.db.session() as session:  # a worker died while these were leaving
        ids = list(await session.scalars(select(Delivery.id).order_by(Delivery.id)))
        await session.execute(update(Delivery).where(Delivery.id.in_(ids[:uncertain]))
                              .values(state="incierta"))
        await session.commit()
    return campaign_id


async def _states(services: Services) -> list[str]:
    async with services.db.session() as session:
        return list(await session.scalars(select(Delivery.state).order_by(Delivery.id)))


async def test_hr_confirms_then_marks_one_received_and_resends_the_rest(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _uncertain_campaign(services, user)
    base = f"/consola/campanas/{campaign_id}"
    detail = await user.get(base)
    assert messages.UNCERTAIN_LINK.format(n=2) in detail.text
    listing = await user.get(base + "/inciertas")
    assert listing.status_code == 200
    assert "Persona &lt;i&gt;0&lt;/i&gt;" in listing.text and "<i>0</i>" not in listing.text
    assert messages.UNCERTAIN_RESEND_ALL.format(n=2) in listing.text

    asked = await user.post(base + "/inciertas", {"decision": "recibida", "entrega": "1"})
    assert asked.status_code == 200
    assert messages.UNCERTAIN_ASK_RECEIVED.format(
        what=messages.UNCERTAIN_WHAT_ONE.format(delivery_id=1)) in asked.text
    assert await _states(services) == ["incierta", "incierta", "pendiente"]  # nothing yet
    done = await user.post(base + "/inciertas",
                           {"decision": "recibida", "entrega": "1", "confirmado": "1"})
    assert done.status_code == 303
    assert messages.UNCERTAIN_MARKED.format(n=1) in (await user.get(base + "/inciertas")).text

    await user.post(base + "/pausar")
    done = await user.post(base + "/inciertas", {"decision": "reenviar", "confirmado": "1"})
    assert done.status_code == 303
    after = await user.get(base + "/inciertas")
    assert messages.UNCERTAIN_RESENT_PAUSED.format(n=1) in after.text
    assert messages.UNCERTAIN_NONE in after.text
    assert await _states(services) == ["enviada", "pendiente", "pendiente"]

    again = await user.post(base + "/inciertas", {"decision": "reenviar", "confirmado": "1"})
    assert again.status_code == 409 and "no tiene entregas inciertas" in again.text


@pytest.mark.parametrize("form", [
    {"decision": "borrar", "confirmado": "1"},
    {"decision": "reenviar", "entrega": "uno", "confirmado": "1"},
    {"decision": "reenviar", "entrega": "１", "confirmado": "1"},  # a full-width digit
    {"decision": "reenviar", "entrega": "3", "confirmado": "1"},  # not uncertain
    {"decision": "reenviar", "entrega": "99999999999", "confirmado": "1"},  # beyond an integer
    {"decision": "recibida", "entrega": "0", "confirmado": "1"},
    {"decision": "x" * 21},
])
async def test_bad_forms_change_nothing(login_as: LoginAs, services: Services, form) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _uncertain_campaign(services, user)
    before = await _states(services)
    refused = await user.post(f"/consola/campanas/{campaign_id}/inciertas", form)
    assert refused.status_code in (400, 404, 422) and "Traceback" not in refused.text
    if form.get("entrega") in ("uno", "１", "99999999999", "0"):
        assert messages.UNCERTAIN_BAD_DELIVERY in refused.text
    assert await _states(services) == before
    assert (await user.post("/consola/campanas/4242/inciertas",
                            {"decision": "recibida"})).status_code == 404


async def test_readers_see_the_list_without_buttons(login_as: LoginAs,
                                                    services: Services) -> None:
    writer = await login_as("talento_humano")
    campaign_id = await _uncertain_campaign(services, writer)
    auditor = await login_as("auditor")
    page = await auditor.get(f"/consola/campanas/{campaign_id}/inciertas")
    assert page.status_code == 200 and 'name="decision"' not in page.text
    refused = await auditor.post(f"/consola/campanas/{campaign_id}/inciertas",
                                 {"decision": "reenviar", "confirmado": "1"})
    assert refused.status_code == 403
    asesor = await login_as("asesor")
    assert (await asesor.get(f"/consola/campanas/{campaign_id}/inciertas")).status_code == 403
    forged = await writer.post(f"/consola/campanas/{campaign_id}/inciertas",
                               {"decision": "reenviar", "confirmado": "1"}, token="falso")
    assert forged.status_code == 403 and await _states(services) == [
        "incierta", "incierta", "pendiente"]


async def test_the_api_lists_and_decides(login_as: LoginAs, api, services: Services,
                                         staff_headers) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _uncertain_campaign(services, user)
    hr, auditor = await staff_headers("talento_humano"), await staff_headers("auditor")
    url = f"/api/v1/campaigns/{campaign_id}/uncertain"
    listed = (await api.get(url, headers=auditor)).json()
    assert listed["total"] == 2 and [i["id"] for i in listed["items"]] == [1, 2]
    assert (await api.post(url, json={"decision": "recibida"}, headers=auditor)).status_code == 403
    for bad in ({"decision": "borrar"}, {"decision": "recibida", "delivery_id": "x"},
                {"decision": "recibida", "extra": 1}, {}, {"decision": "recibida",
                                                           "delivery_id": 0},
                {"decision": "recibida", "delivery_id": 99_999_999_999}):
        response = await api.post(url, json=bad, headers=hr)
        assert response.status_code == 422, (bad, response.text)
    one = await api.post(url, json={"decision": "recibida", "delivery_id": 2}, headers=hr)
    assert one.json() == {"changed": 1}
    gone = await api.post(url, json={"decision": "recibida", "delivery_id": 2}, headers=hr)
    assert gone.status_code == 404 and "quizá ya se resolvió" in gone.text
    rest = await api.post(url, json={"decision": "reenviar"}, headers=hr)
    assert rest.json() == {"changed": 1}
    assert await _states(services) == ["pendiente", "enviada", "pendiente"]
    assert (await api.get("/api/v1/campaigns/4242/uncertain", headers=hr)).status_code == 404
