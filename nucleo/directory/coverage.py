"""How much of the directory the service reaches, per dependencia: counts only, never people.

The definitions live here, one function each, so the console, the API and the reports count
alike (the link to a chat is ``linked_at``, #17):

* ``in_directory``: active people imported from HR's directory (``source = 'directorio'``).
* ``linked``: a directory person whose chat was linked after their consent (``linked_at``,
  set only by ``nucleo.directory.link.link_chat``). A chat id written by an import or by hand
  does not count: nobody consented to it.
* ``consenting``: granted at least one purpose of the data-protection notice.
* ``reachable_by(channel)``: granted the campaigns purpose, still subscribed, and has a working
  address on that channel (a Telegram chat not blocked, a web-chat or WhatsApp conversation, an
  e-mail not marked unreachable). Consent comes first: an institutional address without consent is not
  counted as reachable (see docs/directorio.md).

The bot's conversations table belongs to ``bot/``, which ``nucleo`` may not import; it is named
here as a lightweight table (two columns, read only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, column, exists, func, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.directory.link import DIRECTORY_ACTIVE
from nucleo.models import Consent, Department, Person

CAMPAIGN_PURPOSE = "campanas"  # bot.privacy.CAMPAIGNS (a test keeps them equal)
CHANNELS = ("telegram", "web", "whatsapp", "email")
conversations = table("conversations", column("person_id"), column("channel"))


def _has_conversation(channel: str | None = None) -> ColumnElement[bool]:
    condition = conversations.c.person_id == Person.id
    if channel is not None:
        condition = and_(condition, conversations.c.channel == channel)
    return exists(select(conversations.c.person_id).where(condition))


def linked() -> ColumnElement[bool]:
    """A directory row linked to a chat with consent (see the module docstring)."""
    return Person.linked_at.is_not(None)


def consenting() -> ColumnElement[bool]:
    return exists(select(Consent.id).where(Consent.person_id == Person.id,
                                           Consent.granted.is_(True)))


def _campaign_consent() -> ColumnElement[bool]:
    return and_(Person.subscribed.is_(True), exists(select(Consent.id).where(
        Consent.person_id == Person.id, Consent.purpose == CAMPAIGN_PURPOSE,
        Consent.granted.is_(True))))


def reachable_by(channel: str) -> ColumnElement[bool]:
    """Consented to the campaigns and has a working address on ``channel``."""
    address = {
        "telegram": and_(Person.telegram_chat_id.is_not(None),
                         Person.telegram_blocked_at.is_(None)),
        "web": _has_conversation("web"),
        "whatsapp": _has_conversation("whatsapp"),
        "email": and_(Person.email.is_not(None), Person.email_unreachable_at.is_(None)),
    }[channel]
    return and_(_campaign_consent(), address)


@dataclass(frozen=True)
class Coverage:
    """Counts for one dependencia (``department_id`` None: people without one)."""

    department_id: int | None
    department: str | None
    people: int
    linked: int
    consenting: int
    telegram: int
    web: int
    whatsapp: int
    email: int

    def share(self, value: int) -> int:
        """Whole percentage of the dependencia's people."""
        return round(100 * value / self.people) if self.people else 0


async def coverage_by_department(session: AsyncSession) -> tuple[list[Coverage], Coverage]:
    """One row per dependencia that has active directory people (by name), and the totals."""
    counts: list[ColumnElement[int]] = [func.count(Person.id)]
    for condition in (linked(), consenting(), *(reachable_by(c) for c in CHANNELS)):
        counts.append(func.count(Person.id).filter(condition))
    rows = (await session.execute(
        select(Person.department_id, Department.name, *counts)
        .select_from(Person).outerjoin(Department, Department.id == Person.department_id)
        .where(*DIRECTORY_ACTIVE)
        .group_by(Person.department_id, Department.name, Department.normalized_name)
        .order_by(Department.normalized_name.asc().nulls_last()))).all()
    items = [Coverage(d, n, *(int(v) for v in values)) for d, n, *values in rows]
    total = Coverage(None, None, *(sum(getattr(i, f) for i in items) for f in (
        "people", "linked", "consenting", *CHANNELS)))
    return items, total
