"""Tests for campañas.telegram_html: Telegram's HTML dialect, token by token."""

import pytest

from campañas.telegram_html import ALLOWED_TAGS, tokenize
from nucleo.errors import InvalidInput

DOCUMENTED_EXAMPLES = [
    "<b>bold</b>, <strong>bold</strong>",
    "<i>italic</i>, <em>italic</em>",
    "<u>underline</u>, <ins>underline</ins>",
    "<s>strikethrough</s>, <strike>strikethrough</strike>, <del>strikethrough</del>",
    '<span class="tg-spoiler">spoiler</span>, <tg-spoiler>spoiler</tg-spoiler>',
    '<b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">italic bold '
    "strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>",
    '<a href="http://www.example.com/">inline URL</a>',
    '<a href="tg://user?id=123456789">inline mention of a user</a>',
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    '<tg-time unix="1647531900" format="wDT">22:45 tomorrow</tg-time>',
    '<tg-time unix="1647531900" format="r">22:45 tomorrow</tg-time>',
    '<tg-time unix="1647531900">22:45 tomorrow</tg-time>',
    "<code>inline fixed-width code</code>",
    "<pre>pre-formatted fixed-width code block</pre>",
    '<pre><code class="language-python">pre-formatted fixed-width code block written in the '
    "Python programming language</code></pre>",
    "<blockquote>Block quotation started\nBlock quotation continued\nThe last line</blockquote>",
    "<blockquote expandable>Expandable block quotation started\nHidden part</blockquote>",
]


@pytest.mark.parametrize("markup", DOCUMENTED_EXAMPLES)
def test_every_documented_example_is_accepted(markup):
    tokens = tokenize(markup)
    assert tokens and all(kind in ("start", "end", "text") for kind, _, _ in tokens)


def test_tokens_carry_decoded_text_and_checked_attributes():
    tokens = tokenize('Hola <a href="https://x.co/?a=1&amp;b=2">sitio</a> &lt;3 &#241;&#xF1;')
    assert tokens == [
        ("text", "Hola ", {}),
        ("start", "a", {"href": "https://x.co/?a=1&b=2"}),
        ("text", "sitio", {}),
        ("end", "a", {}),
        ("text", " <3 ññ", {}),
    ]


def test_case_of_tags_and_spaces_before_closing_bracket():
    assert tokenize("<B>x</B >")[0] == ("start", "b", {})
    assert tokenize("<b\n>x</b>")[1] == ("text", "x", {})


def _refused(markup: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        tokenize(markup)
    assert info.value.message
    return info.value


@pytest.mark.parametrize(
    "markup, code",
    [
        ("<b>sin cerrar", "etiqueta_sin_cerrar"),
        ("<b><i>x</i>", "etiqueta_sin_cerrar"),
        ("sobra</b>", "etiqueta_sin_abrir"),
        ("<b><i>x</b></i>", "etiquetas_cruzadas"),
        ("<div>x</div>", "etiqueta_invalida"),
        ("<script>alert(1)</script>", "etiqueta_invalida"),
        ("<img src=x onerror=alert(1)>", "etiqueta_invalida"),
        ("<p>párrafo</p>", "etiqueta_invalida"),
        ("<br>", "etiqueta_invalida"),
        ("x</div>", "etiqueta_invalida"),
        ("a & b", "entidad_invalida"),
        ("&nbsp;", "entidad_invalida"),
        ("&AMP;", "entidad_invalida"),
        ("&amp sin punto y coma", "entidad_invalida"),
        ("&#65 sin punto y coma", "entidad_invalida"),
        ("&#0;", "entidad_invalida"),
        ("&#xD800;", "entidad_invalida"),
        ("&#x110000;", "entidad_invalida"),
        ("&#;", "entidad_invalida"),
        ('<a href="javascript:alert(1)">x</a>', "enlace_invalido"),
        ('<a href="data:text/html,hola">x</a>', "enlace_invalido"),
        ('<a href="ftp://x.co/">x</a>', "enlace_invalido"),
        ('<a href="https://">x</a>', "enlace_invalido"),
        ('<a href="https://x .co">x</a>', "enlace_invalido"),
        ('<a href="/relativo">x</a>', "enlace_invalido"),
        ('<a href="https://x.co/&quot;onmouseover=&quot;">x</a>', "enlace_invalido"),
        ('<a href="https://x.co/&lt;script&gt;">x</a>', "enlace_invalido"),
    ],
)
def test_refused_with_a_code(markup, code):
    assert _refused(markup).code == code


@pytest.mark.parametrize(
    "markup",
    [
        "3 < 4",
        "x <b",
        "</>",
        "x</>y",
        "</ b>",
        "<b/>",
        "<tg-spoiler/>",
        "<!-- comentario -->",
        "<!DOCTYPE html>",
        "<?xml version='1.0'?>",
        "<![CDATA[x]]>",
        "<a>sin href</a>",
        '<a href="">vacío</a>',
        '<a href="https://a.co" href="https://b.co">x</a>',
        '<a href="https://a.co" target="_blank">x</a>',
        '<b class="x">x</b>',
        '<b onclick="alert(1)">x</b>',
        '<span class="x">x</span>',
        "<span>x</span>",
        '<code class="language-python">x</code>',
        '<pre><code class="lang-python">x</code></pre>',
        '<pre class="x">x</pre>',
        '<blockquote expandable="no">x</blockquote>',
        '<blockquote>a<blockquote>b</blockquote></blockquote>',
        '<a href="https://a.co"><a href="https://b.co">x</a></a>',
        '<a href="https://a.co"><code>x</code></a>',
        '<a href="https://a.co"><blockquote>x</blockquote></a>',
        "<pre><b>x</b></pre>",
        "<code><i>x</i></code>",
        "<pre><code><code>x</code></code></pre>",
        '<tg-emoji emoji-id="1"><b>👍</b></tg-emoji>',
        '<tg-emoji emoji-id="abc">👍</tg-emoji>',
        '<tg-emoji emoji-id="1">no es emoji</tg-emoji>',
        '<tg-emoji emoji-id="1"></tg-emoji>',
        "<tg-emoji>👍</tg-emoji>",
        '<tg-time unix="mañana">x</tg-time>',
        '<tg-time unix="1" format="rw">x</tg-time>',
        "<tg-time>x</tg-time>",
    ],
)
def test_refused(markup):
    _refused(markup)


def test_formatting_may_wrap_code_and_links_may_hold_formatting():
    tokenize("<b><code>x</code></b>")
    tokenize('<a href="https://x.co"><b>negrita</b> <i>enlace</i></a>')
    tokenize('<blockquote>cita con <a href="https://x.co">enlace</a></blockquote>')
    tokenize('<blockquote>a</blockquote><blockquote expandable="">b</blockquote>')


def test_long_tag_names_are_shortened_in_messages():
    error = _refused("<" + "x" * 500 + ">y")
    assert len(error.message) < 200


def test_allowed_tags_match_the_documentation():
    assert {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "code", "pre", "blockquote", "tg-emoji", "tg-time",
    } == ALLOWED_TAGS
