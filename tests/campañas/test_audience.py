"""Audiences become delivery rows in one INSERT … SELECT; idempotent; filters respected."""

from __future__ import annotations

from sqlalchemy import func, select, update

from campañas.audience import count_audience, materialise, parse_audience
from campañas.models import Delivery, Run
from nucleo.models import Person
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


async def test_materialise_filters_and_is_idempotent(db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    await add_people(db, 5, email=True)
    hacienda = await add_people(db, 3, start_chat=2000, department="Hacienda",
                                kind="contratista")
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await session.execute(update(Person).where(Person.telegram_chat_id == 1000)
                              .values(subscribed=False))
        await session.execute(update(Person).where(Person.telegram_chat_id == 1001)
                              .values(telegram_blocked_at=NOW))
        spec = await parse_audience(session, {"type": "todos"})
        assert await count_audience(session, spec, ["telegram"]) == 6
        by_dep = await parse_audience(session, {"type": "dependencia",
                                                "department_ids": [1]})
        assert await count_audience(session, by_dep, ["telegram"]) == 3
        kind = await parse_audience(session, {"type": "tipo", "kind": "contratista"})
        assert await count_audience(session, kind, ["telegram"]) == 3
        test_list = await parse_audience(session, {"type": "lista", "person_ids": hacienda[:2]})
        assert await count_audience(session, test_list, ["telegram"]) == 2
        run = Run(campaign_id=campaign_id, piece_id=1, scheduled_for=NOW, started_at=NOW)
        session.add(run)
        await session.flush()
        added = await materialise(session, run_id=run.id, piece_id=1, spec=spec,
                                  channels=["telegram", "correo"], now=NOW)
        again = await materialise(session, run_id=run.id, piece_id=1, spec=spec,
                                  channels=["telegram", "correo"], now=NOW)
        await session.commit()
        total = await session.scalar(select(func.count()).select_from(Delivery))
    assert added == 6 + 4 and again == 0 and total == 10
