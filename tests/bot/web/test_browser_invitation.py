"""An invitation opened in a real browser (Debian's headless Chromium): /chat?v=<token> starts
the chat with the token, hides it, drops it from the address bar, and «Sí» links the web
conversation (SQLite only, see tests/api/console/test_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import messages
from bot.models import Conversation
from nucleo.directory import link
from nucleo.models import Person
from nucleo.services import Services
from tests.web.browser import PHONE, open_page

pytestmark = pytest.mark.browser


def test_the_invitation_link_opens_and_links_the_web_chat(chromium: Any, live: Any,
                                                          screenshots: Path) -> None:
    async def invited(services: Services) -> tuple[int, str]:
        async with services.db.session() as session:
            person = Person(full_name="Ana Muñoz", document_id="70001",
                            email="ana.navegador@alcaldia.gov.co", source="directorio")
            session.add(person)
            await session.flush()
            token = await link.issue_token(session, services.signer, person)
            await session.commit()
            return person.id, token

    person_id, token = live.call(invited)
    page = open_page(chromium, PHONE)
    page.goto(f"{live.url}/chat?v={token}")
    page.get_by_role("button", name=messages.LINK_ACCEPT).wait_for()
    assert "Ley 1581" in page.locator("#log").inner_text()
    assert page.url == f"{live.url}/chat"  # the token left the address bar
    assert token not in page.locator("#log").inner_text()  # and is never shown
    assert page.locator(".msg.me").count() == 0
    page.screenshot(path=screenshots / "chat-invitacion-telefono.png", full_page=True)
    page.get_by_role("button", name=messages.LINK_ACCEPT).click()
    page.get_by_text("quedó vinculado").wait_for()

    async def linked(services: Services) -> list[tuple[str, int | None]]:
        async with services.db.session() as session:
            return [(c, p) for c, p in (await session.execute(
                select(Conversation.channel, Conversation.person_id))).all()]

    assert ("web", person_id) in live.call(linked)
    page.context.close()
