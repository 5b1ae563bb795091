"""Fitting text into a box by measuring it with the real font: wrap, shrink, then ellipsize."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from campañas.emoji import clusters

ELLIPSIS = "…"
HYPHEN = "-"


class Font(Protocol):
    """What fitting needs of a font: a Pillow ``FreeTypeFont`` or a text font with emoji
    (``campañas.emoji.MixedFont``)."""

    @property
    def size(self) -> float: ...

    def getlength(self, text: str) -> float: ...

    def getmetrics(self) -> tuple[int, int]: ...


F = TypeVar("F", bound=Font)


def _split_long_word(word: str, font: Font, max_width: float) -> list[str]:
    """Cut a word wider than the line into hyphenated pieces that fit, only between clusters
    (``campañas.emoji.clusters``: a joined emoji family, a flag or an accent stays whole)."""
    pieces: list[str] = []
    rest = clusters(word)
    while len(rest) > 1 and font.getlength("".join(rest)) > max_width:
        # The longest head that fits with its hyphen (at least one cluster), by bisection: a
        # head's width grows with its length, and measuring every head was quadratic.
        low, high = 1, len(rest) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if font.getlength("".join(rest[:middle]) + HYPHEN) <= max_width:
                low = middle
            else:
                high = middle - 1
        pieces.append("".join(rest[:low]) + HYPHEN)
        rest = rest[low:]
    if rest:
        pieces.append("".join(rest))
    return pieces


def wrap_lines(
    text: str, font: Font, max_width: float, *, max_lines: int | None = None
) -> list[str]:
    """Greedy word wrap by measured width; explicit newlines start a new line, and words wider
    than the line are hyphenated. With ``max_lines``, stops once one line more is known.

    Each word is measured once and a line's width is the sum of its words and spaces; only a
    line within a pixel or two of the edge is measured whole (kerning across a space), so a
    long phrase costs a few hundred measures instead of one per word per line."""
    lines: list[str] = []
    space = font.getlength(" ")
    widths: dict[str, float] = {}

    def width(word: str) -> float:
        if word not in widths:
            widths[word] = font.getlength(word)
        return widths[word]

    for paragraph in text.split("\n"):
        if max_lines is not None and len(lines) > max_lines:
            break
        words = paragraph.split()
        if not words:
            if lines and lines[-1]:
                lines.append("")
            continue
        current, current_width = "", 0.0
        for word in words:
            pieces = [word] if width(word) <= max_width else \
                _split_long_word(word, font, max_width)
            for piece in pieces:
                if not current:
                    current, current_width = piece, width(piece)
                    continue
                estimate = current_width + space + width(piece)
                candidate = f"{current} {piece}"
                if estimate <= max_width - 2 or (
                        estimate <= max_width + 2 and font.getlength(candidate) <= max_width):
                    current, current_width = candidate, estimate
                else:
                    lines.append(current)
                    current, current_width = piece, width(piece)
                    if max_lines is not None and len(lines) > max_lines:
                        return lines
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def ellipsize(line: str, font: Font, max_width: float) -> str:
    """Shorten ``line`` (at a word if possible) so that it plus an ellipsis fits."""
    line = line.rstrip(" " + HYPHEN)
    while line and font.getlength(line + ELLIPSIS) > max_width:
        head, _, _ = line.rpartition(" ")
        line = (head.rstrip(" ,;:") if head and font.getlength(head) > max_width * 0.5
                else "".join(clusters(line)[:-1]))  # never half a joined emoji or a flag
    return line.rstrip(" ,;:.") + ELLIPSIS


@dataclass(frozen=True)
class FittedText(Generic[F]):
    """Lines chosen for a box, the font they use and the spacing between baselines."""

    lines: list[str]
    font: F
    size: int
    line_height: int
    truncated: bool

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def fit_text(
    text: str,
    make_font: Callable[[int], F],
    max_width: float,
    max_height: float,
    *,
    max_size: int,
    min_size: int,
    line_spacing: float = 1.25,
    step: int = 2,
) -> FittedText[F]:
    """The largest size in [min_size, max_size] at which ``text`` fits the box. Sizes where a
    word must be hyphenated are tried only when no size fits whole words; at the minimum, the
    lines that do not fit are dropped and the last one ends with an ellipsis.

    A smaller size never needs more lines, so the sizes are searched by bisection (a handful of
    wraps instead of one per size: a 500-character phrase took seconds)."""
    sizes = list(range(max_size, min_size, -max(1, step))) + [min_size]
    words = set(text.split())

    def attempt(size: int, whole_words: bool) -> FittedText[F] | None:
        font = make_font(size)
        if whole_words and any(font.getlength(w) > max_width for w in words):
            return None
        line_height = max(1, round(size * line_spacing))
        lines = wrap_lines(text, font, max_width, max_lines=int(max_height // line_height))
        if len(lines) * line_height <= max_height:
            return FittedText(lines, font, size, line_height, truncated=False)
        return None

    for whole_words in (True, False):
        best = attempt(sizes[-1], whole_words)
        if best is None:
            continue
        low, high = 0, len(sizes) - 1  # sizes[high] fits; find the first (largest) that does
        while low < high:
            middle = (low + high) // 2
            fitted = attempt(sizes[middle], whole_words)
            if fitted is None:
                low = middle + 1
            else:
                best, high = fitted, middle
        return best
    font = make_font(min_size)
    line_height = max(1, round(min_size * line_spacing))
    keep = max(1, int(max_height // line_height))
    kept = wrap_lines(text, font, max_width, max_lines=keep)[:keep]
    kept[-1] = ellipsize(kept[-1], font, max_width)
    return FittedText(kept, font, min_size, line_height, truncated=True)


def fit_line(
    text: str, make_font: Callable[[int], F], max_width: float, *, max_size: int, min_size: int
) -> tuple[str, F]:
    """One line at the largest size that fits, ellipsized at ``min_size`` if still too wide."""
    size = max_size
    while True:
        font = make_font(size)
        if font.getlength(text) <= max_width:
            return text, font
        if size <= min_size:
            return ellipsize(text, font, max_width), font
        size = max(min_size, size - 2)
