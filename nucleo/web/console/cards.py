"""The box of the Inicio page every feature's card provider returns (kept apart from
``dashboard.py``, which imports the providers)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from nucleo.web.console.context import Console


@dataclass
class Card:
    """One box of the Inicio page."""

    title: str
    big: str | None = None
    lines: list[tuple[str, str]] = field(default_factory=list)
    chart: Markup | None = None
    data: list[tuple[str, str]] = field(default_factory=list)
    placeholder: str | None = None
    link: tuple[str, str] | None = None
    wide: bool = False


Provider = Callable[[Console], Awaitable[Card | None]]
