"""The audience «pendientes_bienes»: exactly the people who must file an asset declaration for
the year and have not (the declarations' own compliance list, same condition), validated."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from bot.declaraciones import assets
from bot.declaraciones.models import AssetFiling
from campañas.audience import count_audience, materialise, parse_audience
from campañas.models import Campaign, Delivery, Run
from campañas.runs import launch
from nucleo.db import Database
from nucleo.errors import InvalidInput
from nucleo.models import Person
from tests.campañas.conftest import NOW, campaign_with_pieces, settings_for

TODAY = date(2026, 12, 4)


async def _people(db: Database) -> dict[str, int]:
    """One person per case, all subscribed with a Telegram chat."""
    cases = {  # name: (kind, status, retired, subscribed)
        "pendiente": ("servidor", "activa", False, True),
        "presento": ("servidor", "activa", False, True),
        "presento_otro_anio": ("servidor", "activa", False, True),
        "contratista": ("contratista", "activa", False, True),
        "contratista_obligado": ("contratista", "activa", False, True),
        "retirado": ("servidor", "activa", True, True),
        "inactivo": ("servidor", "inactiva", False, True),
        "no_suscrito": ("servidor", "activa", False, False),
        "ley_2013": ("servidor", "activa", False, True),
    }
    async with db.session() as session:
        people = {name: Person(full_name=name, kind=kind, status=status, subscribed=subscribed,
                               retired_at=NOW if retired else None,
                               telegram_chat_id=3000 + i)
                  for i, (name, (kind, status, retired, subscribed)) in enumerate(cases.items())}
        session.add_all(people.values())
        await session.flush()
        ids = {name: p.id for name, p in people.items()}
        session.add_all([
            AssetFiling(person_id=ids["presento"], year=2026, kind="bienes_rentas",
                        filed_on=date(2026, 7, 1), source="importado"),
            AssetFiling(person_id=ids["presento_otro_anio"], year=2025, kind="bienes_rentas",
                        filed_on=date(2025, 7, 1), source="importado"),
            AssetFiling(person_id=ids["contratista_obligado"], year=2026, kind="bienes_rentas",
                        required=True),
            AssetFiling(person_id=ids["retirado"], year=2026, kind="bienes_rentas",
                        required=True),
            AssetFiling(person_id=ids["ley_2013"], year=2026, kind="ley_2013", required=True),
        ])
        await session.commit()
    return ids


async def test_pending_audience_is_the_obliged_non_filers(db, settings,
                                                          telegram_double_unlimited) -> None:
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    ids = await _people(db)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        spec = await parse_audience(session, {"type": "pendientes_bienes", "year": "2026"},
                                    today=TODAY)
        assert spec == {"type": "pendientes_bienes", "year": 2026,
                        "declaracion": "bienes_rentas"}
        expected = {ids["pendiente"], ids["presento_otro_anio"], ids["contratista_obligado"],
                    ids["ley_2013"]}
        # the declarations' compliance list, minus who filed, is the same set (one condition)
        obliged = await assets.obliged(session, year=2026, kind="bienes_rentas")
        listed = {p.person_id for p in obliged if p.filed_on is None}
        assert expected == listed - {ids["inactivo"], ids["no_suscrito"]}
        assert await count_audience(session, spec, ["telegram"]) == len(expected)
        earlier = await parse_audience(session, {"type": "pendientes_bienes", "year": 2025},
                                       today=TODAY)
        # 2025: the active servants but the one who filed that year (the contractor was
        # marked for 2026 only)
        assert await count_audience(session, earlier, ["telegram"]) == 3
        ley = await parse_audience(session, {"type": "pendientes_bienes", "year": 2026,
                                             "declaracion": "ley_2013"}, today=TODAY)
        assert await count_audience(session, ley, ["telegram"]) == 1
        run = Run(campaign_id=campaign_id, piece_id=1, scheduled_for=NOW, started_at=NOW)
        session.add(run)
        await session.flush()
        added = await materialise(session, run_id=run.id, piece_id=1, spec=spec,
                                  channels=["telegram"], now=NOW)
        await session.commit()
        targeted = set(await session.scalars(select(Delivery.person_id)))
        total = await session.scalar(select(func.count()).select_from(Delivery))
    assert added == total == len(expected) and targeted == expected


@pytest.mark.parametrize(("spec", "code"), [
    ({"type": "pendientes_bienes"}, "anio_requerido"),
    ({"type": "pendientes_bienes", "year": ""}, "anio_requerido"),
    ({"type": "pendientes_bienes", "year": "dos mil"}, "anio_invalido"),
    ({"type": "pendientes_bienes", "year": 2018}, "anio_invalido"),
    ({"type": "pendientes_bienes", "year": 2028}, "anio_invalido"),
    ({"type": "pendientes_bienes", "year": True}, "anio_invalido"),
    ({"type": "pendientes_bienes", "year": 2026, "declaracion": "otra"},
     "declaracion_desconocida"),
])
async def test_pending_audience_refuses_bad_input(db, spec, code) -> None:
    async with db.session() as session:
        with pytest.raises(InvalidInput) as caught:
            await parse_audience(session, spec, today=TODAY)
    assert caught.value.code == code
    if code == "anio_invalido":
        assert "entre 2019 y 2027" in caught.value.message


async def test_reminders_reach_the_pending_only_inside_the_window(db, settings,
                                                                  telegram_double_unlimited) -> None:
    """A reminder run sends to those pending only on a day of the window HR set for that
    declaration and year (default 1 June to 31 July); the day is the run's, from the clock."""
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    ids = await _people(db)
    audience = {"type": "pendientes_bienes", "year": 2026}
    pending = {ids["pendiente"], ids["presento_otro_anio"], ids["contratista_obligado"],
               ids["ley_2013"]}

    async def run_on(day: date) -> set[int]:
        """The people a reminder campaign run at 10:00 (Bogotá) on ``day`` targets."""
        now = datetime.combine(day, time(15), UTC)
        campaign_id = await campaign_with_pieces(db, settings, audience=audience)
        async with db.session() as session:
            campaign = await session.get(Campaign, campaign_id)
            assert campaign is not None
            [run] = await launch(session, campaign, now, now, "America/Bogota")
            await session.commit()
            return set(await session.scalars(select(Delivery.person_id).where(
                Delivery.run_id == run.id)))

    assert await run_on(date(2026, 6, 1)) == pending  # the default window opens
    assert await run_on(date(2026, 8, 1)) == set()  # the day after 31 July
    async with db.session() as session:
        await assets.set_reminder_window(
            session, year=2026, kind="bienes_rentas", opens_on=date(2026, 11, 2),
            closes_on=date(2026, 12, 4), staff=None, now=NOW, today=TODAY)
        ley = await parse_audience(session, {"type": "pendientes_bienes", "year": 2026,
                                             "declaracion": "ley_2013"}, today=TODAY)
        # the window is per declaration: Ley 2013 keeps the default one
        assert await materialise(session, run_id=1, piece_id=1, spec=ley, channels=["telegram"],
                                 now=NOW, today=TODAY) == 0
    assert await run_on(date(2026, 7, 15)) == set()  # HR's window replaces the default one
    assert await run_on(date(2026, 12, 4)) == pending  # its last day counts


async def test_the_count_and_the_schedule_follow_the_window(db, settings,
                                                            telegram_double_unlimited) -> None:
    """#18: counting a reminder audience for a day counts who that day's send reaches (nobody
    outside the window), and a one-off send on such a day is refused with the reason."""
    from campañas import actions

    settings = settings_for(settings, telegram=telegram_double_unlimited)
    today_noon = datetime(2026, 12, 4, 17, tzinfo=UTC)
    await _people(db)
    audience = {"type": "pendientes_bienes", "year": 2026}
    async with db.session() as session:
        spec = await parse_audience(session, audience, today=TODAY)
        assert await count_audience(session, spec, ["telegram"], on=date(2026, 6, 1)) == 4
        assert await count_audience(session, spec, ["telegram"], on=date(2026, 8, 1)) == 0
        assert await count_audience(session, spec, ["telegram"]) == 4  # no day: the preview
    campaign_id = await campaign_with_pieces(db, settings, audience=audience)
    async with db.session() as session:
        with pytest.raises(InvalidInput) as closed:
            await actions.schedule_campaign(
                session, settings=settings, campaign_id=campaign_id, now=today_noon,
                send_at=datetime(2026, 12, 10, 15, tzinfo=UTC))
    assert closed.value.code == "fuera_de_ventana" and "ventana" in closed.value.message
    async with db.session() as session:
        await assets.set_reminder_window(
            session, year=2026, kind="bienes_rentas", opens_on=date(2026, 12, 1),
            closes_on=date(2026, 12, 31), staff=None, now=NOW, today=TODAY)
    async with db.session() as session:
        scheduled = await actions.schedule_campaign(
            session, settings=settings, campaign_id=campaign_id, now=today_noon,
            send_at=datetime(2026, 12, 10, 15, tzinfo=UTC))
    assert scheduled.status == "programada"
