"""The triage list: filter by status and value, counts per status, sorted and paginated."""

from __future__ import annotations

import math
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from starlette.responses import Response

from foro import messages as foro_messages
from foro.queries import count_by_status, list_suggestions
from foro.web import messages
from foro.web.console.bulk import BULK
from nucleo.web.console import messages as ui
from nucleo.web.console.bulk import offered
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
PARAMS = ("q", "estado", "valor", "orden", "pagina")
Sort = Literal["recientes", "antiguas", "actualizadas"]
ORDERS = {"recientes": "newest", "antiguas": "oldest", "actualizadas": "updated"}


def choice(name: str, value: str, allowed: dict[str, str]) -> str | None:
    """An exact key of ``allowed``; None when empty; anything else is a 400."""
    value = value.strip()
    if not value:
        return None
    if value not in allowed:
        raise BadQuery(ui.BAD_VALUE.format(name=name))
    return value


def list_url(status: str | None, value: str | None, sort: str, page_no: int = 1,
             q: str = "") -> str:
    """The list's address with these filters (defaults left out)."""
    params = {"q": q, "estado": status, "valor": value,
              "orden": sort if sort != "recientes" else None,
              "pagina": page_no if page_no > 1 else None}
    query = urlencode({k: v for k, v in params.items() if v})
    return "/consola/sugerencias" + ("?" + query if query else "")


@router.get("/consola/sugerencias")
async def suggestions(
    console: Annotated[Console, page("sugerencias")],
    q: Annotated[str, Query(max_length=200)] = "",
    estado: Annotated[str, Query(max_length=40)] = "",
    valor: Annotated[str, Query(max_length=40)] = "",
    orden: Sort = "recientes",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Suggestions (hidden ones too, marked), with the counts per status for the chosen value
    and search."""
    console.only_params(*PARAMS)
    q = q.strip()
    status = choice("estado", estado, foro_messages.STATUS_LABELS)
    value = choice("valor", valor, foro_messages.VALUE_LABELS)
    found = await list_suggestions(console.db, status=status, value=value, include_hidden=True,
                                   order=ORDERS[orden], limit=PAGE_SIZE,
                                   offset=(pagina - 1) * PAGE_SIZE, q=q)
    counts = await count_by_status(console.db, value=value, q=q)
    pages = max(1, math.ceil(found.total / PAGE_SIZE))
    statuses = [(key, label, counts.get(key, 0))
                for key, label in foro_messages.STATUS_LABELS.items()]
    return await console.render(
        "suggestions.html", items=found.items, total=found.total, page_no=min(pagina, pages),
        pages=pages, url=lambda n: list_url(status, value, orden, n, q),
        chosen_status=status, chosen_value=value, sort=orden, statuses=statuses, q=q,
        all_count=sum(counts.values()),
        status_url=lambda key: list_url(key, value, orden, q=q),
        status_options=[("", messages.ALL_STATUSES), *foro_messages.STATUS_LABELS.items()],
        value_options=[("", messages.ALL_VALUES), *foro_messages.VALUE_LABELS.items()],
        sorts=list(messages.SUGGESTION_SORTS.items()), labels=labels(), bulk=offered(console, BULK))


def labels() -> dict[str, dict[str, str]]:
    """The foro's Spanish names of statuses, values, sources and reasons, for templates."""
    return {"status": foro_messages.STATUS_LABELS, "value": foro_messages.VALUE_LABELS,
            "source": foro_messages.SOURCE_LABELS, "reason": foro_messages.MODERATION_REASONS}
