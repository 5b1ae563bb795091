"""What an HR office found in the campaign pages, checked in Chromium at desktop (1280 px) and
phone (390 px) width: a draft without channels, the statistics table with its reactions in
view, small thumbnails of the pieces. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select, update

from campañas import actions
from campañas.models import Delivery, Piece, Reaction
from campañas.web import messages
from nucleo.services import Services
from tests.campañas.conftest import add_people
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff

pytestmark = pytest.mark.browser


def _sent_campaign(live: Any) -> int:
    """A campaign sent to 40 people with deliveries in every state and reactions."""

    async def work(services: Services) -> int:
        people = await add_people(services.db, 40, start_chat=81000)
        async with services.db.session() as session:
            campaign = await actions.create_campaign(
                session, settings=services.settings, name="Honestidad con reacciones",
                value="honestidad", channels=["telegram"])
        for n in (1, 2):
            async with services.db.session() as session:
                await actions.add_piece(session, settings=services.settings,
                                        campaign_id=campaign.id,
                                        phrase=f"La honestidad número {n} nos une",
                                        author="Autora")
        async with services.db.session() as session:
            await actions.send_now(session, settings=services.settings,
                                   campaign_id=campaign.id, now=services.clock(),
                                   available={"telegram"})
        states = ["enviada"] * 20 + ["fallida", "bloqueada", "incierta", "enviando",
                                     "cancelada"] * 2
        async with services.db.session() as session:
            for person_id, state in zip(people, states, strict=False):
                await session.execute(update(Delivery).where(Delivery.person_id == person_id)
                                      .values(state=state))
            pieces = list(await session.scalars(select(Piece).where(
                Piece.campaign_id == campaign.id)))
            for piece in pieces:
                for person_id in people[:12]:
                    for button in [b["key"] for b in piece.buttons if b["key"] != "comentar"]:
                        session.add(Reaction(piece_id=piece.id, person_id=person_id,
                                             button=button))
            await session.commit()
        return campaign.id

    return live.call(work, timeout=60)


def test_statistics_show_their_reactions_without_scrolling(chromium: Any, live: Any,
                                                           screenshots: Path) -> None:
    campaign_id = _sent_campaign(live)
    email = staff(live, "talento_humano")
    page = open_page(chromium)
    login(page, live, email, f"/consola/campanas/{campaign_id}")
    table = page.locator("#estadisticas")
    table.scroll_into_view_if_needed()
    header = table.locator("thead th").all_inner_texts()
    assert header[:2] == [messages.COL_PIECE, messages.STATS_REACTIONS]
    assert "Saliendo" in header and "Canceladas" in header  # states with deliveries show
    region = page.locator(".table-wrap", has=table)
    assert page.evaluate("e => e.scrollWidth <= e.clientWidth", region.element_handle())
    reactions = table.locator("tbody tr").first.locator("td").first
    box, view = reactions.bounding_box(), page.viewport_size
    assert box is not None and view is not None and box["x"] + box["width"] <= view["width"]
    assert "12" in reactions.inner_text()
    thumb = page.locator("img.piece-image").first
    thumb.scroll_into_view_if_needed()
    assert thumb.get_attribute("loading") == "lazy"
    assert (thumb.get_attribute("width"), thumb.get_attribute("height")) == ("240", "240")
    assert page.evaluate("i => i.complete && i.naturalWidth", thumb.element_handle()) == 480
    assert fits_the_screen(page)
    page.locator("#stats-h").screenshot(path=screenshots / "campanas-estadisticas-titulo.png")
    page.screenshot(path=screenshots / "campanas-estadisticas-escritorio.png", full_page=True)
    phone = open_page(chromium, PHONE)
    login(phone, live, email, f"/consola/campanas/{campaign_id}")
    assert fits_the_screen(phone)
    phone.locator("#estadisticas").scroll_into_view_if_needed()
    phone.screenshot(path=screenshots / "campanas-estadisticas-telefono.png", full_page=True)
    page.context.close()
    phone.context.close()


def test_a_draft_without_channels_gets_them_later(chromium: Any, live: Any,
                                                  screenshots: Path) -> None:
    email = staff(live, "talento_humano")
    page = open_page(chromium)
    login(page, live, email, "/consola/campanas")
    page.get_by_label(messages.CAMPAIGN_NAME, exact=True).fill("Borrador sin canales")
    page.get_by_label(messages.CAMPAIGN_VALUE, exact=True).select_option("respeto")
    for box in page.locator("input[name=canales]").all():
        box.uncheck()
    page.get_by_role("button", name=messages.CAMPAIGN_SUBMIT).click()
    page.wait_for_url("**/consola/campanas/*")
    assert messages.CHANNELS_NONE in page.locator("#canales").inner_text()
    page.screenshot(path=screenshots / "campanas-sin-canales-escritorio.png", full_page=True)
    phrase = page.get_by_label(messages.PIECE_PHRASE, exact=True)
    phrase.fill("Respeto 🤝 " * 60)  # maxlength stops it at 500
    assert page.locator("#f-frase-cuenta").inner_text() == "500"
    page.get_by_role("button", name=messages.PIECE_SUBMIT).click()
    notice = page.get_by_role("status").inner_text()
    assert "no puede dibujar" not in notice  # 🤝 is drawn with the colour emoji font
    thumb = page.locator("img.piece-image").first
    thumb.scroll_into_view_if_needed()
    page.locator(".piece").first.screenshot(path=screenshots / "campanas-frase-larga.png")
    page.locator("#f-canal-telegram").check()
    page.get_by_role("button", name=messages.CHANNELS_SAVE).click()
    page.wait_for_url("**#canales")
    assert page.locator("#canales").inner_text() == "Telegram"
    phone = open_page(chromium, PHONE)
    login(phone, live, email, page.url.removeprefix(live.url).split("#")[0])
    assert fits_the_screen(phone)
    phone.screenshot(path=screenshots / "campanas-sin-canales-telefono.png", full_page=True)
    page.context.close()
    phone.context.close()


def test_upload_the_entity_s_logo_and_see_it_on_a_new_card(chromium: Any, live: Any,
                                                           screenshots: Path,
                                                           tmp_path: Path) -> None:
    shield = Image.new("RGBA", (600, 700), (0, 0, 0, 0))
    shield.paste((240, 190, 20, 255), (60, 40, 540, 660))
    shield.save(tmp_path / "escudo.png")
    email = staff(live, "talento_humano")
    page = open_page(chromium)
    login(page, live, email, "/consola/campanas")
    page.get_by_label(messages.LOGO_FILE, exact=True).set_input_files(tmp_path / "escudo.png")
    page.get_by_role("button", name=messages.LOGO_SUBMIT).click()
    page.wait_for_url("**/consola/campanas#logo")
    assert messages.LOGO_SAVED in page.get_by_role("status").inner_text()
    preview = page.get_by_alt_text(messages.LOGO_CURRENT_ALT)
    assert page.evaluate("i => i.complete && i.naturalHeight", preview.element_handle()) == 400
    assert fits_the_screen(page)
    page.locator("#logo").screenshot(path=screenshots / "campanas-logo.png")
    page.get_by_label(messages.CAMPAIGN_NAME, exact=True).fill("Con escudo")
    page.get_by_label(messages.CAMPAIGN_VALUE, exact=True).select_option("justicia")
    page.get_by_role("button", name=messages.CAMPAIGN_SUBMIT).click()
    page.wait_for_url("**/consola/campanas/*")
    page.get_by_label(messages.PIECE_PHRASE, exact=True).fill("La justicia empieza en casa.")
    page.get_by_role("button", name=messages.PIECE_SUBMIT).click()
    page.get_by_role("link", name=messages.PIECE_PREVIEW_OF.format(n=1)).click()
    page.locator("main img").first.screenshot(path=screenshots / "campanas-pieza-con-logo.png")
    phone = open_page(chromium, PHONE)
    login(phone, live, email, "/consola/campanas")
    assert fits_the_screen(phone)
    phone.locator("#logo").screenshot(path=screenshots / "campanas-logo-telefono.png")
    page.context.close()
    phone.context.close()
