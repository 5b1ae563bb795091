"""Tokenise Telegram-style HTML with ``html.parser`` and enforce Telegram's rules on the tokens.

Telegram's HTML is a small dialect: a fixed set of tags, four named entities, every numeric
entity, no comments. ``html.parser`` is lenient (it silently drops ``</>``, accepts ``&amp``
without ``;``), so each token's raw source is compared with what the token should look like:
nothing the parser glossed over gets through.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from campañas import messages as msg
from nucleo.errors import InvalidInput
from nucleo.formats import shorten

# ("start", tag, attrs) | ("end", tag, {}) | ("text", visible text, {})
Token = tuple[str, str, dict]

FORMATTING = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler"}
ALLOWED_TAGS = FORMATTING | {"a", "code", "pre", "blockquote", "tg-emoji", "tg-time"}
ALLOWED_ATTRS = {
    "a": {"href"},
    "span": {"class"},
    "code": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
    "tg-time": {"unix", "format"},
}
REQUIRED_ATTRS = {"a": "href", "span": "class", "tg-emoji": "emoji-id", "tg-time": "unix"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
LINK_SCHEMES = {"http", "https", "tg"}
_LEAVES = {"tg-emoji", "tg-time"}  # text only inside
_NO_NESTING_INSIDE = {"a", "tg-emoji", "tg-time"}
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.\-]{1,40}")
_TIME_FORMAT = re.compile(r"r|w?[dD]?[tT]?")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\]")


def _refuse(message: str, code: str = "html_invalido") -> InvalidInput:
    return InvalidInput(message, code=code)


def _short(name: str) -> str:
    """A piece of the caption quoted back in a refusal, kept short."""
    return shorten(name, 30)


def _check_href(href: str | None) -> str:
    href = (href or "").strip()
    ok = bool(href) and not _URL_FORBIDDEN.search(href) and len(href) <= 2048
    if ok:
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        ok = scheme in LINK_SCHEMES
        if ok and scheme in ("http", "https"):
            ok = bool(parts.hostname)
        if ok and scheme == "tg":
            ok = bool(parts.netloc or parts.path)
    if not ok:
        raise _refuse(msg.CAPTION_BAD_LINK.format(url=_short(href)), "enlace_invalido")
    return href


def _check_attrs(tag: str, pairs: list[tuple[str, str | None]], parent: str | None) -> dict:
    attrs: dict[str, str | None] = {}
    for name, value in pairs:
        if name not in ALLOWED_ATTRS.get(tag, set()):
            raise _refuse(msg.CAPTION_ATTR_NOT_ALLOWED.format(attr=_short(name), tag=tag))
        if name in attrs:
            raise _refuse(msg.CAPTION_ATTR_DUPLICATE.format(attr=name, tag=tag))
        attrs[name] = value
    required = REQUIRED_ATTRS.get(tag)
    if required and attrs.get(required) in (None, ""):
        raise _refuse(msg.CAPTION_ATTR_MISSING.format(tag=tag, attr=required))
    if tag == "a":
        attrs["href"] = _check_href(attrs["href"])
    elif tag == "span" and attrs["class"] != "tg-spoiler":
        raise _refuse(msg.CAPTION_SPAN_CLASS)
    elif tag == "code" and "class" in attrs:
        if parent != "pre" or not _LANGUAGE_CLASS.fullmatch(attrs["class"] or ""):
            raise _refuse(msg.CAPTION_CODE_CLASS)
    elif tag == "blockquote" and attrs.get("expandable") not in (None, "", "expandable"):
        raise _refuse(msg.CAPTION_ATTR_NOT_ALLOWED.format(attr="expandable", tag=tag))
    elif tag == "tg-emoji" and not re.fullmatch(r"[0-9]{1,20}", attrs["emoji-id"] or ""):
        raise _refuse(msg.CAPTION_BAD_EMOJI_ID)
    elif tag == "tg-time":
        if not re.fullmatch(r"[0-9]{1,12}", attrs["unix"] or ""):
            raise _refuse(msg.CAPTION_BAD_TIME)
        if not _TIME_FORMAT.fullmatch(attrs.get("format") or ""):
            raise _refuse(msg.CAPTION_BAD_TIME_FORMAT.format(format=_short(attrs.get("format") or "")))
    return attrs


def _check_nesting(tag: str, stack: list[str]) -> None:
    parent = stack[-1] if stack else None
    if parent in _LEAVES or (parent in ("code", "pre") and not (tag == "code" and parent == "pre")):
        raise _refuse(msg.CAPTION_NESTING.format(tag=tag, parent=parent))
    if tag == "blockquote" and "blockquote" in stack:
        raise _refuse(msg.CAPTION_NESTING.format(tag=tag, parent=tag))
    if tag not in FORMATTING:
        for outer in stack:
            if outer in _NO_NESTING_INSIDE:
                raise _refuse(msg.CAPTION_NESTING.format(tag=tag, parent=outer))


def _decode_charref(ref: str) -> str:
    try:
        code = int(ref[1:], 16) if ref[:1] in ("x", "X") else int(ref, 10)
    except ValueError:
        code = -1
    if not (0 < code <= 0x10FFFF) or 0xD800 <= code <= 0xDFFF:
        raise _refuse(msg.CAPTION_BAD_CHARREF.format(ref=_short(ref)), "entidad_invalida")
    return chr(code)


class _Tokenizer(HTMLParser):
    """Collects raw tokens with their start offsets; all checks happen afterwards."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[int, str, object]] = []
        self._line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.events.append((self._offset(), "start", (tag, attrs, self.get_starttag_text())))

    def handle_startendtag(self, tag, attrs):
        raise _refuse(msg.CAPTION_SELF_CLOSING.format(tag=_short(tag)))

    def handle_endtag(self, tag):
        self.events.append((self._offset(), "end", tag))

    def handle_data(self, data):
        self.events.append((self._offset(), "data", data))

    def handle_entityref(self, name):
        self.events.append((self._offset(), "entity", name))

    def handle_charref(self, name):
        self.events.append((self._offset(), "charref", name))

    def _markup(self, *_args):
        raise _refuse(msg.CAPTION_MARKUP)

    handle_comment = handle_decl = handle_pi = unknown_decl = _markup


def _raw_events(source: str):
    """(kind, value, raw source) for every token, raw spans covering the whole input."""
    parser = _Tokenizer(source)
    parser.feed(source)
    parser.close()
    events = parser.events
    ends = [offset for offset, _, _ in events[1:]] + [len(source)] if events else []
    if (events and events[0][0] != 0) or (source and not events):
        raise _refuse(msg.CAPTION_RAW_LT)
    for (start, kind, value), end in zip(events, ends, strict=True):
        yield kind, value, source[start:end]


def tokenize(source: str) -> list[Token]:
    """Tokens of valid Telegram HTML; InvalidInput (Spanish message) on anything else."""
    tokens: list[Token] = []
    stack: list[str] = []
    for kind, value, raw in _raw_events(source):
        if kind == "data":
            if raw != value or "<" in value:
                raise _refuse(msg.CAPTION_RAW_LT)
            if "&" in value:
                raise _refuse(msg.CAPTION_RAW_AMP, "entidad_invalida")
            tokens.append(("text", value, {}))
        elif kind == "entity":
            if value not in NAMED_ENTITIES or raw != f"&{value};":
                raise _refuse(msg.CAPTION_BAD_ENTITY.format(name=_short(value)), "entidad_invalida")
            tokens.append(("text", NAMED_ENTITIES[value], {}))
        elif kind == "charref":
            if raw != f"&#{value};":
                raise _refuse(msg.CAPTION_BAD_CHARREF.format(ref=_short(value)), "entidad_invalida")
            tokens.append(("text", _decode_charref(value), {}))
        elif kind == "start":
            tag, pairs, text = value
            if tag not in ALLOWED_TAGS:
                raise _refuse(
                    msg.CAPTION_TAG_NOT_ALLOWED.format(tag=_short(tag)), "etiqueta_invalida"
                )
            if raw != text:
                raise _refuse(msg.CAPTION_RAW_LT)
            _check_nesting(tag, stack)
            attrs = _check_attrs(tag, pairs, stack[-1] if stack else None)
            stack.append(tag)
            tokens.append(("start", tag, attrs))
        else:
            _close(value, raw, stack, tokens)
    if stack:
        raise _refuse(msg.CAPTION_UNCLOSED.format(tag=stack[-1]), "etiqueta_sin_cerrar")
    return _merge_text(tokens)


def _close(tag: str, raw: str, stack: list[str], tokens: list[Token]) -> None:
    match = _END_TAG.fullmatch(raw)
    if match is None or match.group(1).lower() != tag:
        raise _refuse(msg.CAPTION_BAD_END_TAG.format(raw=_short(raw.strip())))
    if tag not in ALLOWED_TAGS:
        raise _refuse(msg.CAPTION_TAG_NOT_ALLOWED.format(tag=_short(tag)), "etiqueta_invalida")
    if not stack:
        raise _refuse(msg.CAPTION_UNEXPECTED_CLOSE.format(tag=tag), "etiqueta_sin_abrir")
    if stack[-1] != tag:
        raise _refuse(msg.CAPTION_MISNESTED.format(tag=tag, open=stack[-1]), "etiquetas_cruzadas")
    if tag == "tg-emoji":
        start = max(i for i, t in enumerate(tokens) if t[0] == "start" and t[1] == "tg-emoji")
        content = "".join(t[1] for t in tokens[start + 1:])
        if not content.strip() or any(c.isalnum() or c.isspace() for c in content):
            raise _refuse(msg.CAPTION_BAD_EMOJI)
    stack.pop()
    tokens.append(("end", tag, {}))


def _merge_text(tokens: list[Token]) -> list[Token]:
    merged: list[Token] = []
    for token in tokens:
        if token[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + token[1], {})
        else:
            merged.append(token)
    return merged
