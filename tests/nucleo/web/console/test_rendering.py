"""Templates: autoescape everywhere, Bogotá times, Colombian number format."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from nucleo.web.console.rendering import Renderer


def _renderer() -> Renderer:
    return Renderer(ZoneInfo("America/Bogota"), "Alcaldía <X>")


def test_autoescape_applies_to_every_template_and_string() -> None:
    env = _renderer().env
    assert env.from_string("{{ v }}").render(v="<img src=x onerror=1>") == (
        "&lt;img src=x onerror=1&gt;")
    assert env.autoescape is True


def test_filters() -> None:
    r = _renderer()
    moment = datetime(2025, 1, 1, 3, 30, tzinfo=UTC)
    assert r.env.filters["fecha_hora"](moment) == "31 de diciembre de 2024, 10:30\u202fp.\u202fm."
    assert r.env.filters["fecha"](moment) == "31 de diciembre de 2024"
    assert r.env.filters["fecha_hora"](None) == "—"
    number = r.env.filters["numero"]
    assert number(1234567) == "1.234.567" and number(None) == "—" and number(2.5) == "2,5"
    assert r.env.filters["rol"]("talento_humano") == "Talento Humano"
    assert r.env.filters["rol"]("desconocido") == "desconocido"
