"""Knowledge-base entries and the catalogue of citations they may use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nucleo.errors import InvalidInput
from nucleo.text import clean_text, normalize_key

from . import messages

DEFAULT_SOURCES = Path(__file__).with_name("fuentes.yaml")
Value = Literal["honestidad", "respeto", "compromiso", "diligencia", "justicia"]
Kind = Literal["answer", "out_of_scope", "escalate"]
EscalateReason = Literal["report", "asks_for_human"]
RouteName = Literal["talento_humano", "control_interno_disciplinario", "juridica"]
MIN_PHRASINGS = 5
MAX_ANSWER_CHARS = 1600


class Entry(BaseModel):
    """One topic of the knowledge base: how people ask about it and what the bot answers."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{2,63}$")
    title: str = Field(min_length=3, max_length=120)
    kind: Kind = "answer"
    value: Value | None = None
    phrasings: tuple[str, ...] = Field(min_length=MIN_PHRASINGS)
    answer: str = Field(min_length=20, max_length=MAX_ANSWER_CHARS)
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    needs_judgement: bool = False
    escalate_reason: EscalateReason | None = None
    route: RouteName | None = None  # office that answers its tickets (default: see routing.py)
    active: bool = True

    @field_validator("title", "answer")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value, keep_newlines=True)

    @field_validator("phrasings")
    @classmethod
    def _distinct_phrasings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(clean_text(p) for p in value)
        if any(len(p) < 4 for p in cleaned):
            raise ValueError(messages.ERR_SHORT_PHRASING)
        if len({normalize_key(p) for p in cleaned}) < len(cleaned):
            raise ValueError(messages.ERR_REPEATED_PHRASING)
        return cleaned

    @model_validator(mode="after")
    def _kind_rules(self) -> Entry:
        if self.kind == "answer" and not self.sources:
            raise ValueError(messages.ERR_NO_SOURCES)
        if self.kind == "escalate" and self.escalate_reason is None:
            raise ValueError(messages.ERR_NO_REASON)
        if self.kind != "escalate" and self.escalate_reason is not None:
            raise ValueError(messages.ERR_REASON_NOT_ESCALATE)
        if self.id in self.related:
            raise ValueError(messages.ERR_SELF_RELATED)
        return self


@dataclass(frozen=True)
class SourceCatalogue:
    """Citations the bot may show ([V]/[V2] in DOMAIN.md) and the [R] ones it must never show."""

    verified: dict[str, str]
    refused: frozenset[str]

    @classmethod
    def from_yaml(cls, path: Path = DEFAULT_SOURCES) -> SourceCatalogue:
        """Load ``fuentes.yaml`` (or another file with the same two lists)."""
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        verified = {clean_text(str(k)): str(v) for k, v in (data.get("verificadas") or {}).items()}
        refused = frozenset(normalize_key(str(c)) for c in data.get("no_verificadas") or [])
        return cls(verified=verified, refused=refused)

    def check(self, entry: Entry, *, strict: bool = True) -> None:
        """Refuse [R] citations always and, when strict, any citation missing from the catalogue."""
        for citation in entry.sources:
            if normalize_key(citation) in self.refused:
                raise InvalidInput(messages.ERR_UNVERIFIED_SOURCE.format(entry=entry.id, source=citation))
            if strict and citation not in self.verified:
                raise InvalidInput(messages.ERR_UNKNOWN_SOURCE.format(entry=entry.id, source=citation))
