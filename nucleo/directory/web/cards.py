"""The directory's Inicio cards: people per dependencia and per kind, and bot subscribers."""

from __future__ import annotations

from sqlalchemy import func, select

from nucleo.directory.web import messages
from nucleo.formats import number
from nucleo.models import Department, Person, PersonStatus
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console


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
    items = [(ui.KIND_NAMES.get(k, str(k)), n) for k, n in rows]
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
