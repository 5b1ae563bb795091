"""The QR poster: the code carries the link, long and odd names fit, PNG and PDF are A4."""

from __future__ import annotations

import io

import pytest
import segno
from PIL import Image

from campañas.carteles import HEIGHT, WIDTH, _qr, department_poster, poster_pdf, poster_png


def test_the_qr_is_segnos_matrix_drawn_sharp() -> None:
    url = "https://t.me/valor_bot?start=AbC-_9"
    image = _qr(url, 760)
    matrix = [list(row) for row in segno.make(url, error="m", micro=False)
              .matrix_iter(scale=1, border=4)]
    scale = image.width // len(matrix)
    assert image.width == image.height == scale * len(matrix)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = image.getpixel((x * scale + scale // 2, y * scale + scale // 2))
            assert pixel == (0 if dark else 255)


@pytest.mark.slow
def test_png_and_pdf_are_a4_with_any_name() -> None:
    for name in ("Secretaría de Gobierno", "Ñ" * 300, "Dirección de 東京 \u202e ‮ y más " * 10,
                 "<b>x</b>"):
        poster = department_poster(name, "Alcaldía de Prueba", "https://t.me/valor_bot?start=x",
                                   "valor_bot")
        png = Image.open(io.BytesIO(poster_png(poster)))
        assert png.size == (WIDTH, HEIGHT)
        assert poster_pdf(poster).startswith(b"%PDF")
