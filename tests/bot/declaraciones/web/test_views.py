"""The rows as the API and the XLSX show them (bot/declaraciones/web/api.py ``views``): the
business days left, counted once per due date from the one before, match a count from today."""

from __future__ import annotations

from datetime import date, timedelta

from bot.declaraciones.models import Declaration
from bot.declaraciones.web import api
from nucleo.business_days import business_calendar
from tests.bot.consultas.desk import Clock, bogota


async def test_days_left_match_a_count_from_today_for_every_due_date(services):
    services.clock = Clock(bogota(2026, 12, 14, 10))
    today = date(2026, 12, 14)
    # past and future, weekends, Colombian holidays (8 and 25 December, 1 and 12 January), today
    dues = [today + timedelta(days=n) for n in (-40, -7, -6, -1, 0, 1, 5, 11, 12, 19, 29, 60, 400)]
    rows = [Declaration(id=n + 1, radicado=f"DI-2026-{n:04d}", kind="impedimento",
                        matter="Contrato de obra", description="Hechos.", deciding_office="Jefe",
                        state="radicada", created_at=bogota(2026, 12, 1, 9), due_on=due)
            for n, due in enumerate(dues + dues[::-1])]
    rows.append(Declaration(id=99, radicado="PV-2026-0001", kind="preventiva", matter="Anual",
                            description="Sin novedad.", deciding_office="", state="registrada",
                            created_at=bogota(2026, 12, 1, 9), due_on=None))
    async with services.db.session() as session:
        out = await api.views(session, services, rows)
    cal = business_calendar(services)
    assert [v.business_days_left for v in out[:-1]] == [cal.between(today, d.due_on)
                                                        for d in rows[:-1]]
    assert out[4].business_days_left == 0 and out[0].business_days_left < 0
    assert out[-1].business_days_left is None and out[-1].ground_name == ""
