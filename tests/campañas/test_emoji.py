"""Tests for campañas.emoji: emoji runs, their widths and the mixed font textfit uses."""

import pytest

from campañas.emoji import DEBIAN_NOTO_EMOJI, EmojiFont, MixedFont, segments
from campañas.fonts import load_fonts
from campañas.textfit import fit_text


@pytest.fixture(scope="module")
def emoji() -> EmojiFont:
    found = EmojiFont.load()
    assert found is not None, f"falta {DEBIAN_NOTO_EMOJI} (fonts-noto-color-emoji)"
    return found


def test_segments(emoji: EmojiFont) -> None:
    def text_has(char: str) -> bool:
        return ord(char) < 0x2000

    assert segments("", emoji, text_has) == []
    assert segments("Hola 123 #", emoji, text_has) == [("Hola 123 #", False)]
    assert segments("Sí 💚🤝 ya", emoji, text_has) == [
        ("Sí ", False), ("💚🤝", True), (" ya", False)]
    assert segments("🇨🇴🇨🇴", emoji, text_has) == [("🇨🇴🇨🇴", True)]
    assert segments("1️⃣2", emoji, text_has) == [("1️⃣", True), ("2", False)]
    assert segments("👍🏽!", emoji, text_has) == [("👍🏽", True), ("!", False)]
    family = "👨\u200d👩\u200d👧"
    assert segments(f"a{family}\u200d", emoji, text_has) == [
        ("a", False), (family, True), ("\u200d", False)]
    assert segments("Hola 💚", None, text_has) == [("Hola 💚", False)]


def test_mixed_font_measures_and_wraps(emoji: EmojiFont) -> None:
    fonts = load_fonts()
    base = fonts.font("bold", 60)
    mixed = MixedFont(base, emoji, lambda c: ord(c) < 0x2000)
    assert mixed.getlength("Hola") == base.getlength("Hola")
    assert mixed.getmetrics() == base.getmetrics() and mixed.size == 60
    heart = mixed.getlength("💚")
    assert 60 <= heart <= 90  # about one em, not the 136 px of the bitmap
    assert mixed.getlength("Hola 💚") == pytest.approx(base.getlength("Hola ") + heart)
    fitted = fit_text("💚 " * 40, lambda px: MixedFont(fonts.font("bold", px), emoji,
                                                     lambda c: ord(c) < 0x2000),
                      600, 300, max_size=60, min_size=20)
    assert not fitted.truncated and len(fitted.lines) > 1
    assert all(fitted.font.getlength(line) <= 600 for line in fitted.lines)
