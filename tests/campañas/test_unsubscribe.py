"""Unsubscribe links: signed tokens, the confirmation page and the one-click POST."""

from __future__ import annotations

from sqlalchemy import select

from campañas.unsubscribe import make_token, read_token, unsubscribe_url
from nucleo.models import Person


def test_tokens_cannot_be_forged():
    token = make_token("secreto", 42)
    assert read_token("secreto", token) == 42
    assert read_token("otro", token) is None
    for bad in ("", "42", "42.", "x.y", "43." + token.split(".")[1], None, "4" * 200,
                token + "a", "-1." + token.split(".")[1], "42.é"):
        assert read_token("secreto", bad) is None


async def test_unsubscribe_route_turns_subscription_off(api, services):
    async with services.db.session() as session:
        person = Person(full_name="Ana", email="ana@alcaldia.gov.co")
        session.add(person)
        await session.commit()
    url = unsubscribe_url(services.settings, person.id)
    path = url.split("8000", 1)[1]
    page = await api.get(path)
    assert page.status_code == 200 and "<form" in page.text
    done = await api.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "ya no recibirá" in done.text
    async with services.db.session() as session:
        assert await session.scalar(select(Person.subscribed).where(Person.id == person.id)) is False
    forged = await api.post(f"/api/v1/unsubscribe/{person.id}.AAAAAAAAAAAAAAAAAAAAAA")
    assert forged.status_code == 404
