"""/declarar and /misdeclaraciones through the dialogue core (bot/declaraciones/flow.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.declaraciones import drafts
from bot.declaraciones.flow import register
from bot.declaraciones.models import Declaration
from bot.models import Conversation
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.helpers import Chat, count_rows, onboard

FACTS = "Mi hermano <b>Juan</b> es el representante legal del proponente desde 2025."


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    register(services)
    return clock


async def _declare(chat: Chat, matter: str = "Contrato de suministro 045 de 2026") -> str:
    await chat.send("/declarar")
    await chat.tap("decl:tipo:impedimento")
    await chat.send(matter)
    [ask] = await chat.send(FACTS)
    assert "Interés particular y directo" in ask.text_html  # the suggested ground
    await chat.tap(ask.buttons[0][0].data)  # «Sí, esa es»
    await chat.send("Secretaría de Hacienda — Secretario")
    return chat.last


async def test_a_declaration_from_start_to_radicado(chat: Chat, services: Services, clock):
    await onboard(chat)
    summary = await _declare(chat)
    assert "Revise su declaración" in summary and "&lt;b&gt;Juan&lt;/b&gt;" in summary
    assert await count_rows(services, Declaration) == 0  # nothing stored before confirming
    [reply] = await chat.tap("decl:radicar")
    assert "DI-2026-0001" in reply.text_html and "lunes 21 de diciembre de 2026" in reply.text_html
    assert "suspendida" in reply.text_html
    assert "dentro de los 3 días siguientes a conocer la situación" in reply.text_html  # art. 12
    async with services.db.session() as session:  # the number said is the one committed
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.radicado == "DI-2026-0001" and saved.description == FACTS.strip()
    assert saved.deciding_office == "Secretaría de Hacienda — Secretario"
    assert saved.ground == 1 and "Num. 1 — Interés particular" in summary
    [mine] = await chat.send("/misdeclaraciones")
    assert "DI-2026-0001" in mine.text_html and "radicada" in mine.text_html


async def test_the_menu_opens_the_declaration(chat: Chat, clock):
    await onboard(chat)
    [reply] = await chat.tap("menu:declarar")
    assert "Declaración de impedimento" in reply.text_html


async def test_bad_answers_are_asked_again_and_cancel_stores_nothing(chat: Chat,
                                                                     services: Services, clock):
    await onboard(chat)
    await chat.send("/declarar")
    assert "botones" in (await chat.send("impedimento"))[0].text_html
    await chat.tap("decl:tipo:conflicto")
    assert "caracteres" in (await chat.send("x"))[0].text_html
    await chat.send("Permiso 123")
    assert "caracteres" in (await chat.send("corto"))[0].text_html
    await chat.send(FACTS)
    assert "botones" in (await chat.send("el numeral 1"))[0].text_html
    assert "botones" in (await chat.tap("decl:causal:17"))[0].text_html  # forged: asked again
    for forged in ("²", "1²", "١"):  # digits to str.isdigit, not to int(): asked again
        assert "botones" in (await chat.tap(f"decl:causal:{forged}"))[0].text_html
    await chat.tap("decl:causal:0")  # «No estoy seguro/a»
    await chat.send("Jurídica")
    assert "botones" in (await chat.send("sí"))[0].text_html
    [reply] = await chat.tap("decl:cancelar")
    assert "no radiqué nada" in reply.text_html
    assert await count_rows(services, Declaration) == 0
    [stale] = await chat.tap("decl:radicar")
    assert "DI-" not in stale.text_html


async def test_an_unregistered_chat_is_sent_to_start(chat: Chat, clock):
    [reply] = await chat.send("/declarar")
    assert "/start" in reply.text_html
    [mine] = await chat.send("/misdeclaraciones")
    assert "/start" in mine.text_html


async def test_radicados_follow_each_other_and_the_list_shows_them(chat: Chat, clock):
    await onboard(chat)
    for n in range(1, 3):
        await _declare(chat, matter=f"Contrato número {n}")
        [reply] = await chat.tap("decl:radicar")
        assert f"DI-2026-000{n}" in reply.text_html
    [mine] = await chat.send("/misdeclaraciones")
    assert mine.text_html.index("DI-2026-0002") < mine.text_html.index("DI-2026-0001")


async def test_withdrawing_asks_first_and_only_while_open(chat: Chat, services: Services, clock):
    await onboard(chat)
    await _declare(chat)
    await chat.tap("decl:radicar")
    [mine] = await chat.send("/misdeclaraciones")
    [[button], [pdf]] = mine.buttons  # withdraw, then the constancia
    assert button.label == "Desistir de DI-2026-0001" and pdf.label == "📄 PDF DI-2026-0001"
    [ask] = await chat.tap(button.data)
    assert "¿Desiste" in ask.text_html
    [done] = await chat.tap("decl:retirar")
    assert "quedó desistida" in done.text_html
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.state == "desistida" and saved.withdrawn_at is not None
    [mine] = await chat.send("/misdeclaraciones")
    assert mine.buttons == [[pdf]] and "desistida" in mine.text_html
    [refused] = await chat.tap(button.data)  # an old button
    assert "La declaración está desistida" in refused.text_html


async def test_someone_else_cannot_withdraw(chat: Chat, core, services: Services, clock):
    from bot.core.types import TELEGRAM, PersonRef

    await onboard(chat)
    await _declare(chat)
    await chat.tap("decl:radicar")
    other = Chat(core, PersonRef(TELEGRAM, "2002", "Otro"))
    await onboard(other)
    [reply] = await other.tap("decl:desistir:1")
    assert "No encontramos esa declaración" in reply.text_html
    assert "¿Desiste" not in reply.text_html


async def test_two_chats_filing_at_once_get_different_radicados(chat: Chat, core,
                                                               services: Services, clock):
    """Both compute the same next number; the unique (year, number) fails one commit, the
    core retries that step, and each person is told only the number that was committed."""
    import asyncio

    from bot.core.types import TELEGRAM, PersonRef

    other = Chat(core, PersonRef(TELEGRAM, "2002", "Otro"))
    for each in (chat, other):
        await onboard(each)
        await _declare(each)
    first, second = await asyncio.gather(chat.tap("decl:radicar"), other.tap("decl:radicar"))
    said = {reply.text_html.split("<b>")[1].split("</b>")[0] for reply in first + second}
    assert said == {"DI-2026-0001", "DI-2026-0002"}
    async with services.db.session() as session:
        saved = {d.radicado: d.person_id for d in
                 (await session.execute(select(Declaration))).scalars()}
    assert set(saved) == said and len(set(saved.values())) == 2


async def test_the_ground_is_suggested_from_the_facts_and_can_be_changed(chat: Chat,
                                                                        services: Services,
                                                                        clock):
    await onboard(chat)
    await chat.send("/declarar")
    await chat.tap("decl:tipo:impedimento")
    await chat.send("Licencia de construcción 88")
    [ask] = await chat.send("Tengo un pleito pendiente con el solicitante: lo demandé en 2025 "
                            "por unos linderos.")
    assert "Num. 5 — Pleito pendiente con un interesado" in ask.text_html
    assert ask.buttons[0][0].data == "decl:causal:5"
    [listed] = await chat.tap("decl:causales")
    assert len(listed.buttons) == 18  # 16 numerals, «No estoy seguro/a», «Cancelar»
    assert listed.buttons[7][0].label.startswith("8. Enemistad grave")
    await chat.tap("decl:causal:8")
    await chat.send("Planeación — Directora")
    assert "Num. 8 — Enemistad grave o amistad entrañable" in chat.last
    await chat.tap("decl:radicar")
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.ground == 8


async def test_not_sure_files_without_a_ground(chat: Chat, services: Services, clock):
    await onboard(chat)
    await chat.send("/declarar")
    await chat.tap("decl:tipo:conflicto")
    await chat.send("Comité de contratación")
    await chat.send(FACTS)
    await chat.tap("decl:causal:0")
    await chat.send("Jurídica — Jefe")
    assert "Sin precisar" in chat.last
    await chat.tap("decl:radicar")
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.ground is None


@pytest.mark.parametrize("office", ["yo", "Yo misma.", "Ana María Pérez Gómez",
                                    "ana maria perez gomez, secretaria de hacienda"])
async def test_the_declarant_cannot_name_themselves_to_decide(chat: Chat, services: Services,
                                                              clock, office: str):
    """«Who decides» naming the declarant is refused with the route of CPACA art. 12 (the
    superior; without one, the head of the sector or the Procuraduría Regional; or HR)."""
    await onboard(chat)
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.telegram_chat_id.is_not(None))
                              .values(full_name="Ana María Pérez Gómez"))
        await session.commit()
    await chat.send("/declarar")
    await chat.tap("decl:tipo:impedimento")
    await chat.send("Contrato de suministro 045 de 2026")
    [ask] = await chat.send(FACTS)
    await chat.tap(ask.buttons[0][0].data)
    [refused] = await chat.send(office)
    assert "no puede decidir su propio impedimento" in refused.text_html
    assert "Procuraduría Regional" in refused.text_html
    [summary] = await chat.send("Ana Pérez de Talento Humano")  # someone else: only two words
    assert "Revise su declaración" in summary.text_html
    assert await count_rows(services, Declaration) == 0


async def test_a_draft_is_resumable_then_expires_without_a_trace(chat: Chat, services: Services,
                                                                 clock):
    """Halfway through, the person can come back days later and go on; after a week without a
    word the draft (the matter and facts typed) is forgotten and nothing was ever filed."""
    await onboard(chat)
    await chat.send("/declarar")
    await chat.tap("decl:tipo:impedimento")
    await chat.send("Contrato de suministro 045 de 2026")
    clock.now += timedelta(days=6)
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 0  # six days: still there
    [ask] = await chat.send(FACTS)  # resumed where it was left
    assert "Interés particular y directo" in ask.text_html
    clock.now += timedelta(days=7, minutes=1)
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 1
        [conversation] = (await session.execute(select(Conversation))).scalars().all()
    assert conversation.flow is None and conversation.data == {}
    assert "045" not in str(conversation.data) and "Juan" not in str(conversation.data)
    [stale] = await chat.tap(ask.buttons[0][0].data)  # the old «Sí, esa es»
    assert "Revise su declaración" not in stale.text_html
    assert await count_rows(services, Declaration) == 0
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now + timedelta(days=30)) == 0
