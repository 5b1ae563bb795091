"""One campaign: its page, its pieces (upload or generate the graphic, edit the text), the
preview of what people will see and the test send to oneself."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.responses import FileResponse, Response

from campañas import actions
from campañas import messages as campaign_messages
from campañas.captions import parse_telegram_html
from campañas.images import ImageRules, read_limited
from campañas.preview import preview, preview_image, preview_thumbnail, test_send
from campañas.runtime import get_runtime
from campañas.web import messages
from campañas.web.console import logo
from campañas.web.console.views import caption_preview, detail_view
from nucleo.errors import DomainError, InvalidInput
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/campanas/{campaign_id:int}"
PIECE = BASE + "/piezas/{piece_id:int}"
# nucleo.web.body_limit: the piece form and the logo's (both in api/wiring.py through this one)
UPLOADS = {BASE + "/piezas": ImageRules.max_bytes + FORM_MARGIN, **logo.UPLOADS}


@router.get(BASE)
async def campaign(console: Annotated[Console, page("campanas")], campaign_id: Id) -> Response:
    """The campaign: summary, pieces, schedule, controls, progress and stats."""
    console.only_params()
    return await detail_view(console, campaign_id)


@router.get(PIECE + "/imagen")
async def piece_image(console: Annotated[Console, page("campanas")], campaign_id: Id,
                      piece_id: Id) -> Response:
    """The piece's stored image (the one that is sent)."""
    console.only_params("v")
    image, media_type = await preview_image(console.db, console.services.settings, campaign_id,
                                            piece_id)
    return FileResponse(image, media_type=media_type)


@router.get(PIECE + "/miniatura")
async def piece_thumbnail(console: Annotated[Console, page("campanas")], campaign_id: Id,
                          piece_id: Id) -> Response:
    """The small copy of the piece's image the campaign page shows (its address names the
    image's hash, so the browser keeps it)."""
    console.only_params("v")
    path = await preview_thumbnail(console.db, console.services.settings, campaign_id,
                                   piece_id)
    return FileResponse(path, media_type="image/webp",
                        headers={"Cache-Control": "private, max-age=31536000, immutable"})


@router.get(PIECE + "/vista-previa")
async def piece_preview(console: Annotated[Console, page("campanas")], campaign_id: Id,
                        piece_id: Id) -> Response:
    """Exactly what a servant receives: image, formatted text and reaction buttons."""
    console.only_params()
    seen = await preview(console.db, console.services.settings, campaign_id, piece_id)
    campaign = await actions.get_campaign(console.db, campaign_id)
    return await console.render(
        "campaigns_preview.html", campaign=campaign, piece=seen.piece, value=seen.value_name,
        caption=caption_preview(seen.piece.caption_html),
        length=parse_telegram_html(seen.piece.caption_html).length)


@router.post(BASE + "/piezas")
async def add_piece(
    console: Annotated[Console, page("campanas.pieza")],
    campaign_id: Id,
    frase: Annotated[str, Form(max_length=20_000)] = "",
    autor: Annotated[str, Form(max_length=20_000)] = "",
    valor: Annotated[str, Form(max_length=60)] = "",
    texto: Annotated[str, Form(max_length=50_000)] = "",
    botones: Annotated[str, Form(max_length=5_000)] = "",
    imagen: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Add a piece with the uploaded image, or a generated one when no file is chosen."""
    typed = {"frase": frase, "autor": autor, "valor": valor, "texto": texto, "botones": botones}
    try:
        data = None
        if imagen is not None and imagen.filename:
            data = await read_limited(imagen, ImageRules.max_bytes)
            if not data:
                raise InvalidInput(campaign_messages.IMAGE_EMPTY, code="imagen_vacia")
        piece = await actions.add_piece(
            console.db, settings=console.services.settings, campaign_id=campaign_id,
            phrase=frase, author=autor or None, caption=texto or None, image=data,
            buttons=botones or None, value=valor or None, actor=console.staff,
            renderer=get_runtime(console.services).renderer)
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, campaign_id, error=exc.message,
                                 status=form_status(exc),
                                 typed={**typed, "form": "pieza"})
    notice = messages.PIECE_ADDED.format(n=piece.position)
    missing = get_runtime(console.services).renderer.undrawable(
        f"{piece.phrase} {piece.author or ''}") if piece.image_generated else ""
    if missing:
        notice += " " + campaign_messages.PIECE_UNDRAWABLE.format(chars=" ".join(missing))
    return await console.redirect(f"/consola/campanas/{campaign_id}#pieza-{piece.id}", notice)


@router.post(PIECE + "/texto")
async def edit_caption(
    console: Annotated[Console, page("campanas.pieza")], campaign_id: Id, piece_id: Id,
    texto: Annotated[str, Form(max_length=50_000)] = "",
) -> Response:
    """Change a piece's text before it goes out; empty puts back the default text."""
    piece = await console.attempt(
        lambda: actions.update_caption(console.db, campaign_id=campaign_id, piece_id=piece_id,
                                       caption=texto, actor=console.staff),
        lambda error, status: detail_view(console, campaign_id, error=error, status=status,
                                          typed={f"texto-{piece_id}": texto}))
    if isinstance(piece, Response):
        return piece
    return await console.redirect(f"/consola/campanas/{campaign_id}#pieza-{piece_id}",
                                  messages.PIECE_CAPTION_SAVED.format(n=piece.position))


@router.post(PIECE + "/prueba")
async def send_test(
    console: Annotated[Console, page("campanas.prueba")], campaign_id: Id, piece_id: Id,
    canal: Annotated[str, Form(max_length=20)] = "telegram",
) -> Response:
    """Send the piece, marked as a test, to the staff member's own chat or e-mail."""
    text = await console.attempt(
        lambda: test_send(console.db, senders=get_runtime(console.services).senders,
                          campaign_id=campaign_id, piece_id=piece_id, staff=console.staff,
                          channel=canal),
        lambda error, status: detail_view(console, campaign_id, error=error, status=status))
    if isinstance(text, Response):
        return text
    return await console.redirect(f"/consola/campanas/{campaign_id}#pieza-{piece_id}", text)

