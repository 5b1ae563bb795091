"""The quick feedback as table rows of display values, shared by the diagnosis workbook, the
printable diagnosis and the console (hidden figures become their Spanish explanation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.encuestas import messages
from bot.encuestas.feedback import QuickFeedback, ReactionLine, VoteLine, hidden_label
from nucleo.formats import date_text, percent

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

Cell = str | int


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[list[Cell]]
    empty: str | None = None  # what to say instead of the rows when there are none


def _count(value: int | None, line: ReactionLine | VoteLine) -> Cell:
    return hidden_label(line.hidden) if value is None else value


def _detail(buttons: dict[str, int] | None) -> str:
    return "; ".join(f"{label}: {n}" for label, n in (buttons or {}).items())


def _reaction_row(line: ReactionLine, *, piece: bool) -> list[Cell]:
    head: list[Cell] = [line.label, line.value, date_text(line.sent_on)] if piece else [line.label]
    return head + [line.delivered, _count(line.reactions, line), percent(line.rate),
                   _detail(line.buttons)]


def _vote_row(line: VoteLine) -> list[Cell]:
    if line.hidden:
        return [line.label, hidden_label(line.hidden), "", "", ""]
    return [line.label, line.helpful or 0, line.unhelpful or 0, line.total or 0,
            percent(line.rate)]


def feedback_tables(quick: QuickFeedback) -> list[Table]:
    """Pieces, values and votes (a part whose port is missing is left out)."""
    tables: list[Table] = []
    if quick.campaigns is not None:
        c = quick.campaigns
        empty = None if c.pieces else messages.FEEDBACK_NO_PIECES
        tables.append(Table(f"{messages.FEEDBACK_REACTIONS}: {messages.FEEDBACK_BY_PIECE.lower()}",
                            messages.FEEDBACK_PIECE_HEADER,
                            [_reaction_row(p, piece=True) for p in c.pieces], empty))
        if c.pieces:
            rows = [_reaction_row(v, piece=False) for v in c.values]
            rows.append(_reaction_row(c.total, piece=False))
            tables.append(Table(
                f"{messages.FEEDBACK_REACTIONS}: {messages.FEEDBACK_BY_VALUE.lower()}",
                messages.FEEDBACK_VALUE_HEADER, rows))
    if quick.consultations is not None:
        v = quick.consultations
        rows = [_vote_row(e) for e in v.entries]
        if rows:
            rows.append(_vote_row(v.total))
        tables.append(Table(messages.FEEDBACK_VOTES, messages.FEEDBACK_VOTES_HEADER, rows,
                            None if rows else messages.FEEDBACK_NO_VOTES))
    return tables


def period_text(quick: QuickFeedback) -> str:
    return messages.FEEDBACK_PERIOD.format(since=date_text(quick.since), until=date_text(quick.until))


def add_feedback_sheet(book: Workbook, quick: QuickFeedback) -> None:
    """The "Retroalimentación rápida" sheet of the diagnosis workbook."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(messages.FEEDBACK_TITLE)
    bold = Font(bold=True)
    sheet.append([messages.FEEDBACK_TITLE, period_text(quick)])
    sheet["A1"].font = bold
    for note in quick.notes:
        sheet.append([note])
    for table in feedback_tables(quick):
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(sheet.max_row, 1).font = bold
        if table.empty:
            sheet.append([table.empty])
            continue
        sheet.append(list(table.header))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in table.rows:
            sheet.append(list(row))
    sheet.append([])
    sheet.append([messages.FEEDBACK_RULE])
