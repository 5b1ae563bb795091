"""A dependencia's QR poster (PNG or PDF) for the sensitization sessions."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter
from starlette.responses import Response

from campañas import messages as msg
from campañas.carteles import department_poster, poster_pdf, poster_png
from nucleo.directory.start_link import bot_start_url, department_start
from nucleo.errors import Conflict, NotFound
from nucleo.models import Department
from nucleo.web.console.context import Console, page
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
MEDIA = {"png": "image/png", "pdf": "application/pdf"}


@router.get("/consola/directorio/dependencias/{department_id:int}/cartel.{fmt}")
async def poster(console: Annotated[Console, page("directorio.cartel")], department_id: Id,
                 fmt: Literal["png", "pdf"]) -> Response:
    """Draw the poster whose QR opens the bot with this dependencia preselected."""
    console.only_params()
    department = await console.db.get(Department, department_id)
    if department is None:
        raise NotFound(msg.POSTER_NO_DEPARTMENT)
    settings = console.services.settings
    if not settings.telegram_bot_username:
        raise Conflict(msg.POSTER_NO_BOT)
    url = bot_start_url(settings.telegram_bot_username,
                        department_start(console.services.signer, department.id))
    content = department_poster(department.name, settings.entity_name, url,
                                settings.telegram_bot_username)
    draw = poster_png if fmt == "png" else poster_pdf
    data = await asyncio.to_thread(draw, content)  # CPU-bound: off the event loop
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="cartel-dependencia-{department.id}.{fmt}"'})
