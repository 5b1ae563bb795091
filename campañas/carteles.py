"""QR posters (A4, PNG and PDF): a dependencia's, for the sensitization sessions, and a
person's printed invitation, for HR to hand over where no e-mail can carry it.

The QR (segno, error correction «M», drawn module by module with Pillow so it stays sharp)
leads to ``https://t.me/<bot>?start=<signed parameter>`` and, on a personal invitation, also to
the web chat (two codes side by side, each with its caption). Texts come from the catalogue;
fonts are the value graphics' (``campañas.fonts``); the name under the codes (a dependencia, a
person) is fitted to its box whatever its length or script.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from typing import Literal

import segno
from PIL import Image, ImageDraw

from campañas import messages as msg
from campañas.fonts import FontSet, load_fonts
from campañas.textfit import fit_line, fit_text
from nucleo.ports import PosterDoor, PosterText
from nucleo.text import clean_text

DPI = 150
WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi
MARGIN = 100
INK = (33, 37, 41)
ACCENT = (0, 84, 147)
MUTED = (90, 98, 106)
WHITE = (255, 255, 255)
QR_SIZE = 760


Door = PosterDoor  # one QR code: where it leads and, when a poster has two, its caption


@dataclass(frozen=True)
class Poster:
    """What goes on a poster, top to bottom."""

    entity_name: str
    call: str
    doors: tuple[Door, ...]  # one or two codes
    label: str  # what the name under the codes is
    name: str
    footer: str
    title: str = msg.POSTER_TITLE


def department_poster(department: str, entity_name: str, url: str,
                      bot_username: str) -> Poster:
    """The poster of a dependencia: its QR opens the bot with the dependencia preselected."""
    return Poster(entity_name, msg.POSTER_CALL, (Door(url),), msg.POSTER_DEPARTMENT_LABEL,
                  department, msg.POSTER_FOOTER.format(bot="@" + bot_username.lstrip("@")))


def _qr(url: str, size: int) -> Image.Image:
    """The QR code as a crisp black-on-white square of about ``size`` pixels (quiet zone
    included)."""
    code = segno.make(url, error="m", micro=False)
    matrix = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    count = len(matrix)
    scale = max(1, size // count)
    image = Image.new("L", (count * scale, count * scale), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle((x * scale, y * scale, (x + 1) * scale - 1,
                                (y + 1) * scale - 1), fill=0)
    return image


def _draw_doors(image: Image.Image, draw: ImageDraw.ImageDraw, doors: tuple[Door, ...], y: int,
                fonts: FontSet) -> int:
    """Paste the codes in a row (captions under them when there are two); returns the y below."""
    gap = 60
    size = QR_SIZE if len(doors) == 1 else (WIDTH - 2 * MARGIN - gap) // len(doors)
    codes = [_qr(door.url, size) for door in doors]
    row = sum(code.width for code in codes) + gap * (len(codes) - 1)
    x = (WIDTH - row) // 2
    for door, code in zip(doors, codes, strict=True):
        image.paste(code.convert("RGB"), (x, y))
        if door.caption:
            caption, font = fit_line(door.caption, lambda s: fonts.font("bold", s), code.width,
                                     max_size=36, min_size=20)
            draw.text((x + code.width / 2, y + code.height + 10), caption, font=font, fill=INK,
                      anchor="mt")
        x += code.width + gap
    captions = 60 if any(door.caption for door in doors) else 0
    return y + max(code.height for code in codes) + captions + 30


def render_poster(poster: Poster, fonts: FontSet | None = None) -> Image.Image:
    """Draw the poster as an RGB image (A4 at 150 dpi)."""
    fonts = fonts or load_fonts()
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 24), fill=ACCENT)
    y = 90
    entity, font = fit_line(clean_text(poster.entity_name)[:200],
                            lambda s: fonts.font("bold", s), width, max_size=40, min_size=24)
    draw.text((WIDTH / 2, y), entity, font=font, fill=MUTED, anchor="mt")
    y += 70
    title, font = fit_line(poster.title, lambda s: fonts.font("black", s), width,
                           max_size=96, min_size=48)
    draw.text((WIDTH / 2, y), title, font=font, fill=ACCENT, anchor="mt")
    y += 130
    call = fit_text(poster.call, lambda s: fonts.font("bold", s), width, 120,
                    max_size=48, min_size=28)
    for line in call.lines:
        draw.text((WIDTH / 2, y), line, font=call.font, fill=INK, anchor="mt")
        y += call.line_height
    y += 30
    y = _draw_doors(image, draw, poster.doors, y, fonts)
    label, font = fit_line(poster.label, lambda s: fonts.font("regular", s),
                           width, max_size=32, min_size=20)
    draw.text((WIDTH / 2, y), label, font=font, fill=MUTED, anchor="mt")
    y += 50
    name = fit_text(clean_text(poster.name)[:300], lambda s: fonts.font("bold", s), width,
                    130, max_size=56, min_size=26)
    for line in name.lines:
        draw.text((WIDTH / 2, y), line, font=name.font, fill=INK, anchor="mt")
        y += name.line_height
    notes = fit_text(poster.footer, lambda s: fonts.font("regular", s), width, HEIGHT - 40 - y - 20,
                     max_size=28, min_size=16)
    y = HEIGHT - 50 - notes.height
    for line in notes.lines:
        draw.text((WIDTH / 2, y), line, font=notes.font, fill=MUTED, anchor="mt")
        y += notes.line_height
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    return image


def poster_png(poster: Poster, fonts: FontSet | None = None) -> bytes:
    out = io.BytesIO()
    render_poster(poster, fonts).save(out, "PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def poster_pdf(poster: Poster, fonts: FontSet | None = None) -> bytes:
    """One A4 page (Pillow's PDF writer: the poster as an image at 150 dpi)."""
    out = io.BytesIO()
    render_poster(poster, fonts).save(out, "PDF", resolution=DPI,
                                      title=poster.title, author=poster.entity_name[:200])
    return out.getvalue()


@dataclass(frozen=True)
class PosterRenderer:
    """``nucleo.ports.Posters``: another package's poster, drawn like these (the sessions'
    attendance QR)."""

    entity_name: str

    async def draw(self, text: PosterText, fmt: Literal["png", "pdf"]) -> bytes:
        poster = Poster(self.entity_name, text.call,
                        text.doors, text.label,
                        text.name, text.footer, title=text.title)
        return await asyncio.to_thread(poster_png if fmt == "png" else poster_pdf, poster)
