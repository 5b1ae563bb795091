"""Campañas in the console: create, pieces (generated, uploaded, refused), preview, caption,
test send, schedule, send, pause/resume/cancel, progress, stats exports, calendar, roles."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import func, select

from campañas import messages as campaign_messages
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.runtime import get_runtime
from campañas.web import messages
from nucleo.formats import date_text
from nucleo.models import AuditEntry, Person, StaffAccount
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.bot.consultas.desk import Clock, bogota
from tests.campañas.conftest import settings_for
from tests.web.console import ConsoleUser, LoginAs

NNBSP = "\u202f"  # Babel's narrow no-break space in «a. m.»

MONTH_NOW = datetime(2025, 12, 3, 13, 0, tzinfo=UTC)  # a Wednesday, 8:00 in Bogotá

LONG_NAME = "Campaña <b>Honestidad</b> " + "Larguísima" * 15


@pytest.fixture
def settings(settings):
    """Telegram configured (nothing is sent unless a test points it at the double)."""
    settings.telegram_token = type(settings.secret_key)("123:abc")
    return settings


async def _count(services: Services, model: type) -> int:
    async with services.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _people(services: Services, n: int = 3) -> None:
    async with services.db.session() as session:
        session.add_all([Person(full_name=f"Persona {i}", telegram_chat_id=900 + i,
                                kind="servidor") for i in range(n)])
        await session.commit()


async def _campaign(user: ConsoleUser, **form: str) -> int:
    response = await user.post("/consola/campanas", {
        "nombre": "Honestidad en marzo", "valor": "honestidad", "audiencia": "todos",
        "canales": "telegram", **form})
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


async def _piece(user: ConsoleUser, campaign_id: int, **form: str) -> int:
    response = await user.post(f"/consola/campanas/{campaign_id}/piezas",
                               {"frase": "La verdad nos hace libres", **form})
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("-", 1)[1])


def _png(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(out, format="PNG")
    return out.getvalue()


async def test_create_then_list_and_open(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user, nombre=LONG_NAME, valor="rotacion")
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert page.status_code == 200
    assert messages.CAMPAIGN_CREATED.split("«")[0] in page.text
    assert "Campaña &lt;b&gt;Honestidad&lt;/b&gt;" in page.text and "<b>Honestidad" not in page.text
    listing = await user.get("/consola/campanas")
    assert 'class="status status-borrador"' in listing.text and messages.ROTATION in listing.text
    assert f'href="/consola/campanas/{campaign_id}"' in listing.text


async def test_create_errors_come_back_on_the_form(login_as: LoginAs,
                                                   services: Services) -> None:
    user = await login_as("admin")
    empty = await user.post("/consola/campanas", {"nombre": "  ", "valor": "honestidad",
                                                  "canales": "telegram"})
    assert empty.status_code == 422
    assert campaign_messages.CAMPAIGN_NAME_REQUIRED in empty.text
    huge = await user.post("/consola/campanas", {"nombre": "N" * 1500, "valor": "honestidad",
                                                 "canales": "telegram"})
    assert huge.status_code == 422 and "máximo 200 caracteres" in huge.text
    assert 'value="' + "N" * 1500 + '"' in huge.text  # what was typed is kept
    bad_list = await user.post("/consola/campanas", {
        "nombre": "Prueba", "valor": "honestidad", "audiencia": "lista",
        "personas": "1, dos", "canales": "telegram"})
    assert messages.CAMPAIGN_LIST_BAD in bad_list.text
    unknown = await user.post("/consola/campanas", {
        "nombre": "Prueba", "valor": "honestidad", "audiencia": "lista",
        "personas": "4242", "canales": "telegram"})
    assert "No existen estas personas: 4242" in unknown.text
    stranger = await user.post("/consola/campanas", {
        "nombre": "Prueba", "valor": "honestidad", "audiencia": "lista",
        "personas": "nadie@x.co", "canales": "telegram"})
    assert messages.CAMPAIGN_LIST_UNKNOWN.format(emails="nadie@x.co") in stranger.text
    form = await user.get("/consola/campanas")  # e-mail is offered, marked, not ticked
    assert 'value="correo">' in form.text and messages.CHANNEL_NOT_CONFIGURED in form.text
    email = await user.post("/consola/campanas", {"nombre": "Borrador por correo",
                                                  "valor": "honestidad", "canales": "correo"})
    assert email.status_code in (200, 303) and "no está configurado" not in email.text
    value = await user.post("/consola/campanas", {"nombre": "Prueba", "valor": "<x>",
                                                  "canales": "telegram"})
    assert "El valor «&lt;x&gt;» no existe" in value.text
    assert await _count(services, Campaign) == 1  # only the e-mail draft


async def test_pieces_generated_uploaded_and_refused(login_as: LoginAs,
                                                     services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    generated = await _piece(user, campaign_id, autor="Juan 8:32")
    image = await user.get(f"/consola/campanas/{campaign_id}/piezas/{generated}/imagen")
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    uploaded = await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": "Subida"},
                               files={"imagen": ("foto.png", _png(), "image/png")})
    assert uploaded.status_code == 303
    not_image = await user.post(f"/consola/campanas/{campaign_id}/piezas",
                                {"frase": "Mi frase <i>querida</i>", "autor": "Ana"},
                                files={"imagen": ("virus.png", b"MZ\x90\x00" * 50,
                                                  "image/png")})
    assert not_image.status_code == 422
    assert campaign_messages.IMAGE_BAD_FORMAT in not_image.text
    assert "Mi frase &lt;i&gt;querida&lt;/i&gt;</textarea>" in not_image.text
    too_big = await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": "Grande"},
                              files={"imagen": ("g.png", b"\x89PNG" + bytes(10 * 2**20),
                                                "image/png")})
    assert too_big.status_code == 422 and "pesa más de 10 MB" in too_big.text
    empty = await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": "Vacía"},
                            files={"imagen": ("v.png", b"", "image/png")})
    assert campaign_messages.IMAGE_EMPTY in empty.text
    bad_caption = await user.post(f"/consola/campanas/{campaign_id}/piezas",
                                  {"frase": "Texto", "texto": "<script>alert(1)</script>"})
    assert "La etiqueta &lt;script&gt; no está permitida" in bad_caption.text
    long_caption = await user.post(f"/consola/campanas/{campaign_id}/piezas",
                                   {"frase": "Texto", "texto": "x" * 40_000})
    assert long_caption.status_code == 422 and "demasiado largo" in long_caption.text
    assert await _count(services, Piece) == 2
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert page.text.count('class="card piece"') == 2
    thumbs = re.findall(r'<img class="piece-image" src="([^"]+)"[^>]* width="(\d+)" '
                        r'height="(\d+)" loading="lazy"', page.text)
    assert [(w, h) for _src, w, h in thumbs] == [("240", "240"), ("240", "160")]
    from campañas.pieces import THUMBNAIL_SIZES

    sizes = services.need(THUMBNAIL_SIZES)
    reads = sizes.reads
    assert (await user.get(f"/consola/campanas/{campaign_id}")).text.count('height="160"') == 1
    assert sizes.reads == reads  # each header read once per process, not on every render
    small = await user.get(thumbs[0][0])  # made when the piece was added, kept on disk
    assert small.status_code == 200 and small.headers["content-type"] == "image/webp"
    assert "immutable" in small.headers["cache-control"]
    assert Image.open(io.BytesIO(small.content)).size == (480, 480)
    assert len(small.content) < len(image.content) / 4
    async with services.db.session() as session:
        first = await session.get(Piece, generated)
        assert first is not None
        kept = Path(services.settings.data_dir) / "campaigns" / "thumbnails" / \
            f"{first.image_sha256}-480.webp"
    kept.unlink()  # made again, lazily, when asked for
    again = await user.get(thumbs[0][0])
    assert again.status_code == 200 and again.content == small.content and kept.exists()
    uploaded_thumb = await user.get(thumbs[1][0])
    assert Image.open(io.BytesIO(uploaded_thumb.content)).size == (60, 40)  # never enlarged
    missing = await user.get(f"/consola/campanas/{campaign_id}/piezas/424242/imagen")
    assert missing.status_code == 404


async def test_preview_shows_what_people_get(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    piece_id = await _piece(
        user, campaign_id, frase="Frase con <script>alert(1)</script>",
        texto='<b>Honestidad</b>\n«Una frase» &amp; <a href="https://alcaldia.gov.co">más</a>',
        botones="🙌 Me gusta|🤔 Lo pienso")
    page = await user.get(f"/consola/campanas/{campaign_id}/piezas/{piece_id}/vista-previa")
    assert page.status_code == 200
    text = page.text.split('id="vista-previa-texto">', 1)[1].split("</div>", 1)[0]
    assert text.startswith("<strong>Honestidad</strong><br>")
    assert '<a href="https://alcaldia.gov.co" target="_blank" rel="noopener noreferrer">más</a>' \
        in text and "&amp;" in text
    assert "<li>🙌 Me gusta</li><li>🤔 Lo pienso</li>" in page.text
    assert "&lt;script&gt;" in page.text and "<script>alert" not in page.text
    assert (await user.get(f"/consola/campanas/{campaign_id}/piezas/{piece_id}/vista-previa"
                           "?x=1")).status_code == 400


async def test_caption_edit_until_sent(login_as: LoginAs, services: Services) -> None:
    await _people(services)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    piece_id = await _piece(user, campaign_id)
    url = f"/consola/campanas/{campaign_id}/piezas/{piece_id}/texto"
    saved = await user.post(url, {"texto": "<i>Nuevo texto</i>"})
    assert saved.status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.PIECE_CAPTION_SAVED.format(n=1) in page.text
    assert "&lt;i&gt;Nuevo texto&lt;/i&gt;</textarea>" in page.text
    broken = await user.post(url, {"texto": "<b>sin cerrar"})
    assert broken.status_code == 422 and "Falta cerrar la etiqueta &lt;b&gt;" in broken.text
    assert "&lt;b&gt;sin cerrar</textarea>" in broken.text
    await user.post(f"/consola/campanas/{campaign_id}/enviar")
    late = await user.post(url, {"texto": "tarde"})
    assert late.status_code == 422 and campaign_messages.PIECE_ALREADY_SENT in late.text


async def test_schedule_once_and_weekly(login_as: LoginAs, services: Services) -> None:
    await _people(services)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    url = f"/consola/campanas/{campaign_id}/programar"
    no_piece = await user.post(url, {"tipo": "semanal", "dia": "0", "hora": "08:00"})
    assert no_piece.status_code == 422 and campaign_messages.CAMPAIGN_NO_PIECES in no_piece.text
    await _piece(user, campaign_id)
    local = (services.clock() + timedelta(days=2)).astimezone(services.settings.tz)
    bad = await user.post(url, {"tipo": "unica", "fecha": "mañana"})
    assert bad.status_code == 422 and messages.SCHEDULE_BAD_DATE in bad.text
    assert 'value="mañana"' in bad.text
    past = await user.post(url, {"tipo": "unica", "fecha": "2020-01-01T08:00"})
    assert "ya pasó" in past.text
    odd = await user.post(url, {"tipo": "cada-rato"})
    assert messages.SCHEDULE_BAD_KIND in odd.text
    once = await user.post(url, {"tipo": "unica", "fecha": local.strftime("%Y-%m-%dT08:00")})
    assert once.status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert "Campaña programada: Una vez: " + date_text(local) + f", 8:00{NNBSP}a.{NNBSP}m." in page.text
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign.send_at.astimezone(services.settings.tz).hour == 8
    weekly = await user.post(url, {"tipo": "semanal", "dia": "2", "hora": "09:30"})
    assert weekly.status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert f"Cada miércoles a las 9:30{NNBSP}a.{NNBSP}m." in page.text
    bad_hour = await user.post(url, {"tipo": "semanal", "dia": "2", "hora": "25:00"})
    assert "La hora «25:00» no es válida" in bad_hour.text


async def test_a_draft_without_channels_gets_them_later(login_as: LoginAs,
                                                        services: Services) -> None:
    await _people(services)
    user = await login_as("talento_humano")
    created = await user.post("/consola/campanas", {"nombre": "Sin canales aún",
                                                    "valor": "honestidad", "audiencia": "todos"})
    assert created.status_code == 303, created.text
    campaign_id = int(created.headers["location"].rsplit("/", 1)[1])
    base = f"/consola/campanas/{campaign_id}"
    await _piece(user, campaign_id)
    page = await user.get(base)
    assert messages.CHANNELS_NONE in page.text and f'action="{base}/canales"' in page.text
    assert 'name="canales" type="checkbox" value="telegram">' in page.text  # none ticked
    for path, form in (("/programar", {"tipo": "semanal", "dia": "0", "hora": "08:00"}),
                       ("/enviar", {})):
        refused = await user.post(base + path, form)
        assert refused.status_code == 422
        assert campaign_messages.CAMPAIGN_NO_CHANNELS in refused.text
    odd = await user.post(base + "/canales", {"canales": "fax"})
    assert odd.status_code == 422 and "«fax» no existe" in odd.text
    saved = await user.post(base + "/canales", {"canales": "telegram"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#canales")
    page = await user.get(base)
    assert messages.CHANNELS_SAVED in page.text and messages.CHANNELS_NONE not in page.text
    # The same channel fieldset as the creation form, ticking what the campaign has.
    assert 'value="telegram" checked' in page.text and 'value="correo" checked' not in page.text
    assert (await user.post(base + "/enviar")).status_code == 303
    late = await user.post(base + "/canales", {"canales": "correo"})
    assert late.status_code == 409 and campaign_messages.CHANNELS_NOT_EDITABLE in late.text
    async with services.db.session() as session:
        assert (await session.get(Campaign, campaign_id)).channels == ["telegram"]
        actions = set(await session.scalars(select(AuditEntry.action)))
    assert "campaign.channels" in actions


async def test_send_pause_resume_cancel_and_refused_orders(login_as: LoginAs,
                                                           services: Services) -> None:
    await _people(services, 4)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    base = f"/consola/campanas/{campaign_id}"
    early = await user.post(base + "/enviar")
    assert early.status_code == 422 and campaign_messages.CAMPAIGN_NO_PIECES in early.text
    await _piece(user, campaign_id)
    sent = await user.post(base + "/enviar")
    assert sent.status_code == 303 and sent.headers["location"].endswith("#progreso")
    page = await user.get(base)
    assert messages.SEND_NOW_DONE.format(n=4) in page.text
    assert '<progress id="progreso-barra" max="4" value="0">' in page.text
    assert '<p id="progreso-texto">0 de 4 procesados' in page.text
    assert '/consola/estatico/campanas.js' in page.text
    assert await _count(services, Delivery) == 4
    assert (await user.post(base + "/pausar")).status_code == 303
    again = await user.post(base + "/pausar")
    assert again.status_code == 409 and "No se puede pausar una campaña que está pausada." \
        in again.text
    assert (await user.post(base + "/reanudar")).status_code == 303
    assert (await user.post(base + "/cancelar")).status_code == 303
    page = await user.get(base)
    assert messages.CANCELLED in page.text and "status-cancelada" in page.text
    late = await user.post(base + "/reanudar")
    assert late.status_code == 409 and "No se puede reanudar una campaña que está cancelada." \
        in late.text
    async with services.db.session() as session:
        states = set(await session.scalars(select(Delivery.state)))
    assert states == {"cancelada"}


async def test_stats_page_and_exports(login_as: LoginAs, services: Services) -> None:
    await _people(services, 3)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    await _piece(user, campaign_id, frase="=HYPERLINK(\"http://x\")")
    await user.post(f"/consola/campanas/{campaign_id}/enviar")
    async with services.db.session() as session:
        first = await session.scalar(select(Delivery).order_by(Delivery.id))
        first.state = "enviada"
        await session.commit()
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert 'class="chart chart-stack"' in page.text and 'id="estadisticas"' in page.text
    assert '<progress id="progreso-barra" max="3" value="1">' in page.text
    csv_file = await user.get(f"/consola/campanas/{campaign_id}/estadisticas.csv")
    assert csv_file.status_code == 200
    assert csv_file.text.startswith("\ufeffPieza;Valor;Frase;Programada para (Bogotá)")
    run_row = next(csv.reader(io.StringIO(csv_file.text.splitlines()[1]), delimiter=";"))
    assert run_row[4] in messages.RUN_STATES.values() and run_row[5] == "No"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", run_row[3])  # local, no «T» nor offset
    assert "attachment" in csv_file.headers["content-disposition"]
    assert "'=HYPERLINK" in csv_file.text
    xlsx = await user.get(f"/consola/campanas/{campaign_id}/estadisticas.xlsx")
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith(
        "application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == [messages.XLSX_SHEET_RUNS, messages.XLSX_SHEET_TOTALS]
    runs = book[messages.XLSX_SHEET_RUNS]
    header = [c.value for c in runs[1]]
    row = dict(zip(header, [c.value for c in runs[2]], strict=True))
    assert row["destinatarios"] == 3 and row["enviadas"] == 1
    assert row["frase"].startswith("'=") and runs["C2"].data_type == "s"
    totals = {r[0].value: r[1].value for r in book[messages.XLSX_SHEET_TOTALS].iter_rows(min_row=2)}
    assert totals["Enviadas"] == 1 and totals["Pendientes"] == 2
    assert (await user.get(f"/consola/campanas/{campaign_id}/estadisticas.csv?a=1")
            ).status_code == 400
    assert (await user.get("/consola/campanas/424242/estadisticas.xlsx")).status_code == 404


async def test_test_send_explains_a_missing_chat_then_reaches_the_double(
        login_as: LoginAs, services: Services, telegram_double_unlimited) -> None:
    services.settings = settings_for(services.settings, telegram=telegram_double_unlimited
                                     ).model_copy(update={"telegram_bot_username": "valor_bot"})
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    piece_id = await _piece(user, campaign_id)
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.TEST_HELP_NO_TELEGRAM in page.text
    assert 'href="https://t.me/valor_bot?start=t' in page.text  # «Vincular mi Telegram»
    url = f"/consola/campanas/{campaign_id}/piezas/{piece_id}/prueba"
    refused = await user.post(url, {"canal": "telegram"})
    assert refused.status_code == 422 and campaign_messages.TEST_NO_TELEGRAM in refused.text
    off = await user.post(url, {"canal": "correo"})
    assert "no está configurado" in off.text
    async with services.db.session() as session:
        account = await session.get(StaffAccount, user.account.id)
        account.telegram_chat_id = 5151
        await session.commit()
    try:
        done = await user.post(url, {"canal": "telegram"})
        assert done.status_code == 303
        page = await user.get(f"/consola/campanas/{campaign_id}")
        assert "Prueba enviada a Telegram (5151)." in page.text
    finally:
        await get_runtime(services).close()
    message = telegram_double_unlimited.last_message(5151)
    assert message.caption.startswith("[PRUEBA]") and len(message.buttons[0]) == 2
    assert await _count(services, Delivery) == 0


async def test_auditor_reads_asesor_does_not(login_as: LoginAs) -> None:
    writer = await login_as("talento_humano")
    campaign_id = await _campaign(writer)
    await _piece(writer, campaign_id)
    auditor = await login_as("auditor")
    page = await auditor.get(f"/consola/campanas/{campaign_id}")
    assert page.status_code == 200 and "<form method=\"post\" action=\"/consola/campanas" \
        not in page.text
    listing = await auditor.get("/consola/campanas")
    assert messages.CAMPAIGN_CREATE not in listing.text
    assert (await auditor.post("/consola/campanas", {"nombre": "x"})).status_code == 403
    asesor = await login_as("asesor")
    assert (await asesor.get("/consola/campanas")).status_code == 403
    home = await asesor.get("/consola/")
    assert messages.CARD_CAMPAIGN_REACH not in home.text


async def test_forged_and_repeated_forms(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    forged = await user.post("/consola/campanas", {"nombre": "x", "valor": "honestidad",
                                                   "canales": "telegram"}, token="falso.token")
    assert forged.status_code == 403 and ui.CSRF_TITLE in forged.text
    token = await user.token_from("/consola/campanas")
    form = {"nombre": "Una vez", "valor": "honestidad", "canales": "telegram"}
    assert (await user.post("/consola/campanas", form, token=token)).status_code == 303
    twice = await user.post("/consola/campanas", form, token=token)
    assert twice.status_code == 409 and ui.FORM_REUSED_TITLE in twice.text
    assert await _count(services, Campaign) == 1
    assert (await user.get("/consola/campanas?orden=x")).status_code == 400
    assert (await user.get("/consola/campanas/424242")).status_code == 404


async def test_calendar_reference_and_weekly_rows(login_as: LoginAs,
                                                  services: Services) -> None:
    user = await login_as("auditor")
    page = await user.get("/consola/campanas/calendario?semanas=4")
    assert page.status_code == 200 and messages.CALENDAR_REFERENCE in page.text
    assert page.text.split('id="calendario"', 1)[1].count('<th scope="row"') == 4
    assert (await user.get("/consola/campanas/calendario?semanas=99")).status_code == 400
    assert (await user.get("/consola/campanas/calendario?semanas=x")).status_code == 400
    assert (await user.get("/consola/campanas/calendario?dia=1")).status_code == 400
    await _people(services)
    writer = await login_as("talento_humano")
    campaign_id = await _campaign(writer, valor="rotacion", nombre="Valor <de> la semana")
    await _piece(writer, campaign_id, valor="respeto", frase="Respeto ante todo")
    await writer.post(f"/consola/campanas/{campaign_id}/programar",
                      {"tipo": "semanal", "dia": "6", "hora": "23:59"})
    page = await user.get("/consola/campanas/calendario")
    assert messages.CALENDAR_REFERENCE not in page.text
    assert "Valor &lt;de&gt; la semana" in page.text
    assert page.text.count("Respeto ante todo") >= 2  # a rotation reuses its one piece weekly
    assert messages.CALENDAR_STATES["sin_pieza"] not in page.text


async def test_dashboard_shows_the_last_campaign_reach(login_as: LoginAs,
                                                      services: Services) -> None:
    user = await login_as("talento_humano")
    home = await user.get("/consola/")
    assert messages.REACH_NONE in home.text
    await _people(services, 3)
    campaign_id = await _campaign(user, nombre="Alcance <i>marzo</i>")
    await _piece(user, campaign_id)
    await user.post(f"/consola/campanas/{campaign_id}/enviar")
    home = await user.get("/consola/")
    card = home.text.split(messages.CARD_CAMPAIGN_REACH, 1)[1].split("</section>", 1)[0]
    assert '<p class="big">0 / 3</p>' in card
    assert f'href="/consola/campanas/{campaign_id}">Alcance &lt;i&gt;marzo&lt;/i&gt;' in card


async def test_a_test_list_by_email(login_as: LoginAs, services: Services) -> None:
    async with services.db.session() as session:
        session.add_all([Person(full_name="Ana", email="Ana@Alcaldia.gov.co",
                                telegram_chat_id=801),
                         Person(full_name="Beto", email="beto@alcaldia.gov.co",
                                telegram_chat_id=802)])
        await session.commit()
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user, audiencia="lista",
                                  personas="ana@alcaldia.gov.co; BETO@alcaldia.gov.co")
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
    assert campaign.audience["type"] == "lista" and len(campaign.audience["person_ids"]) == 2
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.AUDIENCE_LIST_PEOPLE.format(n=2) in page.text


async def test_a_survey_invitation_campaign_shows_its_progress_but_takes_no_pieces(
        services: Services, login_as: LoginAs) -> None:
    from dataclasses import dataclass

    from campañas.port import CampaignsPort
    from nucleo.ports import Button

    @dataclass
    class Survey:
        id: int
        title: str

    await _people(services, 3)
    async with services.db.session() as session:
        ids = list(await session.scalars(select(Person.id)))
        await CampaignsPort(services.settings).invite(
            session, Survey(4, "Percepción <2026>"), ids, "📋 <b>Encuesta</b> de tres minutos",
            [[Button("Responder", "encuesta:start:4")]])
        await session.commit()
        campaign = await session.scalar(select(Campaign))
    user = await login_as("talento_humano")
    listing = await user.get("/consola/campanas")
    assert listing.status_code == 200 and "Percepción &lt;2026&gt;" in listing.text
    page = await user.get(f"/consola/campanas/{campaign.id}")
    assert page.status_code == 200, page.text
    assert "<strong>Encuesta</strong> de tres minutos" in page.text  # the text as people see it
    assert messages.INVITATION_KIND in page.text and "/vista-previa" not in page.text
    piece = f"/consola/campanas/{campaign.id}/piezas/1"
    assert (await user.get(piece + "/imagen")).status_code == 404  # text only: no image, no 500
    shown = await user.get(piece + "/vista-previa")
    assert shown.status_code == 200 and "<strong>Encuesta</strong>" in shown.text
    assert "/imagen" not in shown.text
    assert f'action="/consola/campanas/{campaign.id}/piezas"' not in page.text
    stats = await user.get(f"/consola/campanas/{campaign.id}/estadisticas.csv")
    assert stats.status_code == 200
    added = await user.post(f"/consola/campanas/{campaign.id}/piezas",
                            {"modo": "generar", "frase": "Otra pieza"})
    assert added.status_code in (409, 422) and "<h1" in added.text
    assert messages.CAMPAIGN_DUPLICATE not in page.text
    refused = await user.post(f"/consola/campanas/{campaign.id}/duplicar", {})
    assert refused.status_code == 409
    assert campaign_messages.CAMPAIGN_DUPLICATE_KIND in refused.text


async def test_duplicate_a_sent_campaign_into_a_new_draft(login_as: LoginAs,
                                                          services: Services) -> None:
    """«Duplicar campaña»: same value, audience, channels and pieces; no schedule, no sends."""
    await _people(services)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user, nombre="Honestidad <marzo>")
    await _piece(user, campaign_id)
    await _piece(user, campaign_id, frase="Segunda frase")
    assert (await user.post(f"/consola/campanas/{campaign_id}/programar",
                            {"tipo": "semanal", "dia": "0", "hora": "08:00"})).status_code == 303
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert messages.CAMPAIGN_DUPLICATE in page.text
    copied = await user.post(f"/consola/campanas/{campaign_id}/duplicar", {})
    assert copied.status_code == 303, copied.text
    copy_id = int(copied.headers["location"].rsplit("/", 1)[1])
    shown = await user.get(f"/consola/campanas/{copy_id}")
    assert "Honestidad &lt;marzo&gt; (copia)" in shown.text and "Segunda frase" in shown.text
    async with services.db.session() as session:
        original, copy = (await session.get(Campaign, campaign_id), await session.get(Campaign, copy_id))
        assert copy.status == "borrador" and copy.schedule_kind is None
        assert (copy.value_key, copy.audience, copy.channels) == (
            original.value_key, original.audience, original.channels)
        phrases = list(await session.scalars(select(Piece.phrase).where(Piece.campaign_id == copy_id)
                                             .order_by(Piece.position, Piece.id)))
        assert phrases == ["La verdad nos hace libres", "Segunda frase"]
        assert await session.scalar(select(func.count()).select_from(Run)) == 0
        entry = await session.scalar(select(AuditEntry).where(
            AuditEntry.action == "campaign.duplicated"))
        assert entry is not None and entry.details == {"copy_of": campaign_id}
    auditor = await login_as("auditor")
    assert (await auditor.post(f"/consola/campanas/{campaign_id}/duplicar", {})).status_code == 403
    missing = await user.post("/consola/campanas/424242/duplicar", {})
    assert missing.status_code == 404


async def test_whatsapp_receipts_and_the_pause_reason_show_in_the_progress(
        login_as: LoginAs, services: Services) -> None:
    from campañas.whatsapp_status import pause_for_whatsapp

    await _people(services, 3)
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    await _piece(user, campaign_id)
    await user.post(f"/consola/campanas/{campaign_id}/enviar")
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        campaign.channels = ["telegram", "whatsapp"]
        await pause_for_whatsapp(session, campaign_id,
                                 "Meta pausó la plantilla «valor_semana» (código 132015). <b>")
        await session.commit()
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert "WhatsApp: 0 entregados en el teléfono, 0 leídos" in page.text
    assert "En pausa por WhatsApp: Meta pausó la plantilla «valor_semana»" in page.text
    assert "<b>" not in page.text.split('id="motivo-pausa"')[1].split("</p>")[0]


async def test_pending_assets_audience_in_the_form(login_as: LoginAs,
                                                   services: Services) -> None:
    services.clock = Clock(bogota(2026, 12, 4, 10))  # the year bound comes from the clock
    user = await login_as("talento_humano")
    prefilled = await user.get("/consola/campanas?audiencia=pendientes_bienes&anio=2026")
    assert prefilled.status_code == 200
    assert re.search(r'<option value="pendientes_bienes"\s+selected>', prefilled.text)
    assert 'name="anio" type="text" value="2026"' in prefilled.text
    assert 'id="f-canal-telegram" name="canales" type="checkbox" value="telegram" checked' \
        in prefilled.text
    bad = await user.post("/consola/campanas", {
        "nombre": "Recordatorio", "valor": "honestidad", "audiencia": "pendientes_bienes",
        "anio": "2031", "canales": "telegram"})
    assert bad.status_code == 422 and "entre 2019 y 2027" in bad.text
    missing = await user.post("/consola/campanas", {
        "nombre": "Recordatorio", "valor": "honestidad", "audiencia": "pendientes_bienes",
        "anio": " ", "canales": "telegram"})
    assert missing.status_code == 422
    assert campaign_messages.AUDIENCE_YEAR_REQUIRED in missing.text
    assert await _count(services, Campaign) == 0
    campaign_id = await _campaign(user, nombre="Recordatorio", audiencia="pendientes_bienes",
                                  anio="2026", declaracion="bienes_rentas")
    page = await user.get(f"/consola/campanas/{campaign_id}")
    described = messages.AUDIENCE_PENDING_ASSETS.format(
        declaration="Declaración de bienes y rentas", year=2026)
    assert described in page.text
    assert described in (await user.get("/consola/campanas")).text
    # the first piece starts with the reminder's own text: the year and the 31 July deadline,
    # which on 4 December 2026 has passed
    phrase = page.text.split('id="f-frase"', 1)[1].split("</textarea>", 1)[0]
    assert "bienes y rentas 2026: el plazo venció el 31 de julio de 2026" in phrase
    text = page.text.split('id="f-texto"', 1)[1].split("</textarea>", 1)[0]
    assert "el plazo venció el &lt;b&gt;31 de julio de 2026&lt;/b&gt;" in text
    assert "/bienes" in text
    next_year = await _campaign(user, nombre="Recordatorio 2027", audiencia="pendientes_bienes",
                                anio="2027", declaracion="bienes_rentas")
    ahead = (await user.get(f"/consola/campanas/{next_year}")).text
    assert "entre el 1 de junio de 2027 y el &lt;b&gt;31 de julio de 2027&lt;/b&gt;" in ahead
    assert 'value="Recordatorio: declaración de bienes y rentas 2026"' in prefilled.text


def test_the_reminder_texts_follow_the_declaration_and_only_for_pending_assets() -> None:
    from campañas.models import Campaign
    from campañas.web.console.views import reminder_piece

    law = Campaign(name="x", status="borrador",
                   audience={"type": "pendientes_bienes", "year": 2025, "declaracion": "ley_2013"})
    today = date(2026, 3, 2)
    texts = reminder_piece(law, [], today)
    assert "Ley 2013 de 2019 (2025)" in texts["texto"] and "/bienes" in texts["texto"]  # recorded there
    assert reminder_piece(law, [object()], today) == {}  # type: ignore[list-item]  # any object: the law has no reminder
    assert reminder_piece(Campaign(name="x", status="borrador", audience={"type": "todos"}),
                          [], today) == {}
    law.status = "terminada"
    assert reminder_piece(law, [], today) == {}


def test_the_reminder_of_a_past_year_says_the_deadline_passed() -> None:
    from campañas.models import Campaign
    from campañas.web.console.views import reminder_piece

    assets = Campaign(name="x", status="borrador", audience={
        "type": "pendientes_bienes", "year": 2025, "declaracion": "bienes_rentas"})
    late = reminder_piece(assets, [], date(2026, 3, 2))
    assert "el plazo venció el 31 de julio de 2025" in late["frase"]
    assert "el plazo venció el <b>31 de julio de 2025</b>" in late["texto"]
    assert "antes del" not in late["frase"] and "entre el" not in late["texto"]
    on_the_day = reminder_piece(assets, [], date(2025, 7, 31))
    assert "preséntela antes del 31 de julio de 2025" in on_the_day["frase"]
    assert "venció" not in on_the_day["texto"]


def _day_cell(page: str, day: str) -> str:
    return page.split(f'<time datetime="{day}">', 1)[1].split("</td>", 1)[0]


async def test_month_view_holidays_sends_and_bounds(login_as: LoginAs,
                                                    services: Services) -> None:
    services.clock = lambda: MONTH_NOW
    await _people(services)
    writer = await login_as("talento_humano")
    weekly = await _campaign(writer, valor="rotacion", nombre="Semanal <de> diciembre")
    await _piece(writer, weekly, valor="respeto", frase="Respeto ante todo")
    await writer.post(f"/consola/campanas/{weekly}/programar",
                      {"tipo": "semanal", "dia": "2", "hora": "09:30"})
    once = await _campaign(writer, nombre="Una vez en diciembre")
    await _piece(writer, once, frase="Honestidad siempre")
    await writer.post(f"/consola/campanas/{once}/programar",
                      {"tipo": "unica", "fecha": "2025-12-15T10:00"})
    sent = await _campaign(writer, nombre="Ya enviada")
    await _piece(writer, sent, frase="Lo que se envió")
    assert (await writer.post(f"/consola/campanas/{sent}/enviar")).status_code == 303
    user = await login_as("auditor")
    page = (await user.get("/consola/campanas/calendario")).text
    month = page.split('id="mes"', 1)[1]
    assert "Mes de diciembre de 2025" in page and month.count("<tr>") == 6  # head + 5 weeks
    assert messages.MONTH_HOLIDAY.format(name="La Inmaculada Concepción") in \
        _day_cell(month, "2025-12-08")
    assert messages.MONTH_HOLIDAY.format(name="Navidad") in _day_cell(month, "2025-12-25")
    new_year = _day_cell(month, "2026-01-01")  # the last week ends in January
    assert "Año Nuevo" in new_year and messages.MONTH_OTHER in new_year
    for day in ("2025-12-03", "2025-12-10", "2025-12-31"):
        cell = _day_cell(month, day)
        assert "Semanal &lt;de&gt; diciembre" in cell and "Respeto ante todo" in cell
    assert "Semanal" not in _day_cell(month, "2025-12-04")
    assert "Una vez en diciembre" in _day_cell(month, "2025-12-15")
    today = _day_cell(month, "2025-12-03")
    assert "Ya enviada" in today and messages.CALENDAR_STATES["en_curso"] in today
    assert 'href="/consola/campanas/calendario?mes=2025-11#mes-titulo" rel="prev"' in page
    assert 'href="/consola/campanas/calendario?mes=2026-01#mes-titulo" rel="next"' in page
    november = (await user.get("/consola/campanas/calendario?mes=2025-11&semanas=4")).text
    moved = _day_cell(november.split('id="mes"', 1)[1], "2025-11-17")  # a Monday by law
    assert messages.MONTH_HOLIDAY.format(name="Independencia de Cartagena") in moved
    assert "Semanal" not in november.split('id="mes"', 1)[1]  # nothing ran in November
    assert "?mes=2025-12&amp;semanas=4#mes-titulo" in november  # the weeks chosen stay
    january = (await user.get("/consola/campanas/calendario?mes=2026-01")).text
    grid = january.split('id="mes"', 1)[1]
    assert grid.index('datetime="2025-12-29"') < grid.index('datetime="2026-01-01"')
    assert "Semanal" in _day_cell(grid, "2025-12-31") and "Semanal" in _day_cell(grid, "2026-01-07")
    far = (await user.get("/consola/campanas/calendario?mes=2027-06")).text
    assert "Los envíos semanales que vienen se muestran hasta el" in far
    assert "Semanal" not in far.split('id="mes"', 1)[1]
    edge = (await user.get("/consola/campanas/calendario?mes=2000-01")).text
    assert 'rel="prev"' not in edge and "?mes=2000-02#mes-titulo" in edge
    assert 'rel="next"' not in (await user.get("/consola/campanas/calendario?mes=2100-12")).text
    for bad in ("2025-13", "2025-1", "25-12", "diciembre", "1999-12", "2025-12-01", "２０２５-12"):
        answer = await user.get(f"/consola/campanas/calendario?mes={bad}")
        assert answer.status_code == 400, bad
        assert ui.BAD_VALUE.format(name="mes") in answer.text


async def test_a_long_phrase_is_drawn_whole_and_emoji_are_named(login_as: LoginAs,
                                                                services: Services) -> None:
    user = await login_as("talento_humano")
    campaign_id = await _campaign(user)
    page = await user.get(f"/consola/campanas/{campaign_id}")
    assert 'maxlength="500"' in page.text and '<span id="f-frase-cuenta">0</span>' in page.text
    assert messages.PIECE_PHRASE_HINT in page.text
    phrase = ("La integridad es hacer lo correcto aunque nadie nos vea 🙌 漢, " * 10)[:500]
    added = await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": phrase})
    assert added.status_code == 303
    shown = await user.get(added.headers["location"].split("#")[0])
    # The emoji is drawn (Debian's colour emoji font); a character no font has is named.
    assert campaign_messages.PIECE_UNDRAWABLE.format(chars="漢") in shown.text
    async with services.db.session() as session:
        piece = await session.scalar(select(Piece))
        assert piece is not None and piece.phrase == phrase  # kept whole, emoji included
        assert "🙌" in piece.caption_html
    too_long = await user.post(f"/consola/campanas/{campaign_id}/piezas", {"frase": "x" * 501})
    assert too_long.status_code == 422 and "máximo 500 caracteres" in too_long.text
    assert '<span id="f-frase-cuenta">501</span>' in too_long.text  # the counter of what came


async def test_the_entity_s_logo_goes_on_new_generated_cards(login_as: LoginAs,
                                                             services: Services) -> None:
    user = await login_as("talento_humano")
    listing = await user.get("/consola/campanas")
    assert messages.LOGO_NONE in listing.text and 'action="/consola/campanas/logo"' in listing.text
    assert (await user.get("/consola/campanas/logo.png")).status_code == 404
    campaign_id = await _campaign(user)
    before = await _piece(user, campaign_id)
    bad = await user.post("/consola/campanas/logo", {},
                          files={"logo": ("escudo.png", b"MZ\x90\x00" * 50, "image/png")})
    assert bad.status_code == 422 and campaign_messages.IMAGE_BAD_FORMAT in bad.text
    shield = Image.new("RGBA", (900, 1200), (0, 0, 0, 0))
    shield.paste((240, 190, 20, 255), (100, 100, 800, 1100))
    upload = io.BytesIO()
    shield.save(upload, format="PNG")
    saved = await user.post("/consola/campanas/logo", {},
                            files={"logo": ("escudo.png", upload.getvalue(), "image/png")})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#logo")
    listing = await user.get("/consola/campanas")
    assert messages.LOGO_SAVED in listing.text and 'src="/consola/campanas/logo.png?v=' in listing.text
    kept = await user.get("/consola/campanas/logo.png")
    assert kept.status_code == 200 and Image.open(io.BytesIO(kept.content)).size == (300, 400)
    after = await _piece(user, campaign_id)
    async with services.db.session() as session:
        first, second = (await session.get(Piece, before)), (await session.get(Piece, after))
        assert first is not None and second is not None
        assert first.image_sha256 != second.image_sha256  # same phrase, now with the shield
        card = Image.open(Path(services.settings.data_dir) / second.image_path).convert("RGB")
        assert (240, 190, 20) in {card.getpixel((x, y)) for x in range(700, 1000, 5)
                                  for y in range(935, 1075, 5)}
        actions = set(await session.scalars(select(AuditEntry.action)))
    assert "campaign.logo_set" in actions
    auditor = await login_as("auditor")
    assert (await auditor.get("/consola/campanas/logo.png")).status_code == 200
    assert (await auditor.post("/consola/campanas/logo/quitar")).status_code == 403
    removed = await user.post("/consola/campanas/logo/quitar")
    assert removed.status_code == 303
    listing = await user.get("/consola/campanas")
    assert messages.LOGO_REMOVED in listing.text and messages.LOGO_NONE in listing.text


async def test_an_automatic_reminder_campaign_shows_what_it_is(services: Services,
                                                               login_as) -> None:
    """#18: the campaign the scheduler makes for an open window is listed and says so."""
    from datetime import UTC, datetime

    from campañas.asset_reminders import queue_reminders

    await _people(services, 2)
    async with services.db.session() as session:
        added = await queue_reminders(session, now=datetime(2026, 6, 1, 15, tzinfo=UTC),
                                      settings=services.settings, channels=["telegram"])
        await session.commit()
        campaign = await session.scalar(select(Campaign).where(
            Campaign.origin == "recordatorio:bienes_rentas:2026"))
    assert added == 4 and campaign is not None  # bienes y rentas and the preventive one
    user = await login_as("talento_humano")
    listing = await user.get("/consola/campanas")
    assert "declaración de bienes y rentas 2026 (automático)" in listing.text
    page = await user.get(f"/consola/campanas/{campaign.id}")
    assert page.status_code == 200 and messages.MADE_KIND_NAMES["recordatorio"] in page.text
    assert "31 de julio de 2026" in page.text
    # without the service's reminder template, WhatsApp is left out and the page says why
    assert 'id="recordatorio-whatsapp"' in page.text and messages.REMINDER_NO_WHATSAPP in page.text
