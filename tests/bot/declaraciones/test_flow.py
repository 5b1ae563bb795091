"""/declarar and /misdeclaraciones through the dialogue core (bot/declaraciones/flow.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.declaraciones import drafts
from bot.declaraciones.models import Declaration
from bot.models import Conversation
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.declaraciones.helpers import guided
from tests.bot.helpers import Chat, count_rows, onboard

FACTS = "Mi hermano <b>Juan</b> es el representante legal del proponente desde 2025."


async def _declare(chat: Chat, matter: str = "Contrato de suministro 045 de 2026") -> str:
    await guided(chat, matter=matter)
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
    assert "botones" in (await chat.send("un permiso"))[0].text_html
    assert "botones" in (await chat.tap("decl:clase:licencia"))[0].text_html  # forged
    await chat.tap("decl:clase:permiso")
    assert "caracteres" in (await chat.send("x"))[0].text_html
    await chat.send("Permiso 123")
    assert "botones" in (await chat.send("lo tramito"))[0].text_html
    assert "botones" in (await chat.tap("decl:papel:jefe"))[0].text_html  # forged
    await chat.tap("decl:papel:tramita")
    assert "botones" in (await chat.tap("decl:interes:vecino"))[0].text_html  # forged
    await chat.tap("decl:interes:pariente")
    for forged in ("bisabuelos", "Hermanos", "otro:x"):
        assert "botones" in (await chat.tap(f"decl:pariente:{forged}"))[0].text_html
    await chat.tap("decl:pariente:" + "hermanos" * 20)  # not a button the core knows
    await chat.tap("decl:pariente:hermanos")
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
    await guided(chat, matter="Licencia de construcción 88", matter_type="permiso",
                 role="decide", holder="yo")
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
    await guided(chat, "conflicto", "Comité de contratación")
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
    await guided(chat)
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
    """Halfway through, the person can come back the next day and go on; after two days
    without a word (the default) the draft (the matter and facts typed) is forgotten and
    nothing was ever filed (rows and replies: ``test_drafts.py``)."""
    await onboard(chat)
    await guided(chat)
    clock.now += timedelta(days=1, hours=23)
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 0  # not two days: still there
    [ask] = await chat.send(FACTS)  # resumed where it was left
    assert "Interés particular y directo" in ask.text_html
    clock.now += timedelta(days=2, minutes=1)
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


async def _saved(services: Services) -> Declaration:
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    return saved


async def test_the_guided_answers_are_summarised_and_stored(chat: Chat, services: Services,
                                                            clock):
    await onboard(chat)
    kin = await guided(chat, matter_type="contrato", role="supervisa", relation="tios")
    assert "Tío/a" in kin.text_html and "3.º grado de consanguinidad" in kin.text_html
    assert "dentro de los grados" in kin.text_html and "Cuénteme los hechos" in kin.text_html
    [ask] = await chat.send("Mi tío es el representante legal del contratista.")
    assert "Num. 1 — Interés particular" in ask.text_html
    await chat.tap(ask.buttons[0][0].data)
    [summary] = await chat.send("Secretaría de Hacienda")
    assert "Un contrato" in summary.text_html and "Lo supervisa" in summary.text_html
    assert "Un pariente: Tío/a (3.º grado de consanguinidad)" in summary.text_html
    await chat.tap("decl:radicar")
    saved = await _saved(services)
    assert (saved.matter_type, saved.role, saved.interest_holder, saved.relation,
            saved.kinship_degree, saved.ground) == ("contrato", "supervisa", "pariente", "tios",
                                                    3, 1)


async def test_a_relative_beyond_the_degrees_is_said_and_not_blocked(chat: Chat,
                                                                      services: Services, clock):
    await onboard(chat)
    kin = await guided(chat, "conflicto", relation="pareja_hermano")
    assert "no es su pariente" in kin.text_html and "Concepto 34941" in kin.text_html
    [ask] = await chat.send("La esposa de mi hermano es la gerente de la firma proponente.")
    assert "ningún numeral" in ask.text_html and "Num." not in ask.text_html
    assert ask.buttons[0][0].data == "decl:causal:0"  # «Radicarla sin precisar la causal»
    await chat.tap(ask.buttons[0][0].data)
    await chat.send("Secretaría de Hacienda")
    assert "Sin precisar" in chat.last
    await chat.tap("decl:radicar")
    saved = await _saved(services)
    assert saved.ground is None and saved.relation == "pareja_hermano"
    assert saved.kinship_degree is None


async def test_a_cousins_child_is_outside_and_a_numeral_with_fewer_degrees_falls_back(
        chat: Chat, clock):
    await onboard(chat)
    kin = await guided(chat, relation="hijos_primo")
    assert "5.º grado de consanguinidad" in kin.text_html and "fuera" in kin.text_html
    await chat.tap("decl:cancelar")
    await guided(chat, relation="tios")  # 3.º: num. 9 (debts) reaches only the 2.º
    [ask] = await chat.send("Mi tío le debe plata al contratista desde 2024.")
    assert "Num. 1 — Interés particular" in ask.text_html
    assert "numeral 9" in ask.text_html
    await chat.tap("decl:cancelar")
    await guided(chat, relation="hermanos")  # 2.º: num. 9 reaches them
    [ask] = await chat.send("Mi hermano le debe plata al contratista desde 2024.")
    assert "Num. 9" in ask.text_html


async def test_the_notes_for_a_process_and_for_appointing_a_relative(chat: Chat, clock):
    await onboard(chat)
    await guided(chat, matter="Proceso disciplinario 12-2026", matter_type="proceso",
                 role="tramita", holder="yo")
    [ask] = await chat.send("Soy el investigado en un asunto parecido desde el año pasado.")
    assert "Ley 1952 de 2019" in ask.text_html and "art. 141" in ask.text_html
    await chat.tap("decl:cancelar")
    await guided(chat, matter="Nombramiento provisional", matter_type="vinculacion",
                 role="decide", relation="primos")
    [ask] = await chat.send("Mi primo es uno de los candidatos al cargo que debo proveer.")
    assert "art. 126" in ask.text_html


async def test_someone_else_or_an_unknown_relative(chat: Chat, clock):
    await onboard(chat)
    await guided(chat, holder="otra")
    [ask] = await chat.send("Una vecina mía es la representante del proponente.")
    assert "ningún numeral" in ask.text_html
    await chat.tap("decl:cancelar")
    await guided(chat, holder="otra")
    [ask] = await chat.send("El proponente es mi mejor amigo desde el colegio.")
    assert "Num. 8" in ask.text_html  # the facts name a numeral
    await chat.tap("decl:cancelar")
    kin = await guided(chat, relation="otro")
    assert "Diga en los hechos qué pariente es" in kin.text_html
    [ask] = await chat.send("El sobrino de mi esposa es el proponente.")
    assert "Num. 1" in ask.text_html


async def test_a_stale_guided_button_does_not_move_the_dialogue(chat: Chat, clock):
    await onboard(chat)
    await chat.send("/declarar")
    await chat.tap("decl:tipo:impedimento")
    [stale] = await chat.tap("decl:pariente:hermanos")  # not this step's
    assert "Cuénteme los hechos" not in stale.text_html
    [asked] = await chat.tap("decl:clase:contrato")  # still at the type of matter
    assert "¿Sobre qué asunto?" in asked.text_html


async def test_a_draft_from_before_the_guided_questions_still_files(chat: Chat,
                                                                    services: Services, clock):
    """A conversation left at the facts before #18 (no guided answers kept) goes on with the
    facts alone and files without them."""
    await onboard(chat)
    await guided(chat)
    async with services.db.session() as session:
        [conversation] = (await session.execute(select(Conversation))).scalars().all()
        conversation.data = {"k": "impedimento", "m": "Contrato 9 de 2026"}
        await session.commit()
    [ask] = await chat.send(FACTS)
    assert "Num. 1" in ask.text_html
    await chat.tap(ask.buttons[0][0].data)
    [summary] = await chat.send("Secretaría de Hacienda")
    assert "Revise su declaración" in summary.text_html
    assert "Quién tiene el interés" not in summary.text_html
    await chat.tap("decl:radicar")
    saved = await _saved(services)
    assert saved.matter_type is None and saved.interest_holder is None and saved.ground == 1


async def test_a_spouse_s_grandparent_is_a_button_within_the_degrees(chat: Chat,
                                                                     services: Services, clock):
    await onboard(chat)
    kin = await guided(chat, relation="abuelos_pareja")
    assert "Abuelo/a de su pareja" in kin.text_html
    assert "2.º grado de afinidad" in kin.text_html and "dentro de los grados" in kin.text_html
    [ask] = await chat.send("El abuelo de mi esposa es el dueño de la firma proponente.")
    assert "Num. 1 — Interés particular" in ask.text_html
    await chat.tap(ask.buttons[0][0].data)
    [summary] = await chat.send("Secretaría de Hacienda")
    assert "Un pariente: Abuelo/a de su pareja (2.º grado de afinidad)" in summary.text_html
    await chat.tap("decl:radicar")
    saved = await _saved(services)
    assert (saved.relation, saved.kinship_degree) == ("abuelos_pareja", 2)
