"""The bot's check-in: ``/start a<token>`` (Telegram's deep link from the session's QR, or the
web chat's ``/chat?a=<token>``) records the person's attendance once, inside the session's
window. A chat without a person goes through the consent questions first and the check-in is
completed right after the decisions are stored."""

from __future__ import annotations

from bot import messages as bot_messages
from bot.core.context import Context
from bot.core.flow import StartRoute, flow_registry
from bot.sesiones import actions, messages
from bot.sesiones.models import SensitizationSession
from nucleo.errors import DomainError
from nucleo.formats import datetime_text
from nucleo.models import PersonStatus
from nucleo.services import Services


def _escape(text: str) -> str:
    return bot_messages.escape(text)


async def _session(ctx: Context, parameter: str) -> SensitizationSession | None:
    """The session the link names, if attendance can be recorded now; otherwise say why."""
    try:
        return await actions.session_for_check_in(
            ctx.session, ctx.services.signer, parameter, now=ctx.now,
            tz=ctx.services.settings.tz)
    except DomainError as exc:
        ctx.say(_escape(exc.message))
        return None


async def start(ctx: Context, parameter: str) -> None:
    """``/start a<token>``: check the link, then record (or ask for consent first)."""
    ctx.finish()
    if ctx.person is not None:
        await _record(ctx, parameter)
        return
    row = await _session(ctx, parameter)
    if row is None:
        return
    from bot.flows import onboarding

    ctx.say(messages.CONSENT_FIRST.format(title=_escape(row.title)))
    await onboarding.review_consents(ctx, resume=parameter)


async def resume(ctx: Context, parameter: str) -> None:
    """After the consent questions: record the check-in (the window is checked again), or say
    why nothing was recorded when the person granted nothing."""
    if ctx.person is None:
        ctx.say(messages.NO_CONSENT)
        return
    await _record(ctx, parameter)


async def _record(ctx: Context, parameter: str) -> None:
    assert ctx.person is not None
    row = await _session(ctx, parameter)
    if row is None:
        return
    if ctx.person.status != PersonStatus.ACTIVA.value or ctx.person.retired_at is not None:
        ctx.say(messages.CHECK_IN_RETIRED)  # as the manual add: a retired person is not added
        return
    recorded = await actions.record_attendance(ctx.session, row, ctx.person,
                                               channel=ctx.ref.channel, now=ctx.now)
    title = _escape(row.title)
    ctx.say(messages.CHECKED_IN.format(
        title=title, when=datetime_text(row.starts_at, ctx.services.settings.tz))
        if recorded else messages.ALREADY.format(title=title))


ROUTE = StartRoute(actions.START_PREFIX, start, resume=resume)


def register(services: Services) -> None:
    """Add the check-in's ``/start`` route to the bot."""
    flow_registry(services).add_start(ROUTE)
