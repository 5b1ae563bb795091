"""#18: the decision link of a recusal goes to the recused official's jefe inmediato by
itself, once they answered or their 5 business days ran out; with no superior who can decide
(none, the recusant themself, unreachable) it is left to the register's keepers, marked in
their digest. Each recusal is routed once; the link decides once. Both engines, injected
clock."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from bot.declaraciones import decision_link, recusal_routing, recusals, reminders
from bot.declaraciones.component import DeclarationReminders
from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.background import background
from nucleo.business_days import BusinessCalendar
from nucleo.errors import InvalidTransition
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, Clock, RecordingSender, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_recusal, new_staff

PUBLIC = "https://valor.alcaldia.gov.co"


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    services.settings = services.settings.model_copy(update={"public_url": PUBLIC})
    ensure_notifier(services)
    return clock


async def _official_with_superior(services: Services, *, superior_chat: int | None = 555,
                                  superior: int | None = None) -> tuple[int, int]:
    """Pedro (chat 777), whose jefe inmediato is Luz (or ``superior``)."""
    luz = superior or await add_official(services, "Luz Ríos", chat_id=superior_chat,
                                         department="Hacienda")
    pedro = await add_official(services, "Pedro Gómez", chat_id=777)
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == pedro).values(superior_id=luz))
        await session.commit()
    return pedro, luz


async def _answer(services: Services, declaration_id: int, when: datetime) -> str | None:
    staff = await new_staff(services, role="asesor", email=f"s{declaration_id}@alcaldia.gov.co")
    async with services.db.session() as session:
        done = await recusals.answer_recusal(
            session, declaration_id, accepts=False, answer="No soy socio del contratista.",
            now=when, tz=BOGOTA, calendar=BusinessCalendar(), staff=staff)
        return await recusal_routing.route_recusal(
            session, done, recusal_routing.Routing.of(services), today=when.date())


async def _links_to(services: Services, person_id: int) -> list[str]:
    async with services.db.session() as session:
        texts = (await session.scalars(select(OutboxMessage.text_html).where(
            OutboxMessage.person_id == person_id))).all()
    return [m for t in texts for m in re.findall(r'href="([^"]+/declaraciones/decidir/[^"]+)"', t)]


async def _sweep(services: Services, today: date) -> list[str]:
    async with services.db.session() as session:
        return await recusal_routing.route_due_recusals(
            session, recusal_routing.Routing.of(services), today=today)


async def test_the_answer_sends_the_link_to_the_superior_once(
        services: Services, clock: Clock, api: httpx.AsyncClient) -> None:
    recusant = await add_person(services)
    pedro, luz = await _official_with_superior(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro,
                               person_id=recusant)
    assert await _sweep(services, date(2026, 12, 9)) == []  # still Pedro's days to answer
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == decision_link.CHAT
    [url] = await _links_to(services, luz)
    assert await _sweep(services, date(2026, 12, 10)) == []  # routed once
    assert await _links_to(services, luz) == [url]
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        assert saved is not None and saved.link_name == "Luz Ríos" and saved.link_nonce == 1
    path = url.removeprefix(PUBLIC)
    first, second = await api.get(path), await api.get(path)  # opened twice: both read it
    assert first.status_code == second.status_code == 200
    token = path.rsplit("/", 1)[1]
    async with services.db.session() as session:
        await decision_link.decide_by_link(
            session, services.signer, token, outcome="rechazada",
            decision="El recusado no tiene interés en el contrato.", now=bogota(2026, 12, 10, 9),
            notifier=None, tz=BOGOTA)
    with pytest.raises(InvalidTransition):  # whoever holds it (or opens it again): once
        async with services.db.session() as session:
            await decision_link.decide_by_link(
                session, services.signer, token, outcome="aceptada", decision="Otra decisión.",
                now=bogota(2026, 12, 10, 10), notifier=None, tz=BOGOTA)


async def test_five_days_without_answer_route_it_in_the_daily_job(
        services: Services, clock: Clock) -> None:
    pedro, luz = await _official_with_superior(services)
    await file_recusal(services, bogota(2026, 12, 4, 10),
                       recused_person_id=pedro)  # answer due Monday 14 December (8th: holiday)
    component = DeclarationReminders(services, scheduler=lambda: None,  # type: ignore[arg-type,return-value]  # run() only
                                     sender=lambda: RecordingSender(), hour=8)
    clock.now = bogota(2026, 12, 14, 9)
    await component.run()
    assert await _links_to(services, luz) == []  # the last day is still Pedro's
    clock.now = bogota(2026, 12, 15, 9)
    await component.run()
    assert len(await _links_to(services, luz)) == 1
    await component.run()  # a second tick
    assert len(await _links_to(services, luz)) == 1


@pytest.mark.parametrize("case", ["no superior", "superior recuses", "unreachable",
                                  "retired superior"])
async def test_without_a_superior_who_can_decide_the_register_keeps_it(
        services: Services, clock: Clock, case: str) -> None:
    recusant = await (add_official(services, "Ana Jefa", chat_id=888)
                      if case == "superior recuses" else add_person(services))
    if case == "no superior":
        pedro, luz = await add_official(services, "Pedro Gómez", chat_id=777), None
    elif case == "superior recuses":  # the recusant is Pedro's own jefe
        pedro, luz = await _official_with_superior(services, superior=recusant)
    else:
        pedro, luz = await _official_with_superior(
            services, superior_chat=None if case == "unreachable" else 555)
        if case == "retired superior":
            async with services.db.session() as session:
                await session.execute(update(Person).where(Person.id == luz).values(
                    status="inactiva"))
                await session.commit()
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro,
                               person_id=recusant)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == recusal_routing.KEEPERS
    if luz is not None:
        assert await _links_to(services, luz) == []
    async with services.db.session() as session:
        [entry] = (await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.recusacion.registro"))).all()
        saved = await session.get(Declaration, filed.id)
    assert entry.details["motivo"] == {
        "no superior": "sin_jefe_inmediato", "superior recuses": "jefe_es_quien_recusa",
        "unreachable": "jefe_sin_chat_ni_correo", "retired superior": "sin_jefe_inmediato"}[case]
    assert saved is not None and saved.link_nonce is None
    await new_staff(services, role="asesor", email="keeper@alcaldia.gov.co")
    async with services.db.session() as session:
        from nucleo.models import StaffAccount

        await session.execute(update(StaffAccount).where(
            StaffAccount.email == "keeper@alcaldia.gov.co").values(telegram_chat_id=11))
        await session.commit()
    sender = RecordingSender()
    async with services.db.session() as session:
        await reminders.send_reminders(session, today=date(2026, 12, 23),
                                       calendar=BusinessCalendar(), days_before=2,
                                       sender=sender, notifier=None)
    [(chat, text)] = sender.sent
    assert chat == 11 and "RC-2026-0001" in text and "le corresponde al registro" in text


async def test_a_link_made_in_the_console_is_not_replaced(services: Services,
                                                          clock: Clock) -> None:
    pedro, luz = await _official_with_superior(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    staff = await new_staff(services, role="asesor")
    async with services.db.session() as session:
        await decision_link.issue_link(session, filed.id, staff=staff, superior_name="Dra. Ríos",
                                       signer=services.signer)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) is None
    assert await _links_to(services, luz) == []
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
    assert saved is not None and saved.link_nonce == 1 and saved.link_name == "Dra. Ríos"


async def test_a_superior_without_chat_gets_it_by_email_audited_after_sending(
        services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    services.settings = services.settings.model_copy(
        update={"smtp_host": "smtp.invalid", "smtp_from": "valor@alcaldia.gov.co"})
    sent: list[str] = []

    async def fake(_settings: object, _declaration: object, *, to: str, url: str) -> bool:
        sent.append(to)
        return True

    monkeypatch.setattr(decision_link, "email_link", fake)
    pedro, luz = await _official_with_superior(services, superior_chat=None)
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == luz).values(
            email="luz.rios@alcaldia.gov.co"))
        await session.commit()
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == decision_link.EMAIL
    await background(services).drain()
    assert sent == ["luz.rios@alcaldia.gov.co"]
    async with services.db.session() as session:
        details = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.enlace.correo"))).all()
    assert details == [{"radicado": "RC-2026-0001", "enviado": True}]


async def test_the_answer_in_the_chat_routes_it(services: Services, clock: Clock,
                                                core: Any) -> None:
    from bot.core.types import TELEGRAM, PersonRef
    from bot.declaraciones.flow import register
    from tests.bot.helpers import Chat

    register(services)
    pedro, luz = await _official_with_superior(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    chat = Chat(core, PersonRef(TELEGRAM, "777", "Pedro"))
    await chat.tap(f"recu:resp:{filed.id}:no")
    [done] = await chat.send("No soy socio: vendí mi parte en 2023.")
    assert "quedó registrada" in done.text_html
    assert len(await _links_to(services, luz)) == 1


async def test_left_to_the_register_it_is_routed_once_the_public_address_is_set(
        services: Services, clock: Clock) -> None:
    services.settings = services.settings.model_copy(update={"public_url": None})
    pedro, luz = await _official_with_superior(services)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == recusal_routing.KEEPERS
    assert await _sweep(services, date(2026, 12, 10)) == []  # still no address: marked once
    assert await _links_to(services, luz) == []
    services.settings = services.settings.model_copy(update={"public_url": PUBLIC})
    assert await _sweep(services, date(2026, 12, 11)) == [decision_link.CHAT]
    assert len(await _links_to(services, luz)) == 1
    assert await _sweep(services, date(2026, 12, 14)) == []  # routed once
    async with services.db.session() as session:
        marks = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.recusacion.registro"))).all()
    assert marks == [{"radicado": "RC-2026-0001", "motivo": decision_link.NO_PUBLIC_URL}]


async def test_left_to_the_register_it_is_routed_once_hr_sets_the_jefe(
        services: Services, clock: Clock) -> None:
    pedro = await add_official(services, "Pedro Gómez", chat_id=777)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == recusal_routing.KEEPERS
    luz = await add_official(services, "Luz Ríos", chat_id=555, department="Hacienda")
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == pedro).values(superior_id=luz))
        await session.commit()
    assert await _sweep(services, date(2026, 12, 10)) == [decision_link.CHAT]
    assert len(await _links_to(services, luz)) == 1


async def test_a_link_made_by_hand_takes_it_off_the_registers_list(
        services: Services, clock: Clock) -> None:
    pedro = await add_official(services, "Pedro Gómez", chat_id=777)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == recusal_routing.KEEPERS
    staff = await new_staff(services, role="asesor", email="keeper@alcaldia.gov.co")
    async with services.db.session() as session:
        from nucleo.models import StaffAccount

        await session.execute(update(StaffAccount).where(
            StaffAccount.id == staff.id).values(telegram_chat_id=11))
        await session.commit()
        await decision_link.issue_link(session, filed.id, staff=staff, superior_name="Dra. Ríos",
                                       signer=services.signer)
    sender = RecordingSender()
    async with services.db.session() as session:
        await reminders.send_reminders(session, today=date(2026, 12, 18),
                                       calendar=BusinessCalendar(), days_before=2,
                                       sender=sender, notifier=None)
    [(_chat, text)] = sender.sent
    assert "RC-2026-0001" in text and "le corresponde al registro" not in text
    assert await _sweep(services, date(2026, 12, 18)) == []  # the hand-made link stands


async def test_left_to_the_register_it_is_tried_again_only_when_worth_it(
        services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not on every sweep: the next day, or at once when the recused official or their jefe
    changed in the directory since it was last tried."""
    tried: list[int] = []
    decider = recusal_routing._decider

    async def spy(session: Any, declaration: Declaration) -> Any:
        tried.append(declaration.id)
        return await decider(session, declaration)

    monkeypatch.setattr(recusal_routing, "_decider", spy)
    pedro, luz = await _official_with_superior(services, superior_chat=None)  # Luz: no chat
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=pedro)
    assert await _answer(services, filed.id, bogota(2026, 12, 9, 11)) == recusal_routing.KEEPERS
    assert tried == [filed.id]
    for _tick in range(3):  # the same day, nothing changed: not tried again
        assert await _sweep(services, date(2026, 12, 9)) == []
    assert tried == [filed.id]
    assert await _sweep(services, date(2026, 12, 10)) == []  # the next day: tried once
    assert await _sweep(services, date(2026, 12, 10)) == []
    assert tried == [filed.id] * 2
    async with services.db.session() as session:  # Pedro changes in the directory (not his jefe)
        await session.execute(update(Person).where(Person.id == pedro).values(
            email="pedro.gomez@alcaldia.gov.co"))
        await session.commit()
    assert await _sweep(services, date(2026, 12, 10)) == []  # tried at once, still no way
    assert await _sweep(services, date(2026, 12, 10)) == []
    assert tried == [filed.id] * 3
    async with services.db.session() as session:  # his jefe starts using the bot
        await session.execute(update(Person).where(Person.id == luz).values(telegram_chat_id=555))
        await session.commit()
    assert await _sweep(services, date(2026, 12, 10)) == [decision_link.CHAT]
    assert len(await _links_to(services, luz)) == 1 and len(tried) == 4
    assert await _sweep(services, date(2026, 12, 11)) == []  # routed: never tried again
    assert len(tried) == 4
    async with services.db.session() as session:
        marks = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.recusacion.registro"))).all()
    assert marks == [{"radicado": "RC-2026-0001", "motivo": "jefe_sin_chat_ni_correo"}]
