"""/portal gives a registered person a single-use link into the forum's portal."""

import httpx

from api.app import create_app
from bot.core.types import Input, PersonRef
from bot.service import dialogue_core
from nucleo.models import Person
from nucleo.services import Services


async def test_portal_link_logs_the_person_in(services: Services) -> None:
    app = create_app(services.settings, services=services, migrate=False)
    async with app.router.lifespan_context(app):
        async with services.db.session() as session:
            person = Person(full_name="Ana", telegram_chat_id=555, source="bot")
            session.add(person)
            await session.commit()
        core = dialogue_core(services)
        stranger = await core.handle(Input.from_text(PersonRef("telegram", "777"), "/portal"))
        assert "registro" in stranger[0].text_html
        replies = await core.handle(Input.from_text(PersonRef("telegram", "555"), "/portal"))
        text = replies[0].text_html
        assert "una sola vez" in text
        link = next(w for w in text.split() if "/portal/" in w)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        page = await client.get(link[link.index("/portal/"):])
        assert page.status_code == 200 and "Entrar" in page.text
