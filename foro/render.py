"""User text to safe HTML: Markdown through markdown-it-py, then sanitised by nh3.

markdown-it runs with raw HTML off (tags come out escaped) and its own link validation, and
nh3 (ammonia) is the second wall: only the tags and attributes below survive, links only with
http, https or mailto, and every link gets ``rel="nofollow noopener noreferrer ugc"``.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "hr",
    "h3", "h4", "h5", "h6", "del", "s",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # No images (tracking pixels), no raw HTML, headings demoted in render_markdown.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}
                      ).enable("strikethrough").disable("image")


def render_markdown(text: str) -> str:
    """Render a person's Markdown as sanitised HTML safe to put in a page."""
    html = _parser().render(text or "")
    for level in (1, 2):  # a reply must not look like the page's own headings
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    """Keep only the allowed tags, attributes and link schemes."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in
                     ALLOWED_ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
                     link_rel="nofollow noopener noreferrer ugc", strip_comments=True)
