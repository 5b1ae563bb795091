"""The console's Jinja2 environment: autoescape on every template, Spanish formatting filters."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from nucleo.text import number
from nucleo.web.console import messages
from nucleo.web.console.catalogue import Catalogue
from nucleo.web.console.feature import ConsoleFeature

STATIC_VERSION = "1"


def _number(value: int | float | None) -> str:
    return "—" if value is None else number(value)


class Renderer:
    """Renders console templates to HTML responses (one per application): each feature's
    templates and texts, then the shared layout (``base.html``, ``_ui.html``, ``error.html``)."""

    def __init__(self, tz: ZoneInfo, entity_name: str,
                 features: tuple[ConsoleFeature, ...] = ()) -> None:
        self.tz = tz
        loaders = [PackageLoader(f.package, "templates") for f in features]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, PackageLoader("nucleo.web.console", "templates")]),
            autoescape=True,  # every template, whatever its extension
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        texts = Catalogue(messages, *(f.messages for f in features))
        self.env.globals.update(m=texts, entity_name=entity_name,
                                static_version=STATIC_VERSION)
        self.env.filters.update(fecha=self.local_datetime, dia=self.local_date, numero=_number,
                                rol=lambda r: messages.ROLE_NAMES.get(r, r),
                                tipo=lambda k: messages.KIND_NAMES.get(k, k))

    def local_datetime(self, value: datetime | None) -> str:
        """A UTC timestamp as local day and time (dd/mm/aaaa hh:mm)."""
        if value is None:
            return messages.NEVER
        return value.astimezone(self.tz).strftime("%d/%m/%Y %H:%M")

    def local_date(self, value: datetime | None) -> str:
        if value is None:
            return "—"
        return value.astimezone(self.tz).strftime("%d/%m/%Y")

    def html(self, template: str, values: dict[str, Any], status: int = 200) -> HTMLResponse:
        """Render a template into a response."""
        body = self.env.get_template(template).render(**values)
        return HTMLResponse(body, status_code=status)
