"""Inicio: the dashboard."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.responses import Response

from api.console.dashboard import build_cards
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)


@router.get("/consola/")
async def home(console: Annotated[Console, page("inicio")]) -> Response:
    """Show the dashboard cards this role may see."""
    console.only_params()
    return await console.render("home.html", cards=await build_cards(
        console, console.request.app.state.console_cards))
