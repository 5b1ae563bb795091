"""Inicio: the cards of every feature (``ConsoleFeature.cards``, in the wiring's order) and the
console's own (staff per role)."""

from __future__ import annotations

from sqlalchemy import func, select

from api.console import messages
from nucleo.formats import number
from nucleo.models import StaffAccount
from nucleo.web.console import messages as ui
from nucleo.web.console.cards import Card, Provider
from nucleo.web.console.context import Console


async def staff_by_role(console: Console) -> Card | None:
    """Active console accounts per role (admin only)."""
    if not console.can("personal"):
        return None
    rows = (await console.db.execute(
        select(StaffAccount.role, func.count(StaffAccount.id))
        .where(StaffAccount.active.is_(True)).group_by(StaffAccount.role))).all()
    return Card(messages.CARD_STAFF, big=number(sum(n for _r, n in rows)),
                lines=[(ui.ROLE_NAMES.get(r, r), number(n)) for r, n in sorted(rows)],
                link=("/consola/personal", messages.STAFF_TITLE))


async def build_cards(console: Console, providers: tuple[Provider, ...]) -> list[Card]:
    """Run every provider; None means "not for this role". Cards with data come first, notices
    of features still missing after them."""
    cards = []
    for provide in providers:
        card = await provide(console)
        if card is not None:
            cards.append(card)
    return sorted(cards, key=lambda c: c.placeholder is not None and c.big is None)
