"""The built-in portal seen through a browser-like client."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from foro import actions
from foro.portal import auth
from nucleo.ports import SUGGESTIONS
from tests.foro.test_render import Elements

XSS = ('<script>alert("x")</script> [clic](javascript:alert(1)) <img src=x onerror=alert(1)> '
       '<a href="javascript:alert(2)">a</a> [ok](https://ok.example)')


async def chat_suggestion(services, person_id=None, text="Charlas sobre conflicto de intereses",
                          value="honestidad"):
    async with services.db.session() as session:
        return await services.get(SUGGESTIONS).submit(
            session, text=text, value=value, person_id=person_id,
            anonymous=person_id is None, source="chat")


def assert_page_inert(html: str) -> None:
    """No script or embedded content; no event handlers or styles; links are ours or http(s)."""
    for tag, attrs in Elements(html).found:
        assert tag not in {"script", "iframe", "img", "svg", "object", "embed", "style"}, tag
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", name
            if name in ("href", "action", "src"):
                assert (value or "").startswith(("/", "#", "http://", "https://", "mailto:")), value


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the form has no CSRF token"
    return found.group(1)


async def login(api: httpx.AsyncClient, services, person_id: int) -> None:
    url = services.get(SUGGESTIONS).portal_login_link(person_id)
    confirm = await api.get(url)
    assert confirm.status_code == 200 and "Entrar" in confirm.text
    token = url.split("t=", 1)[1]
    done = await api.post("/portal/entrar", data={"t": token})
    assert done.status_code == 303 and auth.COOKIE in done.headers["set-cookie"]
    assert "httponly" in done.headers["set-cookie"].lower()
    assert "samesite=lax" in done.headers["set-cookie"].lower()


async def test_chat_suggestion_appears_in_the_portal(api, services) -> None:
    receipt = await chat_suggestion(services)
    await chat_suggestion(services, text="Premiar la diligencia", value="diligencia")
    page = await api.get("/portal")
    assert page.status_code == 200 and "Charlas sobre conflicto de intereses" in page.text
    assert '<html lang="es-CO">' in page.text and "2 sugerencias" in page.text
    filtered = await api.get("/portal", params={"valor": "honestidad", "estado": "recibida"})
    assert "Charlas" in filtered.text and "Premiar" not in filtered.text
    assert "Charlas" not in (await api.get("/portal", params={"estado": "adoptada"})).text
    assert (await api.get("/portal", params={"valor": "<script>"})).status_code == 200
    topic = await api.get(f"/portal/sugerencias/{receipt.suggestion_id}")
    assert topic.status_code == 200 and "Participante anónimo" in topic.text
    assert "Para publicar necesita ingresar" in topic.text
    assert topic.headers["content-security-policy"].startswith("default-src 'none'")
    assert topic.headers["referrer-policy"] == "no-referrer"
    assert (await api.get("/portal/sugerencias/999999")).status_code == 404
    css = await api.get("/portal/estilo.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


async def test_official_answer_and_replies_are_shown(api, services, make_person, hr) -> None:
    ana = await make_person()
    receipt = await chat_suggestion(services, person_id=ana.id)
    async with services.db.session() as session:
        await actions.start_analysis(session, services, hr, receipt.suggestion_id)
    async with services.db.session() as session:
        await actions.draft_answer(session, services, hr, receipt.suggestion_id,
                                   status="no_adoptada", text="Gracias por **proponerlo**.",
                                   reason="Ya hay un curso virtual obligatorio.")
    page = await api.get(f"/portal/sugerencias/{receipt.suggestion_id}")
    assert "Respuesta oficial" not in page.text  # a draft is not public
    async with services.db.session() as session:
        await actions.publish_answer(session, services, hr, receipt.suggestion_id)
    page = await api.get(f"/portal/sugerencias/{receipt.suggestion_id}")
    assert "Respuesta oficial de Talento Humano" in page.text
    assert "<strong>proponerlo</strong>" in page.text and "curso virtual" in page.text
    assert "No adoptada" in page.text and "Participante" in page.text


async def test_login_link_reply_and_csrf(api, services, make_person) -> None:
    ana = await make_person()
    receipt = await chat_suggestion(services)
    path = f"/portal/sugerencias/{receipt.suggestion_id}"
    refused = await api.post(f"{path}/responder", data={"texto": "Hola"})
    assert refused.status_code == 401 and "/portal" in refused.text
    await login(api, services, ana.id)
    page = await api.get(path)
    token = csrf_of(page.text)
    forged = await api.post(f"{path}/responder",
                            data={"texto": "Sin token", "csrf_token": "0" * 64})
    assert forged.status_code == 422 and "formulario venció" in forged.text
    empty = await api.post(f"{path}/responder", data={"texto": "  ", "csrf_token": token})
    assert empty.status_code == 422 and "vacía" in empty.text
    sent = await api.post(f"{path}/responder", data={"texto": XSS, "csrf_token": token})
    assert sent.status_code == 303
    page = await api.get(sent.headers["location"])
    assert "Su respuesta quedó publicada." in page.text
    assert_page_inert(page.text)
    assert "&lt;script&gt;" in page.text and 'href="https://ok.example"' in page.text
    logout = await api.post("/portal/salir", data={"csrf_token": token})
    assert logout.status_code == 303
    api.cookies.clear()
    assert (await api.post(f"{path}/responder", data={"texto": "x", "csrf_token": token})).status_code == 401


async def test_a_copied_cookie_is_dead_after_logout(api, services, make_person) -> None:
    """Issue #14 item 7: someone copies the portal cookie (shared computer, stolen from a
    proxy log...); once the person logs out, the copy no longer works."""
    ana = await make_person()
    receipt = await chat_suggestion(services)
    path = f"/portal/sugerencias/{receipt.suggestion_id}"
    await login(api, services, ana.id)
    stolen = api.cookies.get(auth.COOKIE)
    page = await api.get(path)
    stolen_token = csrf_of(page.text)
    assert "Salir" in page.text
    logout = await api.post("/portal/salir", data={"csrf_token": csrf_of(page.text)})
    assert logout.status_code == 303
    transport = httpx.ASGITransport(app=api.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as thief:
        thief.cookies.set(auth.COOKIE, stolen, path="/portal")
        assert "Salir" not in (await thief.get(path)).text
        reply = await thief.post(f"{path}/responder",
                                 data={"texto": "Soy Ana, de verdad", "csrf_token": stolen_token})
        assert reply.status_code == 401
        new = await thief.post("/portal/nueva", data={"texto": "Suplantación",
                                                      "csrf_token": stolen_token})
        assert new.status_code == 401
    async with services.db.session() as session:
        assert await services.get(SUGGESTIONS).for_person(session, ana.id) == []


async def test_new_suggestion_from_the_portal(api, services, make_person) -> None:
    ana = await make_person()
    form = await api.get("/portal/nueva")
    assert "necesita ingresar" in form.text and "<textarea" not in form.text
    await login(api, services, ana.id)
    form = await api.get("/portal/nueva")
    token = csrf_of(form.text)
    assert 'for="texto"' in form.text and 'id="texto"' in form.text  # labelled fields
    too_long = await api.post("/portal/nueva", data={"texto": "a" * 50_000, "csrf_token": token})
    assert too_long.status_code == 422 and "el máximo es 5.000" in too_long.text
    assert "a" * 100 in too_long.text  # the text is kept so nothing is lost
    sent = await api.post("/portal/nueva", data={"texto": XSS, "valor": "respeto",
                                                 "anonima": "si", "csrf_token": token})
    assert sent.status_code == 303
    page = await api.get(sent.headers["location"])
    assert "Su sugerencia quedó publicada." in page.text and "Participante anónimo" in page.text
    assert_page_inert(page.text)
    async with services.db.session() as session:
        suggestions = await services.get(SUGGESTIONS).for_person(session, ana.id)
    assert suggestions == []  # anonymous: not linked to Ana


async def test_login_link_cannot_be_used_twice_or_forged(api, services, make_person) -> None:
    ana = await make_person()
    token = services.get(SUGGESTIONS).portal_login_link(ana.id).split("t=", 1)[1]
    for _ in range(2):  # opening the link (e.g. a chat preview) does not use it up
        assert (await api.get("/portal/entrar", params={"t": token})).status_code == 200
    assert (await api.post("/portal/entrar", data={"t": token})).status_code == 303
    again = await api.post("/portal/entrar", data={"t": token})
    assert again.status_code == 400 and "ya se usó" in again.text
    bad = await api.get("/portal/entrar", params={"t": token[:-3] + "abc"})
    assert bad.status_code == 400 and "no es válido" in bad.text
    api.cookies.set(auth.COOKIE, "forged.cookie.value", path="/portal")
    assert "Salir" not in (await api.get("/portal")).text


async def test_staff_can_reply_with_a_token_or_the_console_session(api, services, hr,
                                                                     staff_headers) -> None:
    receipt = await chat_suggestion(services)
    path = f"/portal/sugerencias/{receipt.suggestion_id}"
    headers = await staff_headers("talento_humano")
    page = await api.get(path, headers=headers)
    sent = await api.post(f"{path}/responder", headers=headers,
                          data={"texto": "Gracias, lo revisamos.", "csrf_token": csrf_of(page.text)})
    assert sent.status_code == 303
    assert "<strong>Talento Humano</strong>" in (await api.get(path)).text

    async def console_session(request, session):
        return hr if request.cookies.get("consola") == "ok" else None

    api.app.state.session_staff_resolver = console_session
    api.cookies.set("consola", "ok")
    page = await api.get(path)
    assert "Salir (Talento Humano)" in page.text


async def test_hidden_suggestion_is_gone_from_the_portal(api, services, hr) -> None:
    from foro.moderation import hide_suggestion

    receipt = await chat_suggestion(services)
    async with services.db.session() as session:
        await hide_suggestion(session, services, hr, receipt.suggestion_id, "spam")
    assert (await api.get(f"/portal/sugerencias/{receipt.suggestion_id}")).status_code == 410
    assert "Charlas" not in (await api.get("/portal")).text


class Landmarks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)


@pytest.mark.parametrize("path", ["/portal", "/portal/nueva"])
async def test_pages_have_landmarks_and_no_scripts(api, path) -> None:
    page = await api.get(path)
    parser = Landmarks()
    parser.feed(page.text)
    assert {"header", "nav", "main", "footer", "h1"} <= set(parser.tags)
    assert "script" not in parser.tags
    assert 'name="viewport"' in page.text
