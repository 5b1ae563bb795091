"""DiscourseClient against the Discourse double: idempotency, 429s, outages and garbage."""

from __future__ import annotations

import pytest

from foro.discourse.client import DiscourseClient
from foro.discourse.errors import (
    DiscourseBadResponse,
    DiscourseError,
    DiscourseNotAuthorized,
    DiscourseNotFound,
    DiscourseRateLimited,
    DiscourseRejected,
    DiscourseUnavailable,
)
from foro.discourse.policy import DiscoursePolicy
from foro.discourse.titles import safe_body, safe_title

RAW = "Propongo publicar las actas del comité de convivencia cada mes en la intranet."


async def ensure(client: DiscourseClient, n: int = 1, **overrides):
    args = {"external_id": f"valor-sugerencia-{n}", "title": safe_title(f"Actas del comité número {n}"),
            "raw": RAW, "category_id": 5, "tags": ["Honestidad", "recibida"]}
    return await client.ensure_topic(**{**args, **overrides})


def paths(double) -> list[str]:
    return [f"{r.method} {r.path}" for r in double.requests]


async def test_ensure_topic_creates_exactly_one_topic(client, discourse_double):
    first = await ensure(client)
    second = await ensure(client)
    assert first.created and not second.created
    assert (first.topic_id, first.slug) == (second.topic_id, second.slug)
    assert first.url == f"{discourse_double.base_url}/t/{first.slug}/{first.topic_id}"
    assert len(discourse_double.topics) == 1
    topic = discourse_double.topics[0]
    assert topic.external_id == "valor-sugerencia-1" and topic.tags == ["honestidad", "recibida"]
    assert paths(discourse_double) == [
        "GET /t/external_id/valor-sugerencia-1.json", "POST /posts.json",
        "GET /t/external_id/valor-sugerencia-1.json", f"GET /t/{first.topic_id}.json"]
    assert second.first_post_id == first.first_post_id


async def test_find_topic_by_external_id_returns_none_then_the_topic(client):
    assert await client.find_topic_by_external_id("valor-sugerencia-9") is None
    ref = await ensure(client, 9)
    found = await client.find_topic_by_external_id("VALOR-SUGERENCIA-9")  # Discourse ignores case
    assert found is not None and found.id == ref.topic_id and found.tags == ["honestidad", "recibida"]


async def test_ensure_topic_survives_losing_the_race(client, discourse_double, monkeypatch):
    existing = await ensure(client)
    calls = []
    original = client.find_topic_by_external_id

    async def first_lookup_misses(external_id):
        calls.append(external_id)
        return None if len(calls) == 1 else await original(external_id)

    monkeypatch.setattr(client, "find_topic_by_external_id", first_lookup_misses)
    again = await ensure(client)
    assert not again.created and again.topic_id == existing.topic_id
    assert len(discourse_double.topics) == 1


@pytest.mark.parametrize("bad", ["", "con espacio", "ñandú", "a" * 51, "x/../y", "<script>"])
async def test_invalid_external_id_is_refused_before_any_request(client, discourse_double, bad):
    with pytest.raises(DiscourseRejected) as caught:
        await ensure(client, external_id=bad)
    assert not caught.value.retryable
    assert discourse_double.requests == []


@pytest.mark.parametrize(("form", "seconds"), [("header", 7), ("json", 12)])
async def test_both_429_forms_are_waited_out(client, discourse_double, fake_time, form, seconds):
    discourse_double.rate_limit_next(form, seconds)
    ref = await ensure(client)
    assert ref.created
    assert fake_time.sleeps == [seconds]
    assert len(discourse_double.topics) == 1


async def test_json_429_prefers_wait_seconds_over_retry_after(client, discourse_double, fake_time):
    discourse_double.rate_limit_next("json", 3, with_header=True)
    await client.find_topic_by_external_id("valor-sugerencia-1")
    assert fake_time.sleeps == [3]


async def test_429_wait_pauses_every_request_of_the_client(client, discourse_double, fake_time):
    discourse_double.rate_limit_next("header", 20)
    await client.find_topic_by_external_id("a")
    fake_time.sleeps.clear()
    await client.find_topic_by_external_id("b")  # the pause is over: no more waiting
    assert fake_time.sleeps == []


async def test_429_asking_for_too_long_raises_a_retryable_error(client, discourse_double, fake_time):
    discourse_double.rate_limit_next("json", 600)
    with pytest.raises(DiscourseRateLimited) as caught:
        await ensure(client)
    assert caught.value.retryable and caught.value.retry_after == 600
    assert fake_time.sleeps == [] and discourse_double.topics == []


async def test_endless_429s_give_up_after_max_attempts(client, discourse_double, fake_time):
    for _ in range(client.policy.max_attempts):
        discourse_double.rate_limit_next("header", 2)
    with pytest.raises(DiscourseRateLimited):
        await client.find_topic_by_external_id("valor-sugerencia-1")
    assert len(discourse_double.requests) == client.policy.max_attempts


async def test_outage_raises_unavailable_then_publishes_once_back(client, discourse_double, fake_time):
    discourse_double.go_down("refuse")
    with pytest.raises(DiscourseUnavailable) as caught:
        await ensure(client)
    assert caught.value.retryable
    assert fake_time.sleeps == [0.5, 1.0, 2.0]  # GET retried with backoff, then given up
    discourse_double.come_back()
    assert (await ensure(client)).created
    assert (await ensure(client)).created is False
    assert len(discourse_double.topics) == 1


async def test_503_everywhere_is_unavailable(client, discourse_double):
    discourse_double.go_down("503")
    with pytest.raises(DiscourseUnavailable) as caught:
        await client.get_topic(1)
    assert caught.value.status == 503
    discourse_double.come_back()
    with pytest.raises(DiscourseNotFound):
        await client.get_topic(1)


async def test_500_on_a_read_is_retried(client, discourse_double, fake_time):
    ref = await ensure(client)
    discourse_double.fail_next(500)
    topic = await client.get_topic(ref.topic_id)
    assert topic.id == ref.topic_id and fake_time.sleeps == [0.5]


async def test_500_on_create_is_not_retried_blindly(client, discourse_double):
    assert await client.find_topic_by_external_id("valor-sugerencia-1") is None
    discourse_double.fail_next(500)
    with pytest.raises(DiscourseUnavailable) as caught:
        await client.create_topic(title=safe_title("Actas del comité"), raw=RAW, category_id=5,
                                  external_id="valor-sugerencia-1")
    assert caught.value.status == 500
    assert [r.method for r in discourse_double.requests].count("POST") == 1
    assert (await ensure(client)).created and len(discourse_double.topics) == 1


@pytest.mark.parametrize("kind", ["html", "wrong_shape", "truncated"])
async def test_garbage_raises_bad_response(client, discourse_double, kind):
    ref = await ensure(client)
    discourse_double.garbage_next(kind)
    with pytest.raises(DiscourseBadResponse) as caught:
        await client.get_topic(ref.topic_id)
    assert caught.value.retryable and isinstance(caught.value, DiscourseError)


async def test_garbage_after_create_is_retryable_and_does_not_double(client, discourse_double):
    await client.find_topic_by_external_id("x")
    discourse_double.garbage_next("html")
    with pytest.raises(DiscourseBadResponse):
        await client.create_topic(title=safe_title("Actas del comité"), raw=RAW, category_id=5,
                                  external_id="valor-sugerencia-1")
    # The garbage replaced the answer, so nothing was created; the outbox retries via ensure_topic.
    assert (await ensure(client)).created and len(discourse_double.topics) == 1


async def test_wrong_api_key_is_not_retryable(make_client, discourse_double):
    client = make_client(api_key="wrong")
    with pytest.raises(DiscourseNotAuthorized) as caught:
        await ensure(client)
    assert not caught.value.retryable and caught.value.status == 403


async def test_validation_errors_are_rejected_with_discourse_messages(client):
    with pytest.raises(DiscourseRejected) as caught:
        await client.create_topic(title="corto", raw=RAW, category_id=5, external_id="valor-sugerencia-1")
    assert caught.value.status == 422 and not caught.value.retryable
    assert caught.value.errors == ["Title is too short (minimum is 15 characters)"]


@pytest.mark.parametrize("text", ["", "hola", "¡¡¡CORRUPCIÓN EN CONTRATOS!!!", "<script>alert(1)</script>",
                                  "x" * 50_000, "🙂" * 30, "e\u0301tica en lo pu\u0301blico"])
async def test_nasty_suggestions_become_acceptable_topics(client, discourse_double, text):
    ref = await client.ensure_topic(external_id="valor-sugerencia-7", title=safe_title(text, reference="#7"),
                                    raw=safe_body(text), category_id=5, tags=["respeto"])
    assert ref.created and len(discourse_double.topics) == 1


async def test_same_title_twice_needs_the_reference(client):
    await ensure(client, 1, title=safe_title("Más pausas activas"))
    with pytest.raises(DiscourseRejected, match="already been used"):
        await ensure(client, 2, title=safe_title("Más pausas activas"))
    assert (await ensure(client, 2, title=safe_title("Más pausas activas", reference="#2"))).created


async def test_reply_with_marker_is_idempotent(client, discourse_double):
    ref = await ensure(client)
    answer = "Respuesta oficial de Talento Humano: adoptada. Ref. respuesta-42"
    first = await client.reply(ref.topic_id, answer, marker="respuesta-42")
    again = await client.reply(ref.topic_id, answer, marker="respuesta-42")
    assert first.id == again.id and first.post_number == 2
    assert len(discourse_double.posts) == 2


async def test_marker_is_found_beyond_the_first_twenty_posts(client, discourse_double):
    ref = await ensure(client)
    answer = "Respuesta oficial de Talento Humano: adoptada. Ref. respuesta-77"
    first = await client.reply(ref.topic_id, answer, marker="respuesta-77")
    for i in range(45):  # a busy topic: the answer is now far from the first page
        discourse_double.user_replies("maria", ref.topic_id, f"Comentario número {i} de la discusión")
    again = await client.reply(ref.topic_id, answer, marker="respuesta-77")
    assert again.id == first.id and len(discourse_double.posts) == 47
    late = await client.reply(ref.topic_id, "Otra respuesta. Ref. respuesta-78", marker="respuesta-78")
    assert await client.reply(ref.topic_id, "Otra respuesta. Ref. respuesta-78",
                              marker="respuesta-78") == late  # found on the last page
    reads = [r.path for r in discourse_double.requests if "/posts.json?" in r.path]
    assert reads and all(r.count("post_ids[]=") <= 20 for r in reads)
    assert discourse_double.violations == []


async def test_tags_status_edit_and_delete(client, discourse_double):
    ref = await ensure(client)
    reply = await client.reply(ref.topic_id, "Un comentario ofensivo que será ocultado.")
    await client.set_tags(ref.topic_id, ["Honestidad", "En análisis", "honestidad"])
    await client.set_status(ref.topic_id, "closed", True)
    await client.edit_post(reply.id, "Comentario retirado por moderación.", edit_reason="ofensivo")
    await client.delete_post(reply.id)
    topic = await client.get_topic(ref.topic_id)
    assert topic.tags == ["honestidad", "en-análisis"] and topic.closed
    assert [p.post_number for p in topic.posts] == [1]
    with pytest.raises(DiscourseNotFound):
        await client.delete_post(reply.id)


async def test_client_limiter_spaces_requests(make_client, discourse_double, fake_time):
    client = make_client(policy=DiscoursePolicy(requests_per_minute=3))
    for n in range(5):
        await client.find_topic_by_external_id(f"valor-sugerencia-{n}")
    assert fake_time.sleeps == [60.0]  # three at once, then a full window later
    assert len(discourse_double.requests) == 5


def test_from_settings_reads_valor_settings():
    from nucleo.settings import Settings

    settings = Settings(discourse_url="https://foro.example.gov.co/", discourse_api_key="k",
                        discourse_api_username="talento_humano")
    client = DiscourseClient.from_settings(settings)
    assert client.base_url == "https://foro.example.gov.co"
    assert client._http.headers["Api-Key"] == "k" and client._http.headers["Api-Username"] == "talento_humano"
