"""The SUGGESTIONS port as the bot uses it, and the wiring of the whole service."""

from __future__ import annotations

from sqlalchemy import event

from foro.portal.auth import check_login_token
from foro.queue import QUEUED
from foro.service import FORUM_BACKEND, SuggestionsService, install
from nucleo.ports import SUGGESTIONS, Suggestions
from nucleo.services import Services
from tests.fakes.waiting import eventually
from tests.foro.conftest import DiscourseSetup


async def test_port_is_registered_and_satisfies_the_protocol(services: Services) -> None:
    port = services.get(SUGGESTIONS)
    assert isinstance(port, SuggestionsService)
    typed: Suggestions = port  # the static check is the point
    assert typed is port
    assert not services.get(FORUM_BACKEND).external
    assert install(services) == []  # built-in portal: no worker


async def test_submit_then_for_person(services: Services, make_person) -> None:
    ana, beto = await make_person(), await make_person("Beto")
    port = services.get(SUGGESTIONS)
    async with services.db.session() as session:
        first = await port.submit(session, text="Charlas sobre **respeto**", value="respeto",
                                  person_id=ana.id, anonymous=False, source="chat")
        await port.submit(session, text="Idea anónima de Ana", value=None, person_id=ana.id,
                          anonymous=True, source="chat")
        await port.submit(session, text="Idea de Beto", value=None, person_id=beto.id,
                          anonymous=False, source="chat")
        second = await port.submit(session, text="Otra idea", value=None, person_id=ana.id,
                                   anonymous=False, source="portal")
    assert first.url is None  # no VALOR_PUBLIC_URL in these settings
    async with services.db.session() as session:
        mine = await port.for_person(session, ana.id)
    assert [(s.suggestion_id, s.title, s.status) for s in mine] == [
        (second.suggestion_id, "Otra idea", "Recibida"),
        (first.suggestion_id, "Charlas sobre respeto", "Recibida")]
    assert mine[0].created_on == services.clock().astimezone(services.settings.tz).date()
    async with services.db.session() as session:
        assert await port.for_person(session, 999_999) == []


async def test_a_suggestion_from_the_bot_commits_once_then_wakes_the_worker(
        forum: DiscourseSetup) -> None:
    """The dialogue core's step is the unit of work: the action inside it does not commit on
    its own, and the forum worker is woken once, after the one commit."""
    db = forum.services.db
    commits: list[int] = []
    woken: list[int] = []
    event.listen(db.engine.sync_engine, "commit", lambda _conn: commits.append(1))
    db.listen(QUEUED, lambda: woken.append(len(commits)))
    port = forum.services.get(SUGGESTIONS)
    async with db.transaction() as session:
        await port.submit(session, text="Encuesta anónima de clima ético cada semestre",
                          value="justicia", person_id=None, anonymous=True, source="chat")
        assert commits == [] and woken == []
    assert commits == [1] and woken == [1]


def test_portal_login_link_for_the_bot(services: Services) -> None:
    url = services.get(SUGGESTIONS).portal_login_link(7)
    assert url.startswith("/portal/entrar?t=")
    assert check_login_token(services.signer, url.split("t=", 1)[1]) == 7


async def test_the_service_delivers_queued_topics_when_it_starts(forum: DiscourseSetup) -> None:
    """Queued while no worker ran; a new app instance on the same DB publishes exactly one topic."""
    from api.app import create_app

    port = forum.services.get(SUGGESTIONS)
    async with forum.services.db.session() as session:
        await port.submit(session, text="Encuesta anónima de clima ético cada semestre",
                          value="justicia", person_id=None, anonymous=True, source="chat")
    fresh = Services(settings=forum.services.settings, db=forum.services.db)
    app = create_app(fresh.settings, services=fresh, migrate=False)
    async with app.router.lifespan_context(app):
        await eventually(lambda: forum.double.topics, what="the queued topic")
        assert fresh.get(SUGGESTIONS) is not None
    assert len(forum.double.topics) == 1
    assert forum.double.topics[0].tags == ["justicia", "recibida"]
