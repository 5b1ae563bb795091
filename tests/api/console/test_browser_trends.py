"""Inicio with the newer trend cards full (attendance and favourable answers per month, bienes y
rentas per year) in Chromium at desktop and phone width: the charts show, nothing overflows
sideways, screenshots for review. The service's clock is fixed at 3 December 2025."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.declaraciones.web import messages as decl_texts
from bot.encuestas.web import messages as survey_texts
from bot.sesiones.web import messages as session_texts
from nucleo.services import Services
from nucleo.web.console.trends import MONTHS, YEARS
from tests.api.console.pages.test_trends_new_measures import NOW, _data
from tests.web.browser import DESKTOP, PHONE, fits_the_screen, login, open_page, staff

pytestmark = pytest.mark.browser


def test_new_trend_cards_fit(chromium: Any, live: Any, screenshots: Path) -> None:
    async def prepare(services: Services) -> None:
        services.clock = lambda: NOW
        await _data(services)

    live.call(prepare)
    page = open_page(chromium, DESKTOP)
    login(page, live, staff(live, "talento_humano"))
    titles = (session_texts.SES_CARD_TREND.format(n=MONTHS),
              survey_texts.SURVEY_CARD_TREND.format(n=MONTHS),
              decl_texts.DECL_ASSETS_CARD_TREND.format(n=YEARS))
    for name, viewport in (("escritorio", DESKTOP), ("telefono", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(live.url + "/consola/")
        for title in titles:
            card = page.locator("section.card", has=page.get_by_role("heading", name=title))
            assert card.locator("svg.chart-columns").is_visible(), (title, name)
        assert fits_the_screen(page), f"Inicio overflows sideways ({name})"
        page.screenshot(path=str(screenshots / f"inicio-tendencias-{name}.png"), full_page=True)
    page.context.close()
