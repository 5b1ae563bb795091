"""The forum as the rest of the service sees it: the SUGGESTIONS port and the wiring.

``install(services)`` registers ``SuggestionsService`` under ``nucleo.ports.SUGGESTIONS`` and
the configured ``ForumBackend`` under ``FORUM_BACKEND``, and returns the outbox worker when the
forum is external (Discourse).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.actions import submit_suggestion
from foro.backends import ForumBackend, PortalBackend
from foro.links import suggestion_url
from foro.models import Suggestion
from foro.portal.auth import portal_login_link
from foro.queue import QUEUED
from nucleo.lifecycle import Component
from nucleo.ports import SUGGESTIONS, SuggestionReceipt, SuggestionSummary
from nucleo.services import Key, Services

FORUM_BACKEND: Key[ForumBackend] = Key("forum_backend")
MAX_LISTED = 50


class SuggestionsService:
    """Implements ``nucleo.ports.Suggestions`` for the bot ("Enviar una sugerencia",
    ``/missugerencias``) and offers the ``/portal`` login link."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def submit(self, session: AsyncSession, *, text: str, value: str | None,
                     person_id: int | None, anonymous: bool,
                     source: Literal["chat", "portal", "forum"]) -> SuggestionReceipt:
        """Record a suggestion (an action: it commits, or only flushes inside the dialogue
        core's unit of work); raises InvalidInput (Spanish message) on bad text.

        ``url`` is the suggestion's page (it leads to the Discourse topic once published), or
        None when ``VALOR_PUBLIC_URL`` is not set.
        """
        suggestion = await submit_suggestion(
            session, self.services, text=text, value=value, person_id=person_id,
            anonymous=anonymous, source=source)
        return SuggestionReceipt(suggestion.id, suggestion_url(self.services.settings,
                                                               suggestion.id))

    async def for_person(self, session: AsyncSession,
                         person_id: int) -> list[SuggestionSummary]:
        """The person's own suggestions, newest first (anonymous ones cannot be listed: nothing
        links them to anyone). ``status`` is the Spanish label, e.g. "En análisis"."""
        rows = await session.scalars(
            select(Suggestion).where(Suggestion.author_person_id == person_id)
            .order_by(Suggestion.id.desc()).limit(MAX_LISTED))
        tz = self.services.settings.tz
        return [SuggestionSummary(
            suggestion_id=s.id, title=s.title, status=messages.STATUS_LABELS[s.status],
            url=suggestion_url(self.services.settings, s.id),
            created_on=s.created_at.astimezone(tz).date()) for s in rows]

    def portal_login_link(self, person_id: int, nonce: int | None = None) -> str:
        """A signed, single-use link (30 minutes) that logs the person into the portal."""
        return portal_login_link(self.services.settings, self.services.signer, person_id,
                                 nonce=nonce)


def forum_backend(services: Services) -> ForumBackend:
    """The configured backend (built once per Services): Discourse when its URL is set."""
    def build() -> ForumBackend:
        if services.settings.discourse_enabled:
            from foro.discourse.backend import DiscourseBackend

            return DiscourseBackend.from_settings(services.settings)
        return PortalBackend(services.settings)

    return services.setdefault(FORUM_BACKEND, build)


def install(services: Services) -> list[Component]:
    """Register the port and the backend; return the outbox worker when one is needed."""
    services.setdefault(SUGGESTIONS, lambda: SuggestionsService(services))
    backend = forum_backend(services)
    if not backend.external:
        return []
    from foro.worker import OutboxWorker

    worker = OutboxWorker(services, backend)
    services.db.listen(QUEUED, worker.wake)
    return [worker]
