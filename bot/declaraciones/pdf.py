"""The «constancia de radicación» of a declaration as a PDF (fpdf2, Lato from ``font-lato``).

Everything typed by the declarant goes in as text cells (never markup), so nothing in it can
change the document's layout or run anything."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.declaraciones import grounds, interest, messages
from bot.declaraciones.models import Declaration
from nucleo.formats import local_day

FONT_PACKAGE = "font_lato"
FAMILY = "Lato"


@dataclass(frozen=True)
class Subject:
    """What the constancia shows besides the row: names looked up by the caller."""

    declarant: str | None
    decided_by: str | None = None


def _font_files() -> dict[str, str]:
    base = resources.files(FONT_PACKAGE) / "files"
    return {"": str(base / "Lato-Regular.ttf"), "B": str(base / "Lato-Bold.ttf")}


def constancia(declaration: Declaration, subject: Subject, tz: ZoneInfo) -> bytes:
    """The PDF bytes of the constancia de radicación (with the decision once decided)."""
    pdf = FPDF(format="Letter")
    pdf.set_title(f"{messages.PDF_TITLE} {declaration.radicado}")
    pdf.set_creator("El Valor Soy Yo")
    for style, path in _font_files().items():
        pdf.add_font(FAMILY, style, path)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 11, style: str = "", gap: float = 2) -> None:
        pdf.set_font(FAMILY, style, size)
        pdf.multi_cell(width, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    kind = messages.KINDS.get(declaration.kind, declaration.kind)
    line(messages.PDF_TITLE, 18, "B")
    line(messages.PDF_SUBTITLE.format(kind=kind.lower()), 13, "B", 4)
    line(messages.PDF_INTRO, 10, gap=5)
    f = messages.PDF_FIELDS
    rows = [
        (f["radicado"], declaration.radicado),
        (f["filed"], messages.long_day(local_day(declaration.created_at, tz))),
        (f["declarant"], subject.declarant or messages.PDF_NO_NAME),
        (f["kind"], kind),
        (f["matter"], declaration.matter),
        (f["office"], declaration.deciding_office),
        (f["due"], messages.long_day(declaration.due_on)),
        (f["state"], messages.STATE_NAMES.get(declaration.state, declaration.state)),
    ]
    if declaration.kind == "recusacion":
        recusant = declaration.recusant_name or subject.declarant or messages.PDF_NO_NAME
        rows[2] = (f["recusant"], recusant)
        rows.insert(3, (f["recused"], declaration.recused_name or ""))
        if declaration.answer_due_on is not None:
            rows.insert(7, (f["answer_due"], messages.long_day(declaration.answer_due_on)))
    if grounds.applies(declaration.kind):
        rows.append((f["ground"], grounds.name(declaration.ground)))
    guided = [(f["matter_type"], messages.MATTER_TYPE_NAMES.get(declaration.matter_type or "")),
              (f["role"], messages.ROLE_NAMES.get(declaration.role or "")),
              (f["holder"], interest.holder_text(declaration.interest_holder,
                                                 declaration.relation)
               if grounds.applies(declaration.kind) else None)]
    rows.extend((label, value) for label, value in guided if value)  # when they were asked
    with pdf.table(col_widths=(32, 68), text_align="LEFT", first_row_as_headings=False) as table:
        for label, value in rows:
            row = table.row()
            pdf.set_font(FAMILY, "B", 10)
            row.cell(label)
            pdf.set_font(FAMILY, "", 10)
            row.cell(value)
    pdf.ln(5)
    line(messages.PDF_FACTS, 12, "B")
    line(declaration.description, 10, gap=5)
    if declaration.decided_at is not None:
        outcome = messages.OUTCOME_NAMES.get(declaration.outcome or "", "")
        line(messages.PDF_DECISION, 12, "B")
        line(messages.PDF_DECIDED.format(
            outcome=outcome.capitalize(),
            day=messages.long_day(local_day(declaration.decided_at, tz))), 10, "B")
        line(declaration.decision or "", 10, gap=5)
    line(messages.PDF_FOOTER, 8)
    return bytes(pdf.output())
