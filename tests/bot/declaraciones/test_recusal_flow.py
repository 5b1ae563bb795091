"""/recusar and the recused official's answer through the dialogue core
(bot/declaraciones/recusal_flow.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core.types import TELEGRAM, PersonRef
from bot.declaraciones.flow import register
from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_official
from tests.bot.helpers import Chat, count_rows, onboard

FACTS = "El recusado es socio de la firma contratista desde 2024, lo sé por Cámara de Comercio."


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    register(services)
    ensure_notifier(services)
    return clock


async def test_recusal_of_a_directory_official_who_then_answers(chat: Chat, core,
                                                               services: Services, clock):
    await onboard(chat)
    await add_official(services, "Pedro Gómez Ruiz", department="Infraestructura")
    await add_official(services, "Pedro Gómez Díaz")
    [ask] = await chat.send("/recusar")
    assert "¿A quién recusa?" in ask.text_html
    [matches] = await chat.send("pedro gomez")
    labels = [row[0].label for row in matches.buttons]
    assert labels[:2] == ["Pedro Gómez Díaz — sin dependencia",
                          "Pedro Gómez Ruiz — Infraestructura"]
    [kinds] = await chat.tap(matches.buttons[1][0].data)
    # the type of matter: the same buttons as /declarar, then the matter in a line
    assert "¿Qué clase de asunto es?" in kinds.text_html
    assert [row[0].label for row in kinds.buttons] == [
        "Un contrato", "Un permiso, licencia o trámite", "Una vinculación o nombramiento",
        "Un proceso disciplinario, sancionatorio o judicial", "Otro asunto", "Cancelar"]
    assert [row[0].data for row in kinds.buttons][:2] == ["recu:clase:contrato",
                                                          "recu:clase:permiso"]
    [typed] = await chat.send("un contrato")  # typed instead of tapped: nothing advances
    assert "botones" in typed.text_html
    [forged] = await chat.tap("recu:clase:contrato<script>")
    assert "botones" in forged.text_html
    [ask_matter] = await chat.tap("recu:clase:contrato")
    assert "¿En qué asunto?" in ask_matter.text_html
    await chat.send("Contrato de obra 012 de 2026")
    [ground] = await chat.send(FACTS)
    assert "¿Es esa?" in ground.text_html
    await chat.tap("recu:causales")
    await chat.tap("recu:causal:10")
    [summary] = await chat.send("Secretario de Infraestructura")
    assert "Pedro Gómez Ruiz" in summary.text_html
    assert "Num. 10 — Socio o socia de un interesado (sociedad de personas)" in summary.text_html
    assert "<b>Clase de asunto:</b> Un contrato" in summary.text_html
    assert await count_rows(services, Declaration) == 0
    [filed] = await chat.tap("recu:radicar")
    assert "RC-2026-0001" in filed.text_html and "lunes 14 de diciembre de 2026" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
        recused = (await session.execute(select(Person).where(
            Person.full_name == "Pedro Gómez Ruiz"))).scalar_one()
        [queued] = (await session.execute(select(OutboxMessage))).scalars().all()
        recused.telegram_chat_id = 3003
        await session.commit()
    assert saved.recused_person_id == recused.id and saved.state == "por_responder"
    assert saved.ground == 10 and saved.matter_type == "contrato"
    assert queued.person_id == recused.id and "recu:resp" in str(queued.buttons)
    # the recused official answers from the notice's button
    pedro = Chat(core, PersonRef(TELEGRAM, "3003", "Pedro"))
    [ask] = await pedro.tap(f"recu:resp:{saved.id}:no")
    assert "razones" in ask.text_html
    [done] = await pedro.send("No soy socio: vendí mi parte en 2023, adjunto certificado.")
    assert "quedó registrada" in done.text_html
    async with services.db.session() as session:
        again = await session.get(Declaration, saved.id)
    assert again is not None and again.state == "radicada" and again.recused_accepts is False
    # the recusant cannot answer for the recused, and an old button says why not
    [refused] = await chat.tap(f"recu:resp:{saved.id}:si")
    assert "No encontramos" in refused.text_html
    [stale] = await pedro.tap(f"recu:resp:{saved.id}:si")
    assert "radicada: no se puede registrar la respuesta" in stale.text_html
    [mine] = await chat.send("/misdeclaraciones")
    assert "recusación de Pedro Gómez Ruiz" in mine.text_html


async def test_a_name_not_in_the_directory_is_kept_as_typed(chat: Chat, services: Services,
                                                            clock):
    await onboard(chat)
    await chat.send("/recusar")
    replies = await chat.send("Funcionario <i>Desconocido</i>")
    assert "No encontré a <b>Funcionario &lt;i&gt;Desconocido&lt;/i&gt;</b>" in replies[0].text_html
    assert "¿Qué clase de asunto es?" in replies[1].text_html
    await chat.tap("recu:clase:permiso")
    await chat.send("Permiso 123")
    await chat.send(FACTS)
    assert "botones" in (await chat.send("No sé"))[0].text_html  # the ground: buttons only
    await chat.tap("recu:causal:0")
    await chat.send("No sé")
    [filed] = await chat.tap("recu:radicar")
    assert "RC-2026-0001" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.recused_person_id is None and saved.ground is None
    assert saved.matter_type == "permiso"
    assert saved.recused_name == "Funcionario <i>Desconocido</i>"
    assert await count_rows(services, OutboxMessage) == 0


async def test_cancel_stores_nothing(chat: Chat, services: Services, clock):
    await onboard(chat)
    await chat.send("/recusar")
    await chat.send("Alguien Inexistente")
    [stale] = await chat.tap("decl:clase:contrato")  # /declarar's button: not this dialogue's
    assert "ya no está activo" in stale.text_html
    [reply] = await chat.tap("recu:cancelar")
    assert "no radiqué nada" in reply.text_html
    assert await count_rows(services, Declaration) == 0
    [unregistered] = await Chat(chat.core, PersonRef(TELEGRAM, "5005", "X")).send("/recusar")
    assert "/start" in unregistered.text_html


async def test_a_draft_from_before_the_type_of_matter_files_without_one(
        chat: Chat, services: Services, clock):
    """A recusal left at the matter before /recusar asked the type: it goes on and is filed
    without a type (shown nowhere), like an old /declarar draft."""
    await onboard(chat)
    await chat.send("/recusar")
    await chat.send("Alguien Inexistente")
    async with services.db.session() as session:
        from bot.models import Conversation
        conversation = (await session.execute(select(Conversation))).scalars().one()
        conversation.step = "asunto"
        conversation.data = {"n": "Alguien Inexistente", "r": None}
        await session.commit()
    await chat.send("Permiso 123")
    await chat.send(FACTS)
    await chat.tap("recu:causal:0")
    [summary] = await chat.send("No sé")
    assert "Clase de asunto" not in summary.text_html
    [filed] = await chat.tap("recu:radicar")
    assert "RC-2026-0001" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.matter_type is None
