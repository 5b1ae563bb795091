"""The plan's actions: seeding from HR's report, editing, evidence with limits."""

from __future__ import annotations

from datetime import date

import pytest

from informe import actions
from informe.plan import validate
from nucleo.db import Database
from nucleo.errors import Conflict, InvalidInput, NotFound

FORM = {"component": "Código de Integridad", "name": "Jornada de sensibilización",
        "starts_on": "2026-02-01", "ends_on": "2026-06-30", "progress": "25",
        "owner": "Talento Humano"}


async def test_seed_loads_the_reference_plan_once(db: Database) -> None:
    async with db.session() as session:
        assert await actions.seed_plan(session, None, 2026) == 16
    async with db.session() as session:
        rows = await actions.list_activities(session)
        assert [r.progress for r in rows] == [80, 30, 0, 80, 80, 70, 40, 100, 100, 80, 70, 80,
                                              80, 30, 0, 0]
        assert {r.component for r in rows} == {"Código de Integridad",
                                               "Gestión de Conflicto de Intereses"}
        assert rows[0].starts_on == date(2026, 1, 1) and rows[0].ends_on == date(2026, 12, 31)
        with pytest.raises(Conflict):
            await actions.seed_plan(session, None, 2026)
        with pytest.raises(InvalidInput):
            await actions.seed_plan(session, None, 1900)


async def test_create_update_delete(db: Database) -> None:
    async with db.session() as session:
        created = await actions.create_activity(session, None, validate(FORM, set()))
    async with db.session() as session:
        await actions.update_activity(session, None, created.id,
                                      validate({**FORM, "progress": "60"}, set()))
    async with db.session() as session:
        assert (await actions.get_activity(session, created.id)).progress == 60
        await actions.delete_activity(session, None, created.id)
    async with db.session() as session:
        with pytest.raises(NotFound):
            await actions.get_activity(session, created.id)


async def test_evidence_note_and_file_with_limits(db: Database) -> None:
    async with db.session() as session:
        activity = await actions.create_activity(session, None, validate(FORM, set()))
        note = await actions.add_evidence(session, None, activity.id, note="Acta del evento")
        pdf = await actions.add_evidence(session, None, activity.id, note="",
                                         file_name="../../acta.pdf", file_type="application/pdf",
                                         content=b"%PDF-1.4 acta")
        assert pdf.file_name == "acta.pdf" and pdf.file_size == 13
        with pytest.raises(InvalidInput):
            await actions.add_evidence(session, None, activity.id, note="")
        with pytest.raises(InvalidInput):
            await actions.add_evidence(session, None, activity.id, note="", file_name="x.exe",
                                       file_type="application/x-msdownload", content=b"MZ")
        with pytest.raises(InvalidInput):
            await actions.add_evidence(session, None, activity.id, note="", file_name="a.pdf",
                                       file_type="application/pdf",
                                       content=b"0" * (actions.EVIDENCE_MAX_BYTES + 1))
    async with db.session() as session:
        name, kind, content = await actions.evidence_file(session, activity.id, pdf.id)
        assert (name, kind, content) == ("acta.pdf", "application/pdf", b"%PDF-1.4 acta")
        with pytest.raises(NotFound):
            await actions.evidence_file(session, activity.id, note.id)  # a note has no file
        with pytest.raises(NotFound):
            await actions.evidence_file(session, activity.id + 1, pdf.id)
        await actions.delete_evidence(session, None, activity.id, note.id)
    async with db.session() as session:
        rows = await actions.list_activities(session)
        assert [e.id for e in rows[0].evidence] == [pdf.id]
