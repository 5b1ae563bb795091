"""The "Diagnóstico de Integridad": an XLSX workbook and a printable HTML page."""

from __future__ import annotations

from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from bot.encuestas import messages
from bot.encuestas.charts import values_chart
from bot.encuestas.feedback import QuickFeedback
from bot.encuestas.feedback_report import add_feedback_sheet, feedback_tables, period_text
from bot.encuestas.results import GroupResult, SurveyResults
from nucleo.exports import new_workbook, workbook_bytes
from nucleo.formats import datetime_text, register_filters


def _question_rows(group: GroupResult) -> list[list[object]]:
    rows = []
    for q in group.questions:
        distribution = "; ".join(f"{q.labels[k]}: {n}" for k, n in q.counts.items())
        rows.append([q.position, q.text, (q.value or "general").capitalize(), q.answered,
                     q.mean if q.mean is not None else "", distribution])
    return rows


def diagnosis_xlsx(results: SurveyResults, by_department: SurveyResults,
                   by_kind: SurveyResults, generated_at: datetime, *,
                   feedback: QuickFeedback | None = None) -> bytes:
    """Participation, results per value and question, groups of 5 or more, comparison, and
    the quick feedback of the period when given."""
    from openpyxl.styles import Font  # with the workbook (nucleo.exports.new_workbook)

    book, summary = new_workbook("Resumen")
    bold = Font(bold=True)
    p = results.participation
    summary.append(["Diagnóstico de Integridad", results.title])
    summary.append(["Periodo", results.period_label])
    summary.append(["Generado", datetime_text(generated_at)])
    summary.append([])
    summary.append(["Invitadas", p.invited])
    summary.append(["Terminaron", p.finished])
    summary.append(["Tasa de respuesta", round(p.rate, 4)])
    summary.append([])
    summary.append(["Valor", "Promedio", "Periodo anterior", "Cambio"])
    if results.overall:
        for value, mean in results.overall.values.items():
            before = (results.previous or {}).get(value)
            change = round(mean - before, 2) if before is not None else ""
            summary.append([value.capitalize(), mean, before if before is not None else "",
                            change])
    elif results.note:
        summary.append([results.note])
    for cell in summary["A"]:
        cell.font = bold
    header = ["#", "Pregunta", "Valor", "Respuestas", "Promedio", "Distribución"]
    questions = book.create_sheet("Preguntas")
    questions.append(header)
    if results.overall:
        for row in _question_rows(results.overall):
            questions.append(row)
    for title, grouped in (("Por dependencia", by_department), ("Por vinculación", by_kind)):
        sheet = book.create_sheet(title)
        sheet.append(["Grupo", "Personas"] + header)
        for group in grouped.groups:
            for row in _question_rows(group):
                sheet.append([group.label, group.respondents] + row)
        sheet.append([])
        sheet.append(["Solo se muestran grupos de 5 o más personas; los demás se suman en «Otras»."])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = bold
    if feedback is not None:
        add_feedback_sheet(book, feedback)
    return workbook_bytes(book)


def diagnosis_html(results: SurveyResults, by_department: SurveyResults, by_kind: SurveyResults,
                   generated_at: datetime, entity: str, *,
                   feedback: QuickFeedback | None = None) -> str:
    """A page ready to print (or save as PDF from the browser), with the chart inline."""
    environment = Environment(loader=PackageLoader("bot.encuestas", "templates"),
                              autoescape=select_autoescape(["html"]))
    register_filters(environment)
    chart = values_chart(results, "svg").decode("utf-8") if results.overall else ""
    chart = chart[chart.find("<svg"):] if chart else ""
    return environment.get_template("diagnostico.html").render(
        results=results, by_department=by_department, by_kind=by_kind, chart_svg=chart,
        generated_at=generated_at, entity=entity, feedback=feedback,
        feedback_tables=feedback_tables(feedback) if feedback else [],
        feedback_period=period_text(feedback) if feedback else "", messages=messages)
