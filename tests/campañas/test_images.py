"""Tests for campañas.images: uploaded images are checked by content and re-encoded."""

import io
import struct
import zlib

import pytest
from PIL import Image, features

from campañas import messages as msg
from campañas.images import (
    MEGABYTE,
    CheckedImage,
    ImageRules,
    read_limited,
    sniff_format,
    validate_image,
)
from nucleo.errors import InvalidInput

needs_webp = pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")


def _encode(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _photo(size=(640, 480), mode="RGB") -> Image.Image:
    image = Image.new(mode, size)
    for x in range(0, size[0], 16):
        for y in range(0, size[1], 16):
            image.paste((x % 256, y % 256, (x + y) % 256)[: len(mode)] if mode != "L"
                        else (x + y) % 256, (x, y, x + 16, y + 16))
    return image


def _png_with_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` (a decompression bomb shape)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _code(data, **kwargs) -> str:
    with pytest.raises(InvalidInput) as info:
        validate_image(data, **kwargs)
    assert info.value.message  # always a Spanish sentence
    return info.value.code


# --- accepted -------------------------------------------------------------------------------

def test_png_is_accepted_and_reencoded():
    checked = validate_image(_encode(_photo(), "PNG"))
    assert isinstance(checked, CheckedImage)
    assert (checked.format, checked.width, checked.height) == ("png", 640, 480)
    assert checked.mime_type == "image/png" and checked.extension == "png"
    assert Image.open(io.BytesIO(checked.data)).format == "PNG"


def test_jpeg_is_accepted():
    checked = validate_image(_encode(_photo(), "JPEG", quality=95))
    assert (checked.format, checked.source_format) == ("jpeg", "jpeg")
    assert checked.mime_type == "image/jpeg" and checked.extension == "jpg"


@needs_webp
def test_webp_becomes_jpeg_or_png():
    opaque = validate_image(_encode(_photo(), "WEBP"))
    assert (opaque.source_format, opaque.format) == ("webp", "jpeg")
    translucent = Image.new("RGBA", (64, 64), (200, 30, 30, 128))
    clear = validate_image(_encode(translucent, "WEBP", lossless=True))
    assert clear.format == "png" and Image.open(io.BytesIO(clear.data)).mode == "RGBA"


def test_bytearray_and_memoryview_are_accepted():
    data = _encode(_photo((50, 50)), "PNG")
    assert validate_image(bytearray(data)).width == 50
    assert validate_image(memoryview(data)).width == 50


def test_output_is_deterministic():
    data = _encode(_photo(), "JPEG")
    assert validate_image(data).data == validate_image(data).data


def test_exif_is_dropped_and_rotation_applied():
    image = _photo((200, 100))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise
    exif[0x010F] = "Cámara de prueba"
    checked = validate_image(_encode(image, "JPEG", exif=exif.tobytes()))
    assert (checked.width, checked.height) == (100, 200)
    assert not Image.open(io.BytesIO(checked.data)).getexif()


@pytest.mark.parametrize("mode", ["P", "L", "LA", "CMYK", "I;16", "1"])
def test_odd_modes_are_flattened(mode):
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    checked = validate_image(_encode(Image.new(mode, (30, 20)), fmt))
    assert Image.open(io.BytesIO(checked.data)).mode in ("RGB", "RGBA")


def test_palette_with_transparency_keeps_alpha():
    image = Image.new("P", (10, 10))
    data = _encode(image, "PNG", transparency=0)
    assert Image.open(io.BytesIO(validate_image(data).data)).mode == "RGBA"


def test_limits_at_the_edge_are_accepted():
    assert validate_image(_encode(Image.new("L", (2000, 100)), "PNG")).width == 2000  # ratio 20
    big = validate_image(_encode(Image.new("RGB", (5000, 5000)), "PNG"))  # sum exactly 10000
    assert (big.width, big.height) == (5000, 5000)


def test_png_too_heavy_after_reencoding_falls_back_to_jpeg():
    data = _encode(_photo((300, 300)), "PNG")
    rules = ImageRules(max_bytes=len(data))
    checked = validate_image(data, rules=ImageRules(max_bytes=60_000))
    assert checked.format in ("png", "jpeg") and len(checked.data) <= 60_000
    assert validate_image(data, rules=rules).format == "png"


# --- refused --------------------------------------------------------------------------------

def test_over_ten_megabytes_is_refused_before_decoding():
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * (50 * MEGABYTE)
    assert _code(data) == "imagen_pesada"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"PK\x03\x04 not an image",
        b"%PDF-1.7",
        "\u00e1rbol".encode(),
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
    ],
)
def test_other_content_is_refused_whatever_its_name(data):
    assert _code(data) == "imagen_formato"


def test_gif_and_bmp_made_by_pillow_are_refused():
    assert _code(_encode(_photo((10, 10)), "GIF")) == "imagen_formato"
    assert _code(_encode(_photo((10, 10)), "BMP")) == "imagen_formato"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 10,
        b"\xff\xd8\xff\xe0" + b"\x00" * 100,
        b"RIFF\x10\x00\x00\x00WEBPVP8 garbage",
        b"\x89PNG\r\n\x1a\n",
    ],
)
def test_fake_or_broken_files_are_refused(data):
    assert _code(data) == "imagen_danada"


def test_truncated_jpeg_and_png_are_refused():
    jpeg = _encode(_photo(), "JPEG")
    png = _encode(_photo(), "PNG")
    assert _code(jpeg[: len(jpeg) // 2]) == "imagen_danada"
    assert _code(png[: len(png) // 2]) == "imagen_danada"


def test_png_with_a_bad_checksum_is_refused():
    png = bytearray(_encode(_photo((20, 20)), "PNG"))
    png[-20] ^= 0xFF  # inside the IDAT chunk
    assert _code(bytes(png)) == "imagen_danada"


@pytest.mark.parametrize(
    "size, code",
    [((100_000, 100_000), "imagen_bomba"), ((60_000, 60_000), "imagen_bomba"),
     ((9_000, 2_000), "imagen_muy_grande"), ((4_100, 200), "imagen_proporcion")],
)
def test_header_claims_are_checked_before_decoding(size, code):
    # The claimed sizes would need gigabytes if decoded; the check must come first.
    assert _code(_png_with_header(*size)) == code


def test_bomb_under_our_pixel_limit_is_refused():
    rules = ImageRules(max_pixels=1_000_000)
    assert _code(_png_with_header(2000, 2000), rules=rules) == "imagen_bomba"


def test_ratio_over_twenty_is_refused():
    assert _code(_encode(Image.new("L", (2100, 100)), "PNG")) == "imagen_proporcion"


@pytest.mark.parametrize("data", [None, "texto", 123, ["x"]])
def test_wrong_types_are_refused(data):
    assert _code(data) == "imagen_tipo"


def test_empty_is_refused():
    assert _code(b"") == "imagen_vacia"


def test_messages_are_spanish():
    with pytest.raises(InvalidInput) as info:
        validate_image(_png_with_header(9_000, 2_000))
    assert "9000×2000" in info.value.message and "10000" in info.value.message
    assert msg.IMAGE_BAD_FORMAT.startswith("El archivo no es")


def test_sniff_format():
    assert sniff_format(b"\x89PNG\r\n\x1a\nxxxx") == "png"
    assert sniff_format(b"\xff\xd8\xff\xdb") == "jpeg"
    assert sniff_format(b"RIFF1234WEBPVP8L") == "webp"
    assert sniff_format(b"") is None


# --- reading uploads ------------------------------------------------------------------------

class _Stream:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)
        self.reads = 0

    async def read(self, size: int = -1) -> bytes:
        self.reads += 1
        return self.buffer.read(size)


async def test_read_limited_returns_small_uploads():
    assert await read_limited(_Stream(b"abc" * 1000), max_bytes=10_000) == b"abc" * 1000


async def test_read_limited_stops_early_on_large_uploads():
    stream = _Stream(b"\x00" * (50 * MEGABYTE))
    with pytest.raises(InvalidInput) as info:
        await read_limited(stream)
    assert info.value.code == "imagen_pesada"
    assert stream.buffer.tell() <= 10 * MEGABYTE + 256 * 1024
