"""Retroalimentación rápida in the console: the period form, the tables and the SVG charts, the
group-of-5 rule, roles and bad input."""

from __future__ import annotations

from datetime import timedelta

from nucleo.services import Services
from tests.bot.encuestas.feedback_data import seed_feedback
from tests.web.console import LoginAs

URL = "/consola/encuestas/retroalimentacion"


async def test_reactions_and_votes_of_a_period(login_as: LoginAs, services: Services,
                                               telegram_double_unlimited) -> None:
    await seed_feedback(services, telegram_double_unlimited)
    auditor = await login_as("auditor")
    page = await auditor.get(URL + "?desde=2025-03-01&hasta=2025-03-31")
    assert page.status_code == 200
    html = page.text
    assert "Periodo: del 1 de marzo de 2025 al 31 de marzo de 2025." in html
    assert 'value="2025-03-01"' in html and 'value="2025-03-31"' in html
    assert '<svg class="chart chart-bars"' in html and "<title id=\"c-valores-t\">" in html
    assert '<svg class="chart chart-stack"' in html
    assert "Frase número 1 sobre la integridad" in html and "75%" in html
    assert html.count("menos de 5") >= 4  # two pieces, two values, two topics
    assert "Persona " not in html.split("<main", 1)[1].split("</main>", 1)[0]  # no people
    assert "Invitación" not in html  # survey invitations are not reactions


async def test_default_period_and_empty_results(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    page = await user.get(URL)
    assert page.status_code == 200
    today = services.clock().astimezone(services.settings.tz).date()
    since = today - timedelta(days=89)
    assert f'value="{since.isoformat()}"' in page.text
    assert "Las campañas no están disponibles" in page.text  # no ports wired in this app
    assert "<svg" not in page.text


async def test_roles(login_as: LoginAs) -> None:
    for role in ("admin", "talento_humano", "auditor"):
        assert (await (await login_as(role)).get(URL)).status_code == 200
    assert (await (await login_as("asesor")).get(URL)).status_code == 403


async def test_bad_input_is_explained_in_spanish(login_as: LoginAs) -> None:
    user = await login_as("admin")
    reversed_ = await user.get(URL + "?desde=2025-04-01&hasta=2025-03-01")
    assert reversed_.status_code == 400 and "posterior" in reversed_.text
    assert 'value="2025-04-01"' in reversed_.text  # the form keeps what was typed
    injected = await user.get(URL, params={"desde": "<b>x</b>"})
    assert injected.status_code == 400 and "<b>x</b>" not in injected.text
    assert "&lt;b&gt;x&lt;/b&gt;" in injected.text
    too_long = await user.get(URL + "?desde=2020-01-01&hasta=2025-01-01")
    assert too_long.status_code == 400 and "dos años" in too_long.text
    for query in ("orden=x", "desde=" + "1" * 11, "desde=2025-02-30"):
        assert (await user.get(URL + "?" + query)).status_code == 400, query
