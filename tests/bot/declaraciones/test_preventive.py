"""Preventive declarations (bot/declaraciones/preventive.py): their own DP series, no deadline,
from the chat, apart in the register, and counted in the integrity report."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.declaraciones import assets, preventive
from bot.declaraciones.measures import DeclarationsRegister
from bot.declaraciones.models import AssetFiling, Declaration
from nucleo import asset_filings
from nucleo.errors import InvalidInput
from nucleo.models import Person
from nucleo.report import Period
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, bogota
from tests.bot.declaraciones.helpers import (
    add_official,
    add_person,
    file_one,
    file_recusal,
    new_staff,
)
from tests.bot.helpers import Chat, count_rows, onboard
from tests.web.console import LoginAs


async def _preventive(services: Services, person: int, now, counterparty="Constructora Andina"):  # type: ignore[no-untyped-def]
    async with services.db.session() as session:
        return await preventive.file_preventive(
            session, person_id=person, holder="pariente", counterparty=counterparty,
            description="Mi hermano es ingeniero residente de la empresa desde 2024.", now=now,
            tz=BOGOTA)


async def test_preventive_has_its_series_and_no_deadline(services):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 9))
    saved = await _preventive(services, person, bogota(2026, 12, 4, 10))
    assert saved.radicado == "DP-2026-0001" and saved.state == "registrada"
    assert saved.due_on is None and saved.counterparty == "Constructora Andina"
    with pytest.raises(InvalidInput):
        async with services.db.session() as session:
            await preventive.file_preventive(
                session, person_id=person, holder="vecino", counterparty="X S.A.S.",
                description="Una situación cualquiera que se describe.",
                now=bogota(2026, 12, 4, 10), tz=BOGOTA)
    assert await count_rows(services, Declaration) == 2


async def test_preventive_from_the_chat_and_withdrawn(chat: Chat, services: Services, clock):
    await onboard(chat)
    await chat.send("/declarar")
    [ask] = await chat.tap("decl:tipo:preventiva")
    assert "Declaración preventiva" in ask.text_html and len(ask.buttons) == 5
    await chat.tap("decl:quien:pariente")
    await chat.send("Constructora <b>Andina</b> S.A.S.")
    [summary] = await chat.send("Mi hermano es ingeniero residente de la empresa desde 2024.")
    assert "Un pariente" in summary.text_html and "&lt;b&gt;Andina" in summary.text_html
    assert await count_rows(services, Declaration) == 0
    [done] = await chat.tap("decl:guardar")
    assert "DP-2026-0001" in done.text_html and "No suspende nada" in done.text_html
    [mine] = await chat.send("/misdeclaraciones")
    assert "DP-2026-0001" in mine.text_html and "registrada" in mine.text_html
    [[button], _pdf] = mine.buttons  # withdraw, then the constancia
    await chat.tap(button.data)
    await chat.tap("decl:retirar")
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.state == "desistida" and saved.interest_holder == "pariente"


async def test_register_lists_preventive_apart(services, clock, login_as: LoginAs):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 9))
    saved = await _preventive(services, person, bogota(2026, 12, 4, 10))
    user = await login_as("asesor")
    main = await user.get("/consola/declaraciones")
    assert "DI-2026-0001" in main.text and "DP-2026-0001" not in main.text
    assert "Ver las declaraciones preventivas vigentes (1)" in main.text
    apart = await user.get("/consola/declaraciones", params={"tipo": "preventiva"})
    assert "Declaraciones preventivas" in apart.text and "DP-2026-0001" in apart.text
    assert "DI-2026-0001" not in apart.text and "Sin plazo" in apart.text
    detail = await user.get(f"/consola/declaraciones/{saved.id}")
    assert detail.status_code == 200 and "Constructora Andina" in detail.text
    assert "Revisar y decidir" not in detail.text


async def test_report_counts_each_kind(services):
    person = await add_person(services)
    staff = await new_staff(services)
    recused = await add_official(services, "Pedro Gómez")
    filed = await file_one(services, person, bogota(2026, 12, 4, 9))
    await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    await _preventive(services, person, bogota(2026, 12, 5, 10))
    await _preventive(services, person, bogota(2027, 1, 5, 10))  # outside the period
    from bot.declaraciones import actions

    async with services.db.session() as session:
        await actions.decide(session, filed.id, outcome="rechazada",
                             decision="No hay interés directo en el asunto.", staff=staff,
                             now=bogota(2026, 12, 9, 9), notifier=None)
        figures = await DeclarationsRegister().measure(
            session, Period(date(2026, 12, 1), date(2026, 12, 31), BOGOTA))
    assert figures.value == 3
    assert dict(figures.details) == {
        "Impedimentos y conflictos declarados": 1, "Recusaciones": 1,
        "Declaraciones preventivas": 1, "Decididas dentro del plazo": 1,
        "Decididas después del plazo": 0}


async def test_the_yearly_preventive_declaration_or_sin_novedad(chat: Chat, services: Services,
                                                                clock):
    """Once a year every active servant and contractor files a preventive declaration or taps
    «Sin novedad este año»; either takes them out of that year's reminder audience, whose
    default window is the whole year (someone who joins owes it too)."""
    await onboard(chat, kind="contratista")
    async with services.db.session() as session:
        people = {name: Person(full_name=name, kind=kind, status=status) for name, kind, status in (
            ("Berta Servidora", "servidor", "activa"), ("Carlos Declarante", "contratista", "activa"),
            ("Dora Inactiva", "servidor", "inactiva"))}
        session.add_all(people.values())
        await session.commit()
        filer = people["Carlos Declarante"].id
        chat_person = (await session.scalars(select(Person.id).where(
            Person.telegram_chat_id.is_not(None)))).one()

    async def pending(day: date) -> set[int]:
        async with services.db.session() as session:
            window = await asset_filings.reminder_window(session, year=2026, kind="preventiva")
            if not window.open_on(day):
                return set()
            return set(await session.scalars(select(Person.id).where(
                asset_filings.pending(2026, "preventiva"))))

    berta = people["Berta Servidora"].id
    assert await pending(date(2026, 12, 4)) == {berta, filer, chat_person}  # not the inactive
    assert await pending(date(2027, 1, 1)) == set()  # the 2026 window is 2026
    await chat.send("/declarar")
    [ask] = await chat.tap("decl:tipo:sin_novedad")
    assert "Declaración preventiva 2026: sin novedad" in ask.text_html
    assert await count_rows(services, AssetFiling) == 0  # nothing before confirming
    [done] = await chat.tap("decl:sinnovedad")
    assert "Quedó registrada su declaración preventiva de 2026: sin novedad" in done.text_html
    await chat.send("/declarar")
    await chat.tap("decl:tipo:sin_novedad")
    [again] = await chat.tap("decl:sinnovedad")
    assert "ya estaba registrada" in again.text_html
    await _preventive(services, filer, bogota(2026, 12, 4, 11))
    assert await pending(date(2026, 12, 4)) == {berta}
    async with services.db.session() as session:
        rows = {(r.person_id == filer, r.source, r.filed_on) for r in await session.scalars(
            select(AssetFiling).where(AssetFiling.kind == "preventiva"))}
        people = await assets.obliged(session, year=2026, kind="preventiva")
    assert rows == {(False, "sin_novedad", date(2026, 12, 4)),
                    (True, "declaracion", date(2026, 12, 4))}
    assert [p.full_name for p in people if p.filed_on is None] == ["Berta Servidora"]
