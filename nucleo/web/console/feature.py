"""What a feature adds to the console; the composition root (``api.wiring``) lists them.

A feature package never registers itself: it exposes one ``ConsoleFeature`` and the wiring
hands the list to ``api.console.install``, which includes the routers, loads the templates and
the texts, mounts the static files and composes the Inicio cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from fastapi import APIRouter

if TYPE_CHECKING:  # cards need the page context, which needs the renderer, which needs this
    from nucleo.web.console.cards import Provider


@dataclass(frozen=True)
class ConsoleFeature:
    """One feature's console part: pages, templates and static files, texts and Inicio cards."""

    router: APIRouter
    package: str
    """The package whose ``templates/`` folder (and ``static/``, when ``static``) it owns."""
    messages: ModuleType
    """The feature's console catalogue; templates read it through ``m`` like the shell's."""
    cards: tuple[Provider, ...] = ()
    static: bool = False
