"""The fonts of the generated graphics, read from an installed package (no downloads).

The project depends on ``font-lato`` (Lato by Łukasz Dziedzic, SIL Open Font License 1.1, which
allows redistribution; the licence text ships inside the package as ``files/OFL.txt``). When it
is missing, Debian's DejaVu fonts are used if present; otherwise a clear error is raised.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from PIL import ImageFont

from campañas import messages as msg

FONT_PACKAGE = "font_lato"
FONT_DISTRIBUTION = "font-lato"
DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

_LATO = {
    "black": "Lato-Black.ttf",
    "bold": "Lato-Bold.ttf",
    "regular": "Lato-Regular.ttf",
    "italic": "Lato-Italic.ttf",
}
_DEJAVU = {
    "black": "DejaVuSans-Bold.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "regular": "DejaVuSans.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
}
STYLES = tuple(_LATO)


class FontsUnavailable(RuntimeError):
    """No usable font files were found; the message says what to install."""


@dataclass
class FontSet:
    """Font files by style (black, bold, regular, italic), with sized fonts made on demand."""

    files: dict[str, bytes]
    source: str
    _cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = field(default_factory=dict, repr=False)

    def font(self, style: str, size: int) -> ImageFont.FreeTypeFont:
        """The font of ``style`` at ``size`` pixels (basic layout, so output is the same on
        every machine, with or without libraqm)."""
        key = (style, int(size))
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(
                io.BytesIO(self.files[style]), key[1], layout_engine=ImageFont.Layout.BASIC
            )
        return self._cache[key]


def _from_package(package: str) -> FontSet | None:
    try:
        folder = resources.files(package) / "files"
    except ModuleNotFoundError:
        return None
    try:
        files = {style: (folder / name).read_bytes() for style, name in _LATO.items()}
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        label = f"{FONT_DISTRIBUTION} {version(FONT_DISTRIBUTION)}"
    except PackageNotFoundError:
        label = package
    return FontSet(files=files, source=label)


def _from_folder(folder: Path) -> FontSet | None:
    files = {}
    for style, name in _DEJAVU.items():
        path = folder / name
        if not path.is_file():
            path = folder / _DEJAVU["regular"]
            if not path.is_file():
                return None
        files[style] = path.read_bytes()
    return FontSet(files=files, source=str(folder))


def load_fonts(package: str = FONT_PACKAGE, fallback_dir: Path | None = DEBIAN_DEJAVU) -> FontSet:
    """Find the fonts: the ``font-lato`` package first, Debian's DejaVu second, else fail."""
    found = _from_package(package)
    if found is None and fallback_dir is not None:
        found = _from_folder(fallback_dir)
    if found is None:
        raise FontsUnavailable(msg.GRAPHIC_FONTS_MISSING)
    return found
