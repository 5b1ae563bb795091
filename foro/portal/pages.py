"""Rendering the portal's pages: Jinja2 with autoescape, Markdown filter, security headers."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from foro.links import PORTAL_PREFIX
from foro.render import render_markdown
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


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The portal's template environment (configuration only, built once)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    # render_markdown sanitises with nh3, so its output may be marked safe
    env.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))  # noqa: S704
    return env


def _date_filters(settings: Settings) -> dict[str, Any]:
    months = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")

    def dia(value: date | None) -> str:
        return f"{value.day} {months[value.month - 1]} {value.year}" if value else ""

    def fecha(value: datetime | None) -> str:
        return dia(value.astimezone(settings.tz).date()) if value else ""

    return {"dia": dia, "fecha": fecha}


def render(settings: Settings, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the common context and the portal's security headers."""
    template = environment().get_template(name)
    html = template.render(prefix=PORTAL_PREFIX, entity=settings.entity_name,
                           **_date_filters(settings), **context)
    return HTMLResponse(html, status_code=status, headers=dict(SECURITY_HEADERS))
