"""Topics written directly in Discourse come back as suggestions, through signed webhooks."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from foro.models import ForumLink, ForumPost, ProcessedWebhook, Suggestion
from tests.foro.conftest import DiscourseSetup, api_client

URL = "/api/v1/webhooks/discourse"
RAW = "Propongo que cada dependencia tenga un gestor de integridad con tiempo asignado."


@pytest.fixture
async def client(forum: DiscourseSetup) -> AsyncIterator[httpx.AsyncClient]:
    async with await api_client(forum.services) as client:
        yield client


async def counts(forum: DiscourseSetup) -> tuple[int, int, int]:
    async with forum.services.db.session() as session:
        return tuple([await session.scalar(select(func.count()).select_from(model)) or 0
                      for model in (Suggestion, ForumPost, ProcessedWebhook)])


async def send(forum: DiscourseSetup, client: httpx.AsyncClient, event: str, object_id: int,
               **options) -> httpx.Response:
    payload = forum.double.webhook_payload(event, object_id)
    return await forum.double.asend_webhook(client, URL, event, payload, **options)


async def test_topic_created_in_the_forum_becomes_a_suggestion(forum, client) -> None:
    first = forum.double.user_creates_topic("lmartinez", "Un gestor de integridad por dependencia",
                                            RAW, tags=("diligencia",))
    response = await send(forum, client, "topic_created", first.topic_id)
    assert response.status_code == 200 and response.json() == {"resultado": "creada"}
    response = await send(forum, client, "post_created", first.id)
    assert response.json() == {"resultado": "actualizada"}
    async with forum.services.db.session() as session:
        s = await session.scalar(select(Suggestion))
        link = await session.scalar(select(ForumLink))
    assert (s.source, s.value, s.status, s.author_person_id) == ("forum", "diligencia",
                                                                 "recibida", None)
    assert s.title == "Un gestor de integridad por dependencia" and s.text == RAW
    assert s.forum_username == "lmartinez" and link.external_topic_id == first.topic_id
    # a reply in the forum lands under it
    reply = forum.double.user_replies("jgomez", first.topic_id, "De acuerdo, con horas en el plan.")
    assert (await send(forum, client, "post_created", reply.id)).json() == {"resultado": "respuesta"}
    assert await counts(forum) == (1, 1, 3)


async def test_first_post_before_topic_event_converges(forum, client) -> None:
    first = forum.double.user_creates_topic("lmartinez", "Un gestor de integridad por dependencia", RAW)
    assert (await send(forum, client, "post_created", first.id)).json() == {"resultado": "creada"}
    assert (await send(forum, client, "topic_created", first.topic_id)).json() == {
        "resultado": "actualizada"}
    assert (await counts(forum))[0] == 1


async def test_replayed_webhook_is_ignored_even_with_a_new_event_id(forum, client) -> None:
    first = forum.double.user_creates_topic("lmartinez", "Un gestor de integridad por dependencia", RAW)
    await send(forum, client, "topic_created", first.topic_id, event_id=1)
    again = await send(forum, client, "topic_created", first.topic_id, event_id=2)
    assert again.status_code == 200 and again.json() == {"resultado": "repetida"}
    assert (await counts(forum))[0] == 1


@pytest.mark.parametrize("signature,status", [("missing", 401), ("bad", 403),
                                               ("sha256=zz", 403), ("md5=abc", 403),
                                               ("sha256=" + "0" * 64, 403)])
async def test_unsigned_or_wrongly_signed_changes_nothing(forum, client, signature, status) -> None:
    first = forum.double.user_creates_topic("lmartinez", "Un gestor de integridad por dependencia", RAW)
    response = await send(forum, client, "topic_created", first.topic_id, signature=signature)
    assert response.status_code == status
    assert response.json()["error"]["message"]
    assert await counts(forum) == (0, 0, 0)


async def test_signature_is_over_the_raw_body(forum, client) -> None:
    first = forum.double.user_creates_topic("lmartinez", "Un gestor de integridad por dependencia", RAW)
    delivery = forum.double.build_webhook("topic_created",
                                          forum.double.webhook_payload("topic_created", first.topic_id))
    reencoded = json.dumps(json.loads(delivery.body), indent=2).encode()  # same JSON, other bytes
    response = await client.post(URL, content=reencoded, headers=delivery.headers)
    assert response.status_code == 403 and await counts(forum) == (0, 0, 0)


async def test_other_categories_private_messages_and_our_echoes_are_ignored(forum, client) -> None:
    other = forum.double.user_creates_topic("lmartinez", "Venta de empanadas el viernes", RAW,
                                            category_id=9)
    assert (await send(forum, client, "topic_created", other.topic_id)).json() == {
        "resultado": "ignorada"}
    assert (await send(forum, client, "post_created", other.id)).json() == {"resultado": "ignorada"}
    # our own topic (created by the outbox) echoes back: ignored
    port = forum.services.get("suggestions")
    async with forum.services.db.session() as session:
        await port.submit(session, text="Ideas para la semana de la integridad", value=None,
                          person_id=None, anonymous=True, source="chat")
    await forum.drain(forum.new_worker())
    [ours] = forum.double.topics[-1:]
    assert (await send(forum, client, "topic_created", ours.id)).json() == {"resultado": "ignorada"}
    assert (await send(forum, client, "post_created", ours.post_ids[0])).json() == {
        "resultado": "ignorada"}
    assert await counts(forum) == (1, 0, 0)


async def test_garbage_and_other_events(forum, client) -> None:
    not_json = await forum.double.asend_webhook(client, URL, "topic_created", b"{not json")
    assert not_json.status_code == 422
    wrong = await forum.double.asend_webhook(client, URL, "topic_created", {"topic": {"id": "x"}})
    assert wrong.status_code == 422
    ping = await forum.double.asend_webhook(client, URL, "ping", {"ping": "OK"})
    assert ping.json() == {"resultado": "ping"}
    user = await forum.double.asend_webhook(client, URL, "user_created", {"user": {"id": 1}})
    assert user.status_code == 200 and user.json() == {"resultado": "ignorada"}
    assert await counts(forum) == (0, 0, 0)


async def test_not_configured_refuses(api: httpx.AsyncClient) -> None:
    response = await api.post(URL, content=b"{}", headers={
        "X-Discourse-Event-Signature": "sha256=" + "0" * 64})
    assert response.status_code == 403
    assert "VALOR_DISCOURSE_WEBHOOK_SECRET" in response.json()["error"]["message"]


async def test_huge_body_is_refused_before_reading(forum, client) -> None:
    body = b'{"topic": {"id": 1, "title": "' + b"x" * 1_100_000 + b'"}}'
    delivery = forum.double.build_webhook("topic_created", body)
    response = await client.post(URL, content=delivery.body, headers=delivery.headers)
    assert response.status_code == 413 and response.json()["error"]["code"] == "demasiado_grande"
    assert await counts(forum) == (0, 0, 0)
