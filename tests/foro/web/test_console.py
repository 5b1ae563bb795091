"""Sugerencias: triage list, detail, official answer (draft, publish, notice), forum retry,
moderation, the Inicio card and the nasty cases. Suggestions are made with foro's actions."""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from bot.models import OutboxMessage
from bot.service import ensure_notifier
from foro import actions
from foro import messages as foro_messages
from foro.models import ForumOutbox, Suggestion
from foro.moderation import reply
from foro.service import install
from foro.web import messages
from nucleo.db import Database
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.web.console import messages as ui
from tests.web.console import TOKEN, ConsoleUser, LoginAs

BASE = "/consola/sugerencias"


@pytest.fixture
def services(settings: Settings, db: Database) -> Services:
    """The forum installed (built-in portal) and the bot's real outbox Notifier: a notice to a
    person becomes a ``bot_outbox`` row."""
    services = Services(settings=settings, db=db)
    ensure_notifier(services)
    install(services)
    return services


async def _person(services: Services, name: str = "Ana Pérez") -> int:
    async with services.db.session() as session:
        person = Person(full_name=name, email=f"{abs(hash(name))}@alcaldia.gov.co")
        session.add(person)
        await session.commit()
        return person.id


async def _suggest(services: Services, text: str = "Publicar las actas del comité",
                   value: str | None = "respeto", person_id: int | None = None,
                   **kwargs: object) -> int:
    async with services.db.session() as session:
        s = await actions.submit_suggestion(session, services, text=text, value=value,
                                            person_id=person_id,
                                            anonymous=person_id is None, **kwargs)
        return s.id


async def _notices(services: Services, person_id: int) -> list[str]:
    async with services.db.session() as session:
        return list(await session.scalars(select(OutboxMessage.text_html).where(
            OutboxMessage.person_id == person_id).order_by(OutboxMessage.id)))


async def _token_on(user: ConsoleUser, path: str, action: str) -> str:
    """The CSRF token of the form that posts to ``action`` on the page ``path``."""
    page = (await user.get(path)).text
    form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    match = TOKEN.search(form)
    assert match, f"no form for {action}"
    return match.group(1)


def _rows(page: httpx.Response) -> list[str]:
    body = page.text.split('id="sugerencias"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="/consola/sugerencias/(\d+)"', body)


async def test_list_filters_counts_sorts_and_pages(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    ids = [await _suggest(services, f"Sugerencia número {i}",
                          value=("respeto", "justicia", None)[i % 3]) for i in range(28)]
    for sid in ids[:4]:
        await user.post(f"{BASE}/{sid}/analizar")
    page = await user.get(BASE)
    assert page.status_code == 200
    assert "Página 1 de 2 (28 en total)" in page.text
    chips = page.text.split('class="chips"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r"Recibida <span class=\"count\">24</span>", chips)
    assert re.search(r"En análisis <span class=\"count\">4</span>", chips)
    assert _rows(page)[0] == str(ids[-1])  # newest first
    filtered = await user.get(f"{BASE}?estado=en_analisis&valor=respeto&orden=antiguas")
    assert _rows(filtered) == [str(ids[0]), str(ids[3])]
    chips = filtered.text.split('class="chips"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r"Recibida <span class=\"count\">8</span>", chips)  # counts follow the value
    second = await user.get(f"{BASE}?pagina=2")
    assert _rows(second) == [str(i) for i in ids[:3][::-1]]
    empty = await user.get(f"{BASE}?estado=adoptada")
    assert messages.NO_SUGGESTIONS in empty.text


async def test_search_the_text_keeps_the_filters(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    first = await _suggest(services, "Más capacitación sobre conflicto de intereses")
    await _suggest(services, "Publicar las actas del comité", value="justicia")
    third = await _suggest(services, "Capacitacion virtual para contratistas", value="justicia")
    page = await user.get(f"{BASE}?q=CAPACITACIÓN")
    assert sorted(_rows(page)) == sorted([str(first), str(third)])
    assert 'value="CAPACITACIÓN"' in page.text
    chips = page.text.split('class="chips"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r"Recibida <span class=\"count\">2</span>", chips)  # counts follow it
    assert "q=CAPACITACI%C3%93N" in chips  # and the chips keep it
    assert _rows(await user.get(f"{BASE}?q=capacitacion&valor=justicia")) == [str(third)]
    none = await user.get(f"{BASE}?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert none.status_code == 200 and messages.NO_SUGGESTIONS_FOUND in none.text
    assert "<script>alert(1)" not in none.text
    assert (await user.get(f"{BASE}?q=" + "x" * 201)).status_code == 400


async def test_unknown_parameters_or_values_are_400(login_as: LoginAs) -> None:
    user = await login_as("auditor")
    for query in ("depurar=1", "estado=cerrada", "valor=amor", "orden=id", "pagina=0",
                  "pagina=x", "estado=Recibida", "valor=%3Cb%3E", "estado=" + "x" * 41):
        page = await user.get(f"{BASE}?{query}")
        assert page.status_code == 400, query
        assert ui.BAD_REQUEST_TITLE in page.text and "Traceback" not in page.text
    assert (await user.get(f"{BASE}/1?depurar=1")).status_code == 400


async def test_detail_is_inert_and_shows_the_author_only_as_allowed(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("auditor")
    ana = await _person(services, "Ana <i>Pérez</i>")
    nasty = "<script>alert(1)</script> **negrita** [clic](javascript:alert(1)) 👍 مرحبا"
    named = await _suggest(services, nasty, person_id=ana)
    anonymous = await _suggest(services, "Buzón anónimo", value=None)
    forum = await _suggest(services, "Desde el foro", source="forum", forum_username="lucia_f")
    page = await user.get(f"{BASE}/{named}")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **negrita**" in page.text
    assert "<script>alert" not in page.text and "<strong>negrita" not in page.text
    assert 'href="javascript' not in page.text and "👍 مرحبا" in page.text
    assert "Ana &lt;i&gt;Pérez&lt;/i&gt;" in page.text  # the name, as the JSON API gives it
    anon = await user.get(f"{BASE}/{anonymous}")
    assert messages.AUTHOR_ANONYMOUS in anon.text and "Pérez" not in anon.text
    assert messages.AUTHOR_FORUM.format(name="lucia_f") in (await user.get(f"{BASE}/{forum}")).text
    assert messages.ANSWER_SAVE not in page.text  # the auditor reads, never acts
    assert messages.MODERATION_HIDE not in page.text


async def test_unknown_suggestion_is_a_404_page(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    page = await user.get(f"{BASE}/424242")
    assert page.status_code == 404
    assert ui.NOT_FOUND_TITLE in page.text and foro_messages.SUGGESTION_NOT_FOUND in page.text
    assert (await user.post(f"{BASE}/424242/publicar")).status_code == 404
    assert (await user.post(f"{BASE}/424242/respuesta", {"texto": "x"})).status_code == 404
    assert (await user.get(f"{BASE}/abc")).status_code == 400
    assert (await user.get(f"{BASE}/99999999999999")).status_code == 400


async def test_draft_publish_and_the_author_hears_back(login_as: LoginAs,
                                                       services: Services) -> None:
    user = await login_as("talento_humano")
    ana = await _person(services)
    sid = await _suggest(services, person_id=ana)
    analysed = await user.post(f"{BASE}/{sid}/analizar")
    assert analysed.status_code == 303 and analysed.headers["location"] == f"{BASE}/{sid}"
    draft = {"estado": "adoptada", "texto": "Las actas se publicarán cada mes.",
             "plan": "Publicarlas en la intranet", "fecha": "2026-07-01"}
    saved = await user.post(f"{BASE}/{sid}/respuesta", draft)
    assert saved.status_code == 303
    page = await user.get(f"{BASE}/{sid}")
    assert messages.ANSWER_SAVED in page.text and 'id="borrador"' in page.text
    assert "Publicarlas en la intranet</textarea>" in page.text  # the draft stays editable
    portal = await user.client.get(f"/portal/sugerencias/{sid}")
    assert "Las actas se publicarán" not in portal.text  # drafts are not public
    assert await _notices(services, ana) == []

    token = await _token_on(user, f"{BASE}/{sid}", f"{BASE}/{sid}/publicar")
    published = await user.post(f"{BASE}/{sid}/publicar", token=token)
    assert published.status_code == 303
    again = await user.post(f"{BASE}/{sid}/publicar", token=token)  # the same form again
    assert again.status_code == 409 and ui.FORM_REUSED_TITLE in again.text
    page = await user.get(f"{BASE}/{sid}")
    assert messages.PUBLISHED.format(status="Adoptada") in page.text
    assert 'id="respuesta-publicada"' in page.text and 'id="borrador"' not in page.text
    assert "Respuesta oficial publicada" in page.text
    assert "De «En análisis» a «Adoptada»" in page.text
    portal = await user.client.get(f"/portal/sugerencias/{sid}")
    assert "Las actas se publicarán cada mes." in portal.text
    notices = await _notices(services, ana)
    assert len(notices) == 1 and "Las actas se publicarán cada mes." in notices[0]
    assert "Adoptada" in notices[0] and "1 de julio de 2026" in notices[0]

    twice = await user.post(f"{BASE}/{sid}/publicar")  # a fresh form: still nothing doubles
    assert twice.status_code == 303
    assert messages.ALREADY_PUBLISHED in (await user.get(f"{BASE}/{sid}")).text
    resent = await user.post(f"{BASE}/{sid}/respuesta", draft)  # the same answer again
    assert resent.status_code == 303
    assert messages.ANSWER_UNCHANGED in (await user.get(f"{BASE}/{sid}")).text
    assert len(await _notices(services, ana)) == 1
    listing = await user.get(f"{BASE}?estado=adoptada")
    assert _rows(listing) == [str(sid)] and messages.ANSWER_PUBLISHED in listing.text


async def test_empty_huge_and_odd_answers_keep_the_draft(login_as: LoginAs,
                                                         services: Services) -> None:
    user = await login_as("admin")
    sid = await _suggest(services)
    await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis",
                                                 "texto": "Primera versión"})
    empty = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis",
                                                         "texto": " \u200b\n "})
    assert empty.status_code == 422 and foro_messages.ANSWER_EMPTY in empty.text
    assert "Primera versión" in empty.text  # the saved draft is still there
    huge = "á" * 10_001
    too_long = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis",
                                                            "texto": huge})
    assert too_long.status_code == 422 and "máximo 10.000 caracteres" in too_long.text
    assert huge in too_long.text  # what was typed comes back to be shortened
    plan = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis", "texto": "x",
                                                        "motivo": "m" * 5_001})
    assert plan.status_code == 422 and "máximo es 5.000" in plan.text
    absurd = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis",
                                                          "texto": "a" * 200_001})
    assert absurd.status_code == 400 and "Traceback" not in absurd.text
    async with services.db.session() as session:
        s = await actions.load_suggestion(session, sid)
        assert [a.text for a in s.answers] == ["Primera versión"]
    odd = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "en_analisis",
                                                       "texto": "Ética 👍 مرحبا\u202e fin"})
    assert odd.status_code == 303
    async with services.db.session() as session:
        s = await actions.load_suggestion(session, sid)
        assert s.answers[-1].text.startswith("Ética 👍 مرحبا") and "\u202e" not in s.answers[-1].text


async def test_refused_decisions_say_why_in_spanish(login_as: LoginAs,
                                                    services: Services) -> None:
    user = await login_as("talento_humano")
    sid = await _suggest(services)
    jump = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "adoptada", "texto": "Sí",
                                                       "plan": "Algo", "fecha": "2026-07-01"})
    assert jump.status_code == 409
    assert "No se puede pasar una sugerencia de «Recibida» a «Adoptada»." in jump.text
    nothing = await user.post(f"{BASE}/{sid}/publicar")
    assert nothing.status_code == 422 and foro_messages.NO_DRAFT in nothing.text
    await user.post(f"{BASE}/{sid}/analizar")
    twice = await user.post(f"{BASE}/{sid}/analizar")  # en análisis → en análisis is allowed
    assert twice.status_code == 303
    no_plan = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "adoptada",
                                                          "texto": "Lo haremos <pronto>"})
    assert no_plan.status_code == 422 and foro_messages.ADOPTED_NEEDS_PLAN in no_plan.text
    assert "Lo haremos &lt;pronto&gt;</textarea>" in no_plan.text
    bad_date = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "adoptada", "texto": "Sí",
                                                           "plan": "x", "fecha": "31/02/2026"})
    assert bad_date.status_code == 422 and "no es válida" in bad_date.text
    unknown = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "cerrada", "texto": "x"})
    assert unknown.status_code == 422 and "Estado desconocido" in unknown.text
    itself = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "ya_existe", "texto": "x",
                                                         "original": str(sid)})
    assert itself.status_code == 422 and foro_messages.DUPLICATE_OF_ITSELF in itself.text
    bad_id = await user.post(f"{BASE}/{sid}/respuesta", {"estado": "ya_existe", "texto": "x",
                                                         "original": "uno"})
    assert bad_id.status_code == 422
    async with services.db.session() as session:
        s = await actions.load_suggestion(session, sid)
        assert s.status == "en_analisis" and s.answers == []


async def test_forged_or_missing_csrf_changes_nothing(login_as: LoginAs,
                                                      services: Services) -> None:
    user = await login_as("talento_humano")
    sid = await _suggest(services)
    forged = await user.post(f"{BASE}/{sid}/analizar", token="falso.token")
    assert forged.status_code == 403 and ui.CSRF_TITLE in forged.text
    cross = await user.post(f"{BASE}/{sid}/analizar", headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    async with services.db.session() as session:
        assert (await session.get(Suggestion, sid)).status == "recibida"


async def test_moderation_hides_a_reply_or_the_suggestion(login_as: LoginAs,
                                                          services: Services) -> None:
    user = await login_as("talento_humano")
    ana, beto = await _person(services, "Ana"), await _person(services, "Beto")
    sid = await _suggest(services, person_id=ana)
    other = await _suggest(services, "Otra")
    async with services.db.session() as session:
        post = await reply(session, services, suggestion_id=sid, body="Spam <b>barato</b>",
                           person_id=beto)
    page = await user.get(f"{BASE}/{sid}")
    assert "Spam &lt;b&gt;barato&lt;/b&gt;" in page.text
    wrong = await user.post(f"{BASE}/{other}/moderar", {"motivo": "spam", "mensaje": post.id})
    assert wrong.status_code == 422 and foro_messages.POST_NOT_FOUND in wrong.text
    reason = await user.post(f"{BASE}/{sid}/moderar", {"motivo": "feo", "mensaje": post.id})
    assert reason.status_code == 422 and "Motivo de moderación desconocido" in reason.text
    hidden = await user.post(f"{BASE}/{sid}/moderar", {"motivo": "spam", "mensaje": post.id})
    assert hidden.status_code == 303
    page = await user.get(f"{BASE}/{sid}")
    assert messages.POST_HIDDEN.format(reason="spam o publicidad") in page.text
    assert len(await _notices(services, beto)) == 1
    again = await user.post(f"{BASE}/{sid}/moderar", {"motivo": "spam", "mensaje": post.id})
    assert again.status_code == 409 and foro_messages.ALREADY_HIDDEN in again.text
    asked = await user.post(f"{BASE}/{sid}/moderar", {"motivo": "no_corresponde"})
    assert asked.status_code == 200 and messages.MODERATION_CONFIRM in asked.text
    assert 'name="motivo" value="no_corresponde"' in asked.text
    assert messages.HIDDEN_BADGE not in (await user.get(f"{BASE}/{sid}")).text
    whole = await user.post(f"{BASE}/{sid}/moderar", {"motivo": "no_corresponde",
                                                       "confirmado": "1"})
    assert whole.status_code == 303
    page = await user.get(f"{BASE}/{sid}")
    assert messages.HIDDEN_BADGE in page.text and "no corresponde a este espacio" in page.text
    assert messages.MODERATION_HIDE not in page.text
    assert "Retirada por moderación" in page.text  # in the history
    assert (await user.client.get(f"/portal/sugerencias/{sid}")).status_code == 410
    told = await _notices(services, ana)
    assert len(told) == 1 and "fue retirada del foro" in told[0]
    assert messages.HIDDEN_BADGE in (await user.get(BASE)).text


async def test_failed_forum_writes_can_be_retried(login_as: LoginAs, services: Services) -> None:
    user = await login_as("admin")
    sid = await _suggest(services)
    page = await user.get(f"{BASE}/{sid}")
    assert messages.FORUM_PORTAL in page.text and messages.RETRY_SUBMIT not in page.text
    async with services.db.session() as session:  # what the outbox worker leaves on a refusal
        session.add(ForumOutbox(key=f"topic:{sid}", kind="topic", suggestion_id=sid,
                                state="fallida", attempts=1,
                                last_error="403 <b>categoría</b> inexistente"))
        await session.commit()
    page = await user.get(f"{BASE}/{sid}")
    assert messages.FORUM_FAILED_HINT.format(n=1) in page.text
    assert "403 &lt;b&gt;categoría&lt;/b&gt; inexistente" in page.text
    retried = await user.post(f"{BASE}/{sid}/reintentar")
    assert retried.status_code == 303
    page = await user.get(f"{BASE}/{sid}")
    assert messages.RETRIED.format(n=1) in page.text and messages.RETRY_SUBMIT not in page.text
    async with services.db.session() as session:
        assert await session.scalar(select(ForumOutbox.state)) == "pendiente"
        assert await session.scalar(select(func.count()).select_from(ForumOutbox)) == 1


async def test_dashboard_card_counts_by_status(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    home = await user.get("/consola/")
    assert messages.CARD_SUGGESTIONS_NONE in home.text
    for i in range(3):
        await _suggest(services, f"Idea {i}")
    await user.post(f"{BASE}/1/analizar")
    home = await user.get("/consola/")
    card = home.text.split(messages.CARD_SUGGESTIONS, 1)[1].split("</section>", 1)[0]
    assert '<p class="big">3</p>' in card and 'class="chart chart-stack"' in card
    assert "En análisis: 1" in card and f'href="{BASE}"' in card
    advisor = await login_as("asesor")
    assert messages.CARD_SUGGESTIONS not in (await advisor.get("/consola/")).text


async def test_adopted_answer_keeps_its_date(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    sid = await _suggest(services)
    await user.post(f"{BASE}/{sid}/analizar")
    await user.post(f"{BASE}/{sid}/respuesta", {"estado": "adoptada", "texto": "Sí",
                                                 "plan": "Hacerlo", "fecha": "2026-12-31"})
    async with services.db.session() as session:
        s = await actions.load_suggestion(session, sid)
        assert s.answers[-1].action_due == date(2026, 12, 31)
    assert 'value="2026-12-31"' in (await user.get(f"{BASE}/{sid}")).text
