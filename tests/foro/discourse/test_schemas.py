"""Webhook payload schemas against the captured fixtures and nasty bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foro.discourse.schemas import PingEvent, PostEvent, TopicEvent, parse_webhook
from nucleo.errors import InvalidInput
from tests.fakes.discourse_api import DiscourseDouble

FIXTURES = Path(__file__).resolve().parents[3] / "foro" / "discourse" / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_every_fixture_parses(path):
    event = path.stem.split("__")[0]
    parsed = parse_webhook(event, path.read_bytes())
    assert parsed is not None and parsed.event == event


def test_topic_created_in_the_forum_category():
    parsed = parse_webhook("topic_created", fixture("topic_created__forum_category"))
    assert isinstance(parsed, TopicEvent)
    topic = parsed.topic
    assert (topic.id, topic.category_id, topic.external_id, topic.archetype) == (214, 5, None, "regular")
    assert topic.title == "Publicar las actas del comité de convivencia cada mes"
    assert topic.tags == ["honestidad"] and topic.created_by.username == "lmartinez"
    assert parsed.dedup_key == "topic_created:topic:214"


def test_topic_in_another_category_and_private_message():
    other = parse_webhook("topic_created", fixture("topic_created__other_category"))
    private = parse_webhook("topic_created", fixture("topic_created__private_message"))
    assert other.topic.category_id == 9
    assert private.topic.archetype == "private_message" and private.topic.category_id is None


def test_tag_objects_and_external_id_of_our_own_topic():
    parsed = parse_webhook("topic_created", fixture("topic_created__tag_objects_echo"))
    assert parsed.topic.tags == ["compromiso", "recibida"]
    assert parsed.topic.external_id == "valor-sugerencia-42" and parsed.topic.created_by.username == "system"


def test_post_created_reply_and_first_post():
    reply = parse_webhook("post_created", fixture("post_created__reply"))
    first = parse_webhook("post_created", fixture("post_created__first_post"))
    assert isinstance(reply, PostEvent)
    assert (reply.post.id, reply.post.topic_id, reply.post.post_number) == (1101, 214, 2)
    assert reply.post.username == "jcardenas" and "<script>" in reply.post.raw
    assert "<script>" not in reply.post.cooked
    assert first.post.post_number == 1 and reply.dedup_key == "post_created:post:1101"


def test_ping():
    assert isinstance(parse_webhook("ping", b'{"ping": "OK"}'), PingEvent)


def test_other_kinds_are_ignored():
    assert parse_webhook("user_created", b'{"user": {"id": 3}}') is None
    assert parse_webhook("post_liked", {"like": {"post": {}}}) is None


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b'"topic"', b"{}", b'{"topic": {}, "post": {}}', b'{"topic": null}',
    b'{"topic": {"id": "doscientos", "title": "x"}}', b'{"topic": {"id": 1}}',
    b'{"post": {"id": 1, "topic_id": 2}}', b'{"topic": {"id": 1, "title": "x", "tags": [3]}}',
    b"\xff\xfe", json.dumps({"topic": {"id": 1, "title": "x" * 10}}).encode()[:-3],
])
def test_malformed_bodies_raise_invalid_input(body):
    with pytest.raises(InvalidInput) as caught:
        parse_webhook("topic_created" if b"post" not in body else "post_created", body)
    assert caught.value.code == "webhook_invalido"


def test_event_and_body_must_agree():
    with pytest.raises(InvalidInput):
        parse_webhook("post_created", fixture("topic_created__forum_category"))


def test_missing_event_header_uses_the_body_kind():
    assert parse_webhook(None, fixture("post_created__reply")).event == "post_unknown"


def test_huge_and_odd_unicode_text_is_kept():
    body = {"topic": {"id": 1, "title": "Ética\u200b 🙂 " + "x" * 50_000}}
    assert parse_webhook("topic_created", body).topic.title.startswith("Ética\u200b 🙂")


def test_double_payloads_parse():
    double = DiscourseDouble()
    first = double.user_creates_topic("lmartinez", "Pausas activas en todas las secretarías",
                                      "Propongo pausas activas dos veces al día.", tags=("respeto",))
    topic = parse_webhook("topic_created", double.webhook_payload("topic_created", first.topic_id))
    post = parse_webhook("post_created", double.webhook_payload("post_created", first.id))
    assert topic.topic.id == first.topic_id and topic.topic.tags == ["respeto"] and topic.topic.category_id == 5
    assert post.post.raw == "Propongo pausas activas dos veces al día." and post.post.post_number == 1
