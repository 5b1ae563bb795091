"""Recusals (bot/declaraciones/recusals.py): their own radicado series, the 5 + 10 business
days of CPACA art. 12, the recused official's answer and the same decision path."""

from __future__ import annotations

from datetime import date

import pytest

from bot.declaraciones import actions, recusals
from bot.declaraciones.models import Declaration
from nucleo.business_days import BusinessCalendar
from nucleo.errors import InvalidInput, InvalidTransition, NotFound
from tests.bot.consultas.desk import BOGOTA, RecordingNotifier, bogota
from tests.bot.declaraciones.helpers import (
    add_official,
    add_person,
    file_one,
    file_recusal,
    new_staff,
)
from tests.bot.helpers import count_rows


def test_terms_are_five_then_ten_business_days() -> None:
    # filed Friday 4 December 2026: 8 December is a holiday
    assert recusals.terms(date(2026, 12, 4), BusinessCalendar()) == (
        date(2026, 12, 14), date(2026, 12, 29))  # and Christmas


async def test_recusals_have_their_own_series_and_notify_the_recused(services):
    recusant = await add_person(services)
    recused = await add_official(services, "Pedro Gómez", chat_id=777)
    declared = await file_one(services, recusant, bogota(2026, 12, 4, 9))
    notifier = RecordingNotifier()
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused,
                               person_id=recusant, notifier=notifier,
                               matter="Contrato <b>012</b>")
    second = await file_recusal(services, bogota(2026, 12, 7, 10), recused_person_id=None,
                                person_id=recusant, notifier=notifier)
    assert declared.radicado == "DI-2026-0001"
    assert (filed.radicado, second.radicado) == ("RC-2026-0001", "RC-2026-0002")
    assert filed.state == "por_responder" and filed.kind == "recusacion"
    assert filed.answer_due_on == date(2026, 12, 14) and filed.due_on == date(2026, 12, 29)
    [sent] = notifier.sent  # the second one names nobody of the directory: nobody is told
    assert sent.person_id == recused and "RC-2026-0001" in sent.text_html
    assert "lunes 14 de diciembre de 2026" in sent.text_html
    assert "&lt;b&gt;012&lt;/b&gt;" in sent.text_html
    assert [b.data for [b] in sent.buttons or []] == [f"recu:resp:{filed.id}:si",
                                                      f"recu:resp:{filed.id}:no"]


async def test_nobody_recuses_themselves_or_an_unknown_person(services):
    person = await add_person(services)
    with pytest.raises(InvalidInput, match="sí mismo"):
        await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=person,
                           person_id=person)
    with pytest.raises(NotFound):
        await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=9999,
                           person_id=person)
    with pytest.raises(InvalidInput, match="nombre"):
        await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=None,
                           person_id=person, recused_name="x")
    assert await count_rows(services, Declaration) == 0


async def test_answer_then_decide_notifies_both(services):
    recusant = await add_person(services)
    recused = await add_official(services, "Pedro Gómez", chat_id=777)
    staff = await new_staff(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused,
                               person_id=recusant)
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        with pytest.raises(InvalidTransition, match="hasta el lunes 14 de diciembre"):
            await actions.decide(session, filed.id, outcome="aceptada",
                                 decision="Se acepta la recusación.", staff=staff,
                                 now=bogota(2026, 12, 9, 9), notifier=notifier)
        await session.rollback()
        with pytest.raises(NotFound):  # only the recused official answers from the chat
            await recusals.answer_recusal(
                session, filed.id, accepts=True, answer="Acepto la causal invocada.",
                now=bogota(2026, 12, 9, 9), tz=BOGOTA, calendar=BusinessCalendar(),
                person_id=recusant)
        answered = await recusals.answer_recusal(
            session, filed.id, accepts=True, answer="Acepto: soy socio desde 2024.",
            now=bogota(2026, 12, 9, 9), tz=BOGOTA, calendar=BusinessCalendar(),
            person_id=recused)
        assert answered.state == "radicada" and answered.recused_accepts is True
        assert answered.due_on == date(2026, 12, 23)  # 10 business days from the answer
        with pytest.raises(InvalidTransition, match="radicada"):
            await recusals.answer_recusal(
                session, filed.id, accepts=False, answer="Cambio de opinión total.",
                now=bogota(2026, 12, 10, 9), tz=BOGOTA, calendar=BusinessCalendar(),
                person_id=recused)
        done = await actions.decide(session, filed.id, outcome="aceptada",
                                    decision="Se acepta; asume el asunto la Jefe de Obras.",
                                    staff=staff, now=bogota(2026, 12, 11, 9), notifier=notifier)
    assert done.notified and done.declaration.state == "decidida"
    by_person = {s.person_id: s.text_html for s in notifier.sent}
    assert "Su recusación <b>RC-2026-0001</b>" in by_person[recusant]
    assert "en su contra" in by_person[recused]


async def test_without_an_answer_the_superior_decides_after_five_days(services):
    recused = await add_official(services, "Pedro Gómez")
    staff = await new_staff(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    async with services.db.session() as session:
        done = await actions.decide(session, filed.id, outcome="rechazada",
                                    decision="No se probó el interés del recusado.",
                                    staff=staff, now=bogota(2026, 12, 15, 9), notifier=None)
    assert done.declaration.state == "decidida" and not done.notified
    async with services.db.session() as session:
        waiting, _ = await actions.list_declarations(session, answer_overdue_on=date(2026, 12, 15))
    assert waiting == 0


async def test_register_filters_recusals_waiting_too_long(services):
    recused = await add_official(services, "Pedro Gómez")
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 9))
    await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    async with services.db.session() as session:
        total, [only] = await actions.list_declarations(session, kind="recusacion")
        assert total == 1 and only.radicado == "RC-2026-0001"
        assert (await actions.list_declarations(
            session, answer_overdue_on=date(2026, 12, 14)))[0] == 0
        assert (await actions.list_declarations(
            session, answer_overdue_on=date(2026, 12, 15)))[0] == 1
        assert (await actions.list_declarations(session, state="por_responder"))[0] == 1


async def test_directory_matches_are_accent_blind(services):
    await add_official(services, "José Pérez Gómez")
    await add_official(services, "José Pérez Ruiz")
    await add_official(services, "María López")
    async with services.db.session() as session:
        assert len(await recusals.match_officials(session, "jose perez")) == 2
        [one] = await recusals.match_officials(session, "PÉREZ ruiz")
        assert one.full_name == "José Pérez Ruiz"
        assert await recusals.match_officials(session, "  ") == []
