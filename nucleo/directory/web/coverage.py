"""Cobertura: per dependencia, people in the directory, linked, consenting and reachable by
each channel (counts only: no names, no ids)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.responses import Response

from nucleo.directory.coverage import coverage_by_department
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)


@router.get("/consola/directorio/cobertura")
async def coverage_page(console: Annotated[Console, page("directorio.cobertura")]) -> Response:
    """Show how much of each dependencia the service reaches and through which channel."""
    console.only_params()
    items, total = await coverage_by_department(console.db)
    return await console.render("coverage.html", items=items, total=total)
