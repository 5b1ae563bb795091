"""The report as files: a PDF with drawn bar charts (fpdf2) and an XLSX with the same data
(``nucleo.exports``). Both say where every figure comes from."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from informe import messages as msg
from informe.report import Report, figure_text, percent_text
from nucleo.exports import new_workbook, workbook_bytes
from nucleo.formats import sheet_date, sheet_datetime
from nucleo.report import GroupFigure

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "informe"
INK, MUTED = (33, 37, 41), (96, 103, 112)
PLANNED_BAR, DONE_BAR, TRACK = (173, 181, 189), (25, 105, 170), (233, 236, 239)


def _fonts() -> tuple[Path, Path] | None:
    """(regular, bold) TrueType files: Lato from its package, else Debian's DejaVu."""
    candidates = [(DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf")]
    try:
        folder = Path(str(resources.files("font_lato") / "files"))
        candidates.insert(0, (folder / "Lato-Regular.ttf", folder / "Lato-Bold.ttf"))
    except ModuleNotFoundError:
        pass
    return next(((r, b) for r, b in candidates if r.is_file() and b.is_file()), None)


def day(value: object) -> str:
    """A date as «dd/mm/aaaa» (the plan's own notation, as HR's report writes it)."""
    return sheet_date(value) if isinstance(value, date) else str(value)


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.title_text = title
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        fonts = _fonts()
        self.has_unicode = fonts is not None
        if fonts is not None:
            self.add_font(FAMILY, "", fonts[0])
            self.add_font(FAMILY, "B", fonts[1])
            self.face = FAMILY
        else:  # a core font: Latin-1 only
            self.face = "helvetica"
        self.set_title(title)
        self.set_creator("El Valor Soy Yo")

    def text_of(self, text: str) -> str:
        if self.has_unicode:
            return text
        return text.replace("—", "-").replace("…", "...").encode("latin-1", "replace") \
            .decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.use_font(8, color=MUTED)
        self.cell(0, 6, self.text_of(f"{self.title_text} · {msg.REPORT_PAGE.format(n=self.page_no())}"),
                  align="C")

    def use_font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(self.face, "B" if bold else "", size)
        self.set_text_color(*color)

    def para(self, text: str, size: float = 10, bold: bool = False,
             color: tuple[int, int, int] = INK, height: float = 5) -> None:
        self.use_font(size, bold, color)
        self.multi_cell(0, height, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.para(text, 13, bold=True)
        self.set_draw_color(*PLANNED_BAR)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def bar(self, label: str, percent: float | None, color: tuple[int, int, int],
            label_width: float = 60, text: str | None = None) -> None:
        """One horizontal bar: label, a 0–100 track filled to ``percent``, the value."""
        if self.get_y() > self.h - 26:
            self.add_page()
        y = self.get_y()
        self.use_font(9)
        self.cell(label_width, 5, self.text_of(label[:60]))
        track = self.w - self.l_margin - self.r_margin - label_width - 30
        x = self.l_margin + label_width
        self.set_fill_color(*TRACK)
        self.rect(x, y + 1, track, 3.2, style="F")
        if percent:
            self.set_fill_color(*color)
            self.rect(x, y + 1, track * min(100.0, max(0.0, percent)) / 100, 3.2, style="F")
        self.set_xy(x + track + 2, y)
        self.cell(28, 5, self.text_of(text if text is not None else percent_text(percent)),
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _group_text(group: GroupFigure) -> str:
    """«12/40», the bare value without a base, or what a withheld group shows instead."""
    if group.withheld is not None:
        return group.withheld
    if group.total is None:
        return f"{group.value:,}".replace(",", ".")
    return f"{group.value:,}/{group.total:,}".replace(",", ".")


def report_pdf(report: Report) -> bytes:
    """The report as a PDF (A4)."""
    pdf = _Document(msg.REPORT_TITLE)
    pdf.add_page()
    pdf.para(msg.REPORT_TITLE, 18, bold=True, height=9)
    pdf.para(msg.REPORT_ENTITY_PERIOD.format(entity=report.entity,
                                             since=day(report.period.since),
                                             until=day(report.period.until)), 11)
    generated = sheet_datetime(report.generated_at, report.period.tz)
    pdf.para(msg.REPORT_GENERATED.format(when=generated), 9, color=MUTED)

    summary = report.summary
    pdf.heading(msg.REPORT_SUMMARY)
    pdf.bar(msg.REPORT_PLANNED, summary.planned, PLANNED_BAR)
    pdf.bar(msg.REPORT_ACHIEVED, summary.achieved, DONE_BAR)
    pdf.bar(msg.REPORT_COMPLIANCE, summary.compliance, DONE_BAR)
    pdf.para(msg.REPORT_SUMMARY_RULE.format(cut=day(summary.cut)), 8, color=MUTED, height=4)

    pdf.heading(msg.REPORT_ACTIVITIES)
    if not report.activities:
        pdf.para(msg.REPORT_NO_ACTIVITIES)
    component = None
    for row in report.activities:
        if row.component != component:
            component = row.component
            pdf.ln(1)
            pdf.para(component, 11, bold=True)
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.para(row.name, 10, bold=True)
        pdf.bar(msg.COL_PLANNED, row.planned, PLANNED_BAR, label_width=30)
        pdf.bar(msg.COL_PROGRESS, row.progress, DONE_BAR, label_width=30)
        facts = [f"{msg.COL_OWNER}: {row.owner or '—'} · {day(row.starts_on)} – {day(row.ends_on)}"]
        if row.target:
            facts.append(f"{msg.COL_TARGET}: {row.target}")
        facts.append(f"{msg.COL_HOW}: {row.how}")
        if row.measure:
            facts.append(f"{msg.COL_MEASURE}: {row.measure}")
        if row.done:
            facts.append(f"{msg.COL_DONE}: {row.done}")
        if row.missing:
            facts.append(f"{msg.COL_MISSING} {row.missing}")
        if row.evidence:
            facts.append(f"{msg.REPORT_EVIDENCE}: " + "; ".join(row.evidence))
        for fact in facts:
            pdf.para(fact, 9, height=4.5)
        pdf.ln(2)

    pdf.heading(msg.REPORT_MEASURES)
    for result in report.measures:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        figures = result.figures
        pdf.para(result.label, 11, bold=True)
        pdf.para(f"{figure_text(figures)} {result.unit}", 10)
        if figures.total:
            pdf.bar(result.label, figures.percent, DONE_BAR)
        details = " · ".join(f"{label}: {value:,}".replace(",", ".")
                             for label, value in figures.details)
        if details:
            pdf.para(details, 9, height=4.5)
        for title, rows in ((msg.REPORT_BREAKDOWN, figures.breakdown),
                            (msg.REPORT_BY_DEPENDENCY, figures.groups)):
            if rows:
                pdf.para(title, 9, bold=True, height=4.5)
            for group in rows:
                pdf.bar(group.label, group.percent, DONE_BAR, text=_group_text(group))
        if figures.note:
            pdf.para(figures.note, 8, color=MUTED, height=4)
        pdf.para(msg.REPORT_SOURCE.format(source=result.source), 8, color=MUTED, height=4)
        pdf.ln(2)
    return bytes(pdf.output())


def report_xlsx(report: Report) -> bytes:
    """The report's data as a workbook: summary, plan, indicators, per dependency, details."""
    book, sheet = new_workbook(msg.SHEET_SUMMARY)
    summary = report.summary
    sheet.append([msg.REPORT_TITLE])
    sheet.append([msg.REPORT_ENTITY_PERIOD.format(entity=report.entity,
                                                  since=day(report.period.since),
                                                  until=day(report.period.until))])
    sheet.append([msg.REPORT_PLANNED, summary.planned])
    sheet.append([msg.REPORT_ACHIEVED, summary.achieved])
    sheet.append([msg.REPORT_COMPLIANCE, None if summary.compliance is None
                  else round(summary.compliance, 1)])
    sheet.append([msg.REPORT_SUMMARY_RULE.format(cut=day(summary.cut))])

    plan = book.create_sheet(msg.SHEET_PLAN)
    plan.append([msg.COL_COMPONENT, msg.COL_ACTIVITY, msg.COL_OWNER, msg.COL_START, msg.COL_END,
                 msg.COL_TARGET, msg.COL_PLANNED, msg.COL_PROGRESS, msg.COL_HOW, msg.COL_MEASURE,
                 msg.COL_DONE, msg.COL_MISSING, msg.COL_EVIDENCE])
    for row in report.activities:
        plan.append([row.component, row.name, row.owner, row.starts_on, row.ends_on, row.target,
                     row.planned, row.progress, row.how, row.measure, row.done, row.missing,
                     "; ".join(row.evidence)])
        for column in ("D", "E"):
            plan[f"{column}{plan.max_row}"].number_format = "DD/MM/YYYY"

    indicators = book.create_sheet(msg.SHEET_MEASURES)
    indicators.append([msg.COL_INDICATOR, msg.COL_VALUE, msg.COL_BASE, msg.COL_PERCENT,
                       msg.COL_SOURCE, msg.COL_DETAIL])
    groups = book.create_sheet(msg.SHEET_GROUPS)
    groups.append([msg.COL_INDICATOR, msg.COL_GROUP, msg.COL_VALUE, msg.COL_BASE,
                   msg.COL_PERCENT, msg.COL_SOURCE])
    breakdown = book.create_sheet(msg.SHEET_BREAKDOWN)
    breakdown.append([msg.COL_INDICATOR, msg.COL_ITEM, msg.COL_VALUE, msg.COL_BASE,
                      msg.COL_PERCENT, msg.COL_SOURCE])
    details = book.create_sheet(msg.SHEET_DETAILS)
    details.append([msg.COL_INDICATOR, msg.COL_DETAIL, msg.COL_VALUE, msg.COL_SOURCE])
    for result in report.measures:
        figures = result.figures
        indicators.append([result.label, figures.value, figures.total, figures.percent,
                           result.source, figures.note or ""])
        for sheet_rows, rows in ((groups, figures.groups), (breakdown, figures.breakdown)):
            for group in rows:  # a withheld group: its text where the value goes, no figures
                sheet_rows.append([result.label, group.label,
                                   group.value if group.withheld is None else group.withheld,
                                   group.total, group.percent, result.source])
        for label, value in figures.details:
            details.append([result.label, label, value, result.source])
    return workbook_bytes(book)
