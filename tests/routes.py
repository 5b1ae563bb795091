"""The routes of an application, for tests that check every one of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def flat_routes(routes: Iterable[Any]) -> Iterator[Any]:
    """Every route, looking inside included routers (FastAPI >= 0.16x keeps them nested).
    Routers carry their prefix themselves, so a route's own path is its full path."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from flat_routes(inner.routes)
        else:
            yield route
