"""Inicio: counts from what exists, honest placeholders for what does not yet."""

from __future__ import annotations

from datetime import datetime

from api.console import messages
from bot.encuestas.web import messages as survey_texts
from campañas.web import messages as campaign_texts
from nucleo import ports
from nucleo.services import Services
from tests.web.console import LoginAs

CSV = ("nombre;correo;dependencia;tipo\n"
       "Ana;a@x.co;Hacienda;servidor\nBeto;b@x.co;Hacienda;contratista\n"
       "Caro;c@x.co;Secretaría de <em>Salud</em>;servidor\n").encode()


async def test_dashboard_counts_and_placeholders(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    await user.post("/consola/directorio/importar", {"crear_dependencias": "si"},
                    files={"archivo": ("d.csv", CSV, "text/csv")})
    page = await user.get("/consola/")
    text = page.text
    assert campaign_texts.PLACEHOLDER_CAMPAIGNS in text and survey_texts.CARD_SURVEY_NONE in text
    assert "<svg class=\"chart chart-bars\"" in text and "role=\"img\"" in text
    assert "Secretaría de &lt;em&gt;Salud&lt;/em&gt;" in text
    assert "<em>Salud" not in text
    assert messages.CARD_STAFF not in text  # staff counts are for admins


async def test_week_value_uses_the_campaigns_port(login_as: LoginAs, services: Services) -> None:
    class FakeCampaigns:
        async def current_piece(self, _session: object, _now: datetime) -> ports.PieceView:
            return ports.PieceView(piece_id=1, value="Honestidad <b>", caption_html="",
                                   image_path=None)

    services.extras[ports.CAMPAIGNS] = FakeCampaigns()
    user = await login_as("admin")
    page = await user.get("/consola/")
    assert "Honestidad &lt;b&gt;" in page.text
    assert messages.CARD_STAFF in page.text


async def test_unknown_parameter_on_home(login_as: LoginAs) -> None:
    user = await login_as("auditor")
    assert (await user.get("/consola/?debug=1")).status_code == 400
