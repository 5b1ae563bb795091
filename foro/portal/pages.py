"""Rendering the portal's pages: Jinja2 with autoescape, Markdown filter, security headers."""

from __future__ import annotations

from datetime import tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from foro.links import PORTAL_PREFIX
from foro.render import render_markdown
from nucleo.formats import register_filters
from nucleo.settings import Settings

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@lru_cache(maxsize=4)
def environment(tz: tzinfo) -> Environment:
    """The portal's template environment (configuration only, built once per time zone)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    # render_markdown sanitises with nh3, so its output may be marked safe
    env.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))
    register_filters(env, tz)
    return env


def render(settings: Settings, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the common context and the portal's security headers."""
    template = environment(settings.tz).get_template(name)
    html = template.render(prefix=PORTAL_PREFIX, entity=settings.entity_name, **context)
    return HTMLResponse(html, status_code=status, headers=dict(SECURITY_HEADERS))
