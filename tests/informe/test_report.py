"""The period report: figures from every module, the PDF read back and the workbook."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from pypdf import PdfReader

from api.wiring import register_measures
from informe import actions
from informe.documents import report_pdf, report_xlsx
from informe.plan import validate
from informe.report import MeasureCache, build_report, parse_period, percent_text, plan_status
from nucleo.errors import InvalidInput
from nucleo.report import MEASURES, Figures, GroupFigure, MeasureRegistry, Period
from nucleo.services import Services
from tests.informe import data

BOGOTA = ZoneInfo("America/Bogota")
NOW = datetime(2026, 4, 2, 15, 0, tzinfo=UTC)


def registry(services: Services) -> MeasureRegistry:
    register_measures(services)
    found = services.get(MEASURES)
    assert isinstance(found, MeasureRegistry)
    return found


def test_parse_period_bad_input() -> None:
    assert parse_period("2026-01-01", "2026-03-31", BOGOTA).until == date(2026, 3, 31)
    for since, until in (("", "2026-01-01"), ("2026-02-30", "2026-03-01"),
                         ("2026-03-01", "2026-02-01"), ("2020-01-01", "2026-01-01")):
        with pytest.raises(InvalidInput):
            parse_period(since, until, BOGOTA)


def test_percent_text_is_colombian() -> None:
    assert percent_text(66.66) == "66,7 %" and percent_text(50.0) == "50 %"
    assert percent_text(None) == "—"


async def test_report_reads_every_module_and_hides_small_groups(services: Services) -> None:
    measures = registry(services)
    async with services.db.session() as session:
        ids = await data.people(session, {"Hacienda": 12, "Salud": 3, "Tránsito": 6})
        await data.deliveries(session, ids["Hacienda"][:9] + ids["Salud"] + ids["Tránsito"])
        await data.survey(session, {p: "terminada" for p in ids["Hacienda"][:7] + ids["Salud"]
                                    + ids["Tránsito"]})
        await data.ticket(session, answered=datetime(2026, 3, 12, tzinfo=UTC))
        await data.suggestion(session, status="adoptada", published=True)
        await actions.seed_plan(session, None, 2026)
        linked = await actions.create_activity(session, None, validate(
            {"component": "Código de Integridad", "name": "Alcance de la campaña",
             "starts_on": "2026-01-01", "ends_on": "2026-12-31",
             "measure_key": "campanas.alcance", "goal_percent": "80"}, set(measures.providers)))
        await actions.add_evidence(session, None, linked.id, note="Piezas del primer trimestre")
    period = parse_period("2026-01-01", "2026-03-31", BOGOTA)
    async with services.db.session() as session:
        report = await build_report(session, measures, period=period, now=NOW,
                                    entity="Alcaldía de Prueba")
    assert report.summary.cut == date(2026, 3, 31) and report.summary.activities == 17
    row = next(r for r in report.activities if r.id == linked.id)
    assert row.progress == 100  # 18 of 21 people reached: above the goal of 80 %
    assert "80 %" in row.how and row.evidence == ("Piezas del primer trimestre",)
    by_key = {m.key: m for m in report.measures}
    assert set(by_key) == {"campanas.alcance", "encuestas.participacion", "consultas.a_tiempo",
                           "sugerencias.respondidas", "sugerencias.adoptadas",
                           "declaraciones.registro", "declaraciones.bienes",
                           "sesiones.realizadas", "sesiones.asistentes",
                           "encuestas.resultados"}
    assert by_key["campanas.alcance"].figures.value == 18
    survey = by_key["encuestas.participacion"].figures
    assert (survey.value, survey.total) == (16, 16)
    # Salud (3) is too small; «Otras» would be too, so Tránsito (6) joins it.
    assert [(g.label, g.value) for g in survey.groups] == [("Hacienda", 7), ("Otras", 9)]

    pdf = PdfReader(io.BytesIO(report_pdf(report)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Informe de la Política de Integridad" in text
    assert "Alcaldía de Prueba" in text and "01/01/2026" in text
    for result in report.measures:
        assert result.label in text
    assert text.count("Fuente:") >= len(report.measures)
    assert "Gestión de Conflicto de Intereses" in text
    assert "Salud" not in text.rsplit("Participación en las encuestas", 1)[1].split("Fuente")[0]

    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames == ["Resumen", "Plan de acción", "Indicadores", "Por dependencia",
                               "Por valor y pregunta", "Detalle"]
    plan = list(book["Plan de acción"].iter_rows(values_only=True))
    assert len(plan) == 18 and plan[0][1] == "Actividad"
    indicators = list(book["Indicadores"].iter_rows(values_only=True))
    assert all(row[4] for row in indicators[1:])  # every figure says its source
    groups = list(book["Por dependencia"].iter_rows(values_only=True))[1:]
    survey_groups = [r for r in groups if r[0] == "Participación en las encuestas"]
    assert [r[1:3] for r in survey_groups] == [("Hacienda", 7), ("Otras", 9)]


async def test_report_of_an_empty_service(services: Services) -> None:
    period = parse_period("2026-01-01", "2026-12-31", BOGOTA)
    async with services.db.session() as session:
        report = await build_report(session, registry(services), period=period, now=NOW,
                                    entity="Alcaldía de Prueba")
    assert report.summary.activities == 0 and report.summary.cut == date(2026, 4, 2)
    assert PdfReader(io.BytesIO(report_pdf(report))).pages
    assert openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))["Resumen"]["A1"].value


class WithheldMeasure:
    """A survey-like measure: a breakdown and a dependency too small to show."""

    key, label, source, unit = "prueba.reserva", "Percepción", "Prueba", "respuestas"

    async def measure(self, _session: object, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        return Figures(
            16, 34, breakdown=(GroupFigure("Honestidad", 14, 17),),
            groups=(GroupFigure("Hacienda", 5, 10),
                    GroupFigure("Tránsito", 0, None, withheld="menos de 5 respuestas")))


async def test_a_withheld_group_shows_its_text_never_a_number(services: Services) -> None:
    measures = MeasureRegistry()
    measures.register(WithheldMeasure())
    period = parse_period("2026-01-01", "2026-03-31", BOGOTA)
    async with services.db.session() as session:
        report = await build_report(session, measures, period=period, now=NOW, entity="Prueba")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(report))).pages)
    assert "Por valor y pregunta" in text and "14/17" in text
    assert "Tránsito" in text and "menos de 5 respuestas" in text and "0/" not in text
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    groups = list(book["Por dependencia"].iter_rows(values_only=True))[1:]
    assert groups == [("Percepción", "Hacienda", 5, 10, 50, "Prueba"),
                      ("Percepción", "Tránsito", "menos de 5 respuestas", None, None, "Prueba")]
    breakdown = list(book["Por valor y pregunta"].iter_rows(values_only=True))[1:]
    assert breakdown == [("Percepción", "Honestidad", 14, 17, 82.4, "Prueba")]


class CountingMeasure:
    """A measure that remembers every read (dates and grouping)."""

    key, label, source, unit = "prueba.conteo", "Conteo", "Prueba", "personas"

    def __init__(self) -> None:
        self.reads: list[tuple[date, date, bool]] = []

    async def measure(self, _session: object, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        self.reads.append((period.since, period.until, group_by_dependency))
        return Figures(3, 10, groups=(GroupFigure("Hacienda", 3, 10),)
                       if group_by_dependency else ())


async def test_the_plan_page_reads_a_shared_measure_once(services: Services) -> None:
    """The plan at today's date and the year so far share one cache: an activity measured over
    the year takes its figures from the period's read per dependency (#19)."""
    counting = CountingMeasure()
    measures = MeasureRegistry()
    measures.register(counting)
    async with services.db.session() as session:
        await actions.create_activity(session, None, validate(
            {"component": "Código de Integridad", "name": "Alcance", "starts_on": "2026-01-01",
             "ends_on": "2026-12-31", "measure_key": counting.key, "goal_percent": "50"},
            {counting.key}))
        cache = MeasureCache(session, measures, BOGOTA)
        period = parse_period("2026-01-01", "2026-04-02", BOGOTA)
        report = await build_report(session, measures, period=period, now=NOW,
                                    entity="Alcaldía de Prueba", cache=cache)
        _summary, rows = await plan_status(session, measures, BOGOTA, date(2026, 4, 2), cache)
    assert counting.reads == [(date(2026, 1, 1), date(2026, 4, 2), True)]
    assert report.activities[0].progress == rows[0].progress == 60  # 30 % of a 50 % goal
    assert report.measures[0].figures.groups[0].label == "Hacienda"
