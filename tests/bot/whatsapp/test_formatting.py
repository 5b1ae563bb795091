"""Telegram-style HTML to WhatsApp formatting: markers, entities, links, broken markup."""

from __future__ import annotations

import pytest

from bot import messages
from bot.whatsapp.formatting import to_whatsapp


@pytest.mark.parametrize(("html", "expected"), [
    ("<b>Hola</b>, Ana &lt;b&gt;", "*Hola*, Ana <b>"),
    ("<b> Hola </b>mundo", "*Hola* mundo"),
    ("<i>a<b>b</b></i>", "_a*b*_"),
    ("<s>no</s> <code>x*y</code>", "~no~ `x*y`"),
    ('<a href="https://x.co/a">ver</a>', "ver (https://x.co/a)"),
    ('<a href="https://x.co">https://x.co</a>', "https://x.co"),
    ('<a href="javascript:alert(1)">clic</a>', "clic"),
    ("x</b> y <b>z", "x y *z*"),
    ("<b>a\nb</b>", "*a*\n*b*"),
    ("1 &amp; 2<br>tres", "1 & 2\ntres"),
    ("<b></b>vacío", "vacío"),
    ("<tg-spoiler>oculto</tg-spoiler>", "oculto"),
    ("a\n\n\n\nb", "a\n\nb"),
])
def test_conversion(html: str, expected: str) -> None:
    assert to_whatsapp(html) == expected


def test_no_tag_of_the_catalogue_survives() -> None:
    texts = [value for name, value in vars(messages).items()
             if name.isupper() and isinstance(value, str)]
    for text in texts:
        converted = to_whatsapp(text)
        assert "<b>" not in converted and "</" not in converted and "&amp;" not in converted
