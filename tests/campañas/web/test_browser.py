"""Campañas in a real browser, against the whole service (bot, delivery engine, scheduler)
talking to the Telegram double: create a campaign, generate its graphic, preview it, test it,
schedule it, send it to subscribers, watch the progress reach 100 % and download the stats."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from api.wiring import build_components
from bot.people import register_person
from bot.privacy import CAMPAIGNS
from campañas.web import messages
from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram import TelegramDouble
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
SUBSCRIBERS = [7101, 7102, 7103, 7104, 7105, 7106]
STAFF_CHAT = 7999
WEEKLY_NAME = "Valor de la semana 2026 " + "Larguísimo" * 12  # one very long word
CALENDAR_NOW = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)  # Tuesday 10:00 in Bogotá


@pytest.fixture(scope="module")
def telegram() -> Iterator[TelegramDouble]:
    """One double for the module's live server (the function-scoped fixtures cannot serve it)."""
    with TelegramDouble(unlimited=True) as double:
        yield double
        assert not double.violations, double.violations


@pytest.fixture(scope="module")
def service(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory,
            telegram: TelegramDouble) -> Iterator[Any]:
    """The whole service (``build_components``) on 127.0.0.1, sending through the double at
    5 messages a second so that the progress can be watched."""
    from tests.web.live_server import LiveServer

    folder = tmp_path_factory.mktemp("live-campaigns")
    shutil.copy(sqlite_template, folder / "valor.db")
    settings = load_settings(data_dir=folder, secret_key="browser-secret-key-0123456789abcdef-c",
                             entity_name="Alcaldía de Prueba", telegram_token=telegram.token,
                             telegram_base_url=telegram.base_url, telegram_rate=5)
    server = LiveServer(settings, f"sqlite+aiosqlite:///{folder / 'valor.db'}",
                        components=build_components)
    server.start()
    yield server
    server.stop()


def _subscribe(service: Any) -> None:
    """People who said yes to the campaigns in the bot (the bot's own registration action)."""

    async def work(services: Services) -> None:
        async with services.db.session() as session:
            for chat in SUBSCRIBERS:
                await register_person(session, channel="telegram", user_id=str(chat),
                                      decisions={CAMPAIGNS: True}, now=services.clock())
            await session.commit()

    service.call(work)


def _link_chat(service: Any, email: str) -> None:
    async def work(services: Services) -> None:
        async with services.db.session() as session:
            account = (await session.execute(
                StaffAccount.__table__.select().where(StaffAccount.email == email))).first()
            row = await session.get(StaffAccount, account.id)
            row.telegram_chat_id = STAFF_CHAT
            await session.commit()

    service.call(work)


def _download(page: Any, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_create_preview_schedule_send_and_export(chromium: Any, service: Any,
                                                 telegram: TelegramDouble,
                                                 screenshots: Path) -> None:
    _subscribe(service)
    email = staff(service, "talento_humano", "Ana Talento")
    _link_chat(service, email)
    page = open_page(chromium)
    login(page, service, email, "/consola/campanas")

    page.get_by_label(messages.CAMPAIGN_NAME, exact=True).fill("Honestidad en marzo")
    page.get_by_label(messages.CAMPAIGN_VALUE, exact=True).select_option("honestidad")
    page.get_by_role("button", name=messages.CAMPAIGN_SUBMIT).click()
    page.wait_for_url("**/consola/campanas/*")
    assert "Se creó la campaña" in page.get_by_role("status").inner_text()
    assert unlabeled_fields(page) == []

    page.get_by_label(messages.PIECE_PHRASE, exact=True).fill(
        "La honestidad es el primer capítulo del libro de la sabiduría")
    page.get_by_label(messages.PIECE_AUTHOR, exact=True).fill("Thomas Jefferson")
    page.get_by_role("button", name=messages.PIECE_SUBMIT).click()
    assert messages.PIECE_ADDED.format(n=1) in page.get_by_role("status").inner_text()
    image = page.locator("img.piece-image").first
    image.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) \
        == 480  # the page shows a small copy; the preview and the sends use the 1080-px image
    page.screenshot(path=screenshots / "campanas-detalle-escritorio.png", full_page=True)

    page.get_by_role("link", name=messages.PIECE_PREVIEW_OF.format(n=1)).click()
    assert page.locator("h1").inner_text() == messages.PREVIEW_TITLE
    assert page.locator("#vista-previa-texto strong").inner_text() == "Honestidad"
    assert page.locator(".tg-buttons li").all_inner_texts() == ["👍 Me identifica",
                                                                "💬 Comentar"]
    page.screenshot(path=screenshots / "campanas-vista-previa-escritorio.png", full_page=True)
    page.go_back()

    page.get_by_role("button", name=messages.TEST_SUBMIT).click()
    assert f"Prueba enviada a Telegram ({STAFF_CHAT})." in page.get_by_role(
        "status").inner_text()
    test = telegram.wait_for_messages(STAFF_CHAT, 1)[0]
    assert test.method == "sendPhoto" and test.caption.startswith("[PRUEBA] Honestidad")

    tomorrow = service.call(_tomorrow)
    page.get_by_label(messages.SCHEDULE_AT, exact=True).fill(tomorrow + "T08:00")
    page.get_by_role("button", name=messages.SCHEDULE_SUBMIT_ONCE).click()
    assert "Campaña programada: Una vez:" in page.get_by_role("status").inner_text()

    page.locator("summary", has_text=messages.SEND_NOW).click()
    page.get_by_role("button", name=messages.SEND_NOW_YES).click()
    page.wait_for_url("**#progreso")
    bar = page.locator("#progreso-barra")
    assert bar.get_attribute("max") == str(len(SUBSCRIBERS))
    assert int(bar.get_attribute("value")) < len(SUBSCRIBERS)  # still sending: watch it
    expect(bar).to_have_attribute("value", str(len(SUBSCRIBERS)), timeout=15_000)
    expect(page.locator("#estado-campana")).to_have_text(messages.CAMPAIGN_STATUS["finalizada"])
    expect(page.locator("#progreso-fin")).to_be_visible()
    done = len(SUBSCRIBERS)
    assert page.locator("#progreso-texto").inner_text().startswith(f"{done} de {done} procesados")
    page.screenshot(path=screenshots / "campanas-progreso-escritorio.png", full_page=True)
    for chat in SUBSCRIBERS:
        sent = telegram.wait_for_messages(chat, 1)
        assert len(sent) == 1 and sent[0].method == "sendPhoto" and sent[0].photo
        assert sent[0].caption.startswith("Honestidad\n\n«La honestidad es el primer")
        assert [b["text"] for b in sent[0].buttons[0]] == ["👍 Me identifica", "💬 Comentar"]
    assert telegram.uploads_count == 1  # the image went up once (the test send)

    page.reload()
    rows = list(csv.reader(io.StringIO(_download(page, messages.STATS_CSV).decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[0][:3] == ["Pieza", "Valor", "Frase"] and rows[1][7] == str(done)
    book = load_workbook(io.BytesIO(_download(page, messages.STATS_XLSX)))
    assert book[messages.XLSX_SHEET_RUNS]["H2"].value == done

    page.goto(service.url + "/consola/campanas")
    assert page.locator("#campanas tbody tr").count() == 1
    page.screenshot(path=screenshots / "campanas-lista-escritorio.png", full_page=True)
    page.context.close()


def test_the_value_calendar_on_a_phone(chromium: Any, sqlite_template: Path, tmp_path: Path,
                                       screenshots: Path) -> None:
    """The calendar's weeks count from the page's own clock, fixed here: a Tuesday."""
    from tests.web.live_server import LiveServer

    shutil.copy(sqlite_template, tmp_path / "valor.db")
    settings = load_settings(data_dir=tmp_path, secret_key="browser-secret-key-0123456789abcdef-k",
                             entity_name="Alcaldía de Prueba", telegram_token="1:no-bot-runs",
                             telegram_base_url="http://127.0.0.1:9/bot")  # web app only
    server = LiveServer(settings, f"sqlite+aiosqlite:///{tmp_path / 'valor.db'}",
                        clock=lambda: CALENDAR_NOW)
    server.start()
    try:
        _subscribe(server)
        server.call(_weekly_rotation)
        email = staff(server, "talento_humano", "Ana Talento")
        phone = open_page(chromium, PHONE)
        login(phone, server, email, "/consola/campanas/calendario")
        rows = phone.locator("#calendario tbody tr")
        assert rows.count() == 8 and "Valor de la semana 2026" in rows.first.inner_text()
        assert "Respeto: la base de la convivencia" in phone.locator("#calendario").inner_text()
        assert fits_the_screen(phone), "the calendar overflows sideways on a phone"
        phone.screenshot(path=screenshots / "campanas-calendario-telefono.png", full_page=True)
        phone.get_by_role("link", name=WEEKLY_NAME).first.click()
        assert phone.locator("h1").inner_text() == WEEKLY_NAME
        assert fits_the_screen(phone), "a long campaign name overflows on a phone"
        phone.goto(server.url + "/consola/campanas")
        assert fits_the_screen(phone)
        phone.context.close()
    finally:
        server.stop()


async def _tomorrow(services: Services) -> str:
    return (services.clock() + timedelta(days=1)).astimezone(services.settings.tz).strftime(
        "%Y-%m-%d")


async def _weekly_rotation(services: Services) -> None:
    """A rotating weekly campaign with two pieces, made with the campaign actions, for the
    calendar: sent on Fridays, so this week's send is still ahead."""
    from campañas import actions

    settings, now = services.settings, services.clock()
    async with services.db.session() as session:
        campaign = await actions.create_campaign(
            session, settings=settings, name=WEEKLY_NAME, rotation=True)
        for value, phrase in (("honestidad", "Decir la verdad, siempre"),
                              ("respeto", "Respeto: la base de la convivencia")):
            await actions.add_piece(session, settings=settings, campaign_id=campaign.id,
                                    phrase=phrase, value=value)
        await actions.schedule_campaign(
            session, settings=settings, campaign_id=campaign.id, now=now,
            weekly={"weekday": 4, "time": "10:00", "timezone": settings.timezone})


def test_the_whatsapp_template_form(chromium: Any, service: Any, screenshots: Path) -> None:
    email = staff(service, "talento_humano", "Beto Plantillas")
    page = open_page(chromium)
    login(page, service, email, "/consola/campanas")
    page.get_by_label(messages.CAMPAIGN_NAME, exact=True).fill("Respeto por WhatsApp")
    page.get_by_label(messages.CAMPAIGN_VALUE, exact=True).select_option("respeto")
    page.locator("#f-canal-whatsapp").check()
    page.get_by_role("button", name=messages.CAMPAIGN_SUBMIT).click()
    page.wait_for_url("**/consola/campanas/*")
    assert page.locator("#plantilla-actual").inner_text() == messages.WA_TEMPLATE_NONE
    page.get_by_label(messages.WA_TEMPLATE_NAME, exact=True).fill("valor de la semana")
    page.get_by_label(messages.WA_TEMPLATE_SLOT.format(n=1), exact=True).select_option("frase")
    page.get_by_role("button", name=messages.WA_TEMPLATE_SAVE).click()
    assert "nombre de la plantilla" in page.locator(".error").first.inner_text()
    assert page.get_by_label(messages.WA_TEMPLATE_NAME, exact=True).input_value() == \
        "valor de la semana"
    page.get_by_label(messages.WA_TEMPLATE_NAME, exact=True).fill("valor_de_la_semana")
    page.get_by_label(messages.WA_TEMPLATE_LANGUAGE, exact=True).fill("es_CO")
    page.get_by_role("button", name=messages.WA_TEMPLATE_SAVE).click()
    page.wait_for_url("**#plantilla-whatsapp")
    assert "Se guardó la plantilla de WhatsApp «valor_de_la_semana» (es_CO)" in \
        page.get_by_role("status").inner_text()
    assert unlabeled_fields(page) == []
    page.locator("#plantilla-whatsapp").screenshot(
        path=screenshots / "campanas-plantilla-whatsapp.png")
    page.context.close()
