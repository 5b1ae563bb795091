"""Small text helpers shared by every package."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

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


# Default_Ignorable_Code_Point characters that are not format (Cf) characters: they draw nothing
# yet make a different string (Hangul fillers, variation selectors, the grapheme joiner...).
_IGNORABLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0]
    + list(range(0x180B, 0x1810)) + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0)))


def fold_identifier(value: str) -> str:
    """The one comparison form of a login name or e-mail, used before any key or lookup:
    NFKC, case-folded, without invisible characters (zero-width spaces, joiners, soft hyphens,
    bidi marks, variation selectors, controls) and without surrounding spaces.

    ``"Ana\u200b@Alcaldia.gov.co"`` and ``"ＡＮＡ@alcaldia.gov.co"`` both fold to
    ``"ana@alcaldia.gov.co"``.
    """
    value = unicodedata.normalize("NFKC", value)
    kept = "".join(c for c in value
                   if unicodedata.category(c) not in _CONTROL and ord(c) not in _IGNORABLE)
    # Folding can produce new composable sequences; normalise once more so the form is stable.
    return unicodedata.normalize("NFKC", kept.casefold()).strip()


def normalize_key(value: str) -> str:
    """A comparison key: no accents, case-folded, single spaces ("Secretaría  de Hacienda" ->
    "secretaria de hacienda")."""
    decomposed = unicodedata.normalize("NFKD", clean_text(value))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_words(text: str, *, limit: int = 8) -> list[str]:
    """The words of a search box, folded like ``normalize_key`` (at most ``limit``, from the
    first 200 characters): each must appear in the folded text searched."""
    return [w for w in normalize_key(text[:200]).split(" ") if w][:limit]


def by_initial(words: Iterable[str]) -> dict[str, list[str]]:
    """Known words grouped by their first letter, in the order given (where ``slip_of`` looks:
    a typing slip rarely touches the first letter, and the groups are short)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word)
    return groups


def slip_of(word: str, known: Mapping[str, Sequence[str]], *, edits: int,
            cutoff: float) -> str | None:
    """The known word (``by_initial``) that ``word`` is a slip of the finger from: among those
    with its first letter, the five most alike (``fuzz.ratio`` at least ``cutoff``), the first
    at most ``edits`` edits away (OSA: a letter missing, added or changed, or two swapped).
    None when there is none."""
    if not word:
        return None
    found = process.extract(word, known.get(word[0], ()), scorer=fuzz.ratio,
                            score_cutoff=cutoff, limit=5)
    return next((w for w, _score, _i in found if OSA.distance(word, w) <= edits), None)
