"""The palette in console.css meets WCAG AA contrast (4.5:1 for text, 3:1 for focus rings)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[4] / "nucleo" / "web" / "console" / "static" / "console.css")


def _palette() -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6});", CSS.read_text()))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("fg,bg,minimum", [
    ("ink", "paper", 4.5), ("ink", "soft", 4.5), ("muted", "paper", 4.5), ("muted", "soft", 4.5),
    ("brand", "paper", 4.5), ("brand", "soft", 4.5), ("ok-ink", "ok-bg", 4.5),
    ("bad-ink", "bad-bg", 4.5), ("bad-ink", "paper", 4.5), ("focus", "paper", 3.0),
])
def test_text_pairs(fg: str, bg: str, minimum: float) -> None:
    colours = _palette()
    assert contrast(colours[fg], colours[bg]) >= minimum, (fg, bg)


def test_white_on_brand_header() -> None:
    assert contrast("#ffffff", _palette()["brand"]) >= 4.5
