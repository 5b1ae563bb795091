"""The entity's logo or coat of arms for the generated cards: see it, upload it, remove it
(on the campaigns page; ``campañas.logo`` keeps it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from starlette.responses import FileResponse, Response

from campañas import messages as campaign_messages
from campañas.images import ImageRules, read_limited
from campañas.logo import logo_path, remove_logo, save_logo
from campañas.web import messages
from campañas.web.console.listing import list_view
from nucleo.errors import DomainError, InvalidInput, NotFound
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status

router = APIRouter(include_in_schema=False)
LOGO = "/consola/campanas/logo"
UPLOADS = {LOGO: ImageRules.max_bytes + FORM_MARGIN}  # nucleo.web.body_limit


@router.get(LOGO + ".png")
async def logo_image(console: Annotated[Console, page("campanas")]) -> Response:
    """The current logo (404 when there is none)."""
    console.only_params("v")
    path = logo_path(console.services.settings)
    if not path.exists():
        raise NotFound(messages.LOGO_NONE)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "no-cache"})


@router.post(LOGO)
async def upload_logo(console: Annotated[Console, page("campanas.crear")],
                      logo: Annotated[UploadFile | None, File()] = None) -> Response:
    """Keep the uploaded logo; a bad file comes back on the campaigns page with the reason."""
    try:
        data = await read_limited(logo, ImageRules.max_bytes) if logo and logo.filename else b""
        if not data:
            raise InvalidInput(campaign_messages.IMAGE_EMPTY, code="imagen_vacia")
        await save_logo(console.db, console.services.settings, data, actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await list_view(console, error=exc.message, status=form_status(exc))
    return await console.redirect("/consola/campanas#logo", messages.LOGO_SAVED)


@router.post(LOGO + "/quitar")
async def delete_logo(console: Annotated[Console, page("campanas.crear")]) -> Response:
    """New cards go without a logo; those already made keep theirs."""
    removed = await remove_logo(console.db, console.services.settings, actor=console.staff)
    return await console.redirect("/consola/campanas#logo",
                                  messages.LOGO_REMOVED if removed else messages.LOGO_NONE)
