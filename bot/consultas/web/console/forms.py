"""Form helpers of the Consultas pages: text lists, Spanish validation messages, chat HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape
from pydantic import ValidationError

from bot.consultas.web import messages
from nucleo import messages as core_messages
from nucleo.errors import DomainError

FORM_MAX = 50_000  # per field: larger than any rule, so a too-long text comes back to fix
_CHAT_TAG = re.compile(r"(</?(?:b|i)>)")


def lines(text: str) -> list[str]:
    """The non-empty lines of a textarea, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def chat_html(text_html: str) -> Markup:
    """The bot's Telegram HTML shown in a page as the chat shows it: <b> and <i> stay, anything
    else is text (escaped again even if the engine ever let something through)."""
    parts = _CHAT_TAG.split(text_html or "")
    return Markup("".join(part if index % 2 else str(escape(html.unescape(part)))
                          for index, part in enumerate(parts)))


def _problem(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "value_error" and isinstance(context.get("error"), Exception):
        return str(context["error"])
    if kind == "string_pattern_mismatch":
        return messages.KB_PROBLEM_PATTERN
    if kind == "string_too_short":
        return messages.KB_PROBLEM_MIN_CHARS.format(n=context.get("min_length", "?"))
    if kind == "string_too_long":
        return messages.KB_PROBLEM_MAX_CHARS.format(n=context.get("max_length", "?"))
    if kind == "too_short":
        return messages.KB_PROBLEM_MIN_ITEMS.format(n=context.get("min_length", "?"))
    if kind == "too_long":
        return messages.KB_PROBLEM_MAX_ITEMS.format(n=context.get("max_length", "?"))
    return core_messages.FIELD_PROBLEMS.get(kind, core_messages.FIELD_PROBLEM_DEFAULT)


def _where(location: tuple[Any, ...]) -> str:
    if not location:
        return ""
    name = messages.KB_FIELD_NAMES.get(str(location[0]), str(location[0]))
    if len(location) > 1 and isinstance(location[1], int):
        return messages.KB_ITEM.format(field=name, n=location[1] + 1)
    return name


def spanish_errors(error: ValidationError | DomainError) -> list[str]:
    """What is wrong, one line per problem, in Spanish (pydantic's own texts are English)."""
    if isinstance(error, DomainError):
        cause = error.__cause__
        if not isinstance(cause, ValidationError):
            return [error.message]
        error = cause
    out = []
    for item in error.errors()[:20]:
        where = _where(tuple(item.get("loc", ())))
        problem = _problem(item)
        out.append(f"{where}: {problem}" if where else problem)
    return out
