"""Chat → outbox → Discourse (the double): exactly one topic through outages, restarts, 500s."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from foro import actions, moderation
from foro.models import ForumLink, ForumOutbox, ForumPost
from foro.service import FORUM_BACKEND
from nucleo.ports import SUGGESTIONS
from tests.foro.conftest import CATEGORY, DiscourseSetup, api_client, staff_token

TEXT = "Publicar cada mes las actas del comité de convivencia en la intranet"


async def send_from_chat(forum: DiscourseSetup, person_id: int | None = None,
                         text: str = TEXT, value: str | None = "Honestidad"):
    port = forum.services.get(SUGGESTIONS)
    async with forum.services.db.session() as session:
        return await port.submit(session, text=text, value=value, person_id=person_id,
                                 anonymous=person_id is None, source="chat")


async def outbox(forum: DiscourseSetup) -> list[ForumOutbox]:
    async with forum.services.db.session() as session:
        return list(await session.scalars(select(ForumOutbox).order_by(ForumOutbox.id)))


async def test_chat_suggestion_becomes_one_tagged_topic(forum: DiscourseSetup) -> None:
    receipt = await send_from_chat(forum)
    assert receipt.url == f"https://valor.example.gov.co/portal/sugerencias/{receipt.suggestion_id}"
    assert [(o.kind, o.state) for o in await outbox(forum)] == [("topic", "pendiente")]
    worker = forum.new_worker()
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    [topic] = forum.double.topics
    assert topic.category_id == CATEGORY and topic.tags == ["honestidad", "recibida"]
    assert topic.external_id.startswith("vsy-") and topic.title == TEXT
    first = forum.double.forum.posts[topic.post_ids[0]]
    assert TEXT in first.raw and "Valor: Honestidad" in first.raw
    async with forum.services.db.session() as session:
        link = await session.scalar(select(ForumLink))
    assert link.external_topic_id == topic.id and link.url.endswith(f"/{topic.id}")


async def test_an_hour_of_outage_then_exactly_one_topic_after_a_restart(forum: DiscourseSetup) -> None:
    forum.double.go_down("refuse")
    receipts = [await send_from_chat(forum, text=f"{TEXT} número {n}") for n in range(3)]
    worker = forum.new_worker()
    for _ in range(12):  # an hour of retries, five minutes apart at most
        assert await worker.run_once() == 0
        forum.clock.advance(minutes=5)
    items = await outbox(forum)
    assert all(o.state == "pendiente" for o in items)
    # only the first write knocks on the closed door; the others wait behind it
    assert items[0].attempts >= 5 and "Discourse no está disponible" in items[0].last_error
    assert items[1].attempts == items[2].attempts == 0
    await worker.backend.aclose()  # the process dies

    forum.double.come_back()
    restarted = forum.new_worker()  # a new process on the same database
    await forum.drain(restarted)
    assert len(forum.double.topics) == 3
    assert all(o.state == "enviada" for o in await outbox(forum))
    assert {r.suggestion_id for r in receipts} == {
        link.suggestion_id for link in await links(forum)}
    await restarted.backend.aclose()


async def links(forum: DiscourseSetup) -> list[ForumLink]:
    async with forum.services.db.session() as session:
        return list(await session.scalars(select(ForumLink)))


async def test_crash_after_creating_the_topic_does_not_double_it(forum: DiscourseSetup) -> None:
    await send_from_chat(forum)
    dying = forum.new_worker()
    [item] = await outbox(forum)
    assert [r.id for r in await dying.outbox.claim(forum.clock(), 1)] == [item.id]
    assert await dying.outbox.begin([item.id], forum.clock()) == [item.id]
    async with forum.services.db.session() as session:
        suggestion = await actions.load_suggestion(session, item.suggestion_id)
        await dying._deliver_topic(session, item, suggestion)  # topic created...
        await session.rollback()  # ...but the process dies before recording it
    await dying.backend.aclose()
    assert len(forum.double.topics) == 1

    restarted = forum.new_worker()
    assert await restarted.run_once() == 0  # the lease still holds
    [item] = await outbox(forum)
    assert item.state == "enviando"
    forum.clock.advance(minutes=3)  # another worker's reclaim puts the write back
    assert await restarted.run_once() == 1
    assert len(forum.double.topics) == 1 and len(await links(forum)) == 1
    await restarted.backend.aclose()


async def test_500_and_garbage_are_retried_with_backoff(forum: DiscourseSetup) -> None:
    await send_from_chat(forum)
    worker = forum.new_worker()
    forum.double.fail_next(500, times=2)  # the lookup and its one retry
    assert await worker.run_once() == 0
    [item] = await outbox(forum)
    assert item.attempts == 1 and "HTTP 500" in item.last_error
    assert (item.next_attempt_at - forum.clock()).total_seconds() == 5
    forum.clock.advance(seconds=5)
    forum.double.garbage_next("html")
    assert await worker.run_once() == 0
    [item] = await outbox(forum)
    assert item.attempts == 2 and "no se puede interpretar" in item.last_error
    assert (item.next_attempt_at - forum.clock()).total_seconds() == 10
    forum.clock.advance(seconds=10)
    forum.double.garbage_next("wrong_shape")
    await worker.run_once()
    await forum.drain(worker)
    assert len(forum.double.topics) == 1
    assert [o.state for o in await outbox(forum)] == ["enviada"]


async def test_long_429_waits_in_the_outbox_and_refusals_are_failed(forum: DiscourseSetup) -> None:
    await send_from_chat(forum)
    worker = forum.new_worker()
    forum.double.rate_limit_next("json", seconds=600)
    assert await worker.run_once() == 0
    [item] = await outbox(forum)
    assert (item.next_attempt_at - forum.clock()).total_seconds() == 600
    forum.double.api_key = "rotated-key"  # our key is now wrong: 403, retrying will not help
    forum.clock.advance(seconds=600)
    await worker.run_once()
    [item] = await outbox(forum)
    assert item.state == "fallida" and "clave de API" in item.last_error
    await worker.backend.aclose()


async def test_answer_reaches_author_and_topic_once(forum: DiscourseSetup, make_person,
                                                    hr) -> None:
    ana = await make_person()
    receipt = await send_from_chat(forum, person_id=ana.id)
    sid = receipt.suggestion_id
    worker = forum.new_worker()
    services = forum.services
    async with services.db.session() as session:
        await actions.start_analysis(session, services, hr, sid)
    for _ in range(2):  # HR presses "publish" twice
        async with services.db.session() as session:
            await actions.draft_answer(session, services, hr, sid, status="adoptada",
                                       text="La adoptamos.", action_plan="Publicarlas cada mes",
                                       action_due=date(2026, 5, 31))
        async with services.db.session() as session:
            await actions.publish_answer(session, services, hr, sid)
    await forum.drain(worker)
    [topic] = forum.double.topics
    posts = [forum.double.forum.posts[i] for i in topic.post_ids]
    answers = [p for p in posts if "Respuesta oficial" in p.raw]
    assert len(answers) == 1 and answers[0].username == "system"
    assert "**Adoptada**" in answers[0].raw and "Publicarlas cada mes" in answers[0].raw
    assert "31 de mayo de 2026" in answers[0].raw
    assert topic.tags == ["honestidad", "adoptada"]
    assert len(forum.notifier.sent) == 1 and forum.notifier.sent[0].person_id == ana.id
    assert "Adoptada" in forum.notifier.sent[0].text_html

    # the answer write delivered again (a crash before it was recorded): the marker finds the post
    async with services.db.session() as session:
        item = await session.scalar(select(ForumOutbox).where(ForumOutbox.kind == "answer"))
        item.state = "pendiente"
        await session.commit()
    await forum.drain(worker)
    assert sum("Respuesta oficial" in forum.double.forum.posts[i].raw for i in topic.post_ids) == 1
    await worker.backend.aclose()


async def test_tags_keep_what_people_added(forum: DiscourseSetup, hr) -> None:
    receipt = await send_from_chat(forum)
    worker = forum.new_worker()
    await forum.drain(worker)
    [topic] = forum.double.topics
    topic.tags = ["honestidad", "recibida", "actas"]
    async with forum.services.db.session() as session:
        await actions.start_analysis(session, forum.services, hr, receipt.suggestion_id)
    await forum.drain(worker)
    assert topic.tags == ["honestidad", "en-analisis", "actas"]
    await worker.backend.aclose()


async def test_replies_and_moderation_reach_discourse(forum: DiscourseSetup, make_person,
                                                      hr) -> None:
    ana = await make_person()
    receipt = await send_from_chat(forum, person_id=ana.id)
    services = forum.services
    async with services.db.session() as session:
        kept = await moderation.reply(session, services, suggestion_id=receipt.suggestion_id,
                                      body="Estoy de acuerdo, y en cartelera también.",
                                      person_id=ana.id)
    async with services.db.session() as session:
        spam = await moderation.reply(session, services, suggestion_id=receipt.suggestion_id,
                                      body="Compre seguidores baratos en mi página web",
                                      person_id=ana.id)
    worker = forum.new_worker()
    await forum.drain(worker)
    [_topic] = forum.double.topics
    assert len(forum.double.posts) == 3
    async with services.db.session() as session:
        await moderation.hide_post(session, services, hr, spam.id, "spam")
    await forum.drain(worker)
    bodies = [p.raw for p in forum.double.posts]
    assert any("cartelera" in b for b in bodies) and not any("seguidores" in b for b in bodies)
    assert forum.notifier.sent[-1].person_id == ana.id and "spam" in forum.notifier.sent[-1].text_html
    async with services.db.session() as session:
        assert (await session.get(ForumPost, kept.id)).external_post_id is not None
        await moderation.hide_suggestion(session, services, hr, receipt.suggestion_id,
                                         "no corresponde")
    await forum.drain(worker)
    assert forum.double.topics == []
    assert all(o.state == "enviada" for o in await outbox(forum))
    await worker.backend.aclose()


async def test_hidden_before_delivery_never_reaches_discourse(forum: DiscourseSetup, hr) -> None:
    receipt = await send_from_chat(forum)
    async with forum.services.db.session() as session:
        await moderation.hide_suggestion(session, forum.services, hr, receipt.suggestion_id,
                                         "ofensivo")
    await forum.drain(forum.new_worker())
    assert forum.double.topics == [] and forum.double.requests == []


async def test_backend_is_discourse_when_configured(forum: DiscourseSetup) -> None:
    assert forum.services.get(FORUM_BACKEND).external


async def test_same_title_gets_a_reference_and_failed_writes_can_be_retried(
        forum: DiscourseSetup, hr) -> None:
    await send_from_chat(forum)
    second = await send_from_chat(forum)  # same text, same title
    worker = forum.new_worker()
    await forum.drain(worker)
    titles = sorted(t.title for t in forum.double.topics)
    assert len(titles) == 2 and titles[0] == TEXT and titles[1].startswith(TEXT + " (VSY-")

    forum.double.api_key = "rotated-key"
    async with forum.services.db.session() as session:
        await actions.start_analysis(session, forum.services, hr, second.suggestion_id)
    await forum.drain(worker)
    assert [o.state for o in await outbox(forum)][-1] == "fallida"
    forum.double.api_key = "test-api-key"
    async with await api_client(forum.services) as client:
        response = await client.post(f"/api/v1/suggestions/{second.suggestion_id}/forum-retry",
                                     headers=staff_token(forum.services, hr))
    assert response.status_code == 200, response.text
    assert response.json()["forum_writes"][-1]["state"] == "pendiente"
    await forum.drain(worker)
    assert all(o.state == "enviada" for o in await outbox(forum))
    await worker.backend.aclose()

