"""Comparison keys of a directory row: accent-blind search and Spanish alphabetical order.

PyICU, the library that knows every locale's collation, ships no wheel for this platform (it
would need a C++ build of ICU on every machine), so the order is a small documented key:

* ``search_key``: the name without accents or case (``normalize_key``: «Muñoz» and «Munoz» both
  become ``munoz``), followed by the cédula and the e-mail. A search is folded the same way, so
  «munoz» finds «Muñoz» and «muñoz» finds «Munoz».
* ``sort_key``: the order of the Real Academia since 1994 (the one ICU's ``es`` collation
  uses): accents do not change the order (Álvaro sorts with the A's), ñ is a letter of its own
  between n and o, upper and lower case are the same letter. Each symbol becomes two digits
  (space 00, digits 01-10, a-n 11-24, ñ 25, o-z 26-37, any other letter 90, other characters
  are ignored), so the key sorts the same under SQLite's binary comparison and under any
  PostgreSQL collation (a key of digits only compares alike in all of them). Ties are broken by
  the name itself and then the id.
"""

from __future__ import annotations

import re
import string
import unicodedata

from nucleo.text import clean_text, normalize_key, search_words

SORT_KEY_LENGTH = 400
SEARCH_KEY_LENGTH = 600
_TILDE = "\u0303"
_SPACES = re.compile(r"\s+")
_DOCUMENT_NOISE = re.compile(r"[.\s\-,]")
_CODES: dict[str, str] = {" ": "00"}
_CODES.update({d: f"{1 + i:02d}" for i, d in enumerate(string.digits)})
for _i, _letter in enumerate("abcdefghijklmnñopqrstuvwxyz"):
    _CODES[_letter] = f"{11 + _i:02d}"
OTHER_LETTER = "90"


def _spanish_letters(value: str) -> str:
    """Lower-case letters without accents, keeping ñ (n + combining tilde) as its own letter."""
    decomposed = unicodedata.normalize("NFD", clean_text(value).casefold())
    out: list[str] = []
    for char in decomposed:
        if char == _TILDE and out and out[-1] == "n":
            out[-1] = "ñ"
        elif not unicodedata.combining(char):
            out.append(char)
    return _SPACES.sub(" ", "".join(out)).strip()


def sort_key(name: str | None) -> str | None:
    """The Spanish order of a name as a string of digit pairs (see the module docstring)."""
    if not name:
        return None
    codes = []
    for char in _spanish_letters(name):
        code = _CODES.get(char)
        if code is None:
            code = OTHER_LETTER if char.isalpha() else None
        if code is not None:
            codes.append(code)
    return "".join(codes)[:SORT_KEY_LENGTH] or None


def document_key(value: str | None) -> str:
    """A cédula as stored: without dots, spaces, dashes or commas (``1.020.304`` -> ``1020304``)."""
    return _DOCUMENT_NOISE.sub("", value or "").upper()


def search_key(full_name: str | None, document_id: str | None, email: str | None, *,
               folded_name: str | None = None) -> str | None:
    """What a directory search looks into: folded name, cédula and e-mail (``folded_name``:
    ``normalize_key(full_name)`` already computed, e.g. off the event loop by the importer)."""
    name = folded_name if folded_name is not None else normalize_key(full_name or "")
    parts = [name, (document_id or "").lower(), (email or "").lower()]
    joined = " ".join(p for p in parts if p)
    return joined[:SEARCH_KEY_LENGTH] or None


def name_keys(full_name: str) -> tuple[str, str | None]:
    """The expensive part of both keys for one name: (folded name, sort key)."""
    return normalize_key(full_name), sort_key(full_name)


def query_terms(text: str) -> list[str]:
    """The words of a search, folded like ``search_key``; a cédula typed with dots or spaces
    (``1.020.304``, ``80 123 456``) becomes one term without them."""
    compact = document_key(normalize_key(text)[:200]).lower()
    if compact.isdigit() and len(compact) >= 3:
        return [compact]
    return search_words(text)
