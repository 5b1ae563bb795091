"""Tests for campañas.fonts: fonts come from the installed package, with clear failures."""

from pathlib import Path

import pytest

from campañas import messages as msg
from campañas.fonts import DEBIAN_DEJAVU, STYLES, FontsUnavailable, load_fonts


def test_fonts_come_from_the_font_lato_package():
    fonts = load_fonts()
    assert fonts.source.startswith("font-lato")
    assert set(fonts.files) == set(STYLES)
    for data in fonts.files.values():
        assert data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")


def test_font_objects_are_cached_per_style_and_size():
    fonts = load_fonts()
    assert fonts.font("bold", 40) is fonts.font("bold", 40)
    assert fonts.font("bold", 40) is not fonts.font("bold", 41)
    assert fonts.font("italic", 40.4).size == 40


def test_licence_ships_with_the_font_package():
    from importlib import resources

    licence = (resources.files("font_lato") / "files" / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence.upper()


@pytest.mark.skipif(not DEBIAN_DEJAVU.is_dir(), reason="Debian DejaVu fonts not installed")
def test_falls_back_to_debian_dejavu():
    fonts = load_fonts(package="no_such_font_package")
    assert fonts.source == str(DEBIAN_DEJAVU)
    assert fonts.font("black", 30).getlength("Ñandú") > 0


def test_clear_error_when_no_fonts(tmp_path: Path):
    with pytest.raises(FontsUnavailable) as info:
        load_fonts(package="no_such_font_package", fallback_dir=tmp_path)
    assert str(info.value) == msg.GRAPHIC_FONTS_MISSING
    with pytest.raises(FontsUnavailable):
        load_fonts(package="no_such_font_package", fallback_dir=None)


def test_package_without_font_files_is_skipped(tmp_path: Path):
    with pytest.raises(FontsUnavailable):
        load_fonts(package="json", fallback_dir=tmp_path)  # a package, but no files/ folder
