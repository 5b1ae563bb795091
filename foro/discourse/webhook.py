"""POST /api/v1/webhooks/discourse: topics and posts written directly in the forum.

The signature (``X-Discourse-Event-Signature: sha256=<HMAC of the raw body>``) is checked
before anything is parsed or stored: missing → 401, wrong → 403. Repeats are recognised by the
ids in the payload (``topic_created:topic:214``), never by the event id, which changes on each
redelivery. Events from other categories, private messages and our own writes (the API user,
topics with our ``external_id``) are acknowledged and ignored.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.discourse.schemas import EVENT_HEADER, PostEvent, TopicEvent, parse_webhook
from foro.discourse.signature import SIGNATURE_HEADER, verify_signature
from foro.imports import import_forum_reply, import_forum_topic
from foro.links import is_our_external_id
from foro.models import ProcessedWebhook
from nucleo.errors import NotAuthenticated, PermissionDenied
from nucleo.services import Services
from nucleo.web.deps import ServicesDep
from nucleo.web.errors import error_responses

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/webhooks", tags=["foro"])


class WebhookResult(BaseModel):
    resultado: str
    """creada, respuesta, actualizada, repetida, ignorada or ping."""


@router.post("/discourse", response_model=WebhookResult, responses=error_responses(401, 403),
             summary="Webhook de Discourse")
async def discourse_webhook(request: Request, services: ServicesDep) -> WebhookResult:
    """Receive a signed Discourse webhook and turn forum topics into suggestions."""
    secret = services.settings.discourse_webhook_secret
    if secret is None or not secret.get_secret_value():
        raise PermissionDenied(messages.WEBHOOK_NOT_CONFIGURED, code="webhook_no_configurado")
    header = request.headers.get(SIGNATURE_HEADER)
    if not header:
        raise NotAuthenticated(messages.WEBHOOK_UNSIGNED, code="firma_ausente")
    raw = await request.body()  # nucleo/web/body_limit.py has refused anything over 1 MB
    if not verify_signature(secret.get_secret_value(), raw, header):
        raise PermissionDenied(messages.WEBHOOK_BAD_SIGNATURE, code="firma_invalida")
    event = parse_webhook(request.headers.get(EVENT_HEADER), raw)
    if event is None:
        return WebhookResult(resultado="ignorada")
    if not isinstance(event, (TopicEvent, PostEvent)):
        return WebhookResult(resultado="ping")
    async with services.db.session() as session:
        try:
            outcome = await handle_event(session, services, event)
            await session.commit()
        except IntegrityError:  # the same change delivered twice at the same moment
            await session.rollback()
            outcome = "repetida"
    return WebhookResult(resultado=outcome)


def _ours(services: Services, event: TopicEvent | PostEvent) -> bool:
    settings = services.settings
    if isinstance(event, TopicEvent):
        wrong_place = (event.topic.category_id != settings.discourse_category_id
                       or event.topic.archetype != "regular")
        return wrong_place or is_our_external_id(event.topic.external_id)
    post = event.post
    return (post.category_id != settings.discourse_category_id
            or (post.topic_archetype or "regular") != "regular"
            or post.username.casefold() == settings.discourse_api_username.casefold())


async def handle_event(session: AsyncSession, services: Services,
                       event: TopicEvent | PostEvent) -> str:
    """Apply one forum event (caller commits); returns what happened."""
    if event.event not in ("topic_created", "post_created") or _ours(services, event):
        return "ignorada"
    key = event.dedup_key
    if await session.scalar(select(ProcessedWebhook.id).where(ProcessedWebhook.key == key)):
        return "repetida"
    if isinstance(event, TopicEvent):
        topic = event.topic
        username = topic.created_by.username if topic.created_by else None
        _, created = await import_forum_topic(
            session, services, topic_id=topic.id, title=topic.title, username=username,
            tags=topic.tags, slug=topic.slug)
        outcome = "creada" if created else "actualizada"
    else:
        post = event.post
        if post.post_number == 1:
            _, created = await import_forum_topic(
                session, services, topic_id=post.topic_id, title=post.topic_title or "",
                username=post.username, tags=[], slug=post.topic_slug,
                first_post_raw=post.raw, first_post_id=post.id)
            outcome = "creada" if created else "actualizada"
        else:
            stored = await import_forum_reply(session, services, topic_id=post.topic_id,
                                              post_id=post.id, raw=post.raw,
                                              username=post.username)
            outcome = "respuesta" if stored else "ignorada"
    session.add(ProcessedWebhook(key=key[:120], outcome=outcome, received_at=services.clock()))
    await session.flush()
    log.info("discourse webhook %s: %s", key, outcome)
    return outcome
