"""The grounds (causales) of impediment and recusal of CPACA art. 11, numerals 1 to 16
(DOMAIN.md §2.3), and the one suggested from what the person wrote.

A ground is stored as its numeral (``Declaration.ground``); none means the person was not sure
(a conflict of interest may rest on the general duty of art. 11's opening and Ley 1952 art. 44
rather than on a numeral). The suggestion is a plain reading of the facts (``ground_reading``);
the person always confirms it or picks another, so a wrong guess costs one tap."""

from __future__ import annotations

from bot.declaraciones import ground_reading, messages
from bot.declaraciones.models import DeclarationKind
from nucleo.errors import InvalidInput

NUMERALS = tuple(range(1, 17))
NONE = 0  # in a filter or a button: declarations filed without a ground («Sin precisar»)
# the kinds that rest on a ground: all but the preventive declaration (made before any matter)
KINDS = (DeclarationKind.IMPEDIMENTO.value, DeclarationKind.CONFLICTO.value,
         DeclarationKind.RECUSACION.value)
DEFAULT = 1  # a particular and direct interest: the ground every other one specialises

def suggest(facts: str) -> int:
    """The numeral the facts point to (``DEFAULT`` when no clue appears outside a denied clause;
    the reading is ``ground_reading``'s)."""
    return ground_reading.suggest(facts, DEFAULT)


def applies(kind: str) -> bool:
    """Whether a declaration of this kind has a ground of art. 11 to give (``KINDS``)."""
    return kind in KINDS


def check(value: int | None) -> int | None:
    """A ground as stored: a numeral 1 to 16, or none."""
    if value is None:
        return None
    if value not in NUMERALS:
        raise InvalidInput(messages.BAD_GROUND, details={"field": "ground"})
    return value


def name(value: int | None) -> str:
    """«Num. 5 — Pleito pendiente con un interesado», or «Sin precisar»."""
    if value is None:
        return messages.GROUND_NONE
    return messages.GROUND_LABEL.format(n=value, name=messages.GROUND_NAMES[value])


def choices(none: str) -> list[tuple[str, str]]:
    """A select's (value, label) options: «Sin precisar» first, with the value ``none`` (what the
    form sends for it), then every numeral by ``name``."""
    return [(none, name(None))] + [(str(n), name(n)) for n in NUMERALS]
