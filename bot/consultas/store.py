"""The knowledge in memory: the files, HR's overrides from the database, and the engine on both."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.errors import InvalidInput

from .engine import ConsultationEngine
from .knowledge import KnowledgeBase
from .tables import EntryOverride

log = logging.getLogger(__name__)
Origin = Literal["archivo", "editada", "nueva"]
Fingerprint = tuple[int, int, str]


async def read_overrides(session: AsyncSession) -> list[EntryOverride]:
    """Every entry HR wrote or edited, by entry id."""
    return list(await session.scalars(select(EntryOverride).order_by(EntryOverride.entry_id)))


async def overrides_fingerprint(session: AsyncSession) -> Fingerprint:
    """A cheap summary that changes whenever an override is added, edited or removed."""
    row = (await session.execute(select(
        func.count(EntryOverride.id), func.coalesce(func.sum(EntryOverride.version), 0),
        func.max(EntryOverride.updated_at)))).one()
    return int(row[0]), int(row[1]), str(row[2])


class KnowledgeStore:
    """Holds the file base and the engine; rebuilds the engine when the overrides change."""

    def __init__(self, files: KnowledgeBase, engine: ConsultationEngine | None = None) -> None:
        self.files = files
        self.engine = engine or ConsultationEngine(files)
        self._overrides: dict[str, dict[str, Any]] = {}
        self._fingerprint: Fingerprint | None = None

    @property
    def kb(self) -> KnowledgeBase:
        """The merged base the engine searches now."""
        return self.engine.kb

    def merge(self, overrides: Iterable[Mapping[str, Any]]) -> KnowledgeBase:
        """The file base with these overrides applied (raises InvalidInput if they do not fit)."""
        return self.files.with_overrides(list(overrides))

    def origin(self, entry_id: str) -> Origin:
        """Where an entry comes from: the files, an HR edit of a file entry, or a new HR entry."""
        if entry_id not in self._overrides:
            return "archivo"
        return "editada" if entry_id in self.files else "nueva"

    def override_data(self) -> dict[str, dict[str, Any]]:
        """A copy of the overrides currently applied, by entry id."""
        return {k: dict(v) for k, v in self._overrides.items()}

    def apply(self, overrides: Mapping[str, Mapping[str, Any]],
              fingerprint: Fingerprint | None = None) -> None:
        """Rebuild the engine on the files plus these overrides."""
        merged = self.merge(overrides.values())
        self.engine.reload(merged)
        self._overrides = {k: dict(v) for k, v in overrides.items()}
        self._fingerprint = fingerprint

    async def refresh(self, session: AsyncSession, *, force: bool = False) -> bool:
        """Reload the overrides from the database when they changed; True if the engine changed."""
        fingerprint = await overrides_fingerprint(session)
        if not force and fingerprint == self._fingerprint:
            return False
        rows = await read_overrides(session)
        overrides = {row.entry_id: row.data for row in rows}
        try:
            self.apply(overrides, fingerprint)
        except InvalidInput as exc:
            # A bad row must never take the bot down: keep answering with what we had.
            log.error("consultation overrides not applied: %s", exc.message)
            self._fingerprint = fingerprint
            return False
        log.info("consultation knowledge reloaded (%d overrides)", len(overrides))
        return True
