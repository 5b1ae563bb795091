"""The jefe inmediato of HR's directory import (#18): resolved after the people are saved (a
superior may be a new person further down the same file), checked and stored.

A row names its superior by cédula, e-mail or full name (``reader.superior_ref``). The
superior must be in the directory (or the file), active, not the person, and must not depend on
the person already (directly or through other superiors): each refusal is reported with the
row's line, the person's other data stay imported and their stored superior is kept. An empty
cell keeps the stored superior, as every empty cell of the import does."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.directory import messages
from nucleo.directory.link import DIRECTORY_ACTIVE
from nucleo.directory.reader import DirectoryRow, RejectedRow, SuperiorRef
from nucleo.models import Person, PersonStatus
from nucleo.text import normalize_key

if TYPE_CHECKING:
    from nucleo.directory.importer import ImportReport, _Known

CHUNK = 1000


MAX_DEPTH = 200  # levels of superiors above a person: an entity has a dozen at most


def depends_on(superiors: Mapping[int, int], start: int, person_id: int) -> bool | None:
    """Whether ``person_id`` is ``start`` or above it in the chain of superiors (so making
    ``start`` the person's superior would close a cycle); None when the chain above ``start``
    is longer than ``MAX_DEPTH`` (a file that chains everyone in a line: refused rather than
    walked for ever). Stops on a cycle already stored."""
    seen: set[int] = set()
    current: int | None = start
    while current is not None and current not in seen:
        if current == person_id:
            return True
        if len(seen) >= MAX_DEPTH:
            return None
        seen.add(current)
        current = superiors.get(current)
    return False


class _Lookup:
    """The people a superior cell may name, after the file's rows were saved."""

    def __init__(self, known: _Known, active: set[int]) -> None:
        self.known = known
        self.active = active  # the directory's active people: the only possible superiors
        self._names: dict[str, list[int]] | None = None

    def names(self) -> dict[str, list[int]]:
        if self._names is None:  # only when some row names a superior by name
            names: dict[str, list[int]] = defaultdict(list)
            for pid, stored in self.known.current.items():
                if stored[0] and pid in self.active:  # a retired namesake is no ambiguity
                    names[normalize_key(stored[0])].append(pid)
            self._names = names
        return self._names

    def find(self, ref: SuperiorRef) -> tuple[int | None, str | None]:
        """(person id, None) or (None, the reason it cannot be set)."""
        if ref.by == "documento":
            found = self.known.by_document.get(ref.value)
        elif ref.by == "correo":
            found = self.known.by_email.get(ref.value)
        else:
            matches = self.names().get(ref.value, [])
            if len(matches) > 1:
                return None, messages.SUPERIOR_AMBIGUOUS.format(value=ref.typed, n=len(matches))
            found = matches[0] if matches else None
        if found is None:
            return None, messages.SUPERIOR_UNKNOWN.format(value=ref.typed)
        if found not in self.active:  # retired, or not in the directory (a chat-only person)
            stored = self.known.current.get(found)
            if stored is not None and stored[5] != PersonStatus.ACTIVA.value:
                return None, messages.SUPERIOR_RETIRED.format(value=ref.typed)
            return None, messages.SUPERIOR_UNKNOWN.format(value=ref.typed)
        return found, None


async def assign(session: AsyncSession, known: _Known, report: ImportReport) -> None:
    """Set the superior of every imported row that names one, in file order (a row that would
    close a cycle is refused, the ones before it stand); no commit (the import's)."""
    lookup = _Lookup(known, set(await session.scalars(select(Person.id).where(*DIRECTORY_ACTIVE))))
    superiors = known.superiors
    changes: list[dict[str, object]] = []
    rows: Sequence[tuple[DirectoryRow, int]] = sorted(known.accepted, key=lambda a: a[0].line)
    for row, person_id in rows:
        if row.superior is None:
            continue
        superior_id, reason = lookup.find(row.superior)
        if superior_id == person_id:
            reason = messages.SUPERIOR_IS_SELF.format(value=row.superior.typed)
        elif superior_id is not None:
            above = depends_on(superiors, superior_id, person_id)
            if above is None:
                reason = messages.SUPERIOR_TOO_DEEP.format(value=row.superior.typed, n=MAX_DEPTH)
            elif above:
                reason = messages.SUPERIOR_CYCLE.format(value=row.superior.typed)
        if reason is not None or superior_id is None:
            report.superior_rejected.append(RejectedRow(row.line, reason or ""))
            continue
        if superiors.get(person_id) == superior_id:
            continue
        superiors[person_id] = superior_id
        changes.append({"id": person_id, "superior_id": superior_id})
    for start in range(0, len(changes), CHUNK):
        await session.execute(update(Person), changes[start : start + CHUNK])
    report.superiors_set = len(changes)


async def superior_of(session: AsyncSession, person: Person | None) -> Person | None:
    """The person's jefe inmediato from the directory, when there is one who can decide (active
    in the directory, not the person); None otherwise (the art. 12 route applies)."""
    if person is None or person.superior_id is None or person.superior_id == person.id:
        return None
    return (
        await session.execute(select(Person).where(Person.id == person.superior_id, *DIRECTORY_ACTIVE))
    ).scalar_one_or_none()
