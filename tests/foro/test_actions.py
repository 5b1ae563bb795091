from datetime import date

import pytest
from sqlalchemy import func, inspect, select

from foro import actions
from foro.models import ForumOutbox, Suggestion, SuggestionAnswer
from nucleo.errors import InvalidInput, InvalidTransition, NotFound, RateLimited
from nucleo.models import AuditEntry
from nucleo.services import Services


async def submit(services: Services, **kwargs):
    async with services.db.session() as session:
        return await actions.submit_suggestion(session, services, **kwargs)


async def test_submit_keeps_author_department_and_value(services, make_person) -> None:
    ana = await make_person()
    s = await submit(services, text="  Publicar las actas del comité\nde convivencia ",
                     value="Honestidad", person_id=ana.id)
    assert (s.title, s.value, s.status, s.source) == (
        "Publicar las actas del comité", "honestidad", "recibida", "chat")
    assert s.author_person_id == ana.id and s.department_id == ana.department_id
    assert s.text == "Publicar las actas del comité\nde convivencia"


async def test_anonymous_keeps_no_link_to_the_person(services, make_person) -> None:
    ana = await make_person()
    s = await submit(services, text="Buzón anónimo de denuncias", person_id=ana.id,
                     anonymous=True)
    assert s.author_person_id is None and s.department_id is None
    async with services.db.session() as session:
        row = await session.get(Suggestion, s.id)
        stored = {c.key: getattr(row, c.key) for c in inspect(Suggestion).mapper.column_attrs}
    assert ana.id not in [v for k, v in stored.items() if k not in ("id",)]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b", None, 42, ["x"]])
async def test_empty_or_wrong_type_is_refused(services, make_person, text) -> None:
    ana = await make_person()
    with pytest.raises(InvalidInput, match="vacía"):
        await submit(services, text=text, person_id=ana.id)


@pytest.mark.parametrize("size", [5_001, 50_000, 1_000_000])
async def test_too_long_says_the_limit(services, make_person, size) -> None:
    ana = await make_person()
    with pytest.raises(InvalidInput) as error:
        await submit(services, text="a" * size, person_id=ana.id)
    assert "el máximo es 5.000" in error.value.message
    assert f"tiene {size:,}".replace(",", ".") in error.value.message


async def test_exactly_the_limit_is_fine_and_odd_unicode_is_kept(services, make_person) -> None:
    ana = await make_person()
    s = await submit(services, text="ñ" * 5_000, person_id=ana.id)
    assert len(s.text) == 5_000
    s = await submit(services, text="Ética 👍 مرحبا\u202e ‮", person_id=ana.id)
    assert s.text.startswith("Ética 👍 مرحبا") and "\u202e" not in s.text


async def test_html_is_stored_as_text(services, make_person) -> None:
    ana = await make_person()
    s = await submit(services, text="<script>alert(1)</script> [x](javascript:alert(1))",
                     person_id=ana.id)
    assert s.text == "<script>alert(1)</script> [x](javascript:alert(1))"


async def test_unknown_value_person_or_source(services, make_person) -> None:
    ana = await make_person()
    with pytest.raises(InvalidInput, match="Valor desconocido"):
        await submit(services, text="Algo", value="puntualidad", person_id=ana.id)
    with pytest.raises(NotFound):
        await submit(services, text="Algo", person_id=999_999)
    with pytest.raises(InvalidInput):
        await submit(services, text="Algo", person_id=None, anonymous=False)
    with pytest.raises(InvalidInput):
        await submit(services, text="Algo", source="fax", anonymous=True)


async def test_daily_limit_per_person(services, make_person) -> None:
    ana = await make_person()
    for n in range(actions.MAX_PER_PERSON_PER_DAY):
        await submit(services, text=f"Idea {n}", person_id=ana.id)
    with pytest.raises(RateLimited, match="mañana"):
        await submit(services, text="Una más", person_id=ana.id)


async def test_builtin_portal_queues_nothing(services, make_person) -> None:
    ana = await make_person()
    await submit(services, text="Idea", person_id=ana.id)
    async with services.db.session() as session:
        assert await session.scalar(select(func.count()).select_from(ForumOutbox)) == 0


async def decide(services, hr, suggestion_id, **answer):
    async with services.db.session() as session:
        draft = await actions.draft_answer(session, services, hr, suggestion_id, **answer)
    async with services.db.session() as session:
        return draft, await actions.publish_answer(session, services, hr, suggestion_id)


async def test_lifecycle_and_answer_reaches_author_once(services, make_person, hr,
                                                       notifier) -> None:
    ana = await make_person()
    s = await submit(services, text="Capacitar sobre conflictos de intereses", person_id=ana.id)
    async with services.db.session() as session:
        with pytest.raises(InvalidTransition):
            await actions.draft_answer(session, services, hr, s.id, status="adoptada",
                                       text="Sí", action_plan="Taller", action_due=date(2026, 6, 1))
    async with services.db.session() as session:
        await actions.start_analysis(session, services, hr, s.id)
    answer = dict(status="adoptada", text="La adoptamos <b>ya</b>.",
                  action_plan="Taller en cada dependencia", action_due=date(2026, 6, 30))
    _draft, (published, changed) = await decide(services, hr, s.id, **answer)
    assert changed and published.published_at is not None and published.revision == 1
    assert len(notifier.sent) == 1 and notifier.sent[0].person_id == ana.id
    text = notifier.sent[0].text_html
    assert "Adoptada" in text and "Taller en cada dependencia" in text and "30 de junio de 2026" in text
    assert "&lt;b&gt;ya&lt;/b&gt;" in text
    # the same answer again: no new revision, no second notice
    _, (again, changed) = await decide(services, hr, s.id, **answer)
    assert not changed and again.revision == 1 and len(notifier.sent) == 1
    async with services.db.session() as session:
        assert (await actions.load_suggestion(session, s.id)).status == "adoptada"
        assert await session.scalar(select(func.count()).select_from(SuggestionAnswer)) == 1
        actions_logged = set(await session.scalars(select(AuditEntry.action)))
    assert {"foro.sugerencia.analisis", "foro.respuesta.borrador",
            "foro.respuesta.publicada"} <= actions_logged


async def test_anonymous_author_is_not_notified(services, hr, notifier) -> None:
    s = await submit(services, text="Idea anónima", anonymous=True)
    async with services.db.session() as session:
        await actions.start_analysis(session, services, hr, s.id)
    await decide(services, hr, s.id, status="no_adoptada", text="No", reason="Presupuesto")
    assert notifier.sent == []


async def test_duplicate_must_exist_and_draft_is_updated_in_place(services, hr) -> None:
    first = await submit(services, text="Original", anonymous=True)
    s = await submit(services, text="Repetida", anonymous=True)
    async with services.db.session() as session:
        with pytest.raises(NotFound):
            await actions.draft_answer(session, services, hr, s.id, status="ya_existe",
                                       text="Ya está", duplicate_of_id=999_999)
    async with services.db.session() as session:
        d1 = await actions.draft_answer(session, services, hr, s.id, status="ya_existe",
                                        text="Ya está", duplicate_of_id=first.id)
    async with services.db.session() as session:
        d2 = await actions.draft_answer(session, services, hr, s.id, status="ya_existe",
                                        text="Ya está, mire la original", duplicate_of_id=first.id)
    assert d1.revision == d2.revision == 1 and d2.text == "Ya está, mire la original"


async def test_publish_without_draft(services, hr) -> None:
    s = await submit(services, text="Idea", anonymous=True)
    async with services.db.session() as session:
        with pytest.raises(NotFound, match="borrador"):
            await actions.publish_answer(session, services, hr, s.id)


async def test_forgetting_a_person_keeps_the_suggestion_unlinked(services, make_person) -> None:
    from sqlalchemy import delete

    from foro.models import ForumPost
    from foro.moderation import reply
    from nucleo.models import Person

    ana = await make_person()
    s = await submit(services, text="Idea firmada", person_id=ana.id)
    async with services.db.session() as session:
        post = await reply(session, services, suggestion_id=s.id, body="Y además…",
                           person_id=ana.id)
    async with services.db.session() as session:  # what the bot's /olvidarme does
        await session.execute(delete(Person).where(Person.id == ana.id))
        await session.commit()
    async with services.db.session() as session:
        kept = await session.get(Suggestion, s.id)
        kept_post = await session.get(ForumPost, post.id)
        assert kept.author_person_id is None and kept_post.author_person_id is None
        assert kept.text == "Idea firmada"


@pytest.mark.parametrize("text,title", [
    ("Pausas activas <b>cada mes</b> en la tarde", "Pausas activas cada mes en la tarde"),
    ("## Más **luz** en `bodega`", "Más luz en bodega"),
    ("Si a < b entonces <script>alert(1)</script>", "Si a < b entonces alert(1)"),
])
def test_titles_drop_markup_but_keep_plain_signs(text: str, title: str) -> None:
    from foro.actions import make_title

    assert make_title(text) == title
