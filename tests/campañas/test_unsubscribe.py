"""Unsubscribe links: signed tokens, the confirmation page and the one-click POST."""

from __future__ import annotations

from sqlalchemy import select

from campañas.unsubscribe import legacy_token, make_token, read_token, unsubscribe_url
from nucleo.models import Person
from nucleo.settings import Settings
from nucleo.signing import Signer

KEY = "secreto-" * 5
SETTINGS = Settings(secret_key=KEY, previous_secret_keys="anterior-" * 5)


def test_tokens_cannot_be_forged():
    signer = Signer(KEY)
    token = make_token(signer, 42)
    assert read_token(signer, SETTINGS, token) == 42
    assert read_token(Signer("otro-" * 8), Settings(secret_key="otro-" * 8), token) is None
    for bad in ("", "42", "42.", "x.y", None, "4" * 200, token + "a", "42.é",
                signer.sign("chat.sesion", 42), signer.sign("campañas.baja", "42"),
                signer.sign("campañas.baja", -1)):
        assert read_token(signer, SETTINGS, bad) is None


def test_links_of_the_old_format_keep_working():
    signer = Signer(KEY)
    old = legacy_token(KEY, 42)
    assert read_token(signer, SETTINGS, old) == 42
    assert read_token(signer, SETTINGS, legacy_token("anterior-" * 5, 7)) == 7
    for bad in (legacy_token("otro-" * 8, 42), "43." + old.split(".")[1],
                "-1." + old.split(".")[1]):
        assert read_token(signer, SETTINGS, bad) is None


async def test_unsubscribe_route_turns_subscription_off(api, services):
    async with services.db.session() as session:
        person = Person(full_name="Ana", email="ana@alcaldia.gov.co")
        session.add(person)
        await session.commit()
    url = unsubscribe_url(services.settings, services.signer, person.id)
    path = url.split("8000", 1)[1]
    page = await api.get(path)
    assert page.status_code == 200 and "<form" in page.text
    done = await api.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "ya no recibirá" in done.text
    async with services.db.session() as session:
        assert await session.scalar(select(Person.subscribed).where(Person.id == person.id)) is False
    forged = await api.post(f"/api/v1/unsubscribe/{person.id}.AAAAAAAAAAAAAAAAAAAAAA")
    assert forged.status_code == 404


async def test_retiring_from_the_directory_cancels_what_has_not_left(api, services,
                                                                     staff_headers):
    """«Retirar» promises no more messages: a queued delivery is cancelled, a sent one stays."""
    from datetime import UTC, datetime

    from campañas.models import Campaign, Delivery, Piece, Run
    from campañas.port import CampaignsPort
    from nucleo.ports import CAMPAIGNS

    services.provide(CAMPAIGNS, CampaignsPort(services.settings))  # as api/wiring.py does
    async with services.db.session() as session:
        person = Person(full_name="Ana", email="ana@alcaldia.gov.co")
        campaign = Campaign(name="Valor", kind="valor")
        session.add_all([person, campaign])
        await session.flush()
        piece = Piece(campaign_id=campaign.id, value_key="honestidad", phrase="Frase",
                      caption_html="Texto", image_sha256="0" * 64, image_path="x.png",
                      image_mime="image/png")
        run = Run(campaign_id=campaign.id, scheduled_for=datetime(2026, 3, 2, 13, tzinfo=UTC))
        session.add_all([piece, run])
        await session.flush()
        session.add_all([Delivery(run_id=run.id, piece_id=piece.id, person_id=person.id,
                                  channel=channel, state=state)
                         for channel, state in (("email", "enviada"), ("telegram", "pendiente"))])
        await session.commit()
    headers = await staff_headers("talento_humano")
    assert (await api.post(f"/api/v1/people/{person.id}/retire", headers=headers)).status_code == 200
    async with services.db.session() as session:
        states = dict((await session.execute(select(Delivery.channel, Delivery.state).where(
            Delivery.person_id == person.id))).all())
    assert states == {"email": "enviada", "telegram": "cancelada"}
