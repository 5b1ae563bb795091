"""Declaration actions (bot/declaraciones/actions.py): radicados, due dates, transitions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.declaraciones import actions, states
from bot.declaraciones.models import Declaration
from nucleo.business_days import BusinessCalendar
from nucleo.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from nucleo.models import AuditEntry, Person
from tests.bot.consultas.desk import RecordingNotifier, bogota
from tests.bot.declaraciones.helpers import add_person, file_one, new_staff
from tests.bot.helpers import count_rows


@pytest.mark.parametrize(("filed", "due"), [
    (date(2026, 12, 4), date(2026, 12, 21)),   # 8 December (Inmaculada) is skipped
    (date(2026, 12, 22), date(2027, 1, 7)),    # Christmas and New Year's Day are skipped
    (date(2026, 3, 27), date(2026, 4, 14)),    # Holy Thursday and Good Friday are skipped
])
def test_due_date_is_ten_business_days_with_colombian_holidays(filed: date, due: date) -> None:
    assert actions.due_date(filed, BusinessCalendar()) == due


async def test_radicados_count_per_local_year(services):
    person = await add_person(services)
    first = await file_one(services, person, bogota(2026, 12, 4, 10))
    second = await file_one(services, person, bogota(2026, 12, 31, 23, 30))  # 04:30 UTC in 2027
    third = await file_one(services, person, bogota(2027, 1, 1, 8))
    assert [first.radicado, second.radicado, third.radicado] == [
        "DI-2026-0001", "DI-2026-0002", "DI-2027-0001"]
    assert first.state == "radicada" and first.due_on == date(2026, 12, 21)
    assert third.due_on == date(2027, 1, 18)  # 11 January (Reyes, observed) is skipped


async def test_text_is_kept_as_typed_and_checked(services):
    person = await add_person(services)
    nasty = "'; DROP TABLE declarations; -- <script>alert(1)</script> =HYPERLINK(\"x\")"
    saved = await file_one(services, person, bogota(2026, 12, 4, 10), matter=nasty[:60],
                           description=nasty, office="=cmd|' /C calc'!A0")
    async with services.db.session() as session:
        again = await actions.get_declaration(session, saved.id)
    assert again.description == nasty and again.deciding_office == "=cmd|' /C calc'!A0"
    with pytest.raises(InvalidInput, match="caracteres"):
        await file_one(services, person, bogota(2026, 12, 4, 10), description="corto")
    with pytest.raises(InvalidInput):
        await file_one(services, person, bogota(2026, 12, 4, 10), matter="\x00\x01")
    assert await count_rows(services, Declaration) == 1


async def test_decision_notifies_the_declarant_and_is_audited(services):
    person = await add_person(services)
    staff = await new_staff(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10),
                           matter="Contrato <b>045</b>")
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        await actions.start_study(session, filed.id, staff=staff, now=bogota(2026, 12, 7, 9))
        done = await actions.decide(session, filed.id, outcome="aceptada",
                                    decision="Se acepta; asume el asunto la Jefe <i>Jurídica</i>.",
                                    staff=staff, now=bogota(2026, 12, 9, 9), notifier=notifier)
    assert done.notified and done.declaration.state == "decidida"
    assert done.declaration.outcome == "aceptada" and done.declaration.decided_by_id == staff.id
    [sent] = notifier.sent
    assert sent.person_id == person and "DI-2026-0001" in sent.text_html
    assert "&lt;b&gt;045&lt;/b&gt;" in sent.text_html and "&lt;i&gt;" in sent.text_html
    async with services.db.session() as session:
        logged = (await session.execute(select(AuditEntry.action, AuditEntry.details)
                                        .where(AuditEntry.action.like("declaraciones.%"))
                                        .order_by(AuditEntry.id))).all()
    assert [a for a, _d in logged] == ["declaraciones.estudiar", "declaraciones.decidir"]
    assert logged[1][1] == {"radicado": "DI-2026-0001", "outcome": "aceptada", "notified": True}


@pytest.mark.parametrize("action", ["study", "decide", "withdraw"])
async def test_illegal_transitions_say_why_in_spanish(services, action):
    person = await add_person(services)
    staff = await new_staff(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    now = bogota(2026, 12, 7, 9)
    async with services.db.session() as session:
        await actions.decide(session, filed.id, outcome="rechazada",
                             decision="No hay interés directo: el contrato es de otra área.",
                             staff=staff, now=now, notifier=None)
        with pytest.raises(InvalidTransition, match="La declaración está decidida"):
            if action == "study":
                await actions.start_study(session, filed.id, staff=staff, now=now)
            elif action == "decide":
                await actions.decide(session, filed.id, outcome="aceptada",
                                     decision="Otra decisión más tarde.", staff=staff, now=now,
                                     notifier=None)
            else:
                await actions.withdraw(session, filed.id, person_id=person, now=now)


async def test_withdrawal_is_only_for_the_declarant_and_only_while_open(services):
    person = await add_person(services)
    other = await add_person(services, name="Otro", chat_id=99, department=None)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    now = bogota(2026, 12, 7, 9)
    async with services.db.session() as session:
        with pytest.raises(NotFound):
            await actions.withdraw(session, filed.id, person_id=other, now=now)
        done = await actions.withdraw(session, filed.id, person_id=person, now=now)
        assert done.state == "desistida"
        with pytest.raises(InvalidTransition, match="desistida"):
            states.transition(done.state, states.STUDY)


async def test_closing_a_declaration_forgets_its_link_email(services):
    """Decided or withdrawn, a declaration keeps neither the superior's address of its link
    nor the e-mail's state or next retry (#18)."""
    person = await add_person(services)
    staff = await new_staff(services)
    decided = await file_one(services, person, bogota(2026, 12, 4, 10))
    withdrawn = await file_one(services, person, bogota(2026, 12, 4, 11))
    now = bogota(2026, 12, 7, 9)
    async with services.db.session() as session:
        for filed in (decided, withdrawn):
            row = await session.get(Declaration, filed.id)
            assert row is not None
            row.link_nonce, row.link_name, row.link_email = 1, "Marta", "marta@alcaldia.gov.co"
            row.link_email_state, row.link_email_attempts = "reintento", 1
            row.link_email_retry_at = now
        await session.commit()
        await actions.decide(session, decided.id, outcome="rechazada",
                             decision="No hay interés directo.", staff=staff, now=now,
                             notifier=None)
        await actions.withdraw(session, withdrawn.id, person_id=person, now=now)
    async with services.db.session() as session:
        for filed in (decided, withdrawn):
            row = await session.get(Declaration, filed.id)
            assert row is not None and row.link_name == "Marta"
            assert (row.link_email, row.link_email_state, row.link_email_retry_at) == (
                None, None, None)


async def test_bad_outcome_and_short_decision_are_refused(services):
    person = await add_person(services)
    staff = await new_staff(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    async with services.db.session() as session:
        with pytest.raises(InvalidInput, match="aceptada"):
            await actions.decide(session, filed.id, outcome="tal vez", decision="x" * 20,
                                 staff=staff, now=bogota(2026, 12, 7), notifier=None)
        with pytest.raises(InvalidInput, match="caracteres"):
            await actions.decide(session, filed.id, outcome="aceptada", decision="ok",
                                 staff=staff, now=bogota(2026, 12, 7), notifier=None)


async def test_overdue_filter_uses_the_due_date(services):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 10))  # due 21 December
    async with services.db.session() as session:
        assert (await actions.list_declarations(session, overdue_on=date(2026, 12, 21)))[0] == 0
        assert (await actions.list_declarations(session, overdue_on=date(2026, 12, 22)))[0] == 1


async def test_nobody_decides_their_own_declaration(services):
    """A staff account whose e-mail is the declarant's in the directory cannot decide it (nor
    the recused official's recusal); the declaration stays as it was."""
    person = await add_person(services)
    async with services.db.session() as session:
        declarant = await session.get(Person, person)
        assert declarant is not None
        declarant.email = "asesora@alcaldia.gov.co"
        await session.commit()
    staff = await new_staff(services)  # asesora@alcaldia.gov.co
    other = await new_staff(services, email="jefe@alcaldia.gov.co")
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    async with services.db.session() as session:
        with pytest.raises(PermissionDenied, match="le concierne a usted"):
            await actions.decide(session, filed.id, outcome="aceptada",
                                 decision="Me acepto el impedimento a mí misma.", staff=staff,
                                 now=bogota(2026, 12, 7, 9), notifier=None)
    async with services.db.session() as session:
        assert (await session.get(Declaration, filed.id)).state == "radicada"  # type: ignore[union-attr]
        done = await actions.decide(session, filed.id, outcome="aceptada",
                                    decision="Se acepta; asume el Jefe de Jurídica.",
                                    staff=other, now=bogota(2026, 12, 7, 9), notifier=None)
    assert done.declaration.decided_by_id == other.id
