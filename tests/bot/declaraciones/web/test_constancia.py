"""The public route of the declarant's constancia link (bot/declaraciones/web/constancia.py): a
page without personal data, one PDF download, Spanish pages for bad, expired and used links."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from bot.declaraciones import constancia_link, messages
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_person, file_one


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 7, 9))
    services.clock = clock
    return clock


async def test_the_page_then_one_download(api, services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10),
                           description="Mi cuñada <b>María</b> es socia del proponente.")
    url = constancia_link.PATH + constancia_link.token(services.signer, filed)
    page = await api.get(url)
    assert page.status_code == 200 and "DI-2026-0001" in page.text
    assert messages.CONSTANCIA_PAGE_BUTTON in page.text and 'method="post"' in page.text
    assert "Ana" not in page.text and "María" not in page.text  # a link preview sees no data
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert (await api.get(url)).status_code == 200  # opening it uses nothing up
    pdf = await api.post(url)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "constancia-DI-2026-0001.pdf" in pdf.headers["content-disposition"]
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Ana Pérez" in text and "Mi cuñada <b>María</b> es socia" in text
    replay = await api.post(url)
    assert replay.status_code == 410 and messages.CONSTANCIA_USED in replay.text
    assert "Traceback" not in replay.text and "application/pdf" not in replay.headers[
        "content-type"]
    assert (await api.get(url)).status_code == 410


async def test_bad_and_expired_links_get_a_spanish_page(api, services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    good = constancia_link.token(services.signer, filed)
    for token in ("nada", "a" * 3000, good[:-3] + "xyz", "%3Cscript%3E"):
        for method in ("GET", "POST"):
            response = await api.request(method, constancia_link.PATH + token)
            assert response.status_code == 404, (method, token[:20])
            assert messages.CONSTANCIA_INVALID in response.text
            assert "<script>" not in response.text
    clock.now += timedelta(days=8)
    expired = await api.post(constancia_link.PATH + good)
    assert expired.status_code == 404 and messages.CONSTANCIA_EXPIRED in expired.text


async def test_a_pdf_that_fails_to_build_does_not_use_up_the_link(
        api, services: Services, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.declaraciones import pdf

    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    url = constancia_link.PATH + constancia_link.token(services.signer, filed)
    built = pdf.constancia

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("Ana Pérez: no font")

    monkeypatch.setattr(pdf, "constancia", broken)
    failed = await api.post(url)
    assert failed.status_code == 500 and messages.CONSTANCIA_NOT_BUILT in failed.text
    assert "Traceback" not in failed.text and "Ana" not in failed.text
    monkeypatch.setattr(pdf, "constancia", built)
    again = await api.post(url)  # the same link still works
    assert again.status_code == 200 and again.headers["content-type"] == "application/pdf"
    assert (await api.post(url)).status_code == 410
