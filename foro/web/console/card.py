"""The Inicio card: suggestions by status, as a stacked bar, with a link to the list."""

from __future__ import annotations

from foro import messages as foro_messages
from foro.queries import count_by_status
from foro.web import messages
from nucleo.formats import number
from nucleo.web.console import charts
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console


async def suggestions_by_status(console: Console) -> Card | None:
    """How many suggestions are in each status (for the roles that may read them)."""

    if not console.can("sugerencias"):
        return None
    counts = await count_by_status(console.db)
    items = [(label, counts.get(key, 0)) for key, label in foro_messages.STATUS_LABELS.items()]
    total = sum(n for _l, n in items)
    card = Card(messages.CARD_SUGGESTIONS, big=number(total), data=[(k, number(n)) for k, n in items],
                link=("/consola/sugerencias", messages.SUGGESTIONS_TITLE))
    if total == 0:
        card.placeholder = messages.CARD_SUGGESTIONS_NONE
    else:
        card.chart = charts.stacked_bar("c-sug", messages.CARD_SUGGESTIONS, items)
    return card
