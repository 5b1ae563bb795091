"""Small text helpers shared by every package."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_text(value: str, *, keep_newlines: bool = False) -> str:
    """NFC-normalise, drop control and format characters and trim the text."""
    value = unicodedata.normalize("NFC", value)
    kept = []
    for char in value:
        if keep_newlines and char == "\n":
            kept.append(char)
        elif unicodedata.category(char) in _CONTROL:
            kept.append(" " if char in "\t\r\n" else "")
        else:
            kept.append(char)
    return "".join(kept).strip()


def normalize_key(value: str) -> str:
    """A comparison key: no accents, case-folded, single spaces ("Secretaría  de Hacienda" ->
    "secretaria de hacienda")."""
    decomposed = unicodedata.normalize("NFKD", clean_text(value))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def number(value: int | float) -> str:
    """A number the Colombian way: ``50.000`` and ``3,5`` (thousands with dots, decimals with a
    comma, one decimal for non-whole numbers)."""
    if isinstance(value, float) and not value.is_integer():
        whole = f"{value:,.1f}"
        return whole.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")

