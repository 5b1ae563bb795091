"""The declarant's constancia from the chat (bot/declaraciones/constancia_link.py): the link in
the filing reply and behind the «📄 PDF» buttons, in every channel, with or without a public
address; one download per link; a forged, expired or used token opens nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.types import TELEGRAM, WEB, WHATSAPP, PersonRef
from bot.declaraciones import actions, constancia_link, messages
from bot.declaraciones.models import Declaration
from nucleo.errors import ExpiredToken, InvalidToken
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.consultas.desk import RecordingNotifier, bogota
from tests.bot.declaraciones.helpers import BOGOTA, add_person, file_one, guided
from tests.bot.helpers import Chat, onboard

PUBLIC = "https://valor.alcaldia.gov.co"
FACTS = "Mi hermano es el representante legal del proponente desde 2025."


def _public(services: Services, url: str | None) -> None:
    services.settings = services.settings.model_copy(update={"public_url": url})


async def _file(chat: Chat) -> str:
    await guided(chat)
    [ask] = await chat.send(FACTS)
    await chat.tap(ask.buttons[0][0].data)
    await chat.send("Secretaría de Hacienda — Secretario")
    [reply] = await chat.tap("decl:radicar")
    return reply.text_html


def _token_in(text: str) -> str:
    return text.split(constancia_link.PATH, 1)[1].split('"', 1)[0]


async def test_the_filing_reply_links_the_constancia_with_a_public_address(
        chat: Chat, services: Services, clock) -> None:
    _public(services, PUBLIC)
    await onboard(chat)
    text = await _file(chat)
    assert f'<a href="{PUBLIC}{constancia_link.PATH}' in text and "DI-2026-0001" in text
    assert "una descarga" in text and "7 días" in text and "(art. 12)" in text
    async with services.db.session() as session:
        declaration = await constancia_link.read(session, services.signer, _token_in(text))
    assert declaration.radicado == "DI-2026-0001"


@pytest.mark.parametrize("channel", [TELEGRAM, WHATSAPP])
async def test_without_a_public_address_telegram_and_whatsapp_say_how_instead(
        core, services: Services, clock, channel: str) -> None:
    _public(services, None)
    chat = Chat(core, PersonRef(channel, "573001112233" if channel == WHATSAPP else "1001",
                                "Ana"))
    await onboard(chat)
    text = await _file(chat)
    assert "href" not in text and constancia_link.PATH not in text
    assert "no tiene configurada su" in text and "DI-2026-0001" in text


async def test_the_web_chat_gets_a_relative_link_without_a_public_address(
        core, services: Services, clock) -> None:
    _public(services, None)
    chat = Chat(core, PersonRef(WEB, "sesion-web-1", None))
    await onboard(chat)
    text = await _file(chat)
    assert f'<a href="{constancia_link.PATH}' in text


async def test_the_preventive_filing_reply_links_it_too(chat: Chat, services: Services,
                                                         clock) -> None:
    _public(services, PUBLIC)
    await onboard(chat)
    await chat.send("/declarar")
    await chat.tap("decl:tipo:preventiva")
    await chat.tap("decl:quien:pariente")
    await chat.send("Constructora Andina S.A.S.")
    await chat.send("Mi hermano es ingeniero residente de la empresa desde 2024.")
    [done] = await chat.tap("decl:guardar")
    assert "DP-2026-0001" in done.text_html
    assert f'<a href="{PUBLIC}{constancia_link.PATH}' in done.text_html
    assert "declaración preventiva</b>" in done.text_html and "art. 12" not in done.text_html


async def test_my_declarations_offer_a_button_per_declaration_and_refuse_others(
        chat: Chat, core, services: Services, clock) -> None:
    _public(services, PUBLIC)
    await onboard(chat)
    await _file(chat)
    [mine] = await chat.send("/misdeclaraciones")
    assert "📄" in mine.text_html
    [*_withdraw, [pdf_button]] = mine.buttons
    assert pdf_button.label == "📄 PDF DI-2026-0001" and len(pdf_button.label) <= 20
    [again] = await chat.tap(pdf_button.data)
    assert "Constancia de su declaración <b>DI-2026-0001</b>" in again.text_html
    assert f"{PUBLIC}{constancia_link.PATH}" in again.text_html
    other = Chat(core, PersonRef(TELEGRAM, "2002", "Beto"))
    await onboard(other)
    for forged in (pdf_button.data, "decl:constancia:999999", "decl:constancia:abc",
                   "decl:constancia:" + "9" * 40, "decl:constancia:-1"):
        [refused] = await other.tap(forged)
        assert constancia_link.PATH not in refused.text_html, forged


async def test_the_decision_notice_carries_the_button(services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        await actions.decide(session, filed.id, outcome="aceptada",
                             decision="Se acepta; asume la Jefe de Jurídica.", staff=None,
                             now=bogota(2026, 12, 7, 9), notifier=notifier, tz=BOGOTA,
                             decided_by_name="Superior")
    [sent] = notifier.sent
    assert messages.CONSTANCIA_AFTER_DECISION in sent.text_html
    assert sent.buttons == [[constancia_link.button(filed)]]
    assert sent.buttons[0][0].data == f"decl:constancia:{filed.id}"


async def test_one_download_per_link_and_each_is_audited(services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    first = constancia_link.token(services.signer, filed)
    second = constancia_link.token(services.signer, filed)  # handed out before the download
    async with services.db.session() as session:
        done = await constancia_link.redeem(session, services.signer, first)
    assert done.constancia_nonce == 1
    for used in (first, second):
        async with services.db.session() as session:
            with pytest.raises(constancia_link.UsedLink) as raised:
                await constancia_link.read(session, services.signer, used)
        assert raised.value.message == messages.CONSTANCIA_USED
    async with services.db.session() as session:
        fresh = constancia_link.token(services.signer, await session.get(Declaration, filed.id))
        assert (await constancia_link.read(session, services.signer, fresh)).id == filed.id
        [entry] = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == constancia_link.AUDIT))).scalars().all()
    assert entry.actor_id is None and entry.target_id == str(filed.id)
    assert entry.details == {"radicado": "DI-2026-0001", "via": "chat"}


async def test_two_downloads_at_once_give_one_pdf(services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    value = constancia_link.token(services.signer, filed)

    async def attempt() -> str:
        async with services.db.session() as session:
            try:
                await constancia_link.redeem(session, services.signer, value)
            except constancia_link.UsedLink:
                return "usado"
            return "descargado"

    results = await asyncio.gather(attempt(), attempt())
    assert sorted(results) == ["descargado", "usado"]


async def test_forged_expired_and_foreign_tokens_open_nothing(services: Services,
                                                              clock) -> None:
    person = await add_person(services)
    mine = await file_one(services, person, bogota(2026, 12, 4, 10))
    theirs = await file_one(services, await add_person(services, name="Beto Ruiz", chat_id=2,
                                                         department=None),
                            bogota(2026, 12, 4, 11))
    good = constancia_link.token(services.signer, mine)
    forged = [
        "", "x" * 5000, good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        services.signer.sign("declaraciones.decision", [mine.id, 0]),  # another purpose
        services.signer.sign(constancia_link.PURPOSE, [theirs.id, person, 0]),  # not theirs
        services.signer.sign(constancia_link.PURPOSE, [mine.id, person]),
        services.signer.sign(constancia_link.PURPOSE, [mine.id, person, True]),
        services.signer.sign(constancia_link.PURPOSE, {"id": mine.id}),
        services.signer.sign(constancia_link.PURPOSE, [999999, person, 0]),
        "<script>alert(1)</script>", "ñandú",
    ]
    async with services.db.session() as session:
        for value in forged:
            with pytest.raises(InvalidToken) as raised:
                await constancia_link.read(session, services.signer, value)
            assert raised.value.message == messages.CONSTANCIA_INVALID, value[:40]
    clock.now += timedelta(days=8)
    async with services.db.session() as session:
        with pytest.raises(ExpiredToken) as expired:
            await constancia_link.read(session, services.signer, good)
    assert expired.value.message == messages.CONSTANCIA_EXPIRED


async def test_a_person_who_left_opens_nothing(services: Services, clock) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    value = constancia_link.token(services.signer, filed)
    async with services.db.session() as session:
        row = await session.get(Declaration, filed.id)
        assert row is not None and await session.get(Person, person) is not None
        row.person_id = None  # what /olvidarme leaves of a bot-only person
        await session.commit()
    async with services.db.session() as session:
        with pytest.raises(InvalidToken):
            await constancia_link.read(session, services.signer, value)


async def test_whatsapp_shows_the_absolute_link_as_text(services: Services, clock) -> None:
    from bot.whatsapp.formatting import to_whatsapp

    _public(services, PUBLIC)
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    shown = to_whatsapp(constancia_link.offer(services.settings, services.signer, filed,
                                              WHATSAPP))
    assert f"{PUBLIC}{constancia_link.PATH}{constancia_link.token(services.signer, filed)}" in shown
    assert "<a" not in shown
