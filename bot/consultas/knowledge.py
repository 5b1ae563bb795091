"""The knowledge base: entries read from YAML files, validated, and overridable by HR edits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from nucleo.errors import InvalidInput, NotFound

from . import messages
from .models import Entry, SourceCatalogue

DEFAULT_BASE = Path(__file__).with_name("base")


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entrada"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def parse_entry(data: Any, *, origin: str = "") -> Entry:
    """Validate one entry given as a mapping (from YAML, JSON or the database)."""
    if isinstance(data, Entry):
        return data
    if not isinstance(data, Mapping):
        raise InvalidInput(messages.ERR_NOT_MAPPING.format(origin=origin))
    try:
        return Entry.model_validate(dict(data))
    except ValidationError as error:
        ident = data.get("id", "?")
        raise InvalidInput(messages.ERR_BAD_ENTRY.format(origin=origin, entry=ident, detail=_describe(error))) from error


class KnowledgeBase:
    """An immutable, validated set of entries, looked up by id."""

    def __init__(self, entries: Iterable[Entry], *, catalogue: SourceCatalogue | None = None,
                 strict_sources: bool = True) -> None:
        self.catalogue = catalogue or SourceCatalogue.from_yaml()
        self._entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise InvalidInput(messages.ERR_DUPLICATE_ID.format(entry=entry.id))
            self._entries[entry.id] = entry
        self._strict = strict_sources
        self._validate()

    @classmethod
    def from_directory(cls, path: Path | str = DEFAULT_BASE, *,
                       catalogue: SourceCatalogue | None = None) -> KnowledgeBase:
        """Read every ``*.yaml`` file under ``path``; each holds one entry or a list of entries."""
        folder = Path(path)
        if not folder.is_dir():
            raise NotFound(messages.ERR_NO_DIRECTORY.format(path=folder))
        entries: list[Entry] = []
        for file in sorted(folder.glob("*.yaml")):
            try:
                data = yaml.safe_load(file.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                raise InvalidInput(messages.ERR_BAD_YAML.format(origin=file.name, detail=error)) from error
            items = data if isinstance(data, list) else [data]
            entries.extend(parse_entry(item, origin=file.name) for item in items if item is not None)
        if not entries:
            raise InvalidInput(messages.ERR_EMPTY_BASE.format(path=folder))
        return cls(entries, catalogue=catalogue)

    def with_overrides(self, entries: Iterable[Entry | Mapping[str, Any]]) -> KnowledgeBase:
        """A new base where these entries replace those with the same id (or are added)."""
        merged = dict(self._entries)
        overrides = [parse_entry(e, origin="override") for e in entries]
        seen: set[str] = set()
        for entry in overrides:
            if entry.id in seen:
                raise InvalidInput(messages.ERR_DUPLICATE_ID.format(entry=entry.id))
            seen.add(entry.id)
            # HR may cite sources not yet in the catalogue, but never an [R] one.
            self.catalogue.check(entry, strict=False)
            merged[entry.id] = entry
        base = KnowledgeBase.__new__(KnowledgeBase)
        base.catalogue = self.catalogue
        base._entries = merged
        base._strict = self._strict
        base._validate(skip_strict=seen)
        return base

    def _validate(self, skip_strict: Set[str] = frozenset()) -> None:
        for entry in self._entries.values():
            self.catalogue.check(entry, strict=self._strict and entry.id not in skip_strict)
            missing = [r for r in entry.related if r not in self._entries]
            if missing:
                raise InvalidInput(messages.ERR_UNKNOWN_RELATED.format(entry=entry.id, missing=", ".join(missing)))

    def get(self, entry_id: str) -> Entry:
        """The entry with this id, or NotFound."""
        try:
            return self._entries[entry_id]
        except KeyError:
            raise NotFound(messages.ERR_NO_ENTRY.format(entry=entry_id)) from None

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def active(self) -> list[Entry]:
        """Entries the engine searches (those not retired by HR)."""
        return [e for e in self._entries.values() if e.active]
