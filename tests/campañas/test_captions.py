"""Tests for campañas.captions: limits in UTF-16 units after parsing, text and e-mail versions."""

import pytest

from campañas.captions import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    caption_email_html,
    caption_plain_text,
    escape,
    parse_telegram_html,
    utf16_length,
    validate_caption,
    validate_message,
)
from nucleo.errors import InvalidInput


def test_utf16_length():
    assert utf16_length("") == 0
    assert utf16_length("año") == 3
    assert utf16_length("😀") == 2  # outside the BMP: a surrogate pair
    assert utf16_length("👨‍👩‍👧") == 8  # three emoji joined by two ZWJ
    assert utf16_length("🇨🇴") == 4


def test_length_counts_visible_text_not_markup():
    parsed = validate_caption('<b>Hola</b> <a href="https://example.com/largo">mundo</a> &amp;')
    assert parsed.text == "Hola mundo &"
    assert parsed.length == 12


def test_caption_limit_is_exact_after_entity_parsing():
    exact = "<b>" + "&amp;" * CAPTION_LIMIT + "</b>"
    assert validate_caption(exact).length == CAPTION_LIMIT
    with pytest.raises(InvalidInput) as info:
        validate_caption("a" * (CAPTION_LIMIT + 1))
    assert info.value.code == "texto_largo"
    assert "1025" in info.value.message and "1024" in info.value.message


def test_emoji_count_twice_towards_the_limit():
    validate_caption("😀" * 512)
    with pytest.raises(InvalidInput):
        validate_caption("😀" * 513)


def test_message_limit_and_blank_message():
    assert validate_message("x" * MESSAGE_LIMIT).length == MESSAGE_LIMIT
    with pytest.raises(InvalidInput):
        validate_message("x" * (MESSAGE_LIMIT + 1))
    for blank in ("", "   ", "<b> </b>", "\n\n"):
        with pytest.raises(InvalidInput) as info:
            validate_message(blank)
        assert info.value.code == "texto_vacio"


def test_empty_caption_is_allowed():
    assert validate_caption("").length == 0


def test_huge_markup_is_refused_before_parsing():
    with pytest.raises(InvalidInput) as info:
        validate_caption("<b></b>" * 10_000)
    assert info.value.code == "texto_largo"


@pytest.mark.parametrize("value", [None, 12, b"<b>x</b>", ["x"]])
def test_wrong_types(value):
    with pytest.raises(InvalidInput) as info:
        validate_caption(value)
    assert info.value.code == "texto_invalido"


def test_normalisation_nfc_line_ends_and_control_characters():
    parsed = validate_caption("An\u0303o\r\nnuevo\x00\x07\tfin\rx")
    assert parsed.text == "Año\nnuevo\tfin\nx"
    assert parsed.html == parsed.text


def test_escape_round_trip():
    raw = "5 < 6 & \"comillas\" > 4"
    assert validate_caption(escape(raw)).text == raw


def test_plain_text_version():
    markup = (
        "<b>Valor de la semana:</b> <i>Honestidad</i>\n\n\n\n"
        '<a href="https://intranet.example.gov.co/codigo">Lea el código</a> · '
        '<a href="https://x.co">https://x.co</a> · <a href="tg://user?id=1">Talento Humano</a>\n'
        '<tg-spoiler>sorpresa</tg-spoiler> <tg-emoji emoji-id="1">👍</tg-emoji>  \n'
    )
    assert caption_plain_text(markup) == (
        "Valor de la semana: Honestidad\n\n"
        "Lea el código (https://intranet.example.gov.co/codigo) · https://x.co · Talento Humano\n"
        "sorpresa 👍"
    )


def test_email_html_version():
    markup = (
        "<b>Hola</b> <ins>equipo</ins> <del>no</del>\n"
        '<a href="https://x.co/?a=1&amp;b=2">enlace</a> '
        '<a href="tg://user?id=1">mención</a> <span class="tg-spoiler">oculto</span>\n'
        "<pre><code class=\"language-python\">if a &lt; b:\n    pass</code></pre>"
        "<blockquote expandable>cita</blockquote>"
    )
    assert caption_email_html(markup) == (
        "<strong>Hola</strong> <u>equipo</u> <s>no</s><br>\n"
        '<a href="https://x.co/?a=1&amp;b=2" target="_blank" '
        'rel="noopener noreferrer">enlace</a> mención oculto<br>\n'
        "<pre><code>if a &lt; b:\n    pass</code></pre><blockquote>cita</blockquote>"
    )


def test_email_html_cannot_be_used_for_injection():
    markup = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"
    out = caption_email_html(markup)
    assert "<script" not in out and "<img" not in out
    assert out.startswith("&lt;script&gt;")


def test_versions_validate_first():
    with pytest.raises(InvalidInput):
        caption_plain_text("<b>sin cerrar")
    with pytest.raises(InvalidInput):
        caption_email_html("<div>x</div>")


def test_parsed_object_methods():
    parsed = parse_telegram_html("<b>x</b>")
    assert parsed.plain_text() == "x" and parsed.email_html() == "<strong>x</strong>"
