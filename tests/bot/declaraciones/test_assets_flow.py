"""/bienes in the chat (bot/declaraciones/assets_flow.py): the declarations the person must
file this year (HR's marks) with their state; the day they filed, typed and checked, stored as
self-reported; a later SIGEP import wins; forged and stale buttons change nothing."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from bot.declaraciones import assets
from bot.declaraciones.models import AssetFiling, AssetReminderWindow
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.helpers import count_rows, onboard
from tests.web.console import LoginAs

BR, LEY = "bienes:ya:bienes_rentas:2026", "bienes:ya:ley_2013:2026"


async def _me(services: Services, document: str = "1000") -> int:
    """The chat's person, given a cédula (the SIGEP import finds people by it)."""
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalar_one()
        person.document_id = document
        await session.commit()
        return person.id


async def _filings(services: Services) -> list[tuple[str, date | None, str | None]]:
    async with services.db.session() as session:
        rows = (await session.execute(select(AssetFiling).order_by(AssetFiling.kind))).scalars()
        return [(r.kind, r.filed_on, r.source) for r in rows]


async def test_a_servant_reports_the_day_and_sigep_wins(chat, services: Services, clock,  # type: ignore[no-untyped-def]  # the chat fixture is untyped
                                                        login_as: LoginAs) -> None:
    [ask] = await chat.send("/bienes")
    assert "registrarse" in ask.text_html
    await onboard(chat)
    await _me(services)
    [mine] = await chat.send("/bienes")  # 4 December: the deadline passed
    assert "Sus declaraciones de 2026" in mine.text_html and "pendiente" in mine.text_html
    assert "venció el" in mine.text_html and "31 de julio" in mine.text_html
    assert "Ley 2013" not in mine.text_html  # HR did not mark this person
    assert [b.data for row in mine.buttons for b in row] == [BR]
    [day] = await chat.tap(BR)
    assert "¿En qué fecha" in day.text_html and "15/07/2026" in day.text_html
    for typed, says in [("mañana", "No entendí"), ("<b>hola</b>", "&lt;b&gt;hola"),
                        ("31/02/2026", "no existe"), ("5 de diciembre", "posterior a hoy"),
                        ("31/12/2025", "antes del jueves 1 de enero de 2026"),
                        ("x" * 3000, "No entendí")]:
        [reply] = await chat.send(typed)
        assert says in reply.text_html, typed[:20]
    assert await _filings(services) == []  # nothing stored on a bad date
    [done] = await chat.send("15 de julio")
    assert "15 de julio de 2026" in done.text_html and "autodeclarada" in done.text_html
    assert await _filings(services) == [("bienes_rentas", date(2026, 7, 15), "chat")]
    [mine] = await chat.send("/bienes")
    assert "según usted" in mine.text_html and "viernes 4 de diciembre" in mine.text_html
    assert [b.label for row in mine.buttons for b in row] == ["Corregir la fecha: bienes y rentas"]
    await chat.tap(BR)
    await chat.send("ayer")
    assert await _filings(services) == [("bienes_rentas", date(2026, 12, 3), "chat")]
    user = await login_as("talento_humano")  # the export shows the self-reported day
    sheet = await user.get("/consola/declaraciones/bienes.xlsx", params={"anio": "2026"})
    [_, row] = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert row[5].date() == date(2026, 12, 3) and "autodeclarada" in row[6]
    async with services.db.session() as session:  # a SIGEP list later wins
        await assets.import_filed(session, b"cedula;fecha\n1000;20/07/2026\n", year=2026,
                                  kind="bienes_rentas", actor=None, now=clock.now,
                                  today=date(2026, 12, 4))
    [mine] = await chat.send("/bienes")
    assert "lista de SIGEP" in mine.text_html and not mine.buttons
    [stale] = await chat.tap(BR)  # an old button: HR's date is said, nothing changes
    assert "ya tiene registrada" in stale.text_html and "20 de julio" in stale.text_html
    assert await _filings(services) == [("bienes_rentas", date(2026, 7, 20), "importado")]


async def test_a_contractor_marked_for_ley_2013(chat, services: Services, clock) -> None:  # type: ignore[no-untyped-def]  # the chat fixture is untyped
    await onboard(chat, kind="contratista")
    person = await _me(services)
    [mine] = await chat.send("/bienes")
    assert "no lo tiene entre quienes deben" in mine.text_html and not mine.buttons
    [forged] = await chat.tap(LEY)
    assert "no lo tiene entre quienes deben presentar esa" in forged.text_html
    async with services.db.session() as session:  # HR marks the contractor (literal f/g)
        session.add(AssetFiling(person_id=person, year=2026, kind="ley_2013", required=True))
        session.add(AssetReminderWindow(year=2026, kind="ley_2013", opens_on=date(2026, 11, 1),
                                        closes_on=date(2026, 12, 18)))
        await session.commit()
    [mine] = await chat.send("/bienes")
    assert "Ley 2013" in mine.text_html and "bienes y rentas:" not in mine.text_html
    assert "a más tardar el viernes 18 de diciembre" in mine.text_html
    assert [b.data for row in mine.buttons for b in row] == [LEY]
    [cancelled] = await chat.tap(LEY)
    [cancelled] = await chat.tap("bienes:cancelar")
    assert "no anoté nada" in cancelled.text_html
    await chat.tap(LEY)
    [done] = await chat.send("HOY")
    assert "publicación de la Ley 2013 de 2026" in done.text_html
    assert await _filings(services) == [("ley_2013", date(2026, 12, 4), "chat")]


async def test_forged_and_stale_buttons(chat, services: Services, clock) -> None:  # type: ignore[no-untyped-def]  # the chat fixture is untyped
    await onboard(chat)
    for data in ("bienes:ya:bienes_rentas:2025", "bienes:ya:preventiva:2026", "bienes:ya:x",
                 "bienes:ya:2026", "bienes:ya:bienes_rentas:2026' OR 1=1"):
        [reply] = await chat.tap(data)
        assert "botones" in reply.text_html, data
    [other] = await chat.tap(LEY)  # a servant HR did not mark for Ley 2013
    assert "no lo tiene entre quienes deben presentar esa" in other.text_html
    assert await count_rows(services, AssetFiling) == 0
