"""Make our texts acceptable to Discourse's validators before sending them.

Discourse defaults (site settings): titles 15..255 characters (``min_topic_title_length``,
``max_topic_title_length``), at least 10 distinct characters (``title_min_entropy``), no word
longer than 30 characters (``title_max_word_length``), not all in capitals
(``allow_uppercase_posts`` off) and unique among listed topics (``allow_duplicate_topic_titles``
off); posts 20..32,000 characters (``min_post_length``, ``max_post_length``); tags lower-case,
at most 20 characters (``max_tag_length``); ``external_id`` matches ``[\\w-]{1,50}``.
"""

from __future__ import annotations

import re
import unicodedata

from foro.discourse import messages
from nucleo.text import clean_text

MIN_TITLE_LENGTH = 15
MAX_TITLE_LENGTH = 255
MIN_TITLE_ENTROPY = 10
MAX_TITLE_WORD_LENGTH = 30
MIN_POST_LENGTH = 20
MAX_POST_LENGTH = 32_000
MAX_TAG_LENGTH = 20
EXTERNAL_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,50}")

_SPACES = re.compile(r"\s+")
_HTML_TAG = re.compile(r"<[^<>]{0,200}>")
_MARKUP = re.compile(r"[<>`*_#\[\]|~]")
_REPEATED_PUNCT = re.compile(r"([!?.,;:¡¿])\1+")
_TAG_FORBIDDEN = re.compile(r"[/\\?#\[\]@!$&'()*+,;=.%`<>|\"\s]+")


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and text == text.upper() and text != text.lower()


def _capitalise(text: str) -> str:
    """Upper-case the first letter (after any opening marks such as ¡ or ¿)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def _cut_words(text: str, limit: int) -> str:
    return " ".join(word if len(word) <= limit else word[: limit - 1] + "…" for word in text.split(" "))


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def safe_title(suggestion: str, *, reference: str | None = None) -> str:
    """Derive a topic title Discourse accepts from a suggestion's text (first line, tidied)."""
    text = clean_text(suggestion or "", keep_newlines=True)
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    title = _SPACES.sub(" ", _MARKUP.sub(" ", _HTML_TAG.sub(" ", first_line))).strip()
    title = _REPEATED_PUNCT.sub(r"\1", title)
    if _is_shouting(title):
        title = title.lower()
    title = _capitalise(_cut_words(title, MAX_TITLE_WORD_LENGTH))
    suffix = f" ({reference})" if reference else ""
    if not any(c.isalnum() for c in title):
        title = messages.TITLE_EMPTY
    elif len(title) < MIN_TITLE_LENGTH or len(set(title.lower())) < MIN_TITLE_ENTROPY:
        title = messages.TITLE_PREFIX + title
        if len(title) < MIN_TITLE_LENGTH or len(set(title.lower())) < MIN_TITLE_ENTROPY:
            title = f"{messages.TITLE_EMPTY}: {title[len(messages.TITLE_PREFIX):]}"
    title = _truncate(title, MAX_TITLE_LENGTH - len(suffix)) + suffix
    return title


def safe_body(text: str) -> str:
    """Fit a post body into Discourse's 20..32,000 character bounds, saying when it was cut."""
    body = clean_text(text or "", keep_newlines=True)
    if not body:
        body = messages.BODY_EMPTY
    if len(body) < MIN_POST_LENGTH:
        body += messages.BODY_TOO_SHORT_NOTE
    if len(body) > MAX_POST_LENGTH:
        note = messages.BODY_TRUNCATED_NOTE
        body = _truncate(body, MAX_POST_LENGTH - len(note)) + note
    return body


def clean_tag(name: str) -> str:
    """The tag name Discourse would store: lower-case, dashes for spaces and symbols, <= 20 chars."""
    text = unicodedata.normalize("NFC", clean_text(name or "")).lower()
    text = _TAG_FORBIDDEN.sub("-", text).strip("-")
    text = re.sub(r"-{2,}", "-", text)
    return text[:MAX_TAG_LENGTH].strip("-")


def is_valid_external_id(value: str) -> bool:
    """Whether Discourse accepts ``value`` as a topic ``external_id``."""
    return isinstance(value, str) and EXTERNAL_ID_PATTERN.fullmatch(value) is not None
