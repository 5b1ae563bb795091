"""Reading suggestions: order, counts per status, and moderation's "is this reply here?"."""

import pytest

from foro import actions, moderation
from foro.models import Suggestion
from foro.queries import count_by_status, list_suggestions
from nucleo.errors import NotFound
from nucleo.services import Services


async def _three(services: Services, hr) -> list[int]:
    ids = []
    async with services.db.session() as session:
        for text, value in (("Uno", "respeto"), ("Dos", "respeto"), ("Tres", "justicia")):
            s = await actions.submit_suggestion(session, services, text=text, value=value,
                                                anonymous=True)
            ids.append(s.id)
        await actions.start_analysis(session, services, hr, ids[0])
    return ids


async def test_order_and_counts(services, hr) -> None:
    ids = await _three(services, hr)
    async with services.db.session() as session:
        newest = await list_suggestions(session)
        oldest = await list_suggestions(session, order="oldest")
        updated = await list_suggestions(session, order="updated", limit=1)
        assert [s.id for s in newest.items] == ids[::-1]
        assert [s.id for s in oldest.items] == ids
        assert updated.total == 3 and len(updated.items) == 1
        assert await count_by_status(session) == {"recibida": 2, "en_analisis": 1}
        assert await count_by_status(session, value="respeto") == {"recibida": 1,
                                                                    "en_analisis": 1}


async def test_hiding_a_reply_of_another_suggestion_is_not_found(
        services, hr, make_person) -> None:
    ids = await _three(services, hr)
    ana = await make_person()
    async with services.db.session() as session:
        post = await moderation.reply(session, services, suggestion_id=ids[0], body="Hola",
                                      person_id=ana.id)
        with pytest.raises(NotFound):
            await moderation.hide_post(session, services, hr, post.id, "spam",
                                       suggestion_id=ids[1])
        hidden = await moderation.hide_post(session, services, hr, post.id, "spam",
                                            suggestion_id=ids[0])
        assert hidden.hidden_reason == "spam"


async def test_search_words_in_title_or_text_whatever_the_accents(services, hr) -> None:
    texts = ("Publicar las sanciones del comité", "Capacitación sobre conflicto de interés",
             "Cajas de sugerencias en la sede", "Descuento del 100% en la cafetería_norte")
    async with services.db.session() as session:
        ids = [(await actions.submit_suggestion(session, services, text=t, value=None,
                                                anonymous=True)).id for t in texts]

        async def found(q: str) -> list[int]:
            return sorted(s.id for s in (await list_suggestions(session, q=q)).items)

        assert await found("SANCIÓN") == await found("sancion") == [ids[0]]
        assert await found("  Comite   SANCIONES ") == [ids[0]]  # every word, any order
        assert await found("interes capacitacion") == [ids[1]]
        assert await found("sede cafetería") == []
        assert await found("%") == [ids[3]] and await found("_") == [ids[3]]  # only text
        assert await found("") == sorted(ids) and await found("👍") == []
        assert await count_by_status(session, q="en") == {"recibida": 2}
        edited = await session.get(Suggestion, ids[2])
        edited.text = "Buzón físico en cada piso"
        await session.commit()
        assert await found("buzon") == [ids[2]] and await found("cajas") == [ids[2]]  # title kept
