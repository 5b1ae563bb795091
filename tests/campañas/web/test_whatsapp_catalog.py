"""Templates HR saves are checked against Meta's list (``GET /{waba-id}/message_templates``,
played by the Cloud API double): unknown, in another language, not approved or not fitting the
piece (image header, number of body variables) are refused in Spanish and nothing is kept; a
piece may have its own template and go back to its campaign's. Both engines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from campañas.models import Campaign, Piece
from campañas.whatsapp_catalog import MetaTemplate, fit_problem, list_templates
from nucleo.models import AuditEntry
from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
from tests.campañas.conftest import campaign_with_pieces
from tests.fakes.whatsapp import WhatsAppDouble

TEMPLATE = {"name": "valor_de_la_semana", "language": "es_CO", "parameters": ["frase"]}


@pytest.fixture
def double() -> Iterator[WhatsAppDouble]:
    with WhatsAppDouble() as running:
        yield running


def account_for(double: WhatsAppDouble, *, waba: bool = True) -> WhatsAppAccount:
    return WhatsAppAccount(f"{double.base_url}/{double.version}", double.phone_number_id,
                           double.token, 80.0,
                           business_account_id=double.business_account_id if waba else None)


@pytest.fixture
async def whatsapp_campaign(services, double) -> Iterator[int]:
    services.provide(WHATSAPP_ACCOUNT, account_for(double))
    campaign_id = await campaign_with_pieces(services.db, services.settings, 2,
                                             channels=("whatsapp",))
    yield campaign_id
    services.extras.pop(WHATSAPP_ACCOUNT, None)


async def kept(services, campaign_id: int) -> str | None:
    async with services.db.session() as session:
        return (await session.get(Campaign, campaign_id)).whatsapp_template


async def test_an_approved_template_that_fits_is_kept(api, services, staff_headers, double,
                                                      whatsapp_campaign):
    double.approve("valor_de_la_semana", "es")  # another language first
    double.approve("valor_de_la_semana", "es_CO", body="Valor: {{1}}. ¡Feliz semana!")
    hr = await staff_headers("talento_humano")
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=TEMPLATE, headers=hr)
    assert response.status_code == 200, response.text
    assert await kept(services, whatsapp_campaign) == "valor_de_la_semana"


@pytest.mark.parametrize("setup, body, fragment", [
    (lambda d: None, TEMPLATE, "no tiene ninguna plantilla llamada «valor_de_la_semana»"),
    (lambda d: d.approve("valor_de_la_semana", "es"), TEMPLATE,
     "no existe en el idioma es_CO; en Meta está en: es"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", status="PENDING"), TEMPLATE,
     "está en revisión en Meta"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", status="REJECTED"), TEMPLATE,
     "está rechazada"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", status="PAUSED"), TEMPLATE,
     "está pausada"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", header=None), TEMPLATE,
     "no tiene encabezado de imagen y la pieza sí tiene imagen"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", header="VIDEO"), TEMPLATE,
     "encabezado que no es una imagen"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", body="{{1}} y {{2}}"), TEMPLATE,
     "tiene 2 variable(s) en el cuerpo y usted eligió 1"),
    (lambda d: d.approve("valor_de_la_semana", "es_CO", body="{{frase}}",
                         parameter_format="NAMED"), TEMPLATE, "variables con nombre"),
])
async def test_templates_that_do_not_fit_are_refused_and_nothing_is_kept(
        api, services, staff_headers, double, whatsapp_campaign, setup, body, fragment):
    setup(double)
    double.approve("valor_de_la_semana_v2", "es_CO")  # a similar name is not the same one
    hr = await staff_headers("talento_humano")
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=body, headers=hr)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "plantilla_no_sirve"
    assert fragment in response.json()["error"]["message"]
    assert await kept(services, whatsapp_campaign) is None


async def test_when_meta_does_not_answer_nothing_is_kept(api, services, staff_headers,
                                                         double, whatsapp_campaign):
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(
        "http://127.0.0.1:9/v21.0", "1", "t", 80.0, timeout=2.0, business_account_id="5"))
    hr = await staff_headers("talento_humano")
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=TEMPLATE, headers=hr)
    assert response.status_code == 409, response.text
    assert "No se pudo consultar la lista de plantillas" in response.json()["error"]["message"]
    assert await kept(services, whatsapp_campaign) is None
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(  # a wrong token: Meta's 401 envelope
        f"{double.base_url}/{double.version}", double.phone_number_id, "EAAG-wrong", 80.0,
        business_account_id=double.business_account_id))
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=TEMPLATE, headers=hr)
    assert response.status_code == 409 and await kept(services, whatsapp_campaign) is None
    refused = response.json()["error"]  # retrying cannot help: it names the configuration
    assert refused["code"] == "whatsapp_credenciales"
    assert "VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID" in refused["message"]


async def test_without_the_business_account_id_the_name_is_kept_unchecked(
        api, services, staff_headers, double, whatsapp_campaign):
    services.provide(WHATSAPP_ACCOUNT, account_for(double, waba=False))
    hr = await staff_headers("talento_humano")
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=TEMPLATE, headers=hr)
    assert response.status_code == 200 and await kept(services, whatsapp_campaign) == \
        "valor_de_la_semana"


async def test_a_piece_chooses_its_own_template_and_goes_back_to_the_campaigns(
        api, services, staff_headers, double, whatsapp_campaign):
    double.approve("pieza_especial", "es", body="{{1}} — {{2}}")
    hr = await staff_headers("talento_humano")
    async with services.db.session() as session:
        piece_id = await session.scalar(select(Piece.id).where(
            Piece.campaign_id == whatsapp_campaign).order_by(Piece.position))
    url = f"/api/v1/campaigns/{whatsapp_campaign}/pieces/{piece_id}/whatsapp-template"
    refused = await api.put(url, json={"name": "pieza_especial", "parameters": ["frase"]},
                            headers=hr)
    assert refused.status_code == 422 and "tiene 2 variable(s)" in \
        refused.json()["error"]["message"]
    saved = await api.put(url, json={"name": "pieza_especial",
                                     "parameters": ["frase", "autor"]}, headers=hr)
    assert saved.status_code == 200, saved.text
    assert saved.json()["whatsapp_template"] == {"name": "pieza_especial", "language": "es",
                                                 "parameters": ["frase", "autor"]}
    read = (await api.get(f"/api/v1/campaigns/{whatsapp_campaign}", headers=hr)).json()
    assert [p["whatsapp_template"] is not None for p in read["pieces"]] == [True, False]
    assert (await api.put(url, json={"name": "pieza_especial"},
                          headers=await staff_headers("auditor"))).status_code == 403
    cleared = await api.put(url, json={"name": None}, headers=hr)
    assert cleared.status_code == 200 and cleared.json()["whatsapp_template"] is None
    async with services.db.session() as session:
        piece = await session.get(Piece, piece_id)
        assert piece.whatsapp_template is None and piece.whatsapp_parameters is None
        details = [e.details for e in await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "campaign.piece_whatsapp_template").order_by(AuditEntry.id))]
    assert [d["plantilla"] for d in details] == ["pieza_especial", None]
    other = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/pieces/999/whatsapp-template",
                          json={"name": "pieza_especial"}, headers=hr)
    assert other.status_code == 404


async def test_the_listing_follows_meta_paging(double):
    for index in range(7):
        double.approve("valor", f"es_{chr(65 + index)}{chr(65 + index)}")
    double.approve("otro_valor", "es")
    account = account_for(double)
    import campañas.whatsapp_catalog as catalog

    original = catalog.PAGE
    catalog.PAGE = 3
    try:
        found = await list_templates(account, "valor")
    finally:
        catalog.PAGE = original
    assert len(found) == 7 and {t.name for t in found} == {"valor"}


def test_fit_rules_read_the_shape_of_metas_listing() -> None:
    template = MetaTemplate.of({"name": "t", "language": "es", "status": "APPROVED",
                                "components": [{"type": "HEADER", "format": "IMAGE"},
                                               {"type": "BODY", "text": "{{1}}, {{2}} y {{1}}"},
                                               {"type": "FOOTER", "text": "Alcaldía"}]})
    assert template.header == "IMAGE" and template.body_parameters == 2
    assert fit_problem([template], "t", "es", 2, True) is None
    assert fit_problem([template], "t", "es", 2, None) is None
    assert "no tiene imagen" in (fit_problem([template], "t", "es", 2, False) or "")


async def test_the_token_never_follows_a_next_page_outside_the_api_root() -> None:
    import httpx

    from nucleo.errors import Conflict

    asked: list[httpx.URL] = []

    def meta(request: httpx.Request) -> httpx.Response:
        asked.append(request.url)
        return httpx.Response(200, json={"data": [], "paging": {
            "next": "https://graph.facebook.com.example.net/v21.0/1/message_templates?after=x"}})

    account = WhatsAppAccount("https://graph.facebook.com/v21.0", "1", "secreto", 80.0,
                              business_account_id="99")
    with pytest.raises(Conflict):
        await list_templates(account, "valor", transport=httpx.MockTransport(meta))
    assert [u.host for u in asked] == ["graph.facebook.com"]


async def test_a_campaign_closed_while_meta_is_asked_keeps_no_template(
        api, services, staff_headers, double, whatsapp_campaign, monkeypatch):
    """Meta is asked outside the database transaction; what is written after it reads the
    campaign again, so a cancellation that happened meanwhile is seen."""
    import campañas.whatsapp_template as template_module

    verify = template_module.verify_template

    async def slow_meta(*args, **kwargs):
        async with services.db.session() as session:  # HR cancels it meanwhile
            (await session.get(Campaign, whatsapp_campaign)).status = "cancelada"
            await session.commit()
        return await verify(*args, **kwargs)

    monkeypatch.setattr(template_module, "verify_template", slow_meta)
    double.approve("valor_de_la_semana", "es_CO", body="Valor: {{1}}. ¡Feliz semana!")
    hr = await staff_headers("talento_humano")
    response = await api.put(f"/api/v1/campaigns/{whatsapp_campaign}/whatsapp-template",
                             json=TEMPLATE, headers=hr)
    assert response.status_code == 409, response.text
    assert await kept(services, whatsapp_campaign) is None
