"""A session in a real browser: HR creates it with the form, finds a person of the directory
and adds her to the attendance list; the page fits a phone and every field has its label."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sesiones.web import messages
from tests.web.browser import (
    PHONE,
    fits_the_screen,
    login,
    open_page,
    seed_directory,
    staff,
    unlabeled_fields,
)

pytestmark = pytest.mark.browser


def test_session_page_create_and_add_attendance(chromium: Any, live: Any,
                                                screenshots: Any) -> None:
    seed_directory(live)
    email = staff(live, "talento_humano")
    page = open_page(chromium)
    login(page, live, email, then="/consola/sesiones/nueva")
    assert unlabeled_fields(page) == []
    page.get_by_label(messages.SES_F_TITLE).fill("Honestidad en la contratación")
    page.get_by_label(messages.SES_F_PLACE).fill("Auditorio principal")
    page.get_by_label(messages.SES_F_DAY).fill("2026-12-10")
    page.get_by_label(messages.SES_F_START).fill("09:00")
    page.get_by_label(messages.SES_F_END).fill("11:00")
    page.get_by_label(messages.SES_F_FACILITATOR).fill("Laura Gómez")
    page.get_by_label("Secretaría de Hacienda").check()
    page.get_by_role("button", name=messages.SES_F_SAVE).click()
    page.wait_for_url("**/consola/sesiones/*")
    assert "Secretaría de Hacienda" in page.locator("#dependencias").inner_text()
    page.get_by_label(messages.SES_SEARCH).fill("Persona 03")
    page.get_by_role("button", name=messages.SES_SEARCH_SUBMIT).click()
    page.get_by_role("button", name=messages.SES_ADD_LABEL.format(
        name="Persona 03 Apellido")).click()
    page.wait_for_selector("#asistencia")
    assert "Persona 03 Apellido" in page.locator("#asistencia").inner_text()
    assert messages.SES_CHANNELS["manual"] in page.locator("#asistencia").inner_text()
    path = page.url
    page.screenshot(path=str(screenshots / "sesion-escritorio.png"), full_page=True)
    page.context.close()
    phone = open_page(chromium, PHONE)
    login(phone, live, email, then=path.removeprefix(live.url))
    assert phone.locator("#asistencia").count() == 1
    assert fits_the_screen(phone)
    assert unlabeled_fields(phone) == []
    phone.screenshot(path=str(screenshots / "sesion-telefono.png"), full_page=True)
    phone.context.close()
