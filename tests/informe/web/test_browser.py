"""The plan de acción and the period report in a real browser, at desktop and phone width: HR
loads the plan from the seed, reads the summary and the activities, opens one, and downloads the
report's PDF and XLSX; every field has its label and nothing overflows sideways."""

from __future__ import annotations

from typing import Any

import pytest

from informe.web import messages
from tests.web.browser import DESKTOP, PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser


def test_plan_and_report_at_desktop_and_phone_width(chromium: Any, live: Any,
                                                    screenshots: Any) -> None:
    email = staff(live, "talento_humano")
    page = open_page(chromium, DESKTOP)
    login(page, live, email, then="/consola/informe")
    page.get_by_role("button", name=messages.INF_SEED_BUTTON).click()  # the seed report's plan
    page.wait_for_url(live.url + "/consola/informe")
    assert page.locator("#planeado").is_visible() and page.locator("#cumplimiento").is_visible()
    assert page.locator("#plan tbody tr").count() > 10
    for name, viewport in (("escritorio", DESKTOP), ("telefono", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(live.url + "/consola/informe")
        assert fits_the_screen(page), f"the plan overflows sideways ({name})"
        assert unlabeled_fields(page) == []
        page.screenshot(path=str(screenshots / f"informe-plan-{name}.png"), full_page=True)
        page.locator("#plan tbody a").first.click()
        page.wait_for_selector("#actividad")
        assert fits_the_screen(page), f"an activity overflows sideways ({name})"
        assert unlabeled_fields(page) == []
        page.screenshot(path=str(screenshots / f"informe-actividad-{name}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.goto(live.url + "/consola/informe")
    for link, start in (("#descargar-pdf", b"%PDF"), ("#descargar-xlsx", b"PK")):
        with page.expect_download() as download:
            page.locator(link).click()
        with open(download.value.path(), "rb") as data:
            assert data.read(4).startswith(start), link
    page.context.close()
