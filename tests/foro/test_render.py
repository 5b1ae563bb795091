from html.parser import HTMLParser

import pytest

from foro.render import ALLOWED_TAGS, render_markdown


class Elements(HTMLParser):
    """Collect the real elements and attributes of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert(html: str) -> None:
    """Only allowed tags; no event handlers or styles; links only http(s)/mailto."""
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", name
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "mailto:")), value

ATTACKS = [
    "<script>alert(1)</script>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](  javascript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD4=)",
    "[clic](vbscript:msgbox(1))",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">a</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg/onload=alert(1)>",
    "[x](https://ok.example \"t\" onmouseover=alert(1))",
    "<<script>script>alert(1)<</script>/script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_active_content_survives(attack: str) -> None:
    html = render_markdown(attack)
    assert_inert(html)
    assert "<script" not in html.lower()


def test_markdown_still_works() -> None:
    html = render_markdown("# Título\n\n**Honestidad** y *respeto*: [guía](https://funcionpublica.gov.co)\n\n- uno\n- dos")
    assert "<h3>Título</h3>" in html
    assert "<strong>Honestidad</strong>" in html and "<em>respeto</em>" in html
    assert '<a href="https://funcionpublica.gov.co" rel="nofollow noopener noreferrer ugc">' in html
    assert "<li>uno</li>" in html


def test_odd_unicode_and_empty() -> None:
    assert render_markdown("") == ""
    assert "ñandú 👍 مرحبا" in render_markdown("ñandú 👍 مرحبا")
