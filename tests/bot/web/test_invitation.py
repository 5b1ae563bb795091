"""A directory invitation opened in the web chat (/chat?v=<token>) links the web conversation
like /start v<token> does on Telegram; two chats claiming one token: exactly one wins."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import func, select

from bot.core.flood import FloodControl
from bot.models import Conversation
from bot.service import dialogue_core
from nucleo.directory import link
from nucleo.directory.models import LinkTokenUse
from nucleo.models import AuditEntry, Person
from nucleo.services import Services


async def directory_person(services: Services) -> tuple[int, str]:
    """A directory person and a fresh invitation token for them."""
    async with services.db.session() as session:
        person = Person(full_name="Ana Muñoz", document_id="1001",
                        email="ana.munoz@alcaldia.gov.co", source="directorio")
        session.add(person)
        await session.flush()
        token = await link.issue_token(session, services.signer, person)
        await session.commit()
        return person.id, token


async def say(client: httpx.AsyncClient, **body: str) -> list[dict]:
    response = await client.post("/chat/api/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def buttons(message: dict) -> list[str]:
    return [b["data"] for row in message["buttons"] for b in row]


async def test_the_page_hands_the_token_to_the_script(api: httpx.AsyncClient,
                                                      services: Services) -> None:
    _target, token = await directory_person(services)
    response = await api.get("/chat", params={"v": token})
    assert f'data-start="v{token}"' in response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "same-origin"
    for bad in ('"><script>alert(1)</script>', "a" * 65, "", "tok en"):
        page = (await api.get("/chat", params={"v": bad})).text
        assert 'data-start=""' in page and "<script>alert" not in page
    assert 'data-start=""' in (await api.get("/chat")).text
    script = (await api.get("/chat/static/chat.js")).text
    assert '"/start " + start' in script and "history.replaceState" in script


async def test_the_page_reads_the_start_routes_open_to_the_web(api: httpx.AsyncClient,
                                                               services: Services) -> None:
    """Every /start route open to the web, from the bot's one registry: the invitation wins
    over a check-in; a staff link (Telegram only) and unknown names start nothing."""
    _target, token = await directory_person(services)
    both = (await api.get("/chat", params={"a": "otro", "v": token})).text
    assert f'data-start="v{token}"' in both
    assert 'data-start="aotro"' in (await api.get("/chat", params={"a": "otro"})).text
    for params in ({"t": token}, {"start": f"v{token}"}, {"x": token}):
        page = await api.get("/chat", params=params)
        assert 'data-start=""' in page.text and "no-store" not in page.headers.get(
            "cache-control", "")


async def test_the_invitation_links_the_web_conversation(api: httpx.AsyncClient,
                                                         services: Services) -> None:
    target, token = await directory_person(services)
    await api.get("/chat", params={"v": token})
    replies = await say(api, text=f"/start v{token}")  # what the page's script sends
    assert "Ley 1581" in replies[-1]["html"]
    assert buttons(replies[-1]) == ["vinculo:si", "vinculo:no"]
    replies = await say(api, button="vinculo:si")
    assert "quedó vinculado" in replies[0]["html"]
    async with services.db.session() as session:
        [(channel, person_id)] = (await session.execute(
            select(Conversation.channel, Conversation.person_id))).all()
        person = await session.get(Person, target)
    assert (channel, person_id) == ("web", target)
    assert person is not None and person.linked_at is not None
    assert person.telegram_chat_id is None
    mine = await say(api, text="/misdatos")
    assert "Chats vinculados: Chat web" in mine[0]["html"]


async def test_two_chats_claiming_one_token_exactly_one_wins(api: httpx.AsyncClient,
                                                             services: Services) -> None:
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    target, token = await directory_person(services)
    transport = httpx.ASGITransport(app=api.app)  # type: ignore[attr-defined]  # the fixture's client carries its app
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as other:
        for client in (api, other):
            assert "Ley 1581" in (await say(client, text=f"/start v{token}"))[-1]["html"]
        first, second = await asyncio.gather(say(api, button="vinculo:si"),
                                             say(other, button="vinculo:si"))
    answers = sorted((first[0]["html"], second[0]["html"]))
    won = [a for a in answers if "quedó vinculado" in a]
    lost = [a for a in answers if "ya se usó" in a or "otro chat" in a]
    assert len(won) == 1 and len(lost) == 1, answers
    async with services.db.session() as session:
        linked = (await session.execute(select(func.count()).select_from(Conversation).where(
            Conversation.person_id == target))).scalar_one()
        uses = (await session.execute(select(func.count()).select_from(LinkTokenUse)))
        entries = (await session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "directorio.vincular"))).scalar_one()
        assert (linked, uses.scalar_one(), entries) == (1, 1, 1)
        assert (await session.execute(select(func.count()).select_from(Person))
                ).scalar_one() == 1
