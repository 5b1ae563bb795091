"""Generated graphics: a 1080×1080 PNG for a piece when Talento Humano gives no image.

The card shows the value's name on its colour, the phrase wrapped to fit, its author and the
entity's name. Output is deterministic: the same input gives the same bytes.
CPU-bound (tens of milliseconds): call it through ``asyncio.to_thread`` from async code.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from campañas import messages as msg
from campañas.emoji import DEBIAN_NOTO_EMOJI, EmojiFont, MixedFont, segments
from campañas.fonts import FontSet, load_fonts
from campañas.textfit import fit_line, fit_text
from campañas.values import Value
from nucleo.errors import InvalidInput
from nucleo.text import clean_text

Font = ImageFont.FreeTypeFont | MixedFont

SIZE = 1080
MARGIN = 96
FOOTER_HEIGHT = 150
WHITE = (255, 255, 255)
_QUOTES = "\"'“”„«»‘’‚‹›"
_DASHES = "-‐‑‒–—―"
MAX_PHRASE_CHARS = 1000  # more never fits 1080 px at the minimum size; cut early to stay fast
_NOTDEF_PROBE = "\U000f0000"  # a private-use code point no text font draws
_INVISIBLE = "\ufe0e\ufe0f\u200d"  # variation selectors and the joiner inside emoji


def _mix(colour: tuple[int, int, int], other: tuple[int, int, int], amount: float):
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``."""
    return tuple(round(c + (o - c) * amount) for c, o in zip(colour, other, strict=True))


@dataclass(frozen=True)
class Card:
    """What goes on a card."""

    value: Value
    phrase: str
    author: str | None
    entity_name: str
    logo: Image.Image | None = None  # the entity's logo or coat of arms, in the footer


class GraphicRenderer:
    """Draws value cards with one set of fonts (load them once, render many)."""

    def __init__(self, fonts: FontSet | None = None, size: int = SIZE,
                 emoji_font: Path | None = DEBIAN_NOTO_EMOJI) -> None:
        self.fonts = fonts or load_fonts()
        self.size = size
        self._drawable: dict[str, bool] = {}
        # Colour emoji when Debian's font is installed; without it emoji are left out.
        self.emoji = EmojiFont.load(emoji_font)

    # --- text preparation ---------------------------------------------------------------
    def _can_draw(self, char: str) -> bool:
        if char in self._drawable:
            return self._drawable[char]
        font = self.fonts.font("bold", 40)
        probe = font.getmask(_NOTDEF_PROBE)
        mask = font.getmask(char)
        missing = mask.size == probe.size and bytes(mask) == bytes(probe)
        self._drawable[char] = not missing
        return not missing

    def drawable(self, text: str, *, keep_newlines: bool = False) -> str:
        """``text`` cleaned (NFC, no control characters) without the characters no font
        draws (emoji when the emoji font is not installed), so no empty boxes are drawn."""
        text = unicodedata.normalize("NFC", text if isinstance(text, str) else "")
        kept = []
        # Emoji runs first, whole: ``clean_text`` would drop the joiners (U+200D) of a family.
        for run, is_emoji in segments(text, self.emoji, self._can_draw):
            if is_emoji:
                kept.append(run)
                continue
            for char in run:
                if char == "\n" and keep_newlines:
                    kept.append(char)
                elif char.isspace():
                    kept.append(" ")
                elif clean_text(char) and char not in _INVISIBLE and self._can_draw(char):
                    kept.append(char)
        lines = [" ".join(line.split()) for line in "".join(kept).split("\n")]
        return "\n".join(lines).strip()

    def _phrase(self, phrase: str) -> str:
        text = self.drawable(phrase[: MAX_PHRASE_CHARS * 2], keep_newlines=True)
        text = text.strip(_QUOTES + " \n")[:MAX_PHRASE_CHARS]
        return unicodedata.normalize("NFC", text)

    # --- drawing ------------------------------------------------------------------------
    def undrawable(self, text: str) -> str:
        """The visible characters of ``text`` the fonts cannot draw (emoji, for example), once
        each and in order; the card leaves them out, the message's text keeps them."""
        text = unicodedata.normalize("NFC", text if isinstance(text, str) else "")
        text = clean_text("".join(run for run, is_emoji in segments(text, self.emoji,
                                                                    self._can_draw)
                                  if not is_emoji), keep_newlines=True)
        missing = [c for c in dict.fromkeys(text) if not c.isspace() and c not in _INVISIBLE
                   and unicodedata.category(c) not in ("Cf", "Mn", "Me")
                   and not self._can_draw(c)]
        return "".join(missing)

    def render(self, card: Card, *, whole: bool = False) -> bytes:
        """The card as PNG bytes (``size``×``size`` pixels, RGB). With ``whole``, a phrase that
        would have to be cut is refused (InvalidInput, ``frase_no_cabe``) instead."""
        if not isinstance(card.phrase, str):
            raise InvalidInput(msg.GRAPHIC_PHRASE_REQUIRED, code="frase_requerida")
        phrase = self._phrase(card.phrase)
        if not phrase:
            raise InvalidInput(msg.GRAPHIC_PHRASE_REQUIRED, code="frase_requerida")
        scale = self.size / SIZE
        colour = card.value.rgb
        image = Image.new("RGB", (self.size, self.size), colour)
        draw = ImageDraw.Draw(image)
        self._decorate(draw, colour, scale)
        header_bottom = self._header(image, card.value, colour, scale)
        footer_top = self.size - round(FOOTER_HEIGHT * scale)
        self._footer(image, draw, card.entity_name, card.logo, colour, footer_top, scale)
        author = self.drawable(card.author or "").lstrip(_DASHES + " ")
        complete = self._body(image, phrase, author, colour, header_bottom, footer_top, scale)
        if whole and (not complete or len(card.phrase) > MAX_PHRASE_CHARS):
            raise InvalidInput(msg.GRAPHIC_PHRASE_DOES_NOT_FIT, code="frase_no_cabe")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False, compress_level=6)
        return out.getvalue()

    def _font(self, style: str, size: float) -> Font:
        base = self.fonts.font(style, max(1, round(size)))
        return base if self.emoji is None else MixedFont(base, self.emoji, self._can_draw)

    @staticmethod
    def _text(image: Image.Image, xy: tuple[float, float], text: str, font: Font,
              fill: tuple[int, ...], anchor: str) -> None:
        if isinstance(font, MixedFont):
            font.draw(image, xy, text, fill, anchor)
        else:
            ImageDraw.Draw(image).text(xy, text, font=font, fill=fill, anchor=anchor)

    def _decorate(self, draw: ImageDraw.ImageDraw, colour, scale: float) -> None:
        """Two soft circles in a lighter shade, for depth without hurting contrast."""
        s = self.size
        draw.ellipse(
            (s * 0.58, -s * 0.30, s * 1.32, s * 0.44), fill=_mix(colour, WHITE, 0.07)
        )
        draw.ellipse(
            (s * 0.70, -s * 0.18, s * 1.20, s * 0.32), fill=_mix(colour, WHITE, 0.12)
        )

    def _header(self, image: Image.Image, value: Value, colour, scale: float) -> int:
        left = round(MARGIN * scale)
        width = self.size - 2 * left
        y = round(MARGIN * scale)
        kicker = self._font("bold", 30 * scale)
        self._text(image, (left, y), msg.GRAPHIC_KICKER, kicker, _mix(WHITE, colour, 0.12), "lt")
        y += round(64 * scale)
        name = self.drawable(value.name).upper() or value.key.upper()
        fitted = fit_text(name, lambda px: self._font("black", px), width, round(210 * scale),
                          max_size=round(124 * scale), min_size=round(56 * scale),
                          line_spacing=1.05)
        ascent, descent = fitted.font.getmetrics()
        for line in fitted.lines:
            self._text(image, (left, y + ascent), line, fitted.font, WHITE, "ls")
            y += fitted.line_height
        y += ascent + descent - fitted.line_height + round(20 * scale)
        ImageDraw.Draw(image).rectangle((left, y, left + round(128 * scale),
                                         y + round(10 * scale)), fill=WHITE)
        return y + round(10 * scale)

    def _body(self, image: Image.Image, phrase: str, author: str, colour, top: int, bottom: int,
              scale: float) -> bool:
        """Draw the phrase and its author between ``top`` and ``bottom``; False when the
        phrase had to be cut. A phrase too long for the large layout (big opening quote, 34 px
        at least) is set without the quote and down to 22 px, and then, if its line breaks
        still take too much room, as one paragraph: so 500 characters always fit."""
        left = round(MARGIN * scale)
        width = self.size - 2 * left
        author_font = self._font("italic", 40 * scale)
        author_text = msg.GRAPHIC_AUTHOR.format(author=author) if author else ""
        if author_text:
            author_text, author_font = fit_line(
                author_text, lambda px: self._font("italic", px), width,
                max_size=round(40 * scale), min_size=round(26 * scale),
            )
        author_block = round(92 * scale) if author_text else 0
        area_top = top + round(56 * scale)
        area_bottom = bottom - round(56 * scale)
        flowing = " ".join(phrase.split())  # the line breaks, when nothing else makes room
        for text, quote_height, min_size, spacing in (
                (phrase, round(84 * scale), 34, 1.28), (phrase, 0, 22, 1.22),
                (flowing, 0, 22, 1.22)):
            box_height = area_bottom - area_top - quote_height - author_block
            fitted = fit_text(
                text, lambda px: self._font("bold", px), width, box_height,
                max_size=round(76 * scale), min_size=max(1, round(min_size * scale)),
                line_spacing=spacing,
            )
            if not fitted.truncated:
                break
        block = quote_height + fitted.height + author_block
        y = area_top + max(0, (area_bottom - area_top - block) // 2)
        if quote_height:
            quote_font = self._font("black", 190 * scale)
            self._text(image, (left - round(8 * scale), y - round(18 * scale)), "“", quote_font,
                       _mix(colour, WHITE, 0.35), "lt")
            y += quote_height
        ascent = fitted.font.getmetrics()[0]
        for line in fitted.lines:
            self._text(image, (left, y + ascent), line, fitted.font, WHITE, "ls")
            y += fitted.line_height
        if author_text:
            y += round(40 * scale)
            self._text(image, (left, y + author_font.getmetrics()[0]), author_text, author_font,
                       _mix(WHITE, colour, 0.08), "ls")
        return not fitted.truncated

    def _footer(self, image: Image.Image, draw: ImageDraw.ImageDraw, entity_name: str,
                logo: Image.Image | None, colour, top: int, scale: float) -> None:
        left = round(MARGIN * scale)
        width = self.size - 2 * left
        draw.rectangle((0, top, self.size, self.size), fill=_mix(colour, (0, 0, 0), 0.28))
        if logo is not None:
            room = round((FOOTER_HEIGHT - 40) * scale)  # 20 px above and below
            mark = logo.copy()
            mark.thumbnail((room * 2, room), Image.Resampling.LANCZOS)
            x = self.size - left - mark.width
            image.paste(mark, (x, top + (round(FOOTER_HEIGHT * scale) - mark.height) // 2), mark)
            width -= mark.width + round(32 * scale)
        entity = self.drawable(entity_name)
        y = top + round(38 * scale) if entity else top + round(FOOTER_HEIGHT * scale) // 2
        if entity:
            text, font = fit_line(entity, lambda px: self._font("bold", px), width,
                                  max_size=round(36 * scale), min_size=round(24 * scale))
            self._text(image, (left, y), text, font, WHITE, "lt")
            y += round(50 * scale)
        footer, font = fit_line(msg.GRAPHIC_FOOTER, lambda px: self._font("regular", px), width,
                                max_size=round(26 * scale), min_size=round(18 * scale))
        self._text(image, (left, y), footer, font, _mix(WHITE, colour, 0.15),
                   "lt" if entity else "lm")


def render_card(
    value: Value,
    phrase: str,
    author: str | None,
    entity_name: str,
    *,
    renderer: GraphicRenderer | None = None,
    whole: bool = False,
    logo: Image.Image | None = None,
) -> bytes:
    """Render one card as PNG bytes (builds a renderer when none is given); with ``whole``,
    refuse a phrase that would have to be cut; ``logo`` goes in the footer."""
    renderer = renderer or GraphicRenderer()
    return renderer.render(Card(value, phrase, author, entity_name, logo), whole=whole)
