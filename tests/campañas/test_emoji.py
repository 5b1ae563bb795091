"""Tests for campañas.emoji: emoji runs, their widths and the mixed font textfit uses."""

import pytest
from PIL import Image

from campañas.emoji import (
    CACHED_CLUSTERS,
    DEBIAN_NOTO_EMOJI,
    EmojiFont,
    MixedFont,
    clusters,
    segments,
)
from campañas.fonts import load_fonts
from campañas.textfit import ellipsize, fit_text, wrap_lines


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


FAMILY = "👨\u200d👩\u200d👧"
FLAG = "🇨🇴"


def test_clusters_keep_families_flags_tones_and_accents() -> None:
    keycap, tone, accent = "1\ufe0f\u20e3", "👍🏽", "n\u0303"
    assert clusters(f"a{FAMILY}{FLAG}{FLAG}🇨{keycap}{tone}{accent}") == [
        "a", FAMILY, FLAG, FLAG, "🇨", keycap, tone, accent]
    assert clusters("") == [] and clusters("\u200d") == ["\u200d"]
    assert clusters(f"{FAMILY}\u200d") == [FAMILY, "\u200d"]  # a trailing joiner joins nothing
    assert clusters("💚\u200dx", lambda c: c != "x") == ["💚", "\u200d", "x"]
    assert "".join(clusters("<b>Hola</b> 💚" * 50)) == "<b>Hola</b> 💚" * 50


def test_drawn_clusters_are_cached_per_cluster_and_bounded() -> None:
    """The renderer lives as long as the process: a run is drawn cluster by cluster and only
    the last CACHED_CLUSTERS clusters are kept (a whole run per entry grew without end)."""
    emoji = EmojiFont.load()
    assert emoji is not None
    fonts = load_fonts()
    mixed = MixedFont(fonts.font("bold", 40), emoji, lambda c: ord(c) < 0x2000)
    image = Image.new("RGBA", (4000, 100))
    mixed.draw(image, (0, 50), f"Sí 💚🤝💚 {FAMILY}", (0, 0, 0, 255), "ls")
    info = emoji._drawn.cache_info()
    assert (info.currsize, info.hits) == (3, 1)  # 💚, 🤝, the family; 💚 drawn once
    many = "".join(chr(c) for c in sorted(emoji.codepoints) if c >= 0x1F600)[:300]
    assert len(clusters(many)) > CACHED_CLUSTERS
    mixed.draw(image, (0, 50), many, (0, 0, 0, 255), "ls")
    assert emoji._drawn.cache_info().currsize == CACHED_CLUSTERS
    assert image.getbbox() is not None


def test_long_words_and_ellipsis_never_split_a_cluster(emoji: EmojiFont) -> None:
    fonts = load_fonts()
    mixed = MixedFont(fonts.font("bold", 40), emoji, lambda c: ord(c) < 0x2000)
    word = (FAMILY + FLAG + "ñ") * 12
    pieces = wrap_lines(word, mixed, 150)
    assert len(pieces) > 1 and "".join(p.removesuffix("-") for p in pieces) == word
    for piece in pieces:
        assert mixed.getlength(piece) <= 150
        assert set(clusters(piece.removesuffix("-"))) <= {FAMILY, FLAG, "ñ"}
    for width in (60, 95, 130, 170):
        short = ellipsize("Hola " + word, mixed, width).removesuffix("…")
        assert set(clusters(short)) <= {FAMILY, FLAG, "ñ", "H", "o", "l", "a", " "}
