"""HR's edits of the knowledge base (bot/consultas/editing.py, store.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.consultas import editing, tickets
from bot.consultas.store import KnowledgeStore
from bot.consultas.tables import EntryOverride
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import AuditEntry
from nucleo.staff import create_staff
from tests.bot.consultas.desk import SOURCE, Clock, bogota, desk_service, raffle_entry

RAFFLE_QUESTION = "puedo jugar la rifa del proveedor en navidad"


@pytest.fixture
def clock() -> Clock:
    return Clock(bogota(2026, 9, 1, 9))


@pytest.fixture
async def hr(services):
    async with services.db.session() as session:
        return await create_staff(session, email="th@alcaldia.gov.co", full_name="TH",
                                  role="talento_humano", password="clave-segura-123")


async def test_a_new_entry_is_answered_at_once_and_cannot_be_created_twice(services, clock, hr):
    desk = desk_service(services, clock)
    assert desk.answer(RAFFLE_QUESTION).entry_id != "rifas_proveedores"
    async with services.db.session() as session:
        await editing.save_entry(session, desk.store, raffle_entry(), staff=hr, now=clock(),
                                 create=True)
        assert desk.answer(RAFFLE_QUESTION).entry_id == "rifas_proveedores"
        assert desk.store.origin("rifas_proveedores") == "nueva"
        with pytest.raises(Conflict):
            await editing.save_entry(session, desk.store, raffle_entry(), staff=hr,
                                     now=clock(), create=True)
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert "consulta.entrada.crear" in actions


async def test_an_edit_overrides_the_file_entry_and_undo_brings_it_back(services, clock, hr):
    desk = desk_service(services, clock)
    original = desk.store.kb.get("recusacion_que_es")
    data = original.model_dump(mode="json")
    data["answer"] = "Texto nuevo de Talento Humano sobre la recusación, con <etiquetas>."
    async with services.db.session() as session:
        await editing.save_entry(session, desk.store, data, staff=hr, now=clock(), create=False)
        reply = desk.answer("¿Qué es la recusación?")
        assert "Texto nuevo de Talento Humano" in reply.text_html
        assert "&lt;etiquetas&gt;" in reply.text_html and "<etiquetas>" not in reply.text_html
        assert desk.store.origin("recusacion_que_es") == "editada"
        await editing.save_entry(session, desk.store, data, staff=hr, now=clock(), create=False)
        row = await session.scalar(select(EntryOverride))
        assert row.version == 2
        await editing.delete_override(session, desk.store, "recusacion_que_es", staff=hr)
        assert desk.store.kb.get("recusacion_que_es").answer == original.answer
        with pytest.raises(NotFound):
            await editing.delete_override(session, desk.store, "recusacion_que_es", staff=hr)


async def test_hr_can_retire_an_entry(services, clock, hr):
    desk = desk_service(services, clock)
    data = desk.store.kb.get("recusacion_que_es").model_dump(mode="json") | {"active": False}
    async with services.db.session() as session:
        await editing.save_entry(session, desk.store, data, staff=hr, now=clock(), create=False)
    assert desk.answer("¿Qué es la recusación?").entry_id != "recusacion_que_es"
    assert desk.answer_entry("recusacion_que_es") is None


@pytest.mark.parametrize("changes", [
    {"sources": ["Ley 1952 de 2019, art. 39"]},      # an [R] citation is never shown
    {"related": ["no_existe"]},
    {"phrasings": ["una", "dos"]},
    {"answer": ""},
    {"id": "Mayúsculas No"},
    {"sources": []},
])
async def test_bad_entries_are_refused_and_nothing_changes(services, clock, hr, changes):
    desk = desk_service(services, clock)
    async with services.db.session() as session:
        with pytest.raises(InvalidInput):
            await editing.save_entry(session, desk.store, raffle_entry(**changes), staff=hr,
                                     now=clock(), create=True)
        assert await session.scalar(select(EntryOverride)) is None


async def test_undoing_a_new_entry_that_another_relates_to_is_refused(services, clock, hr):
    desk = desk_service(services, clock)
    async with services.db.session() as session:
        await editing.save_entry(session, desk.store, raffle_entry(), staff=hr, now=clock(),
                                 create=True)
        await editing.save_entry(session, desk.store, raffle_entry(
            id="bingos_contratistas", title="Bingos", related=["rifas_proveedores"]),
            staff=hr, now=clock(), create=True)
        with pytest.raises(InvalidInput):
            await editing.delete_override(session, desk.store, "rifas_proveedores", staff=hr)


async def test_another_process_sees_the_edit_on_refresh(services, clock, hr):
    desk = desk_service(services, clock)
    other = KnowledgeStore(desk.store.files)
    async with services.db.session() as session:
        await other.refresh(session)
        await editing.save_entry(session, desk.store, raffle_entry(), staff=hr, now=clock(),
                                 create=True)
        assert "rifas_proveedores" not in other.kb
        assert await other.refresh(session) is True
        assert "rifas_proveedores" in other.kb
        assert await other.refresh(session) is False


async def test_a_broken_row_never_takes_the_engine_down(services, clock):
    desk = desk_service(services, clock)
    async with services.db.session() as session:
        session.add(EntryOverride(entry_id="roto", data={"id": "roto"}, version=1,
                                  updated_at=clock()))
        await session.commit()
        assert await desk.store.refresh(session) is False
    assert desk.answer("¿Qué es la recusación?").entry_id == "recusacion_que_es"


async def test_promote_an_answered_ticket_in_one_step(services, clock, hr):
    desk = desk_service(services, clock)
    question = "¿Puedo participar en la rifa navideña que organiza un proveedor?"
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question=question, person_id=None,
                                      anonymous=True)
        await session.commit()
        fields = {"id": "rifas_proveedores", "title": "Rifas de proveedores",
                  "sources": [SOURCE], "phrasings": raffle_entry()["phrasings"][1:]}
        with pytest.raises(Conflict, match="aún no tiene respuesta"):
            await editing.promote_ticket(session, desk.store, receipt.ticket_id, fields,
                                         staff=hr, now=clock())
        await tickets.answer_ticket(session, receipt.ticket_id, staff=hr, notifier=None,
                                    now=clock(), text="No: un premio de un proveedor es un regalo.")
        with pytest.raises(InvalidInput, match="Agregue 2 más"):
            await editing.promote_ticket(session, desk.store, receipt.ticket_id,
                                         fields | {"phrasings": fields["phrasings"][:2]},
                                         staff=hr, now=clock())
        entry = await editing.promote_ticket(session, desk.store, receipt.ticket_id, fields,
                                             staff=hr, now=clock())
        assert entry.phrasings[0] == question and entry.answer.startswith("No: un premio")
        ticket = await tickets.get_ticket(session, receipt.ticket_id)
        assert ticket.promoted_entry_id == "rifas_proveedores"
        with pytest.raises(Conflict, match="ya se convirtió"):
            await editing.promote_ticket(session, desk.store, receipt.ticket_id, fields,
                                         staff=hr, now=clock())
    reply = desk.answer(RAFFLE_QUESTION)
    assert reply.action == "answer" and reply.entry_id == "rifas_proveedores"
    assert SOURCE in reply.sources


async def test_a_failed_promotion_leaves_the_ticket_unmarked(services, clock, hr):
    desk = desk_service(services, clock)
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question="¿Qué es la recusación, otra vez?",
                                      person_id=None, anonymous=True)
        await session.commit()
        await tickets.answer_ticket(session, receipt.ticket_id, staff=hr, notifier=None,
                                    now=clock(), text="Es pedir que otro decida.")
        fields = {"id": "recusacion_que_es", "title": "Ya existe", "sources": [SOURCE],
                  "phrasings": ["a b c d", "e f g h", "i j k l", "m n o p"]}
        with pytest.raises(Conflict):
            await editing.promote_ticket(session, desk.store, receipt.ticket_id, fields,
                                         staff=hr, now=clock())
    async with services.db.session() as session:
        assert (await tickets.get_ticket(session, receipt.ticket_id)).promoted_entry_id is None
