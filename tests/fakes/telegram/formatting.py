"""Parse message text the way Telegram does for ``parse_mode`` (HTML fully, MarkdownV2 roughly).

``render(text, parse_mode)`` returns the text a user sees and its entities (offsets in UTF-16
code units), or raises ``EntityError`` with Telegram's "can't parse entities" wording.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TAG_NAME = re.compile(r"[A-Za-z0-9-]*")
_ATTR = re.compile(r"""\s*([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|\s*([A-Za-z-]+)""")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "code": "code", "pre": "pre",
}  # fmt: skip
_SUPPORTED = frozenset(_SIMPLE) | {"a", "span", "blockquote", "tg-emoji"}
_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NEVER_MARKUP = frozenset(".!-=+#{}")


class EntityError(ValueError):
    """Text cannot be parsed for its parse_mode; message is Telegram's description."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of entity offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _fail(reason: str) -> EntityError:
    return EntityError(f"Bad Request: can't parse entities: {reason}")


def _entity_for(name: str, attrs: dict[str, str], src: str, at: int) -> dict[str, Any] | None:
    if name in _SIMPLE:
        return {"type": _SIMPLE[name]}
    if name == "a":
        href = attrs.get("href", "")
        match = re.match(r"tg://user\?id=(\d+)", href)
        if match:
            return {"type": "text_mention", "user": {"id": int(match[1]), "is_bot": False,
                                                     "first_name": "Usuario"}}
        return {"type": "text_link", "url": href} if href else None
    if name == "span":
        if attrs.get("class") != "tg-spoiler":
            raise _fail(f'Tag "span" must have class "tg-spoiler" at byte offset '
                        f"{_byte_offset(src, at)}")
        return {"type": "spoiler"}
    if name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        return {"type": kind}
    return {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id", "0")}


def _parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    pos16 = 0
    stack: list[tuple[str, int, dict[str, Any] | None]] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == "&":
            match = _ENTITY.match(src, i)
            piece = html.unescape(match[0]) if match else "&"
            i = match.end() if match else i + 1
        elif ch == "<":
            closing = src.startswith("</", i)
            name_match = _TAG_NAME.match(src, i + (2 if closing else 1))
            name = name_match[0].lower()
            end = src.find(">", name_match.end())
            if end < 0:
                raise _fail(f"Unclosed start tag at byte offset {_byte_offset(src, i)}")
            if closing:
                if not stack or stack[-1][0] != name:
                    expected = f'"</{stack[-1][0]}>"' if stack else "no end tag"
                    raise _fail(f'Unmatched end tag at byte offset {_byte_offset(src, i)}, '
                                f'expected {expected}, found "</{name}>"')
                _, start16, entity = stack.pop()
                if entity is not None and pos16 > start16:
                    entities.append({**entity, "offset": start16, "length": pos16 - start16})
            else:
                if name not in _SUPPORTED:
                    raise _fail(f'Unsupported start tag "{name}" at byte offset '
                                f"{_byte_offset(src, i)}")
                attrs = {
                    m[1] or m[5]: html.unescape(m[2] or m[3] or m[4] or "")
                    for m in _ATTR.finditer(src[name_match.end() : end])
                    if m[1] or m[5]
                }
                if name == "code" and stack and stack[-1][0] == "pre" and "class" in attrs:
                    lang = attrs["class"].removeprefix("language-")
                    if stack[-1][2] is not None:
                        stack[-1][2]["language"] = lang
                    stack.append((name, pos16, None))
                else:
                    stack.append((name, pos16, _entity_for(name, attrs, src, i)))
            i = end + 1
            continue
        else:
            piece = ch
            i += 1
        out.append(piece)
        pos16 += utf16_len(piece)
    if stack:
        raise _fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _parse_markdown_v2(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Check escaping of the characters that are never markup; return text without escapes."""
    out: list[str] = []
    i, n = 0, len(src)
    in_code = False
    while i < n:
        ch = src[i]
        if ch == "\\" and i + 1 < n:
            out.append(src[i + 1])
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        elif not in_code and ch in _MDV2_NEVER_MARKUP and src[i : i + 2] != "![":
            raise _fail(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
        if ch not in _MDV2_RESERVED or in_code:
            out.append(ch)
        i += 1
    if in_code:
        raise _fail(f"Can't find end of Code entity at byte offset {_byte_offset(src, n)}")
    return "".join(out), []


def render(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Return (visible text, entities) for ``text`` sent with ``parse_mode``."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode in ("", "markdown"):
        return text, []
    raise EntityError(f"Bad Request: unsupported parse_mode {parse_mode!r}")
