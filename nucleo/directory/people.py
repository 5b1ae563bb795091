"""The directory as HR uses it: find, edit, retire and bring back people.

Queries read; the actions (``update_person``, ``retire_person``, ``reactivate_person``) own their
transaction and leave an audit entry without personal data (only the person's id and which
fields changed). Retired people stay in the table for history: campaigns and surveys target only
``activa`` people, and the lists show the retired apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.db import commit, utcnow
from nucleo.directory import link, messages
from nucleo.directory.keys import document_key, query_terms
from nucleo.directory.phones import normalize_mobile
from nucleo.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from nucleo.models import Department, Person, PersonKind, PersonStatus, StaffAccount
from nucleo.ports import Campaigns
from nucleo.text import clean_text

Scope = Literal["activas", "retiradas", "todas"]
Sort = Literal["nombre", "-nombre", "dependencia", "recientes"]
SCOPES: tuple[Scope, ...] = ("activas", "retiradas", "todas")
MAX_NAME = 200
_DOCUMENT = re.compile(r"^[A-Za-z0-9]{3,20}$")


def _order(sort: Sort) -> tuple[ColumnElement[Any], ...]:
    name = (Person.sort_key.asc().nulls_last(), Person.full_name.asc(), Person.id.asc())
    return {
        "nombre": name,
        "-nombre": (Person.sort_key.desc().nulls_last(), Person.full_name.desc(),
                    Person.id.desc()),
        "dependencia": (Department.normalized_name.asc().nulls_last(), *name),
        "recientes": (Person.created_at.desc(), Person.id.desc()),
    }[sort]


def people_query(*, q: str = "", department_id: int | None = None, scope: Scope = "activas",
                 sort: Sort = "nombre") -> Select[Person]:
    """People matching a search (accent-blind name, cédula with or without dots, e-mail), in a
    dependencia and a scope, in Spanish alphabetical order. Every term is a bound parameter
    with LIKE wildcards escaped, so a search is only ever text."""
    query = select(Person).outerjoin(Department, Department.id == Person.department_id)
    if scope == "activas":
        query = query.where(Person.status == PersonStatus.ACTIVA.value)
    elif scope == "retiradas":
        query = query.where(Person.status != PersonStatus.ACTIVA.value)
    if department_id is not None:
        query = query.where(Person.department_id == department_id)
    for term in query_terms(q):
        query = query.where(Person.search_key.contains(term, autoescape=True))
    return query.order_by(*_order(sort))


async def find_people(session: AsyncSession, *, q: str = "", department_id: int | None = None,
                      scope: Scope = "activas", sort: Sort = "nombre", limit: int = 50,
                      offset: int = 0) -> tuple[list[Person], int]:
    """One page of ``people_query`` and the total count."""
    query = people_query(q=q, department_id=department_id, scope=scope, sort=sort)
    total = await session.scalar(select(func.count()).select_from(
        query.order_by(None).subquery())) or 0
    rows = await session.scalars(query.limit(limit).offset(offset))
    return list(rows.unique()), int(total)


async def get_person(session: AsyncSession, person_id: int) -> Person:
    person = await session.get(Person, person_id)
    if person is None:
        raise NotFound(messages.PERSON_NOT_FOUND)
    return person


@dataclass(frozen=True)
class PersonChanges:
    """What HR may change of a directory row; None leaves a field as it is, "" clears it
    (except the name, which is required)."""

    full_name: str | None = None
    document_id: str | None = None
    email: str | None = None
    mobile: str | None = None
    department_id: int | None = None
    kind: str | None = None


async def _clean(session: AsyncSession, person: Person,
                 changes: PersonChanges) -> dict[str, object]:
    values: dict[str, Any] = {}
    if changes.full_name is not None:
        name = clean_text(changes.full_name)
        if not name:
            raise InvalidInput(messages.EDIT_NAME_REQUIRED)
        if len(name) > MAX_NAME:
            raise InvalidInput(messages.EDIT_NAME_TOO_LONG.format(n=MAX_NAME))
        values["full_name"] = name
    if changes.document_id is not None:
        document = document_key(clean_text(changes.document_id)) or None
        if document and not _DOCUMENT.match(document):
            raise InvalidInput(messages.EDIT_BAD_DOCUMENT)
        values["document_id"] = document
    if changes.email is not None:
        email = clean_text(changes.email) or None
        if email:
            try:
                email = validate_email(email, check_deliverability=False).normalized.lower()
            except EmailNotValidError:
                raise InvalidInput(messages.EDIT_BAD_EMAIL) from None
        values["email"] = email
    if changes.mobile is not None:
        raw = clean_text(changes.mobile)
        try:
            values["mobile"] = normalize_mobile(raw) if raw else None
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
    if changes.kind is not None:
        if changes.kind not in {k.value for k in PersonKind}:
            raise InvalidInput(messages.EDIT_BAD_KIND)
        values["kind"] = changes.kind
    if changes.department_id is not None:
        if await session.get(Department, changes.department_id) is None:
            raise InvalidInput(messages.EDIT_BAD_DEPARTMENT)
        values["department_id"] = changes.department_id
    document = values.get("document_id", person.document_id)
    email = values.get("email", person.email)
    if person.source == "directorio" and not document and not email:
        raise InvalidInput(messages.EDIT_NEEDS_ID)
    for column, value, message in ((Person.document_id, values.get("document_id"),
                                    messages.EDIT_DOCUMENT_TAKEN),
                                   (Person.email, values.get("email"), messages.EDIT_EMAIL_TAKEN),
                                   (Person.mobile, values.get("mobile"),
                                    messages.EDIT_MOBILE_TAKEN)):
        if value and await session.scalar(select(Person.id).where(
                column == value, Person.id != person.id)) is not None:
            raise Conflict(message)
    return values


async def update_person(session: AsyncSession, person_id: int, changes: PersonChanges, *,
                        actor: StaffAccount | None) -> Person:
    """Change a person's directory data (an action); the audit names the fields, not values."""
    person = await get_person(session, person_id)
    values = await _clean(session, person, changes)
    changed = sorted(k for k, v in values.items() if getattr(person, k) != v)
    for key in changed:
        setattr(person, key, values[key])
    if "email" in changed and person.source == link.DIRECTORY_SOURCE:
        # Invitations and codes went to the old address: they must not link anybody now.
        await link.void_proofs(session, [person.id], now=utcnow())
    if changed:
        audit.record(session, actor, "people.update", target_type="person", target_id=person.id,
                     details={"fields": changed})
    await commit(session)
    return person


async def retire_person(session: AsyncSession, person_id: int, *, now: datetime,
                        actor: StaffAccount | None, campaigns: Campaigns | None) -> Person:
    """Mark a person as retired (an action): kept for history, never targeted again, and what
    was queued for them and has not left is cancelled (``campaigns``: None when the campaign
    engine is not part of this service)."""
    person = await get_person(session, person_id)
    if person.status != PersonStatus.ACTIVA.value:
        raise InvalidTransition(messages.ALREADY_RETIRED)
    person.status, person.retired_at = PersonStatus.INACTIVA.value, now
    if campaigns is not None:
        await campaigns.cancel_pending(session, [person.id])
    audit.record(session, actor, "people.retire", target_type="person", target_id=person.id)
    await commit(session)
    return person


async def reactivate_person(session: AsyncSession, person_id: int, *,
                            actor: StaffAccount | None) -> Person:
    """Bring a retired person back to the active directory (an action)."""
    person = await get_person(session, person_id)
    if person.status == PersonStatus.ACTIVA.value:
        raise InvalidTransition(messages.NOT_RETIRED)
    person.status, person.retired_at = PersonStatus.ACTIVA.value, None
    audit.record(session, actor, "people.reactivate", target_type="person",
                 target_id=person.id)
    await commit(session)
    return person
