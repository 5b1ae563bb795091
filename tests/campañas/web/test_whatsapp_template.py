"""PUT /api/v1/campaigns/{id}/whatsapp-template: HR registers the approved template; bad
names, languages and parameters are refused in Spanish and change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from campañas.models import Campaign
from nucleo.models import AuditEntry

CAMPAIGN = {"name": "Honestidad por WhatsApp", "value": "honestidad", "channels": ["telegram"]}
TEMPLATE = {"name": "valor_de_la_semana", "language": "es_CO", "parameters": ["frase", "autor"]}


async def new_campaign(api, headers) -> int:
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_hr_registers_the_template_and_reads_it_back(api, services, staff_headers):
    hr = await staff_headers("talento_humano")
    campaign_id = await new_campaign(api, hr)
    url = f"/api/v1/campaigns/{campaign_id}/whatsapp-template"
    response = await api.put(url, json=TEMPLATE, headers=hr)
    assert response.status_code == 200, response.text
    assert response.json()["whatsapp_template"] == TEMPLATE
    again = await api.put(url, json={"name": "otra_plantilla"}, headers=hr)  # replaced
    assert again.json()["whatsapp_template"] == {"name": "otra_plantilla", "language": "es",
                                                 "parameters": []}
    auditor = await staff_headers("auditor")
    read = (await api.get(f"/api/v1/campaigns/{campaign_id}", headers=auditor)).json()
    assert read["whatsapp_template"]["name"] == "otra_plantilla"
    assert (await api.put(url, json=TEMPLATE, headers=auditor)).status_code == 403
    async with services.db.session() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions.count("campaign.whatsapp_template") == 2


@pytest.mark.parametrize("body, fragment", [
    ({"name": "Valor Semana"}, "nombre de la plantilla"),
    ({"name": ""}, "nombre de la plantilla"),
    ({"name": 42}, "nombre de la plantilla"),
    ({"name": "x" * 513}, "nombre de la plantilla"),
    ({"name": "ok", "language": "español"}, "idioma"),
    ({"name": "ok", "language": None}, "idioma"),
    ({"name": "ok", "parameters": "frase"}, "lista"),
    ({"name": "ok", "parameters": ["frase"] * 5}, "máximo 4"),
    ({"name": "ok", "parameters": ["cédula"]}, "«cédula» no existe"),
    ({"name": "ok", "parameters": [{"x": 1}]}, "no existe"),
])
async def test_bad_templates_are_refused(api, services, staff_headers, body, fragment):
    hr = await staff_headers("talento_humano")
    campaign_id = await new_campaign(api, hr)
    response = await api.put(f"/api/v1/campaigns/{campaign_id}/whatsapp-template", json=body,
                             headers=hr)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    async with services.db.session() as session:
        assert (await session.get(Campaign, campaign_id)).whatsapp_template is None


async def test_unknown_and_closed_campaigns(api, services, staff_headers):
    hr = await staff_headers("talento_humano")
    missing = await api.put("/api/v1/campaigns/999/whatsapp-template", json=TEMPLATE, headers=hr)
    assert missing.status_code == 404
    campaign_id = await new_campaign(api, hr)
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/cancel", headers=hr)).status_code \
        == 200
    closed = await api.put(f"/api/v1/campaigns/{campaign_id}/whatsapp-template", json=TEMPLATE,
                           headers=hr)
    assert closed.status_code == 409 and "cancelada" in closed.json()["error"]["message"]
    broken = await api.put(f"/api/v1/campaigns/{campaign_id}/whatsapp-template",
                           content=b"{no es json", headers={**hr, "content-type":
                                                            "application/json"})
    assert broken.status_code in (400, 422) and "Traceback" not in broken.text


async def test_whatsapp_is_available_when_the_services_have_an_account_not_the_environment(
        api, services, staff_headers, monkeypatch):
    from campañas.whatsapp_template import register_template
    from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
    from tests.campañas.conftest import campaign_with_pieces

    hr = await staff_headers("talento_humano")
    campaign_id = await campaign_with_pieces(services.db, services.settings,
                                             channels=("whatsapp",))
    async with services.db.session() as session:
        await register_template(session, campaign=await session.get(Campaign, campaign_id),
                                name="valor_de_la_semana", language="es", parameters=None)
    url = f"/api/v1/campaigns/{campaign_id}/send-now"
    monkeypatch.setenv("VALOR_WHATSAPP_TOKEN", "EAAG-ignored")  # read only by the wiring
    refused = await api.post(url, headers=hr)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == \
        "canal_no_configurado"
    monkeypatch.delenv("VALOR_WHATSAPP_TOKEN")
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount("http://127.0.0.1:9/v21.0", "1", "t",
                                                       80.0))
    try:
        accepted = await api.post(url, headers=hr)  # the channel passes; nobody has it yet
    finally:
        services.extras.pop(WHATSAPP_ACCOUNT, None)
    assert accepted.json()["error"]["code"] == "audiencia_vacia", accepted.text
