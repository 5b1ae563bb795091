"""Risk zones (bot/declaraciones/zones.py and its console page): counts per dependencia and
kind in a period, recusals in the recused official's dependencia, small groups without numbers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from bot.declaraciones import preventive, zones
from bot.declaraciones.interest import Answers
from nucleo.errors import InvalidInput
from nucleo.report import Period
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, Clock, bogota
from tests.bot.declaraciones.helpers import add_official, file_one, file_recusal
from tests.web.console import LoginAs


async def _count(services: Services, since: date, until: date,
                 unit: str = zones.MONTH) -> zones.Counts:
    async with services.db.session() as session:
        return await zones.count(session, zones.periods(since, until, unit, BOGOTA))


async def _fill(services: Services) -> None:
    hacienda = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    for day in range(1, 5):
        await file_one(services, hacienda, bogota(2026, 12, day, 9))
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=hacienda, holder="yo", counterparty="Constructora Andina",
            description="Soy socia minoritaria de la empresa desde 2020.",
            now=bogota(2026, 12, 4, 10), tz=BOGOTA)
    await file_one(services, obras, bogota(2026, 12, 2, 9))
    await file_recusal(services, bogota(2026, 12, 3, 9), recused_person_id=obras)
    await file_one(services, hacienda, bogota(2026, 11, 30, 9))  # before the period


async def test_counts_per_dependency_and_small_groups(services: Services) -> None:
    await _fill(services)
    found = zones.by_department(await _count(services, date(2026, 12, 1), date(2026, 12, 31)))
    everything = zones.by_department(await _count(services, date(2026, 1, 1), date(2026, 12, 31)))
    [hacienda] = found.shown
    assert hacienda.department == "Secretaría de Hacienda"
    assert hacienda.counts == {"impedimento": 4, "preventiva": 1} and hacienda.total == 5
    [obras] = found.small
    assert obras.department == "Secretaría de Obras" and obras.total == 2
    assert found.totals == {"impedimento": 4, "preventiva": 1}
    assert everything.shown[0].total == 6


async def test_console_page(services: Services, login_as: LoginAs) -> None:
    await _fill(services)
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/declaraciones/zonas",
                             params={"desde": "2026-12-01", "hasta": "2026-12-31"})
    assert page.status_code == 200
    table = page.text.split('id="zonas"', 1)[1].split("</table>", 1)[0]
    assert "Secretaría de Hacienda" in table and "Secretaría de Obras" not in table
    assert "Ana Pérez" not in page.text
    small = page.text.split('id="pequenas"', 1)[1].split("</p>", 1)[0]
    assert "Secretaría de Obras" in small and "2" not in small.replace("menos de 5", "")
    bad = await auditor.get("/consola/declaraciones/zonas",
                            params={"desde": "2026-12-31", "hasta": "2026-12-01"})
    assert bad.status_code == 400
    assert (await auditor.get("/consola/declaraciones/zonas",
                              params={"desde": "ayer"})).status_code == 400


async def _fill_grounds(services: Services) -> tuple[int, int]:
    """Six declarations on numeral 1 (four in November, two in December), two on numeral 5, a
    recusal on numeral 8, one without a ground and a preventive one (never counted by ground)."""
    hacienda = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    for day in (2, 3, 4, 5):
        await file_one(services, hacienda, bogota(2026, 11, day, 9), ground=1)
    for day in (1, 2):
        await file_one(services, hacienda, bogota(2026, 12, day, 9), ground=1)
    for day in (1, 2):
        await file_one(services, obras, bogota(2026, 12, day, 10), ground=5)
    await file_recusal(services, bogota(2026, 12, 3, 9), recused_person_id=obras, ground=8)
    await file_one(services, obras, bogota(2026, 12, 3, 11))
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=hacienda, holder="yo", counterparty="Constructora Andina",
            description="Soy socia minoritaria de la empresa desde 2020.",
            now=bogota(2026, 12, 4, 10), tz=BOGOTA)
    return hacienda, obras


async def test_counts_per_ground(services: Services) -> None:
    await _fill_grounds(services)
    found = zones.by_ground(await _count(services, date(2026, 1, 1), date(2026, 12, 31)))
    december = zones.by_ground(await _count(services, date(2026, 12, 1), date(2026, 12, 31)))
    assert [(g.ground, g.total) for g in found.shown] == [(1, 6)]
    assert [(g.ground, g.total) for g in found.small] == [(5, 2), (8, 1), (None, 1)]
    assert found.total == 6
    assert december.shown == [] and [g.ground for g in december.small] == [1, 5, 8, None]


def test_periods_cover_exactly_the_range() -> None:
    months = zones.periods(date(2026, 2, 15), date(2026, 4, 10), zones.MONTH, BOGOTA)
    assert [(p.since, p.until) for p in months] == [
        (date(2026, 2, 15), date(2026, 2, 28)), (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 10))]
    quarters = zones.periods(date(2026, 11, 20), date(2027, 2, 1), zones.QUARTER, BOGOTA)
    assert [(p.since, p.until) for p in quarters] == [
        (date(2026, 11, 20), date(2026, 12, 31)), (date(2027, 1, 1), date(2027, 2, 1))]
    assert zones.default_since(date(2026, 12, 6), zones.MONTH) == date(2026, 1, 1)
    assert zones.default_since(date(2026, 12, 6), zones.QUARTER) == date(2026, 1, 1)
    assert zones.default_since(date(2027, 2, 6), zones.QUARTER) == date(2026, 4, 1)


def test_a_small_cell_reserves_its_whole_row() -> None:
    # the attacks: row total (printed in the whole-range table) minus the cells with a figure
    for values in ([1, 5], [1, 1, 9], [7, 3, 0, 9], [1, 1, 1, 1, 1]):
        row = zones.cells(values)
        assert all(c.reserved and not c.shown for c in row), values
    assert [c.shown for c in zones.cells([0, 5, 6])] == [True, True, True]


def test_a_single_reserved_row_takes_the_smallest_other_with_it() -> None:
    """The report prints each period's total: with one row reserved, total minus the rows
    with figures would give that row back, so the smallest other row is reserved too."""
    rows = zones.rows_of([("A", [9, 8]), ("B", [2, 6]), ("C", [5, 5]), ("D", [0, 0])])
    assert {row.key: all(c.reserved for c in row.cells) for row in rows} == {
        "A": False, "B": True, "C": True, "D": False}
    two = zones.rows_of([("A", [9, 8]), ("B", [2, 6]), ("C", [1, 5])])
    assert [any(c.reserved for c in row.cells) for row in two] == [False, True, True]


async def test_timelines_per_dependency_and_ground(services: Services) -> None:
    await _fill_grounds(services)
    departments, by_ground = zones.timelines(
        await _count(services, date(2026, 11, 1), date(2026, 12, 31)))
    hacienda, obras = departments.rows
    assert hacienda.key == "Secretaría de Hacienda"
    # November 4; December 2 declarations + 1 preventive: both under 5, both hidden
    assert [c.value for c in hacienda.cells] == [4, 3] and all(c.reserved for c in hacienda.cells)
    assert obras.key == "Secretaría de Obras" and [c.value for c in obras.cells] == [0, 4]
    assert all(c.reserved for c in obras.cells)  # its zero too
    assert departments.shown_totals == [0, 0]
    assert [row.key for row in by_ground.rows] == [1, 5, 8, None]
    assert [c.value for c in by_ground.rows[0].cells] == [4, 2]


async def test_three_statements_whatever_the_periods_and_the_tables_are_their_sums(
        services: Services) -> None:
    """One grouped statement per measure (declarations by kind and type of matter, flags,
    grounds) for 2 months or 12; the whole-range tables are the same by month, by quarter or as
    one period."""
    await _fill_grounds(services)
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    engine = services.db.engine.sync_engine
    tables = []
    for since, unit in ((date(2026, 11, 1), zones.MONTH), (date(2026, 1, 1), zones.MONTH),
                        (date(2026, 1, 1), zones.QUARTER)):
        event.listen(engine, "before_cursor_execute", seen)
        try:
            found = await _count(services, since, date(2026, 12, 31), unit)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        assert len(statements) == 3, (since, unit)
        statements.clear()
        tables.append((zones.by_department(found), zones.by_ground(found),
                       zones.by_matter_type(found)))
    async with services.db.session() as session:
        whole = await zones.count(session, [Period(date(2026, 1, 1), date(2026, 12, 31), BOGOTA)])
    assert tables[0] == tables[1] == tables[2] == (zones.by_department(whole),
                                                   zones.by_ground(whole),
                                                   zones.by_matter_type(whole))
    async with services.db.session() as session:
        assert await zones.count(session, []) == zones.Counts([], {}, {})


async def test_console_page_by_ground_and_over_time(services: Services,
                                                    login_as: LoginAs) -> None:
    hacienda, _obras = await _fill_grounds(services)
    for day in (7, 8, 9, 10, 11):  # Hacienda reaches 9 in November and 8 in December
        await file_one(services, hacienda, bogota(2026, 12, day, 9), ground=1)
        await file_one(services, hacienda, bogota(2026, 11, day + 10, 9), ground=1)
    # Tránsito (5 and 5) is the smallest row beside the reserved Obras: reserved
    # with it, so the report's monthly total cannot give Obras back
    transito = await add_official(services, "Eva Ruiz", department="Secretaría de Tránsito")
    for day in (1, 2, 3, 4, 5):
        await file_one(services, transito, bogota(2026, 11, day, 9), ground=1)
        await file_one(services, transito, bogota(2026, 12, day, 9), ground=1)
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/declaraciones/zonas",
                             params={"desde": "2026-11-01", "hasta": "2026-12-31"})
    assert page.status_code == 200
    grounds_table = page.text.split('id="causales"', 1)[1].split("</table>", 1)[0]
    assert "Num. 1 — Interés particular y directo en el asunto" in grounds_table
    assert "Pleito" not in grounds_table
    small = page.text.split('id="causales-pequenas"', 1)[1].split("</p>", 1)[0]
    assert "Num. 5 — Pleito pendiente" in small and "Sin precisar" in small
    assert 'id="c-causales-t"' in page.text and 'id="c-zonas-tiempo-t"' in page.text
    timeline = page.text.split('id="zonas-tiempo"', 1)[1].split("</table>", 1)[0]
    assert "noviembre de 2026" in timeline and "diciembre de 2026" in timeline
    hacienda_row = timeline.split("Secretaría de Hacienda", 1)[1].split("</tr>", 1)[0]
    assert ">9<" in hacienda_row and ">8<" in hacienda_row
    obras_row = timeline.split("Secretaría de Obras", 1)[1].split("</tr>", 1)[0]
    assert obras_row.count("reservada") == 2 and ">4<" not in obras_row and ">0<" not in obras_row
    transito_row = timeline.split("Secretaría de Tránsito", 1)[1].split("</tr>", 1)[0]
    assert transito_row.count("reservada") == 2 and ">5<" not in transito_row
    assert 'noviembre de 2026: Dependencias 9' in page.text.split('id="c-zonas-tiempo-d"', 1)[1][:200]
    assert "Ana Pérez" not in page.text
    by_quarter = await auditor.get("/consola/declaraciones/zonas",
                                   params={"desde": "2026-11-01", "hasta": "2026-12-31",
                                           "periodo": "trimestre"})
    assert by_quarter.status_code == 200 and "4.º trimestre de 2026" in by_quarter.text
    too_long = await auditor.get("/consola/declaraciones/zonas",
                                 params={"desde": "2020-01-01", "hasta": "2026-12-31"})
    assert too_long.status_code == 400


async def test_console_page_reveals_no_small_cell_from_the_row_total(
        services: Services, login_as: LoginAs) -> None:
    """Obras: 1 in November and 5 in December, total 6 in the table above; Hacienda 1, 1 and 9
    in three months, total 11: the timeline rows say only «reservada»."""
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    hacienda = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    await file_one(services, obras, bogota(2026, 11, 3, 9))
    for day in range(1, 6):
        await file_one(services, obras, bogota(2026, 12, day, 9))
    await file_one(services, hacienda, bogota(2026, 10, 6, 9))
    await file_one(services, hacienda, bogota(2026, 11, 6, 9))
    for day in range(10, 19):
        await file_one(services, hacienda, bogota(2026, 12, day, 9))
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/declaraciones/zonas",
                             params={"desde": "2026-10-01", "hasta": "2026-12-31"})
    assert page.status_code == 200
    table = page.text.split('id="zonas"', 1)[1].split("</table>", 1)[0]
    assert ">6<" in table and ">11<" in table  # the row totals an attacker would start from
    timeline = page.text.split('id="zonas-tiempo"', 1)[1].split("</table>", 1)[0]
    for name in ("Secretaría de Obras", "Secretaría de Hacienda"):
        row = timeline.split(name, 1)[1].split("</tr>", 1)[0]
        assert row.count("reservada") == 3 and "menos de" not in row
        assert not any(f">{n}<" in row for n in (0, 1, 5, 9))
    shown = timeline.split("Total con cifra", 1)[1]
    assert ">1<" not in shown and ">5<" not in shown and ">9<" not in shown
    grounds = page.text.split('id="causales-tiempo"', 1)[1].split("</table>", 1)[0]
    assert "menos de" not in grounds


def test_period_count_matches_periods() -> None:
    for since, until in ((date(2026, 2, 15), date(2026, 4, 10)), (date(2026, 11, 20),
                         date(2027, 2, 1)), (date(2026, 1, 1), date(2026, 1, 1)),
                         (date(2025, 12, 31), date(2028, 3, 1))):
        for unit in (zones.MONTH, zones.QUARTER):
            assert zones.period_count(since, until, unit) == len(
                zones.periods(since, until, unit, BOGOTA)), (since, until, unit)
    assert zones.period_count(date(2026, 2, 1), date(2026, 1, 1), zones.MONTH) == 0


async def test_console_page_edge_dates_answer_400(services: Services,
                                                 login_as: LoginAs) -> None:
    auditor = await login_as("auditor")
    for params in ({"hasta": "0001-03-15"}, {"desde": "9999-12-01", "hasta": "9999-12-30"},
                   {"desde": "1999-12-31"}, {"hasta": "2101-01-01", "periodo": "trimestre"}):
        page = await auditor.get("/consola/declaraciones/zonas", params=params)
        assert page.status_code == 400, params
        assert "Elija fechas entre los años 2000 y 2100." in page.text
    edge = await auditor.get("/consola/declaraciones/zonas",
                             params={"desde": "2100-12-01", "hasta": "2100-12-31",
                                     "periodo": "trimestre"})
    assert edge.status_code == 200
    early = await auditor.get("/consola/declaraciones/zonas", params={"hasta": "2000-01-15"})
    assert early.status_code == 200


async def test_without_since_the_tables_cover_the_timeline_s_range(
        services: Services, login_as: LoginAs) -> None:
    """Today 4 December 2026: without «Desde» everything covers January–December 2026, so an old
    declaration counts neither in the table nor in the timeline."""
    services.clock = Clock(bogota(2026, 12, 4, 10))
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    for day in range(1, 6):
        await file_one(services, obras, bogota(2026, 1, day, 9))
    await file_one(services, obras, bogota(2025, 12, 31, 9))  # before the range
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/declaraciones/zonas")
    assert page.status_code == 200
    covered = page.text.split('id="periodo"', 1)[1].split("</p>", 1)[0]
    assert "del 1 de enero de 2026 al 4 de diciembre de 2026" in covered
    table = page.text.split('id="zonas"', 1)[1].split("</table>", 1)[0]
    assert "<strong>5</strong>" in table
    timeline = page.text.split('id="zonas-tiempo"', 1)[1].split("</table>", 1)[0]
    assert "enero de 2026" in timeline and "diciembre de 2025" not in timeline
    row = timeline.split("Secretaría de Obras", 1)[1].split("</tr>", 1)[0]
    assert ">5<" in row


# -- per type of matter -------------------------------------------------------------------------

def _typed(matter_type: str) -> Answers:
    return Answers(matter_type=matter_type, role="decide", holder="yo")


async def _fill_matters(services: Services) -> None:
    """Hacienda: 5 contracts, 2 permits, 1 without a type (filed before the guided questions)
    and a preventive one (no type, never counted here); Obras: 3 hirings in a recusal and two
    impediments (under 5: named apart); Tránsito: 6 hirings."""
    hacienda = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    transito = await add_official(services, "Eva Ruiz", department="Secretaría de Tránsito")
    for day in range(1, 6):
        await file_one(services, hacienda, bogota(2026, 12, day, 9), answers=_typed("contrato"))
    for day in (7, 8):
        await file_one(services, hacienda, bogota(2026, 12, day, 9), answers=_typed("permiso"))
    await file_one(services, hacienda, bogota(2026, 11, 20, 9))
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=hacienda, holder="yo", counterparty="Constructora Andina",
            description="Soy socia minoritaria de la empresa desde 2020.",
            now=bogota(2026, 12, 4, 10), tz=BOGOTA)
    await file_recusal(services, bogota(2026, 12, 3, 9), recused_person_id=obras,
                       matter_type="vinculacion")
    await file_one(services, obras, bogota(2026, 12, 4, 9), answers=_typed("vinculacion"))
    await file_one(services, obras, bogota(2026, 12, 5, 9), answers=_typed("vinculacion"))
    for day in range(1, 7):
        await file_one(services, transito, bogota(2026, 12, day, 11),
                       answers=_typed("vinculacion"))


async def test_counts_per_dependency_and_type_of_matter(services: Services) -> None:
    await _fill_matters(services)
    found = zones.by_matter_type(await _count(services, date(2026, 11, 1), date(2026, 12, 31)))
    assert [(z.department, z.counts, z.total) for z in found.shown] == [
        ("Secretaría de Hacienda", {"contrato": 5, "permiso": 2, None: 1}, 8),
        ("Secretaría de Tránsito", {"vinculacion": 6}, 6)]
    assert [(z.department, z.total) for z in found.small] == [("Secretaría de Obras", 3)]
    # the column sums cover the shown rows only: Obras' 3 hirings never follow from them
    assert found.totals == {"contrato": 5, "permiso": 2, None: 1, "vinculacion": 6}
    assert found.total == 14


async def test_only_one_type_of_matter(services: Services) -> None:
    await _fill_matters(services)
    async with services.db.session() as session:
        hiring = await zones.count(session, zones.periods(date(2026, 11, 1), date(2026, 12, 31),
                                                          zones.MONTH, BOGOTA), "vinculacion")
        with pytest.raises(InvalidInput):
            await zones.count(session, hiring.periods, "contrato' OR 1=1 --")
    departments = zones.by_department(hiring)
    assert [(z.department, z.counts) for z in departments.shown] == [
        ("Secretaría de Tránsito", {"impedimento": 6})]
    assert [(z.department, z.total) for z in departments.small] == [("Secretaría de Obras", 3)]
    assert zones.by_matter_type(hiring).totals == {"vinculacion": 6}
    assert [(g.ground, g.total) for g in zones.by_ground(hiring).shown] == [(None, 9)]


async def test_console_page_per_type_of_matter(services: Services, login_as: LoginAs) -> None:
    await _fill_matters(services)
    auditor = await login_as("auditor")
    params = {"desde": "2026-11-01", "hasta": "2026-12-31"}
    page = await auditor.get("/consola/declaraciones/zonas", params=params)
    assert page.status_code == 200
    table = page.text.split('id="clases"', 1)[1].split("</table>", 1)[0]
    assert "Contratos" in table and "Vinculaciones" in table
    assert "Sin precisar" in table and "Secretaría de Obras" not in table
    hacienda = table.split("Secretaría de Hacienda", 1)[1].split("</tr>", 1)[0]
    assert ">5<" in hacienda and ">2<" in hacienda and "<strong>8</strong>" in hacienda
    small = page.text.split('id="clases-pequenas"', 1)[1].split("</p>", 1)[0]
    assert "Secretaría de Obras" in small and "3" not in small
    assert 'id="c-clases-t"' in page.text and "Ana Pérez" not in page.text
    assert "Alertas del cruce" in page.text and 'id="filtro-clase"' not in page.text
    hiring = await auditor.get("/consola/declaraciones/zonas",
                               params={**params, "clase": "vinculacion"})
    assert hiring.status_code == 200
    assert "Alertas del cruce" not in hiring.text and 'id="filtro-clase"' in hiring.text
    zones_table = hiring.text.split('id="zonas"', 1)[1].split("</table>", 1)[0]
    assert "Secretaría de Tránsito" in zones_table and "Secretaría de Hacienda" not in zones_table
    only = hiring.text.split('id="clases"', 1)[1].split("</thead>", 1)[0]
    assert "Vinculaciones" in only and "Contratos" not in only
    for bad in ("contratos", "<script>", "contrato' OR 1=1 --"):
        refused = await auditor.get("/consola/declaraciones/zonas", params={"clase": bad})
        assert refused.status_code == 400, bad


async def test_the_tables_as_xlsx(services: Services, login_as: LoginAs) -> None:
    """The page's whole-range tables in one sheet, filter and small groups included; a
    dependencia named like a formula stays text."""
    import io

    from openpyxl import load_workbook

    await _fill_matters(services)
    odd = await add_official(services, "Ivo Paz", department="=HYPERLINK(\"http://x\")")
    for day in range(1, 6):
        await file_one(services, odd, bogota(2026, 12, day, 15), answers=_typed("otro"))
    auditor = await login_as("auditor")
    params = {"desde": "2026-11-01", "hasta": "2026-12-31"}
    page = await auditor.get("/consola/declaraciones/zonas", params={**params, "clase": "otro"})
    assert 'href="/consola/declaraciones/zonas/exportar.xlsx?desde=2026-11-01&amp;hasta=' \
           '2026-12-31&amp;clase=otro"' in page.text
    response = await auditor.get("/consola/declaraciones/zonas/exportar.xlsx", params=params)
    assert response.status_code == 200
    assert "zonas-de-riesgo.xlsx" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = [[c for c in row if c is not None]
            for row in book.active.iter_rows(values_only=True)]
    assert rows[0] == ["Zonas de riesgo: declaraciones por dependencia"]
    assert "Por clase de asunto" in [r[0] for r in rows if r]
    assert ["Secretaría de Hacienda", 5, 2, 0, 0, 0, 1, 8] in rows
    assert ["Secretaría de Tránsito", 0, 0, 6, 0, 0, 0, 6] in rows
    assert not any(r and r[0] == "Secretaría de Obras" for r in rows)  # named apart, no figures
    assert any(r and "Secretaría de Obras" in str(r[0]) and "menos de 5" in str(r[0])
               for r in rows)
    assert all(not isinstance(c, str) or not c.startswith("=") for r in rows for c in r)
    assert "Ana Pérez" not in str(rows)
    filtered = await auditor.get("/consola/declaraciones/zonas/exportar.xlsx",
                                 params={**params, "clase": "vinculacion"})
    frows = [[c for c in row if c is not None]
             for row in load_workbook(io.BytesIO(filtered.content)).active.iter_rows(
                 values_only=True)]
    assert "Alertas del cruce" not in str(frows) and "vinculación" in str(frows[2])
    assert ["Secretaría de Tránsito", 6, 6] in frows
    for bad in ({"clase": "x"}, {"desde": "2026-12-31", "hasta": "2026-01-01"}, {"otro": "1"}):
        refused = await auditor.get("/consola/declaraciones/zonas/exportar.xlsx", params=bad)
        assert refused.status_code == 400, bad
