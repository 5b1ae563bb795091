"""Dashboard cards: each feature contributes an async provider (``CORE_CARDS``)."""

from __future__ import annotations

from sqlalchemy import func, select

from api.console import charts, messages
from api.console.cards import Card, Provider
from api.console.context import Console
from api.console.pages.campaigns.reach import last_campaign_reach
from api.console.pages.consultations import tickets_due_card
from api.console.pages.suggestions import suggestions_by_status
from api.console.pages.surveys.card import survey_participation
from nucleo import ports
from nucleo.models import Department, Person, PersonStatus, StaffAccount
from nucleo.text import number




async def people_by_department(console: Console) -> Card:
    """Active people per dependencia, as bars."""
    rows = (await console.db.execute(
        select(func.coalesce(Department.name, "Sin dependencia"), func.count(Person.id))
        .select_from(Person).outerjoin(Department, Department.id == Person.department_id)
        .where(Person.status == PersonStatus.ACTIVA.value)
        .group_by(Department.name))).all()
    total = sum(n for _d, n in rows)
    card = Card(messages.CARD_PEOPLE_BY_DEPARTMENT, big=number(total), wide=True,
                data=[(str(d), number(n)) for d, n in sorted(rows, key=lambda r: -r[1])])
    if total == 0:
        card.placeholder = messages.CARD_NO_DATA
    else:
        card.chart = charts.bar_chart("c-dep", messages.CARD_PEOPLE_BY_DEPARTMENT,
                                      [(str(d), n) for d, n in rows])
    if console.can("directorio"):
        card.link = ("/consola/directorio", messages.DIRECTORY_TITLE)
    return card


async def people_by_kind(console: Console) -> Card:
    """Servidores and contratistas."""
    rows = (await console.db.execute(
        select(Person.kind, func.count(Person.id))
        .where(Person.status == PersonStatus.ACTIVA.value).group_by(Person.kind))).all()
    items = [(messages.KIND_NAMES.get(k, str(k)), n) for k, n in rows]
    card = Card(messages.CARD_PEOPLE_BY_KIND, data=[(k, number(n)) for k, n in items])
    if items:
        card.chart = charts.stacked_bar("c-kind", messages.CARD_PEOPLE_BY_KIND, items)
    else:
        card.placeholder = messages.CARD_NO_DATA
    return card


async def subscribers(console: Console) -> Card:
    """Who receives the bot's messages."""
    total, subscribed, telegram = (await console.db.execute(select(
        func.count(Person.id),
        func.count(Person.id).filter(Person.subscribed.is_(True)),
        func.count(Person.telegram_chat_id)).where(
            Person.status == PersonStatus.ACTIVA.value))).one()
    return Card(messages.CARD_SUBSCRIBERS, big=number(subscribed), lines=[
        (messages.SUBSCRIBED, number(subscribed)), (messages.WITH_TELEGRAM, number(telegram)),
        (messages.TOTAL, number(total))])


async def staff_by_role(console: Console) -> Card | None:
    """Active console accounts per role (admin only)."""
    if not console.can("personal"):
        return None
    rows = (await console.db.execute(
        select(StaffAccount.role, func.count(StaffAccount.id))
        .where(StaffAccount.active.is_(True)).group_by(StaffAccount.role))).all()
    return Card(messages.CARD_STAFF, big=number(sum(n for _r, n in rows)),
                lines=[(messages.ROLE_NAMES.get(r, r), number(n)) for r, n in sorted(rows)],
                link=("/consola/personal", messages.STAFF_TITLE))


async def week_value(console: Console) -> Card:
    """This week's value and piece, from the campaigns feature."""
    campaigns = console.services.get(ports.CAMPAIGNS)
    if campaigns is None:
        return Card(messages.CARD_WEEK_VALUE, placeholder=messages.PLACEHOLDER_CAMPAIGNS)
    piece = await campaigns.current_piece(console.db, console.services.clock())
    if piece is None:
        return Card(messages.CARD_WEEK_VALUE, placeholder=messages.NO_PIECE_THIS_WEEK)
    return Card(messages.CARD_WEEK_VALUE, big=piece.value)


CORE_CARDS: tuple[Provider, ...] = (
    week_value,
    last_campaign_reach,
    tickets_due_card,
    suggestions_by_status,
    survey_participation,
    subscribers,
    people_by_kind,
    staff_by_role,
    people_by_department,
)


async def build_cards(console: Console, providers: tuple[Provider, ...] = CORE_CARDS) -> list[Card]:
    """Run every provider; None means "not for this role". Cards with data come first, notices
    of features still missing after them."""
    cards = []
    for provide in providers:
        card = await provide(console)
        if card is not None:
            cards.append(card)
    return sorted(cards, key=lambda c: c.placeholder is not None and c.big is None)
