"""HR sets or clears one person's jefe inmediato by hand (#18), in the console or the API.

The superior is chosen from the active directory: ``resolve`` turns what HR typed (cédula,
e-mail or name) into one person only when it is an exact match of one; a name two people share,
or a partial one, gives the candidates to choose from, never a guess. ``set_superior`` (an
action) refuses the person themself and anyone who already depends on them (a cycle), and
audits the change with ids only (never names or documents)."""

from __future__ import annotations

from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.db import commit
from nucleo.directory import messages
from nucleo.directory.keys import document_key
from nucleo.directory.link import DIRECTORY_ACTIVE, clean_email
from nucleo.directory.people import get_person, people_query
from nucleo.directory.superiors import MAX_DEPTH, depends_on
from nucleo.errors import InvalidInput
from nucleo.models import Person, StaffAccount
from nucleo.text import clean_text, normalize_key

MAX_CANDIDATES = 20
EDIT_LOCK = int.from_bytes(b"valorjef", "big") & 0x7FFF_FFFF_FFFF_FFFF  # advisory lock key


class NotOneSuperior(InvalidInput):
    """The typed text names nobody, or more than one person: ``candidates`` (also in
    ``details.candidatos``, for the API) are the people to choose from."""

    def __init__(self, typed: str, candidates: list[Person]) -> None:
        message = (messages.EDIT_SUPERIOR_CHOOSE.format(value=typed, n=len(candidates)) if candidates
                   else messages.EDIT_SUPERIOR_NOT_FOUND.format(value=typed))
        super().__init__(message, details={"field": "superior", "candidatos": [
            {"id": p.id, "full_name": p.full_name,
             "department": p.department.name if p.department else None} for p in candidates]})
        self.candidates = candidates


async def _exact(session: AsyncSession, text: str, person_id: int) -> list[Person]:
    """The active directory people (not ``person_id``) whose e-mail, cédula or whole name is
    exactly ``text`` — all of them, not a page of a search, so a shared name is never missed."""
    query = select(Person).where(*DIRECTORY_ACTIVE, Person.id != person_id)
    email = clean_email(text) if "@" in text else None
    if email:
        return list((await session.scalars(query.where(Person.email == email))).unique())
    document = document_key(text)
    if any(c.isdigit() for c in document):
        return list((await session.scalars(query.where(Person.document_id == document))).unique())
    name = normalize_key(text)
    if not name:
        return []
    rows = await session.scalars(query.where(or_(  # the search key starts with the folded name
        Person.search_key == name, Person.search_key.startswith(name + " ", autoescape=True)))
        .order_by(Person.id).limit(MAX_CANDIDATES * 5))
    return [p for p in rows.unique() if normalize_key(p.full_name or "") == name]


async def choose(session: AsyncSession, typed: str, *, person_id: int) -> Person:
    """The one active directory person other than ``person_id`` that ``typed`` names: an exact
    cédula, e-mail or full name (accent- and case-blind). Else ``NotOneSuperior`` with the
    people to choose from: several exact ones, or up to ``MAX_CANDIDATES`` search matches."""
    text = clean_text(typed)[:200]
    if not text:
        raise InvalidInput(messages.EDIT_SUPERIOR_EMPTY, details={"field": "superior"})
    exact = await _exact(session, text, person_id)
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise NotOneSuperior(text, exact[:MAX_CANDIDATES])
    rows = await session.scalars(people_query(q=text, scope="activas").where(
        *DIRECTORY_ACTIVE, Person.id != person_id).limit(MAX_CANDIDATES))
    raise NotOneSuperior(text, list(rows.unique()))


async def _depends(session: AsyncSession, start: int, person_id: int) -> bool | None:
    """``superiors.depends_on`` over the stored chain above ``start`` (one query a level)."""
    chain: dict[int, int] = {}
    current: int | None = start
    while current is not None and current not in chain and len(chain) <= MAX_DEPTH:
        above = await session.scalar(select(Person.superior_id).where(Person.id == current))
        if above is None:
            break
        chain[current] = above
        current = above
    return depends_on(chain, start, person_id)


async def set_superior(session: AsyncSession, person_id: int, superior_id: int | None, *,
                       actor: StaffAccount | None) -> Person:
    """Make ``superior_id`` the person's jefe inmediato, or clear it with None (an action).
    InvalidInput (nothing changed) for a superior who is not active in the directory, the
    person themself, or someone who already depends on the person."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        # Two edits at once could each pass the cycle check (A→B and B→A, or longer chains):
        # they wait for each other here, and the second sees the first's chain (SQLite
        # serialises writes already).
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EDIT_LOCK})
    person = await get_person(session, person_id)
    if superior_id is not None:
        if superior_id == person.id:
            raise InvalidInput(messages.EDIT_SUPERIOR_SELF, details={"field": "superior_id"})
        superior = (await session.execute(select(Person).where(
            Person.id == superior_id, *DIRECTORY_ACTIVE))).scalar_one_or_none()
        if superior is None:
            raise InvalidInput(messages.EDIT_SUPERIOR_UNKNOWN, details={"field": "superior_id"})
        name = superior.full_name or str(superior.id)
        above = await _depends(session, superior_id, person.id)
        if above is None:
            raise InvalidInput(messages.EDIT_SUPERIOR_TOO_DEEP.format(name=name, n=MAX_DEPTH),
                               details={"field": "superior_id"})
        if above:
            raise InvalidInput(messages.EDIT_SUPERIOR_CYCLE.format(name=name),
                               details={"field": "superior_id"})
    previous = person.superior_id
    if previous != superior_id:
        person.superior_id = superior_id
        audit.record(session, actor, "people.superior", target_type="person",
                     target_id=person.id, details={"superior_id": superior_id,
                                                   "previous_superior_id": previous})
    await commit(session)
    return person
