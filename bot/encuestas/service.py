"""How the survey reaches people: invitations through the campaign engine when it offers
``invite``, otherwise through the notifier; reminders through the notifier."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas.actions import Inviter, Notify
from bot.encuestas.models import Survey
from nucleo.errors import Conflict
from nucleo.ports import CAMPAIGNS, NOTIFIER, Button
from nucleo.services import Services

CHAT_UNAVAILABLE = "El canal de chat no está disponible: no se pueden enviar invitaciones."


def notifier_for(services: Services) -> Notify:
    notifier = services.get(NOTIFIER)
    if notifier is None:
        raise Conflict(CHAT_UNAVAILABLE)
    return notifier.notify


def inviter_for(services: Services) -> Inviter:
    """Prefer the campaign engine (rate limited and tracked); fall back to the notifier."""
    campaigns = services.get(CAMPAIGNS)
    if campaigns is not None:
        return campaigns.invite
    notify = notifier_for(services)

    async def invite(session: AsyncSession, survey: Survey, people: list[int], text: str,
                     buttons: list[list[Button]]) -> None:
        for person_id in people:
            await notify(session, person_id, text, buttons)

    return invite
