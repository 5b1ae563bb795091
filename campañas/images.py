"""Validation and normalisation of the images Talento Humano uploads for a piece.

Telegram's photo rules apply (at most 10 MB, width + height ≤ 10000, ratio ≤ 20). The format is
judged by content, never by name or MIME type; the header is checked before any pixel is
decoded, so decompression bombs are refused cheaply. Accepted images are re-encoded: metadata
(EXIF, GPS) is dropped, the EXIF rotation applied and WebP turned into PNG or JPEG, which every
mail client shows. CPU-bound: call it through ``asyncio.to_thread`` from async code.
"""

from __future__ import annotations

import io
import os
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from campañas import messages as msg
from nucleo.errors import InvalidInput
from nucleo.formats import decimal, number

MEGABYTE = 1024 * 1024
_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
_MIME = {"png": "image/png", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class ImageRules:
    """Limits for uploaded images (Telegram's photo limits by default)."""

    max_bytes: int = 10 * MEGABYTE
    max_side_sum: int = 10_000
    max_ratio: float = 20.0
    max_pixels: int = 25_000_000  # what width + height ≤ 10000 allows at most (5000 × 5000)
    jpeg_qualities: tuple[int, ...] = (90, 80, 70)


@dataclass(frozen=True)
class CheckedImage:
    """An accepted image, re-encoded: its bytes, format ("png" or "jpeg") and size."""

    data: bytes
    format: str
    width: int
    height: int
    source_format: str

    @property
    def mime_type(self) -> str:
        return _MIME[self.format]

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format


def sniff_format(data: bytes) -> str | None:
    """The format told by the file's first bytes ("png", "jpeg", "webp"), or None."""
    head = bytes(data[:16])
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _invalid(message: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code)


def _check_geometry(width: int, height: int, rules: ImageRules) -> None:
    if width < 1 or height < 1:
        raise _invalid(msg.IMAGE_CORRUPT, "imagen_danada")
    if width + height > rules.max_side_sum:
        raise _invalid(
            msg.IMAGE_TOO_BIG_SIDES.format(width=width, height=height, limit=rules.max_side_sum),
            "imagen_muy_grande",
        )
    if max(width, height) / min(width, height) > rules.max_ratio:
        raise _invalid(
            msg.IMAGE_BAD_RATIO.format(width=width, height=height, limit=f"{rules.max_ratio:g}"),
            "imagen_proporcion",
        )
    if width * height > rules.max_pixels:
        raise _invalid(
            msg.IMAGE_TOO_MANY_PIXELS.format(
                width=width, height=height, pixels=number(width * height),
                limit=number(rules.max_pixels),
            ),
            "imagen_bomba",
        )


def _open(data: bytes, fmt: str) -> Image.Image:
    """Open lazily (header only), insisting on the sniffed format."""
    image = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[fmt]])
    if image.format != _PIL_FORMATS[fmt]:
        raise _invalid(msg.IMAGE_BAD_FORMAT, "imagen_formato")
    return image


def _decode(data: bytes, fmt: str, rules: ImageRules) -> Image.Image:
    """Check the header, verify the file's structure, then decode the first frame."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open(data, fmt)
        _check_geometry(*image.size, rules)
        if fmt == "png":
            image.verify()  # checks chunk CRCs without decoding pixels
            image = _open(data, fmt)
        image.seek(0)
        image.load()
        return ImageOps.exif_transpose(image) or image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or RGBA, whatever mode the file used (palette, CMYK, grey, 16-bit)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, fmt: str, rules: ImageRules) -> tuple[bytes, str]:
    if fmt == "png":
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False, compress_level=6)
        if out.tell() <= rules.max_bytes:
            return out.getvalue(), "png"
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    for quality in rules.jpeg_qualities:
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=False)
        if out.tell() <= rules.max_bytes:
            return out.getvalue(), "jpeg"
    size_mb = out.tell() / MEGABYTE
    raise _invalid(
        msg.IMAGE_TOO_LARGE.format(size_mb=decimal(size_mb, 1),
                                  limit_mb=decimal(rules.max_bytes / MEGABYTE, 0)),
        "imagen_pesada",
    )


def validate_image(data: bytes, rules: ImageRules | None = None) -> CheckedImage:
    """Check an uploaded image and return it re-encoded; InvalidInput with a Spanish message
    for anything that is not a sound PNG, JPEG or WebP within the limits."""
    rules = rules or ImageRules()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise _invalid(msg.IMAGE_NOT_BYTES, "imagen_tipo")
    data = bytes(data)
    if not data:
        raise _invalid(msg.IMAGE_EMPTY, "imagen_vacia")
    if len(data) > rules.max_bytes:
        raise _invalid(
            msg.IMAGE_TOO_LARGE.format(
                size_mb=decimal(len(data) / MEGABYTE, 1),
                limit_mb=decimal(rules.max_bytes / MEGABYTE, 0)
            ),
            "imagen_pesada",
        )
    source = sniff_format(data)
    if source is None:
        raise _invalid(msg.IMAGE_BAD_FORMAT, "imagen_formato")
    try:
        image = _decode(data, source, rules)
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _invalid(msg.IMAGE_BOMB, "imagen_bomba") from None
    except Exception:  # Pillow raises many types for broken files; all mean "corrupt"
        raise _invalid(msg.IMAGE_CORRUPT, "imagen_danada") from None
    image = _flatten(image)
    _check_geometry(*image.size, rules)
    target = "jpeg" if source == "jpeg" or (source == "webp" and image.mode == "RGB") else "png"
    encoded, fmt = _encode(image, target, rules)
    return CheckedImage(encoded, fmt, image.width, image.height, source)


async def read_limited(stream, max_bytes: int = ImageRules.max_bytes, chunk: int = 256 * 1024):
    """Read an upload (anything with ``async read(n)``) refusing, without reading it all,
    one larger than ``max_bytes``."""
    parts: list[bytes] = []
    total = 0
    while True:
        part = await stream.read(chunk)
        if not part:
            return b"".join(parts)
        total += len(part)
        if total > max_bytes:
            raise _invalid(
                msg.IMAGE_TOO_LARGE_STREAM.format(limit_mb=decimal(max_bytes / MEGABYTE, 0)), "imagen_pesada"
            )
        parts.append(part)


THUMBNAIL_SIDE = 480  # shown at 240 CSS px: sharp on screens of two device pixels per px


def thumbnail(data: bytes, side: int = THUMBNAIL_SIDE) -> tuple[bytes, int, int]:
    """A stored (already checked) image shrunk to fit ``side``×``side`` (a smaller one keeps
    its size) as WebP: its bytes,
    width and height. CPU-bound: call it through ``asyncio.to_thread``."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (side, side))  # JPEG: decode at a smaller scale, much faster
        small = _flatten(image)
    small.thumbnail((side, side), Image.Resampling.LANCZOS)  # never enlarged
    out = io.BytesIO()
    small.save(out, format="WEBP", quality=82, method=4)
    return out.getvalue(), small.width, small.height


def image_size(path: Path) -> tuple[int, int]:
    """Width and height of an image file, read from its header (no pixel is decoded)."""
    with Image.open(path) as image:
        return image.width, image.height


def write_whole(target: Path, data: bytes) -> None:
    """Write ``target`` whole or not at all (a temporary file of this writer, then a rename):
    two requests writing the same file at once never leave half of one."""
    os.replace(stage_whole(target, data), target)


def stage_whole(target: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file of this writer beside ``target`` and return it; an
    ``os.replace`` onto ``target`` later puts it in place at once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}.{uuid.uuid4().hex}.tmp")
    temporary.write_bytes(data)
    return temporary
