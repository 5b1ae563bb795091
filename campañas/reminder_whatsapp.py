"""The automatic declaration reminders over WhatsApp (#18): outside the 24-hour window WhatsApp
only takes an approved template, so the reminders go there only when the service has one for
them (``VALOR_WHATSAPP_REMINDER_TEMPLATE``, carried by ``nucleo.ports.WhatsAppAccount``). Every
automatic reminder campaign then goes out as that template, with two body parameters that the
sender fills from the campaign (its declaration and year, ``origin``) and the piece (which
text it is, ``Piece.reminder_text``): {{1}} the declaration and {{2}} its deadline and what to
do. The «de nuevo» line of the later rounds is not said on WhatsApp."""

from __future__ import annotations

from dataclasses import dataclass

from campañas import messages as msg
from campañas.reminder_rounds import LATE, LATE_AGAIN
from nucleo import asset_filings
from nucleo.formats import date_text

PARAMETERS = ("declaracion", "plazo")  # {{1}}, {{2}} of the reminders' template, in this order


@dataclass(frozen=True)
class ReminderTemplate:
    """The approved WhatsApp template of the automatic reminders: its name and language."""

    name: str
    language: str


def template_values(origin: str | None, text_kind: str | None) -> dict[str, str]:
    """The reminders' template parameters of a piece: empty for any other campaign's."""
    prefix, _, rest = (origin or "").partition(":")
    kind, _, year_text = rest.partition(":")
    if prefix != "recordatorio" or kind not in asset_filings.KINDS or not year_text.isdigit():
        return {}
    year = int(year_text)
    deadline = date_text(asset_filings.deadline(year))
    if kind == asset_filings.BIENES_RENTAS and text_kind in (LATE, LATE_AGAIN):
        when = msg.ASSETS_REMINDER_WA_LATE.format(deadline=deadline, year=year)
    else:
        when = msg.ASSETS_REMINDER_WA_WHEN[kind].format(deadline=deadline, year=year)
    return {"declaracion": msg.ASSETS_REMINDER_WA_NAME[kind].format(year=year), "plazo": when}
