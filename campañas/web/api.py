"""Campaigns API: create, add pieces, schedule, send now, pause, resume, cancel, stats,
preview and test send. Admin and talento_humano write; auditors read. Plus the public
unsubscribe link of campaign e-mails."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from campañas import actions
from campañas import messages as msg
from campañas.images import ImageRules, read_limited
from campañas.models import Campaign, Piece
from campañas.preview import get_piece, preview, preview_image, test_send
from campañas.runtime import get_runtime
from campañas.stats import campaign_stats, stats_csv
from campañas.unsubscribe import LinkState, check_token, read_token, unsubscribe
from campañas.web.api_views import CampaignOut, PieceOut, campaign_out, piece_out
from campañas.whatsapp_template import save_template
from nucleo.errors import InvalidInput
from nucleo.models import StaffAccount
from nucleo.ports import TEMPLATE_LANGUAGE, WHATSAPP_ACCOUNT
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import Id

router = APIRouter(prefix="/api/v1", tags=["campañas"])
# Routes that take an image: their body limit (nucleo.web.body_limit), the image plus the form.
UPLOADS = {"/api/v1/campaigns/{campaign_id}/pieces": ImageRules.max_bytes + FORM_MARGIN}


class CampaignIn(BaseModel):
    name: str = Field(description="Nombre de la campaña")
    value: str | None = Field(None, description="Valor (honestidad, respeto, …)")
    rotation: bool = Field(False, description="Calendario del valor de la semana (rota valores)")
    audience: dict[str, Any] | None = Field(
        None, description=(
            '{"type": "todos"} | {"type": "dependencia", "department_ids": [1, 2]} | '
            '{"type": "tipo", "kind": "servidor" | "contratista"} | '
            '{"type": "lista", "person_ids": [1, 2]} | '
            '{"type": "pendientes_bienes", "year": 2026, '
            '"declaracion": "bienes_rentas" | "ley_2013"}: quienes deben presentar esa '
            'declaración ese año y no la han presentado (bienes_rentas si se omite; año desde '
            '2019, entrada en vigor de la Ley 2013, hasta el próximo)'))
    channels: list[str] = Field(default_factory=lambda: ["telegram"])


class ChannelsIn(BaseModel):
    channels: list[str] = Field(description="telegram, correo, whatsapp; vacía: sin canales aún")


class ScheduleIn(BaseModel):
    send_at: datetime | None = Field(None, description="Un envío, con zona horaria explícita")
    weekly: dict[str, Any] | None = Field(
        None, description='Regla semanal: {"weekday": "lunes", "time": "08:00", '
                          '"timezone": "America/Bogota"}')


class WhatsAppTemplateIn(BaseModel):
    name: Any = Field(description="Nombre exacto de la plantilla aprobada en Meta")
    language: Any = Field(TEMPLATE_LANGUAGE, description="Código de idioma de Meta (es, es_CO, …)")
    parameters: Any = Field(
        default_factory=list,
        description="Qué va en {{1}}, {{2}}… del cuerpo, en orden: frase, autor, valor, nombre")


class TestSendIn(BaseModel):
    channel: str = "telegram"


class RunOut(BaseModel):
    run_id: int
    piece_id: int | None
    targeted: int


class SendNowOut(BaseModel):
    runs: list[RunOut]
    targeted: int


async def _pieces(session: SessionDep, campaign_id: int) -> list[Piece]:
    return list(await session.scalars(select(Piece).where(Piece.campaign_id == campaign_id)
                                      .order_by(Piece.position, Piece.id)))


async def _out(session: SessionDep, services: ServicesDep, campaign: Campaign) -> CampaignOut:
    return campaign_out(campaign, await _pieces(session, campaign.id),
                        get_runtime(services).next_run(campaign.id))


@router.post("/campaigns", response_model=CampaignOut, status_code=201, summary="Crear campaña")
async def create(body: CampaignIn, staff: Annotated[StaffAccount, allow("campanas.crear")],
                 session: SessionDep,
                 services: ServicesDep) -> CampaignOut:
    campaign = await actions.create_campaign(
        session, settings=services.settings, name=body.name, value=body.value,
        rotation=body.rotation, audience=body.audience, channels=body.channels, actor=staff,
        today=services.today())
    return await _out(session, services, campaign)


@router.post("/campaigns/{campaign_id}/duplicate", response_model=CampaignOut, status_code=201,
             summary="Duplicar campaña (borrador con el mismo valor, público, canales y piezas)")
async def duplicate(campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.crear")],
                    session: SessionDep, services: ServicesDep) -> CampaignOut:
    campaign = await actions.duplicate_campaign(session, campaign_id=campaign_id, actor=staff)
    return await _out(session, services, campaign)


@router.get("/campaigns", response_model=list[CampaignOut], summary="Campañas")
async def list_campaigns(_staff: Annotated[StaffAccount, allow("campanas")], session: SessionDep,
                         services: ServicesDep) -> list[CampaignOut]:
    rows = await session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(200))
    return [await _out(session, services, c) for c in rows.all()]


@router.get("/campaigns/{campaign_id}", response_model=CampaignOut, summary="Una campaña")
async def get_one(campaign_id: Id, _staff: Annotated[StaffAccount, allow("campanas")],
                  session: SessionDep,
                  services: ServicesDep) -> CampaignOut:
    return await _out(session, services, await actions.get_campaign(session, campaign_id))


@router.post("/campaigns/{campaign_id}/pieces", response_model=PieceOut, status_code=201,
             summary="Agregar una pieza (imagen opcional: sin ella se genera)")
async def add_piece(
    campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.pieza")], session: SessionDep,
    services: ServicesDep,
    phrase: Annotated[str, Form(description="Frase")],
    author: Annotated[str | None, Form(description="Autor de la frase")] = None,
    caption: Annotated[str | None, Form(description="Texto en HTML de Telegram")] = None,
    value: Annotated[str | None, Form(description="Valor de la pieza")] = None,
    buttons: Annotated[str | None, Form(description="Botones separados por |")] = None,
    image: Annotated[UploadFile | None, File(description="PNG, JPEG o WebP, máx. 10 MB")] = None,
) -> PieceOut:
    data = await read_limited(image, ImageRules.max_bytes) if image is not None else None
    if image is not None and not data:
        raise InvalidInput(msg.IMAGE_EMPTY, code="imagen_vacia")
    runtime = get_runtime(services)
    piece = await actions.add_piece(
        session, settings=services.settings, campaign_id=campaign_id, phrase=phrase,
        author=author, caption=caption, image=data, buttons=buttons, value=value, actor=staff,
        renderer=runtime.renderer)
    return piece_out(piece)


@router.post("/campaigns/{campaign_id}/schedule", response_model=CampaignOut,
             summary="Programar (un envío o una regla semanal)")
async def schedule(campaign_id: Id, body: ScheduleIn,
                   staff: Annotated[StaffAccount, allow("campanas.programar")], session: SessionDep,
                   services: ServicesDep) -> CampaignOut:
    campaign = await actions.schedule_campaign(
        session, settings=services.settings, campaign_id=campaign_id, now=services.clock(),
        send_at=body.send_at, weekly=body.weekly, actor=staff,
        available=actions.available_channels(services))
    return await _out(session, services, campaign)


@router.post("/campaigns/{campaign_id}/send-now", response_model=SendNowOut,
             summary="Enviar ya")
async def send_now(campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.enviar")],
                   session: SessionDep,
                   services: ServicesDep) -> SendNowOut:
    runs = await actions.send_now(session, settings=services.settings, campaign_id=campaign_id,
                                  now=services.clock(), actor=staff,
                                  available=actions.available_channels(services))
    return SendNowOut(runs=[RunOut(run_id=r.id, piece_id=r.piece_id, targeted=r.targeted)
                            for r in runs], targeted=sum(r.targeted for r in runs))


@router.put("/campaigns/{campaign_id}/channels", response_model=CampaignOut,
            summary="Elegir los canales de una campaña en borrador")
async def put_channels(campaign_id: Id, body: ChannelsIn,
                       staff: Annotated[StaffAccount, allow("campanas.crear")],
                       session: SessionDep, services: ServicesDep) -> CampaignOut:
    """Una campaña puede prepararse sin canales; programarla o enviarla sin ninguno responde
    422 con el código `sin_canales`. Solo en borrador (si no, 409)."""
    campaign = await actions.set_channels(session, campaign_id=campaign_id,
                                          channels=body.channels, actor=staff)
    return await _out(session, services, campaign)


@router.put("/campaigns/{campaign_id}/whatsapp-template", response_model=CampaignOut,
            summary="Registrar la plantilla de WhatsApp aprobada (nombre, idioma, parámetros)")
async def put_whatsapp_template(
        campaign_id: Id, body: WhatsAppTemplateIn,
        staff: Annotated[StaffAccount, allow("campanas.crear")], session: SessionDep,
        services: ServicesDep) -> CampaignOut:
    """Con `VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID` se comprueba antes en la lista de plantillas de
    Meta: desconocida, sin aprobar o que no encaja (encabezado de imagen, número de variables)
    es un 422 con la razón; si Meta no responde, un 409."""
    campaign = await actions.get_campaign(session, campaign_id)
    await save_template(session, account=services.get(WHATSAPP_ACCOUNT), campaign=campaign,
                        name=body.name, language=body.language, parameters=body.parameters,
                        actor=staff)
    return await _out(session, services, campaign)


@router.put("/campaigns/{campaign_id}/pieces/{piece_id}/whatsapp-template",
            response_model=PieceOut,
            summary="Plantilla de WhatsApp propia de una pieza (nombre vacío: la de la campaña)")
async def put_piece_whatsapp_template(
        campaign_id: Id, piece_id: Id, body: WhatsAppTemplateIn,
        staff: Annotated[StaffAccount, allow("campanas.crear")], session: SessionDep,
        services: ServicesDep) -> PieceOut:
    """Se comprueba en Meta como la de la campaña; `name` nulo o vacío quita la plantilla
    propia de la pieza, que vuelve a salir con la de su campaña."""
    campaign = await actions.get_campaign(session, campaign_id)
    piece = await get_piece(session, campaign_id, piece_id)
    await save_template(session, account=services.get(WHATSAPP_ACCOUNT), campaign=campaign,
                        piece=piece, name=body.name, language=body.language,
                        parameters=body.parameters, actor=staff)
    return piece_out(piece)


@router.post("/campaigns/{campaign_id}/pause", response_model=CampaignOut, summary="Pausar")
async def pause(campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.control")],
                session: SessionDep,
                services: ServicesDep) -> CampaignOut:
    campaign = await actions.pause(session, campaign_id=campaign_id, actor=staff)
    return await _out(session, services, campaign)


@router.post("/campaigns/{campaign_id}/resume", response_model=CampaignOut, summary="Reanudar")
async def resume(campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.control")],
                 session: SessionDep,
                 services: ServicesDep) -> CampaignOut:
    campaign = await actions.resume(session, settings=services.settings, campaign_id=campaign_id,
                                    now=services.clock(), actor=staff)
    return await _out(session, services, campaign)


@router.post("/campaigns/{campaign_id}/cancel", response_model=CampaignOut, summary="Cancelar")
async def cancel(campaign_id: Id, staff: Annotated[StaffAccount, allow("campanas.control")],
                 session: SessionDep,
                 services: ServicesDep) -> CampaignOut:
    campaign = await actions.cancel(session, campaign_id=campaign_id, now=services.clock(),
                                    actor=staff)
    return await _out(session, services, campaign)


@router.get("/campaigns/{campaign_id}/stats", summary="Estadísticas (JSON o CSV)",
            response_model=None)
async def stats(campaign_id: Id, request: Request,
                _staff: Annotated[StaffAccount, allow("campanas")], session: SessionDep,
                format: str | None = None) -> Response | dict[str, Any]:
    data = await campaign_stats(session, campaign_id)
    wants_csv = format == "csv" or (format is None and "text/csv" in
                                    request.headers.get("accept", ""))
    if wants_csv:
        return Response("\ufeff" + stats_csv(data), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="campana-{campaign_id}.csv"'})
    return data


@router.get("/campaigns/{campaign_id}/pieces/{piece_id}/preview",
            summary="Vista previa: imagen y texto")
async def piece_preview(campaign_id: Id, piece_id: Id,
                        _staff: Annotated[StaffAccount, allow("campanas")],
                        session: SessionDep, services: ServicesDep) -> dict[str, Any]:
    seen = await preview(session, services.settings, campaign_id, piece_id)
    return {**piece_out(seen.piece).model_dump(), "value_name": seen.value_name}


@router.get("/campaigns/{campaign_id}/pieces/{piece_id}/image", summary="Imagen de la pieza",
            response_class=FileResponse)
async def piece_image(campaign_id: Id, piece_id: Id,
                      _staff: Annotated[StaffAccount, allow("campanas")],
                      session: SessionDep, services: ServicesDep) -> FileResponse:
    image, media_type = await preview_image(session, services.settings, campaign_id, piece_id)
    return FileResponse(image, media_type=media_type)


@router.post("/campaigns/{campaign_id}/pieces/{piece_id}/test-send",
             summary="Enviar una prueba a mi Telegram o a mi correo")
async def piece_test_send(campaign_id: Id, piece_id: Id, body: TestSendIn,
                          staff: Annotated[StaffAccount, allow("campanas.prueba")],
                          session: SessionDep,
                          services: ServicesDep) -> dict[str, str]:
    text = await test_send(session, senders=get_runtime(services).senders,
                           campaign_id=campaign_id, piece_id=piece_id, staff=staff,
                           channel=body.channel)
    return {"message": text}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width"></head><body '
        f'style="font-family:sans-serif;max-width:36rem;margin:3rem auto">{body}</body></html>',
        status_code=status)


_ANSWERS = {LinkState.UNKNOWN: (msg.UNSUBSCRIBE_BAD_TOKEN, 404),
            LinkState.STALE: (msg.UNSUBSCRIBE_STALE, 410)}


@router.get("/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
async def unsubscribe_page(token: str, session: SessionDep,
                           services: ServicesDep) -> HTMLResponse:
    verdict = await check_token(session, services.signer, services.settings, token)
    if verdict is not LinkState.VALID:
        text, status = _ANSWERS[verdict]
        return _page(msg.UNSUBSCRIBE_TITLE, f"<p>{text}</p>", status)
    return _page(msg.UNSUBSCRIBE_TITLE,
                 f"<h1>{msg.UNSUBSCRIBE_TITLE}</h1><p>{msg.UNSUBSCRIBE_CONFIRM}</p>"
                 f'<form method="post"><button type="submit">{msg.UNSUBSCRIBE_BUTTON}</button>'
                 f"</form>")


@router.post("/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
async def unsubscribe_now(token: str, session: SessionDep,
                          services: ServicesDep) -> HTMLResponse:
    """Also the RFC 8058 one-click target of the List-Unsubscribe-Post header."""
    claim = read_token(services.signer, services.settings, token)
    verdict = LinkState.UNKNOWN if claim is None else await unsubscribe(session, claim)
    if verdict is not LinkState.VALID:
        text, status = _ANSWERS[verdict]
        return _page(msg.UNSUBSCRIBE_TITLE, f"<p>{text}</p>", status)
    return _page(msg.UNSUBSCRIBE_TITLE, f"<p>{msg.UNSUBSCRIBE_DONE}</p>")
