"""The core's Telegram-style HTML turned into WhatsApp's own formatting.

WhatsApp reads ``*bold*``, ``_italic_``, ``~strike~``, ```` `code` ```` and ```` ```pre``` ````,
and shows anything else literally. So every tag becomes its marker or nothing, every entity is
unescaped once, links become «text (address)», and a marker is written only around text that
does not start or end with a space (WhatsApp ignores it otherwise, and the stars would show).
Unbalanced or unknown tags never leak: the parser keeps their text and drops the tag.
"""

from __future__ import annotations

from html.parser import HTMLParser

MARKERS = {"b": "*", "strong": "*", "i": "_", "em": "_", "s": "~", "strike": "~", "del": "~",
           "code": "`", "pre": "```"}
BREAKS = {"br": "\n", "p": "\n\n", "div": "\n", "blockquote": "\n", "ul": "\n", "ol": "\n"}


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str], str | None]] = [("", [], None)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BREAKS:
            self._write(BREAKS[tag] if tag == "br" else "\n")
            return
        if tag == "li":
            self._write("\n• ")
            return
        href = dict(attrs).get("href") if tag == "a" else None
        self.stack.append((tag, [], href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BREAKS and tag != "br":
            self._write(BREAKS[tag] if tag == "p" else "\n")
            return
        if not any(open_tag == tag for open_tag, _, _ in self.stack[1:]):
            return  # a closing tag nobody opened: dropped
        while len(self.stack) > 1:
            open_tag, parts, href = self.stack.pop()
            self._write(_wrap(open_tag, "".join(parts), href))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._write(data)

    def _write(self, text: str) -> None:
        self.stack[-1][1].append(text)

    def result(self) -> str:
        while len(self.stack) > 1:  # tags never closed: close them in order
            open_tag, parts, href = self.stack.pop()
            self._write(_wrap(open_tag, "".join(parts), href))
        return "".join(self.stack[0][1])


def _wrap(tag: str, inner: str, href: str | None) -> str:
    if tag == "a":
        if href and href.startswith(("http://", "https://", "mailto:", "tel:")):
            shown = href.removeprefix("mailto:").removeprefix("tel:")
            return inner if inner.strip() in (href, shown) or not inner.strip() else (
                f"{inner} ({shown})")
        return inner
    marker = MARKERS.get(tag)
    if marker is None or not inner.strip():
        return inner
    core = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()):]
    if marker != "```" and "\n" in core:  # inline markers do not span lines in WhatsApp
        return lead + "\n".join(_wrap(tag, line, None) for line in core.split("\n")) + trail
    return f"{lead}{marker}{core}{marker}{trail}"


def to_whatsapp(html_text: str) -> str:
    """WhatsApp-formatted plain text for a Telegram-HTML text."""
    converter = _Converter()
    converter.feed(html_text)
    converter.close()
    text = converter.result()
    lines = [line.rstrip() for line in text.split("\n")]
    collapsed: list[str] = []
    for line in lines:  # at most one blank line in a row
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    return "\n".join(collapsed).strip()
