"""The console's Jinja2 environment: autoescape on every template, the filters of
``nucleo.formats`` for dates and numbers."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from nucleo.directory.phones import national_form
from nucleo.formats import register_filters
from nucleo.web.console import messages
from nucleo.web.console.catalogue import Catalogue
from nucleo.web.console.feature import ConsoleFeature

STATIC_VERSION = "2"


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
        register_filters(self.env, tz)
        self.env.filters.update(rol=lambda r: messages.ROLE_NAMES.get(r, r),
                                tipo=lambda k: messages.KIND_NAMES.get(k, k),
                                celular=national_form)

    def html(self, template: str, values: dict[str, Any], status: int = 200) -> HTMLResponse:
        """Render a template into a response."""
        body = self.env.get_template(template).render(**values)
        return HTMLResponse(body, status_code=status)
