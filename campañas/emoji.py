"""Emoji on the generated graphics, from Debian's colour emoji font (``fonts-noto-color-emoji``,
SIL Open Font License 1.1), when it is installed.

Noto Color Emoji is a bitmap font with one size (109 px): a run of emoji is drawn at that size
with its own colours (``embedded_color``), scaled to the text's size and pasted on the line.
Text is cut into clusters (``clusters``, also what ``textfit`` cuts long words and ellipsizes
on, so a family joined by U+200D or a flag's pair is never split): a character takes the
variation selectors, skin tones, keycap, tag characters and combining marks after it, a
U+200D with the character it joins, and a regional indicator the second one of its flag. Text
is split into runs (``segments``): an emoji cluster starts with a character the emoji font has
and the text font lacks (or any it has followed by U+FE0F or a keycap). Each cluster is drawn
once and kept in a bounded cache (``CACHED_CLUSTERS``, least recently used out). Without the
font the renderer leaves emoji out, as before: nothing is ever drawn as an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import _lru_cache_wrapper, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from PIL import Image, ImageDraw, ImageFont

DEBIAN_NOTO_EMOJI = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
STRIKE = 109  # the one pixel size of the bitmaps
ZWJ = "\u200d"
KEYCAP = "\u20e3"
_MODIFIERS = {"\ufe0e", "\ufe0f", KEYCAP} | {chr(c) for c in range(0x1F3FB, 0x1F400)} \
    | {chr(c) for c in range(0xE0020, 0xE0080)}
# Drawn clusters kept per font: about 70 KB each (136 × 128 RGBA), so at most ~9 MB.
CACHED_CLUSTERS = 128


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _extends(char: str) -> bool:
    return char in _MODIFIERS or unicodedata.combining(char) != 0


def clusters(text: str, joins: Callable[[str], bool] = lambda _char: True) -> list[str]:
    """``text`` cut where a piece can be cut without breaking a character: modifiers and
    combining marks stay with the character before, a U+200D and the character after it (when
    ``joins`` it) with the cluster before, and regional indicators in pairs (a flag)."""
    found: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if _regional(text[i]) and j < n and _regional(text[j]):
            j += 1
        while j < n:
            if _extends(text[j]):
                j += 1
            elif text[j] == ZWJ and j + 1 < n and joins(text[j + 1]):
                j += 2
            else:
                break
        found.append(text[i:j])
        i = j
    return found


@dataclass
class EmojiFont:
    """The colour emoji font: which code points it has, widths and drawn clusters (the last
    ``CACHED_CLUSTERS`` kept: the renderer lives as long as the process)."""

    path: Path
    codepoints: frozenset[int]
    font: ImageFont.FreeTypeFont
    _drawn: _lru_cache_wrapper[Image.Image] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._drawn = lru_cache(maxsize=CACHED_CLUSTERS)(self._draw)

    @classmethod
    def load(cls, path: Path | None = DEBIAN_NOTO_EMOJI) -> EmojiFont | None:
        """The font at ``path``, or None when it is not there or cannot be read."""
        if path is None or not path.is_file():
            return None
        try:
            with TTFont(str(path), lazy=True) as ttf:
                codepoints = frozenset(ttf.getBestCmap())
            font = ImageFont.truetype(str(path), STRIKE)
        except (OSError, ValueError, KeyError, TTLibError):
            return None
        return cls(path, codepoints, font)

    def has(self, char: str) -> bool:
        return ord(char) in self.codepoints

    def width(self, run: str, size: float) -> float:
        """The advance of ``run`` drawn at ``size`` pixels."""
        return self.font.getlength(run) * size / STRIKE

    def image(self, cluster: str) -> Image.Image:
        """One emoji ``cluster`` drawn at the font's own size, in colour, on a transparent
        background (cached; callers draw a run cluster by cluster, see ``clusters``)."""
        return self._drawn(cluster)

    def _draw(self, cluster: str) -> Image.Image:
        ascent, descent = self.font.getmetrics()
        canvas = Image.new("RGBA", (max(1, round(self.font.getlength(cluster))),
                                    ascent + descent), (0, 0, 0, 0))
        ImageDraw.Draw(canvas).text((0, 0), cluster, font=self.font, embedded_color=True)
        return canvas


def segments(text: str, emoji: EmojiFont | None,
             text_has: Callable[[str], bool]) -> list[tuple[str, bool]]:
    """``text`` as runs of (text, is_emoji); without ``emoji`` one text run."""
    if emoji is None or not text:
        return [(text, False)] if text else []
    runs: list[tuple[str, bool]] = []
    for cluster in clusters(text, emoji.has):
        char, following = cluster[0], cluster[1:2]
        is_emoji = emoji.has(char) and char != ZWJ and not _extends(char) and (
            not text_has(char) or following in ("\ufe0f", KEYCAP) or _regional(char))
        if runs and runs[-1][1] == is_emoji:
            runs[-1] = (runs[-1][0] + cluster, is_emoji)
        else:
            runs.append((cluster, is_emoji))
    return runs


class MixedFont:
    """A text font with emoji: measures like one font (``getlength``, ``getmetrics``, ``size``)
    so ``textfit`` wraps and fits mixed text, and ``draw`` puts it on an image."""

    def __init__(self, base: ImageFont.FreeTypeFont, emoji: EmojiFont,
                 text_has: Callable[[str], bool]) -> None:
        self.base, self.emoji, self.text_has = base, emoji, text_has
        self.size = base.size

    def runs(self, text: str) -> list[tuple[str, bool]]:
        if text.isascii():
            return [(text, False)] if text else []
        return segments(text, self.emoji, self.text_has)

    def getlength(self, text: str) -> float:
        return sum(self.emoji.width(run, self.size) if is_emoji else self.base.getlength(run)
                   for run, is_emoji in self.runs(text))

    def getmetrics(self) -> tuple[int, int]:
        return self.base.getmetrics()

    def draw(self, image: Image.Image, xy: tuple[float, float], text: str,
             fill: tuple[int, ...], anchor: str) -> None:
        """Draw ``text`` with ``anchor`` «ls» (left, baseline), «lt» (left, top) or «lm»."""
        runs = self.runs(text)
        if len(runs) <= 1 and not (runs and runs[0][1]):  # plain text: as Pillow draws it
            ImageDraw.Draw(image).text(xy, text, font=self.base, fill=fill, anchor=anchor)
            return
        ascent, descent = self.base.getmetrics()
        x, y = xy
        baseline = {"t": y + ascent, "m": y + (ascent - descent) / 2}.get(anchor[1], y)
        draw = ImageDraw.Draw(image)
        scale = self.size / STRIKE
        strike_ascent = self.emoji.font.getmetrics()[0]
        for run, is_emoji in runs:
            if not is_emoji:
                draw.text((x, baseline), run, font=self.base, fill=fill, anchor="ls")
                x += self.base.getlength(run)
                continue
            for cluster in clusters(run, self.emoji.has):
                drawn = self.emoji.image(cluster)
                size = (max(1, round(drawn.width * scale)), max(1, round(drawn.height * scale)))
                scaled = drawn.resize(size, Image.Resampling.LANCZOS)
                top = round(baseline - strike_ascent * scale)
                image.paste(scaled, (round(x), top), scaled)
                x += self.emoji.width(cluster, self.size)
