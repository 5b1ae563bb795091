"""Which office should answer an escalated consultation (the ticket's ``route``).

A report about corruption or about someone's undeclared conflict (also one's own superior's)
belongs to Control Interno Disciplinario; a case that needs a legal reading of the impediment
rules goes to the legal office; everything else, and harassment (Comité de Convivencia
Laboral), stays with Talento Humano. An entry may name its route in the base (``route``).
"""

from __future__ import annotations

import enum

from .models import Entry


class Route(enum.StrEnum):
    TALENTO_HUMANO = "talento_humano"
    CONTROL_INTERNO = "control_interno_disciplinario"
    JURIDICA = "juridica"


ROUTES: tuple[str, ...] = tuple(r.value for r in Route)


def route_for(entry: Entry | None, reason: str | None) -> Route:
    """The office for a ticket, from the entry the bot matched (if any) and its reason."""
    if entry is not None and entry.route is not None:
        return Route(entry.route)
    if reason == "report":
        return Route.CONTROL_INTERNO
    if entry is not None and entry.needs_judgement:
        return Route.JURIDICA
    return Route.TALENTO_HUMANO
