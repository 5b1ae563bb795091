"""The web chat through HTTP: page, cookie, the same flows, polling, rate limit, bad input."""

from __future__ import annotations

import httpx
from PIL import Image
from sqlalchemy import select

from bot import messages
from bot.core.flood import FloodControl
from bot.encuestas import messages as survey_messages
from bot.models import WebMessage
from bot.notify import OutboxNotifier, OutboxWorker
from bot.service import dialogue_core
from bot.web.routes import LIMITS, WebLimits
from nucleo.models import Consent, Person
from nucleo.ports import CAMPAIGNS
from nucleo.services import Services
from tests.bot.fakes import FakeCampaigns, a_piece
from tests.bot.helpers import count_rows


async def say(api: httpx.AsyncClient, **body: str) -> list[dict]:
    response = await api.post("/chat/api/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()["messages"]


async def test_page_sets_a_signed_http_only_cookie(api: httpx.AsyncClient) -> None:
    response = await api.get("/chat")
    assert response.status_code == 200 and "<script src=\"/chat/static/chat.js\"" in response.text
    assert "Alcaldía de Prueba" in response.text
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'self'
    assert (await api.get("/chat/static/chat.js")).status_code == 200
    assert (await api.get("/chat/static/chat.css")).status_code == 200
    assert (await api.get("/chat/static/../../models.py")).status_code == 404
    second = await api.get("/chat")
    assert "set-cookie" not in second.headers             # the same chat goes on


async def test_onboarding_and_menu_in_the_browser(api: httpx.AsyncClient, services: Services) -> None:
    first = await say(api, text="/start")
    assert "Soy el asistente" in first[0]["html"] and "Ley 1581" in first[0]["html"]
    assert first[1]["buttons"][0][0]["data"] == "inicio:si:campanas"
    for data in ("inicio:si:campanas", "inicio:no:estadisticas", "inicio:si:seguimiento"):
        replies = await say(api, button=data)
    assert replies[-1]["html"] == messages.MENU_TITLE
    mine = await say(api, text="/misdatos")
    assert messages.DATA_WEB in mine[0]["html"]
    assert await count_rows(services, Person) == 1 and await count_rows(services, Consent) == 3
    await say(api, text="/olvidarme")
    assert (await say(api, button="datos:borrar:si"))[0]["html"] == messages.FORGOTTEN
    assert await count_rows(services, Person) == 0


async def test_anonymous_visitor_without_consent(api: httpx.AsyncClient, services: Services) -> None:
    await say(api, text="/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        replies = await say(api, button=f"inicio:no:{code}")
    assert messages.NO_CONSENT_GIVEN in [m["html"] for m in replies]
    replies = await say(api, text="¿Me pueden regalar una ancheta?")
    assert replies[0]["html"] == messages.CONSULTATIONS_COMING
    assert await count_rows(services, Person) == 0


async def test_two_visitors_have_separate_chats(api: httpx.AsyncClient) -> None:
    await say(api, text="/start")
    transport = httpx.ASGITransport(app=api.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as other:
        replies = (await other.post("/chat/api/messages",
                                    json={"button": "inicio:si:campanas"})).json()["messages"]
    assert replies[0]["html"] == messages.STALE_BUTTON


async def test_forged_cookie_gets_a_new_chat(api: httpx.AsyncClient) -> None:
    await say(api, text="/start")
    api.cookies.set("valor_chat", "otra-sesion.firmafalsa", path="/chat")
    response = await api.post("/chat/api/messages", json={"button": "inicio:si:campanas"})
    assert response.json()["messages"][0]["html"] == messages.STALE_BUTTON
    assert "valor_chat=" in response.headers["set-cookie"]


async def test_bad_bodies(api: httpx.AsyncClient) -> None:
    assert (await api.post("/chat/api/messages", json={})).status_code == 422
    assert (await api.post("/chat/api/messages",
                           json={"text": "a", "button": "b"})).status_code == 422
    assert (await api.post("/chat/api/messages", json={"text": 5})).status_code == 422
    assert (await api.post("/chat/api/messages", json={"text": "x" * 30_000})).status_code == 422
    assert (await api.post("/chat/api/messages", content=b"text=hola",
                           headers={"content-type": "text/plain"})).status_code == 422
    long = await say(api, text="x" * 5000)
    assert "4096" in long[0]["html"]
    assert (await say(api, text=""))[0]["html"] == messages.EMPTY_MESSAGE
    html = await say(api, text="<img src=x onerror=alert(1)>")
    assert "<img" not in html[0]["html"]


async def test_rate_limit(api: httpx.AsyncClient, services: Services) -> None:
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    services.provide(LIMITS, WebLimits(clock=lambda: 0.0))  # no refill, however slow the machine
    codes = [(await api.post("/chat/api/messages", json={"text": "/ayuda"})).status_code
             for _ in range(20)]
    assert codes.count(200) == 15 and codes[-1] == 429
    response = await api.post("/chat/api/messages", json={"text": "/ayuda"})
    assert response.headers["retry-after"] and response.json()["error"]["message"] == \
        messages.WEB_RATE_LIMITED


async def test_notifications_are_fetched_by_polling(api: httpx.AsyncClient,
                                                    services: Services) -> None:
    assert (await api.get("/chat/api/messages")).json() == {"messages": [], "last_id": 0}
    await say(api, text="/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await say(api, button=f"inicio:si:{code}")
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        await OutboxNotifier().notify(session, person.id, "Talento Humano le respondió")
        await session.commit()
    await OutboxWorker(services).run_once()
    polled = (await api.get("/chat/api/messages?after=0")).json()
    assert [m["html"] for m in polled["messages"]] == ["Talento Humano le respondió"]
    again = (await api.get(f"/chat/api/messages?after={polled['last_id']}")).json()
    assert again["messages"] == []
    assert (await api.get("/chat/api/messages?after=-1")).status_code == 422
    assert await count_rows(services, WebMessage) == 1


async def test_value_of_the_week_image(api: httpx.AsyncClient, services: Services,
                                       tmp_path) -> None:
    image = tmp_path / "honestidad.png"
    Image.new("RGB", (8, 8), (0, 80, 160)).save(image)
    services.extras[CAMPAIGNS] = FakeCampaigns(piece=a_piece(str(image)))
    [piece] = await say(api, text="/valor")
    assert piece["image"].startswith("/chat/api/images/")
    got = await api.get(piece["image"])
    assert got.status_code == 200 and got.content[:4] == b"\x89PNG"
    assert (await api.get("/chat/api/images/L2V0Yy9wYXNzd2Q.forged")).status_code == 404


async def test_retried_message_with_the_same_id_is_ignored(api: httpx.AsyncClient) -> None:
    first = await say(api, text="/start", id="mensaje-0001")
    assert len(first) == 2
    assert await say(api, text="/start", id="mensaje-0001") == []
    assert (await api.post("/chat/api/messages",
                           json={"text": "hola", "id": "<script>"})).status_code == 422


async def test_every_menu_entry_in_the_browser(api: httpx.AsyncClient,
                                               services: Services) -> None:
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    await say(api, text="/start")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await say(api, button=f"inicio:si:{code}")
    menu = await say(api, text="/menu")
    entries = [b["data"] for row in menu[0]["buttons"] for b in row]
    # The modules' flows are registered with the app (survey, declarations), as in production.
    expected = [messages.CAMPAIGNS_UNAVAILABLE, messages.ASK_QUESTION,
                messages.SUGGESTIONS_UNAVAILABLE, survey_messages.NO_PENDING,
                "¿Qué desea declarar?", messages.LINK_EMAIL_OFF,
                "todo lo que tenemos guardado", messages.UNSUBSCRIBED]
    for data, text in zip(entries, expected, strict=True):
        assert text in (await say(api, button=data))[0]["html"], data
