"""Emoji on the generated graphics, from Debian's colour emoji font (``fonts-noto-color-emoji``,
SIL Open Font License 1.1), when it is installed.

Noto Color Emoji is a bitmap font with one size (109 px): a run of emoji is drawn at that size
with its own colours (``embedded_color``), scaled to the text's size and pasted on the line.
Text is split into runs (``segments``): an emoji cluster starts with a character the emoji font
has and the text font lacks (or any it has followed by U+FE0F or a keycap), and takes the
variation selectors, skin tones, keycap, tag characters, joined (U+200D) emoji and the second
regional indicator of a flag after it. Without the font the renderer leaves emoji out, as
before: nothing is ever drawn as an empty box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from PIL import Image, ImageDraw, ImageFont

DEBIAN_NOTO_EMOJI = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
STRIKE = 109  # the one pixel size of the bitmaps
ZWJ = "\u200d"
KEYCAP = "\u20e3"
_MODIFIERS = {"\ufe0e", "\ufe0f", KEYCAP} | {chr(c) for c in range(0x1F3FB, 0x1F400)} \
    | {chr(c) for c in range(0xE0020, 0xE0080)}


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


@dataclass
class EmojiFont:
    """The colour emoji font: which code points it has, widths and drawn runs (cached)."""

    path: Path
    codepoints: frozenset[int]
    font: ImageFont.FreeTypeFont
    _images: dict[str, Image.Image] = field(default_factory=dict, repr=False)

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

    def image(self, run: str) -> Image.Image:
        """``run`` drawn at the font's own size, in colour, on a transparent background."""
        if run not in self._images:
            ascent, descent = self.font.getmetrics()
            canvas = Image.new("RGBA", (max(1, round(self.font.getlength(run))),
                                        ascent + descent), (0, 0, 0, 0))
            ImageDraw.Draw(canvas).text((0, 0), run, font=self.font, embedded_color=True)
            self._images[run] = canvas
        return self._images[run]


def segments(text: str, emoji: EmojiFont | None,
             text_has: Callable[[str], bool]) -> list[tuple[str, bool]]:
    """``text`` as runs of (text, is_emoji); without ``emoji`` one text run."""
    if emoji is None or not text:
        return [(text, False)] if text else []
    runs: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        following = text[i + 1] if i + 1 < n else ""
        starts = emoji.has(char) and char != ZWJ and char not in _MODIFIERS and (
            not text_has(char) or following in ("\ufe0f", KEYCAP) or _regional(char))
        if not starts:
            if runs and not runs[-1][1]:
                runs[-1] = (runs[-1][0] + char, False)
            else:
                runs.append((char, False))
            i += 1
            continue
        j = i + 1
        if _regional(char) and j < n and _regional(text[j]):
            j += 1
        while j < n:
            if text[j] in _MODIFIERS:
                j += 1
            elif text[j] == ZWJ and j + 1 < n and emoji.has(text[j + 1]):
                j += 2
            else:
                break
        if runs and runs[-1][1]:
            runs[-1] = (runs[-1][0] + text[i:j], True)
        else:
            runs.append((text[i:j], True))
        i = j
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
            drawn = self.emoji.image(run)
            size = (max(1, round(drawn.width * scale)), max(1, round(drawn.height * scale)))
            scaled = drawn.resize(size, Image.Resampling.LANCZOS)
            top = round(baseline - strike_ascent * scale)
            image.paste(scaled, (round(x), top), scaled)
            x += self.emoji.width(run, self.size)
