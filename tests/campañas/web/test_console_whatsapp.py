"""The WhatsApp template form of a campaign's console page: HR registers the approved
template's name, language and body variables (audited); bad input comes back in Spanish with
what was typed and changes nothing; only the roles that create campaigns may; the channel is
offered in the creation form and marked ready when the service has a WhatsApp account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from campañas import messages as campaign_messages
from campañas.models import Campaign
from campañas.web import messages
from campañas.whatsapp_status import pause_for_whatsapp
from nucleo.models import AuditEntry
from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.campañas.web.test_console import _campaign
from tests.web.console import ConsoleUser, LoginAs

TEMPLATE = {"plantilla": "valor_de_la_semana", "idioma": "es_CO",
            "parametros": ["frase", "autor", "", ""]}


async def _whatsapp_campaign(user: ConsoleUser) -> int:
    return await _campaign(user, canales=["telegram", "whatsapp"])


async def _stored(services: Services, campaign_id: int) -> Campaign:
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign


async def test_hr_registers_the_template_from_the_campaign_page(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    url = f"/consola/campanas/{campaign_id}"
    page = await user.get(url)
    assert messages.WA_TEMPLATE_NONE in page.text and 'id="f-parametro-4"' in page.text
    saved = await user.post(url + "/plantilla-whatsapp", TEMPLATE)
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"].endswith("#plantilla-whatsapp")
    campaign = await _stored(services, campaign_id)
    assert (campaign.whatsapp_template, campaign.whatsapp_language,
            campaign.whatsapp_parameters) == ("valor_de_la_semana", "es_CO", ["frase", "autor"])
    page = await user.get(url)
    assert messages.WA_TEMPLATE_SAVED.format(name="valor_de_la_semana",
                                             language="es_CO") in page.text
    assert messages.WA_TEMPLATE_NOT_CHECKED in page.text  # no business account id: said so
    assert "Variable {{2}}: Autor de la frase" in page.text
    assert '<option value="autor" selected>' in page.text
    again = await user.post(url + "/plantilla-whatsapp", {"plantilla": "otra", "idioma": "es"})
    assert again.status_code == 303
    campaign = await _stored(services, campaign_id)
    assert (campaign.whatsapp_template, campaign.whatsapp_parameters) == ("otra", [])
    async with services.db.session() as session:
        audits = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "campaign.whatsapp_template")))
    assert len(audits) == 2 and {a.actor_id for a in audits} == {user.account.id}


@pytest.mark.parametrize("form, reason", [
    ({"plantilla": "", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "   ", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "x" * 600, "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "Valor Semana", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "valór", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "valor\u200bsemana", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "ｖａｌｏｒ", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "valor\u0000", "idioma": "es"}, campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "<script>alert(1)</script>", "idioma": "es"},
     campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "x'; DROP TABLE campaigns;--", "idioma": "es"},
     campaign_messages.WA_TEMPLATE_BAD_NAME),
    ({"plantilla": "valor", "idioma": ""}, campaign_messages.WA_TEMPLATE_BAD_LANGUAGE),
    ({"plantilla": "valor", "idioma": "español"}, campaign_messages.WA_TEMPLATE_BAD_LANGUAGE),
    ({"plantilla": "valor", "idioma": "es", "parametros": ["", "frase"]},
     messages.WA_TEMPLATE_GAP),
    ({"plantilla": "valor", "idioma": "es", "parametros": ["cédula"]}, "«cédula» no existe"),
])
async def test_bad_templates_come_back_in_spanish_and_change_nothing(
        login_as: LoginAs, services: Services, form: dict, reason: str) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    response = await user.post(f"/consola/campanas/{campaign_id}/plantilla-whatsapp", form)
    assert response.status_code == 422, response.text
    assert reason.split("{")[0] in response.text
    assert "<script>alert" not in response.text and "Traceback" not in response.text
    if form["plantilla"].strip() and "\u0000" not in form["plantilla"]:
        assert 'name="plantilla" type="text" value="' in response.text  # what was typed
    assert (await _stored(services, campaign_id)).whatsapp_template is None


async def test_oversized_or_forged_forms_are_refused(login_as: LoginAs,
                                                     services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    url = f"/consola/campanas/{campaign_id}/plantilla-whatsapp"
    huge = await user.post(url, {"plantilla": "x" * 5000, "idioma": "es"})
    assert huge.status_code in (400, 413, 422) and "Traceback" not in huge.text
    many = await user.post(url, {"plantilla": "ok", "parametros": ["frase"] * 5})
    assert many.status_code in (400, 422) and "Traceback" not in many.text
    forged = await user.post(url, TEMPLATE, token="falso.token")
    assert forged.status_code == 403 and ui.CSRF_TITLE in forged.text
    assert (await _stored(services, campaign_id)).whatsapp_template is None


async def test_only_the_roles_that_create_campaigns_register_templates(
        login_as: LoginAs, services: Services) -> None:
    writer = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(writer)
    auditor = await login_as("auditor")
    page = await auditor.get(f"/consola/campanas/{campaign_id}")
    assert messages.WA_TEMPLATE_TITLE in page.text and "/plantilla-whatsapp" not in page.text
    refused = await auditor.post(f"/consola/campanas/{campaign_id}/plantilla-whatsapp", TEMPLATE)
    assert refused.status_code == 403
    assert (await _stored(services, campaign_id)).whatsapp_template is None
    telegram_only = await _campaign(writer)
    assert messages.WA_TEMPLATE_TITLE not in (
        await writer.get(f"/consola/campanas/{telegram_only}")).text


async def test_a_campaign_paused_by_whatsapp_stays_paused_and_says_so(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        campaign.status = "en_curso"
        await pause_for_whatsapp(session, campaign_id, "Meta pausó la plantilla (132015).")
        await session.commit()
    assert (await user.post(f"/consola/campanas/{campaign_id}/plantilla-whatsapp",
                            TEMPLATE)).status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.WA_TEMPLATE_SAVED_PAUSED in page.text
    assert (await _stored(services, campaign_id)).status == "pausada"
    closed = await user.post(f"/consola/campanas/{campaign_id}/cancelar")
    assert closed.status_code == 303
    late = await user.post(f"/consola/campanas/{campaign_id}/plantilla-whatsapp", TEMPLATE)
    assert late.status_code in (403, 409, 422) and "Traceback" not in late.text


async def test_the_creation_form_offers_whatsapp_ready_only_with_an_account(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    form = await user.get("/consola/campanas")
    assert 'value="whatsapp">' in form.text  # offered, not ticked, marked as not configured
    assert 'value="whatsapp" checked' not in form.text
    assert form.text.count(messages.CHANNEL_NOT_CONFIGURED) >= 1
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount("http://127.0.0.1:9/v21.0", "1", "t",
                                                       80.0))
    try:
        ready = await user.get("/consola/campanas")
    finally:
        services.extras.pop(WHATSAPP_ACCOUNT, None)
    label = ready.text.split('for="f-canal-whatsapp">')[1].split("</label>")[0]
    assert messages.CHANNEL_NOT_CONFIGURED not in label


async def test_a_piece_gets_its_own_template_from_the_page_checked_against_meta(
        login_as: LoginAs, services: Services) -> None:
    from campañas.models import Piece
    from tests.campañas.web.test_console import _piece
    from tests.fakes.whatsapp import WhatsAppDouble

    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    piece_id = await _piece(user, campaign_id)
    url = f"/consola/campanas/{campaign_id}"
    page = await user.get(url)
    assert messages.WA_PIECE_TEMPLATE_INHERITS in page.text
    assert f'id="f-plantilla-{piece_id}"' in page.text
    with WhatsAppDouble() as double:
        double.approve("pieza_marzo", "es", body="{{1}}")
        services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(
            f"{double.base_url}/{double.version}", double.phone_number_id, double.token, 80.0,
            business_account_id=double.business_account_id))
        try:
            form = {"plantilla": "pieza_marzo", "idioma": "es", "parametros": ["frase", "autor"]}
            refused = await user.post(f"{url}/piezas/{piece_id}/plantilla-whatsapp", form)
            assert refused.status_code == 422
            assert "tiene 1 variable(s) en el cuerpo y usted eligió 2" in refused.text
            assert 'value="pieza_marzo"' in refused.text  # what was typed comes back
            saved = await user.post(f"{url}/piezas/{piece_id}/plantilla-whatsapp",
                                    {**form, "parametros": ["frase"]})
            assert saved.status_code == 303 and saved.headers["location"].endswith(
                f"#pieza-{piece_id}")
        finally:
            services.extras.pop(WHATSAPP_ACCOUNT, None)
    page = await user.get(url)
    assert messages.WA_PIECE_TEMPLATE_OWN.format(name="pieza_marzo", language="es") in page.text
    cleared = await user.post(f"{url}/piezas/{piece_id}/plantilla-whatsapp", {"plantilla": ""})
    assert cleared.status_code == 303
    async with services.db.session() as session:
        piece = await session.get(Piece, piece_id)
        assert piece is not None and piece.whatsapp_template is None
    assert messages.WA_PIECE_TEMPLATE_CLEARED in (await user.get(url)).text


async def test_a_pieces_template_on_a_paused_campaign_says_it_stays_paused_and_clears_freely(
        login_as: LoginAs, services: Services) -> None:
    """Saving a piece's template while the campaign is paused says nothing goes out until HR
    resumes; clearing it ignores parameter selects left with a gap."""
    from tests.campañas.web.test_console import _piece

    user = await login_as("talento_humano")
    campaign_id = await _whatsapp_campaign(user)
    piece_id = await _piece(user, campaign_id)
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        campaign.status = "en_curso"
        await pause_for_whatsapp(session, campaign_id, "Meta pausó la plantilla (132015).")
        await session.commit()
    url = f"/consola/campanas/{campaign_id}/piezas/{piece_id}/plantilla-whatsapp"
    saved = await user.post(url, {"plantilla": "pieza_marzo", "idioma": "es",
                                  "parametros": ["frase"]})
    assert saved.status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.WA_TEMPLATE_SAVED_PAUSED in page.text
    cleared = await user.post(url, {"plantilla": "", "parametros": ["", "frase"]})
    assert cleared.status_code == 303
    assert messages.WA_PIECE_TEMPLATE_CLEARED in (await user.get(
        f"/consola/campanas/{campaign_id}")).text
