"""The directory in a real browser (Debian's headless Chromium): search without accents, edit,
retire, the retired shown apart, and the coverage page on a phone (SQLite only, see
tests/api/console/test_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nucleo.directory.superior_edit import MAX_CANDIDATES
from nucleo.directory.web import messages as texts
from nucleo.web.console import messages as ui
from tests.web.browser import (
    DESKTOP,
    PHONE,
    fits_the_screen,
    login,
    open_page,
    seed_directory,
    staff,
    unlabeled_fields,
)

pytestmark = pytest.mark.browser


def test_search_edit_and_retire(chromium: Any, live: Any, screenshots: Path) -> None:
    seed_directory(live)
    page = open_page(chromium, DESKTOP)
    login(page, live, staff(live, "talento_humano"), "/consola/directorio")
    page.get_by_label(texts.SEARCH, exact=True).fill("persona 07 apellído")
    page.get_by_role("button", name=ui.FILTER).click()
    rows = page.locator("#personas tbody tr")
    assert rows.count() == 1 and "Persona 07 Apellido" in rows.first.inner_text()
    page.get_by_role("link", name="Persona 07 Apellido").click()
    page.get_by_label(texts.FIELD_NAME, exact=True).fill("Álvaro Muñoz")
    page.get_by_label(texts.FIELD_DOCUMENT, exact=True).fill("1.020.304")
    page.get_by_role("button", name=texts.SAVE).click()
    assert texts.PERSON_SAVED in page.get_by_role("status").inner_text()
    assert page.get_by_label(texts.FIELD_DOCUMENT, exact=True).input_value() == "1020304"
    assert unlabeled_fields(page) == []
    page.get_by_label(texts.FIELD_EMAIL, exact=True).fill("otra@")
    page.evaluate("document.getElementById('f-email').type = 'text'")  # past the browser check
    page.get_by_role("button", name=texts.SAVE).click()
    assert page.get_by_role("alert").inner_text() == "El correo no es válido."
    page.get_by_role("button", name=texts.RETIRE).click()
    assert texts.PERSON_RETIRED in page.get_by_role("status").inner_text()
    page.screenshot(path=screenshots / "directorio-persona-retirada-escritorio.png",
                    full_page=True)
    page.goto(live.url + "/consola/directorio?q=munoz")
    assert page.locator("#personas").count() == 0  # retired: not among the active
    assert "Retiradas: 1." in page.locator("#retiradas-aparte").inner_text()
    page.goto(live.url + "/consola/directorio?q=munoz&estado=retiradas")
    assert page.locator("#personas tbody tr").count() == 1
    page.context.close()


@pytest.mark.parametrize("device,viewport", [("escritorio", DESKTOP), ("telefono", PHONE)])
def test_coverage_fits_and_offers_posters(chromium: Any, live: Any, screenshots: Path,
                                          device: str, viewport: dict[str, int]) -> None:
    seed_directory(live)
    page = open_page(chromium, viewport)
    login(page, live, staff(live, "admin"), "/consola/directorio/cobertura")
    assert page.locator("main h1").inner_text() == texts.COVERAGE_TITLE
    assert page.locator("#cobertura tbody tr").count() >= 6
    assert page.locator("#cobertura a", has_text=texts.POSTER_PDF).count() >= 6
    assert fits_the_screen(page), f"coverage overflows sideways on {device}"
    page.screenshot(path=screenshots / f"directorio-cobertura-{device}.png", full_page=True)
    page.context.close()


def test_choose_and_clear_the_superior(chromium: Any, live: Any, screenshots: Path) -> None:
    """#18: a partial name lists the people it matches; HR picks one, then clears it."""
    seed_directory(live)
    page = open_page(chromium, DESKTOP)
    login(page, live, staff(live, "talento_humano"), "/consola/directorio?q=persona+01")
    page.get_by_role("link", name="Persona 01 Apellido").click()
    page.get_by_label(texts.SUPERIOR_SEARCH, exact=True).fill("apellido")
    page.get_by_role("button", name=texts.SUPERIOR_SUBMIT).click()
    assert "elija una de la lista" in page.locator("#jefe-error").inner_text()
    offered = page.locator("#candidatos-jefe li")
    assert offered.count() == MAX_CANDIDATES  # everybody matches: the first, in order
    assert "Persona 01 Apellido" not in page.locator("#candidatos-jefe").inner_text()
    assert unlabeled_fields(page) == []
    page.screenshot(path=screenshots / "directorio-elegir-jefe.png", full_page=True)
    offered.filter(has_text="Persona 03 Apellido").get_by_role(
        "button", name=texts.SUPERIOR_CHOOSE).click()
    assert texts.SUPERIOR_SAVED in page.get_by_role("status").inner_text()
    assert "Persona 03 Apellido" in page.locator("#jefe-inmediato").inner_text()
    page.get_by_role("button", name=texts.SUPERIOR_CLEAR).click()
    assert texts.SUPERIOR_CLEARED in page.get_by_role("status").inner_text()
    assert texts.NO_SUPERIOR in page.locator("#jefe-inmediato").inner_text()
    page.context.close()
