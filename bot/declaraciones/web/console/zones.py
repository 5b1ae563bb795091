"""«Zonas de riesgo»: declarations and cross-check flags counted per dependencia, in a period."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from starlette.responses import Response

from bot.declaraciones import zones
from bot.declaraciones.web import messages
from bot.declaraciones.web.console.register import router
from nucleo.errors import InvalidInput
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_date

URL = "/consola/declaraciones/zonas"


@router.get(URL)
async def risk_zones(
    console: Annotated[Console, page("declaraciones.zonas")],
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """Counts per dependencia; small groups named without numbers."""
    console.only_params("desde", "hasta")
    since, until = optional_date("desde", desde), optional_date("hasta", hasta)
    try:
        found = await zones.risk_zones(console.db, since=since, until=until,
                                       tz=console.services.settings.tz)
    except InvalidInput as exc:  # «Desde» after «Hasta» (the register's own check)
        raise BadQuery(exc.message) from None
    return await console.render(
        "declarations_zones.html", zones=found, desde=desde.strip(), hasta=hasta.strip(),
        kinds=[(k, messages.DECL_KINDS_ALL[k]) for k in zones.KINDS], min_group=zones.MIN_GROUP)
