"""Scheduling and sending: a one-off date and time or a weekly rule (Colombian time), send
now, pause, resume and cancel. Each calls the campaign action (which re-syncs the scheduler
once it commits)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.responses import Response

from campañas import actions
from campañas.web import messages
from campañas.web.console.views import describe_schedule, detail_view
from nucleo.errors import InvalidInput
from nucleo.web.console.context import Console, page
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/campanas/{campaign_id:int}"


def _local_datetime(console: Console, text: str) -> datetime:
    """A browser's datetime-local value (AAAA-MM-DDTHH:MM) read as Colombian time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(messages.SCHEDULE_BAD_DATE) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=console.services.settings.tz)
    return moment


async def _run(console: Console, campaign_id: int, work: Callable[[], Awaitable[Any]],
               typed: dict[str, Any] | None = None) -> Response | None:
    """Run an action; on a domain error, the campaign page with the Spanish reason."""
    failed = await console.attempt(work, lambda error, status: detail_view(
        console, campaign_id, error=error, status=status, typed=typed))
    return failed if isinstance(failed, Response) else None


@router.post(BASE + "/duplicar")
async def duplicate(campaign_id: Id,
                    console: Annotated[Console, page("campanas.crear")]) -> Response:
    """A new borrador from this campaign; its page opens to change what differs."""
    copy = await console.attempt(
        lambda: actions.duplicate_campaign(console.db, campaign_id=campaign_id,
                                           actor=console.staff),
        lambda error, status: detail_view(console, campaign_id, error=error, status=status))
    if isinstance(copy, Response):
        return copy
    return await console.redirect(f"/consola/campanas/{copy.id}",
                                  messages.CAMPAIGN_DUPLICATED.format(name=copy.name))


@router.post(BASE + "/canales")
async def channels(console: Annotated[Console, page("campanas.crear")], campaign_id: Id,
                   canales: Annotated[list[str] | None, Form(max_length=4)] = None) -> Response:
    """Choose the channels of a draft (none is allowed until it is scheduled or sent)."""
    failed = await _run(console, campaign_id, lambda: actions.set_channels(
        console.db, campaign_id=campaign_id, channels=canales or [], actor=console.staff),
        typed={"canales": canales or []})
    return failed or await console.redirect(f"/consola/campanas/{campaign_id}#canales",
                                            messages.CHANNELS_SAVED)


@router.post(BASE + "/programar")
async def schedule(
    console: Annotated[Console, page("campanas.programar")], campaign_id: Id,
    tipo: Annotated[str, Form(max_length=20)] = "",
    fecha: Annotated[str, Form(max_length=40)] = "",
    dia: Annotated[str, Form(max_length=20)] = "",
    hora: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Schedule a one-off send (``tipo=unica``) or a weekly one (``tipo=semanal``)."""
    settings = console.services.settings

    async def work() -> None:
        if tipo == "unica":
            await actions.schedule_campaign(
                console.db, settings=settings, campaign_id=campaign_id,
                now=console.services.clock(), send_at=_local_datetime(console, fecha),
                actor=console.staff, available=actions.available_channels(console.services))
        elif tipo == "semanal":
            await actions.schedule_campaign(
                console.db, settings=settings, campaign_id=campaign_id,
                now=console.services.clock(), actor=console.staff,
                weekly={"weekday": dia, "time": hora, "timezone": settings.timezone},
                available=actions.available_channels(console.services))
        else:
            raise InvalidInput(messages.SCHEDULE_BAD_KIND)

    failed = await _run(console, campaign_id, work,
                        {"tipo": tipo, "fecha": fecha, "dia": dia, "hora": hora})
    if failed is not None:
        return failed
    campaign = await actions.get_campaign(console.db, campaign_id)
    return await console.redirect(
        f"/consola/campanas/{campaign_id}",
        messages.SCHEDULE_DONE.format(when=describe_schedule(console, campaign)))


@router.post(BASE + "/enviar")
async def send_now(console: Annotated[Console, page("campanas.enviar")],
                   campaign_id: Id) -> Response:
    """Start sending now; the page then shows the progress."""
    runs: list[Any] = []

    async def work() -> None:
        runs.extend(await actions.send_now(
            console.db, settings=console.services.settings, campaign_id=campaign_id,
            now=console.services.clock(), actor=console.staff,
            available=actions.available_channels(console.services)))

    failed = await _run(console, campaign_id, work)
    if failed is not None:
        return failed
    return await console.redirect(
        f"/consola/campanas/{campaign_id}#progreso",
        messages.SEND_NOW_DONE.format(n=sum(r.targeted for r in runs)))


async def _control(console: Console, campaign_id: int, event: str) -> Response:
    db, now = console.db, console.services.clock()
    works = {
        "pausar": (lambda: actions.pause(db, campaign_id=campaign_id, actor=console.staff),
                   messages.PAUSED),
        "reanudar": (lambda: actions.resume(db, settings=console.services.settings,
                                            campaign_id=campaign_id, now=now,
                                            actor=console.staff), messages.RESUMED),
        "cancelar": (lambda: actions.cancel(db, campaign_id=campaign_id, now=now,
                                            actor=console.staff), messages.CANCELLED),
    }
    work, notice = works[event]
    failed = await _run(console, campaign_id, work)
    return failed or await console.redirect(f"/consola/campanas/{campaign_id}", notice)


@router.post(BASE + "/pausar")
async def pause(console: Annotated[Console, page("campanas.control")],
                campaign_id: Id) -> Response:
    """Stop taking new deliveries; those in flight finish."""
    return await _control(console, campaign_id, "pausar")


@router.post(BASE + "/reanudar")
async def resume(console: Annotated[Console, page("campanas.control")],
                 campaign_id: Id) -> Response:
    """Resume sending and the schedule."""
    return await _control(console, campaign_id, "reanudar")


@router.post(BASE + "/cancelar")
async def cancel(console: Annotated[Console, page("campanas.control")],
                 campaign_id: Id) -> Response:
    """Cancel for good."""
    return await _control(console, campaign_id, "cancelar")
