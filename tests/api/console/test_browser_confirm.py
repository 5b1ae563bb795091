"""Confirmation pages in a real browser (Chromium): deactivating an account asks first, «No,
volver» changes nothing, and the confirmed form does it; then the account comes back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.console import messages
from nucleo.web.console import messages as ui
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff

pytestmark = pytest.mark.browser


def test_deactivate_asks_first_then_reactivate(chromium: Any, live: Any,
                                               screenshots: Path) -> None:
    other = staff(live, "asesor", "Asesora Confirmada")
    page = open_page(chromium)
    login(page, live, staff(live, "admin"), "/consola/personal")
    page.get_by_role("button", name=messages.STAFF_DEACTIVATE_LABEL.format(email=other)).click()
    question = messages.STAFF_DEACTIVATE_QUESTION.format(email=other)
    assert page.get_by_text(question).count() == 1
    page.screenshot(path=screenshots / "confirmar-desactivar-escritorio.png", full_page=True)
    page.get_by_role("link", name=ui.CONFIRM_CANCEL).click()
    assert page.get_by_text(messages.ACTIVE, exact=True).count() == 1  # still active
    page.get_by_role("button", name=messages.STAFF_DEACTIVATE).click()
    page.get_by_role("button", name=messages.STAFF_DEACTIVATE_CONFIRM).click()
    page.wait_for_url(live.url + "/consola/personal")
    status = page.get_by_role("status").inner_text()
    assert status == messages.STAFF_DEACTIVATED.format(email=other)
    page.get_by_role("link", name=messages.STAFF_OPEN_LABEL.format(email=other)).click()
    page.get_by_role("button", name=messages.STAFF_REACTIVATE).click()
    status = page.get_by_role("status").inner_text()
    assert status == messages.STAFF_REACTIVATED.format(email=other)
    page.context.close()

    phone = open_page(chromium, PHONE)
    login(phone, live, staff(live, "admin"), "/consola/personal")
    phone.get_by_role("button", name=messages.STAFF_DEACTIVATE_LABEL.format(email=other)).click()
    assert phone.get_by_text(question).count() == 1
    assert fits_the_screen(phone)
    phone.screenshot(path=screenshots / "confirmar-desactivar-telefono.png", full_page=True)
    phone.context.close()
