"""Captions and messages in Telegram's HTML style: validation, visible length, and the plain
text and e-mail HTML versions of the same text.

Tokenising is done by the standard library's ``html.parser``; on top of it every construct the
parser would tolerate but Telegram refuses (unknown tags, crossed or unclosed tags, bare ``<``
or ``&``, unknown entities, forbidden attributes and links) is refused with a Spanish message.
Lengths are counted like Telegram does: visible text after entity parsing, in UTF-16 code units.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from campañas import messages as msg
from campañas.telegram_html import Token, tokenize
from nucleo.errors import InvalidInput

CAPTION_LIMIT = 1024
MESSAGE_LIMIT = 4096
RAW_FACTOR = 16  # markup may be at most this many times the visible limit

_CONTROL = {chr(c) for c in range(32)} - {"\n", "\t"} | {"\x7f"}


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Plain text made safe to place inside Telegram HTML."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class TelegramHTML:
    """Validated Telegram HTML: the markup to send, its visible text and that text's length."""

    html: str
    text: str
    length: int
    tokens: tuple[Token, ...]

    def plain_text(self) -> str:
        """The text for a plain-text e-mail part: links written out as "text (url)"."""
        return render_plain_text(self.tokens)

    def email_html(self) -> str:
        """An HTML fragment for e-mail, built only from the validated tokens."""
        return render_email_html(self.tokens)


def normalize_markup(markup: str) -> str:
    """NFC, Unix line ends and no control characters other than newline and tab."""
    if not isinstance(markup, str):
        raise InvalidInput(msg.CAPTION_NOT_TEXT, code="texto_invalido")
    markup = unicodedata.normalize("NFC", markup).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in markup if c not in _CONTROL)


def parse_telegram_html(markup: str, *, limit: int = MESSAGE_LIMIT) -> TelegramHTML:
    """Validate ``markup`` as Telegram HTML without a length check on the visible text."""
    markup = normalize_markup(markup)
    if len(markup) > limit * RAW_FACTOR:
        raise InvalidInput(
            msg.CAPTION_RAW_TOO_LONG.format(limit=limit * RAW_FACTOR), code="texto_largo"
        )
    tokens = tuple(tokenize(markup))
    text = "".join(value for kind, value, _ in tokens if kind == "text")
    return TelegramHTML(markup, text, utf16_length(text), tokens)


def _check_length(parsed: TelegramHTML, limit: int) -> TelegramHTML:
    if parsed.length > limit:
        raise InvalidInput(
            msg.CAPTION_TOO_LONG.format(
                length=parsed.length, limit=limit, excess=parsed.length - limit
            ),
            code="texto_largo",
        )
    return parsed


def validate_caption(markup: str, *, limit: int = CAPTION_LIMIT) -> TelegramHTML:
    """A photo caption: valid Telegram HTML of at most 1024 visible UTF-16 units (may be
    empty)."""
    return _check_length(parse_telegram_html(markup, limit=limit), limit)


def validate_message(markup: str, *, limit: int = MESSAGE_LIMIT) -> TelegramHTML:
    """A text message: valid Telegram HTML, not blank, of at most 4096 visible UTF-16 units."""
    parsed = _check_length(parse_telegram_html(markup, limit=limit), limit)
    if not parsed.text.strip():
        raise InvalidInput(msg.CAPTION_EMPTY, code="texto_vacio")
    return parsed


def _web_link(href: str | None) -> bool:
    return bool(href) and urlsplit(href).scheme.lower() in ("http", "https")


def render_plain_text(tokens: tuple[Token, ...]) -> str:
    """Visible text, with each web link's address after its text when they differ."""
    out: list[str] = []
    links: list[tuple[str | None, int]] = []
    for kind, value, attrs in tokens:
        if kind == "text":
            out.append(value)
        elif kind == "start" and value == "a":
            links.append((attrs.get("href"), len(out)))
        elif kind == "end" and value == "a":
            href, begin = links.pop()
            label = "".join(out[begin:]).strip()
            if _web_link(href) and label != href:
                out.append(f" ({href})")
    lines = [line.rstrip() for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_EMAIL_TAGS = {
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "ins": "u",
    "s": "s", "strike": "s", "del": "s", "code": "code", "pre": "pre",
    "blockquote": "blockquote",
}


def render_email_html(tokens: tuple[Token, ...]) -> str:
    """Safe HTML for e-mail: a fixed set of tags, escaped text, only http(s) links."""
    out: list[str] = []
    open_links: list[bool] = []
    in_pre = 0
    for kind, value, attrs in tokens:
        if kind == "text":
            text = html.escape(value, quote=False)
            out.append(text if in_pre else text.replace("\n", "<br>\n"))
        elif value == "a":
            if kind == "start":
                keep = _web_link(attrs.get("href"))
                open_links.append(keep)
                if keep:
                    href = html.escape(attrs["href"], quote=True)
                    out.append(f'<a href="{href}" target="_blank" rel="noopener noreferrer">')
            elif open_links.pop():
                out.append("</a>")
        elif value in _EMAIL_TAGS:
            if value == "pre":
                in_pre += 1 if kind == "start" else -1
            out.append(f"<{_EMAIL_TAGS[value]}>" if kind == "start" else f"</{_EMAIL_TAGS[value]}>")
    return "".join(out).strip()


def caption_plain_text(markup: str) -> str:
    """Plain-text version of Telegram HTML (validated first)."""
    return parse_telegram_html(markup).plain_text()


def caption_email_html(markup: str) -> str:
    """E-mail HTML version of Telegram HTML (validated first)."""
    return parse_telegram_html(markup).email_html()
