"""Unsubscribe links: signed tokens bound to the person's unsubscribe nonce, the confirmation
page, the one-click POST (RFC 8058), and the nonce's rotation (both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from campañas import actions
from campañas.runtime import CampaignRuntime
from campañas.unsubscribe import (
    Claim,
    LinkState,
    check_token,
    legacy_token,
    make_token,
    read_token,
    unsubscribe_url,
)
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.signing import Signer
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for

KEY = "secreto-" * 5
SETTINGS = Settings(secret_key=KEY, previous_secret_keys="anterior-" * 5)
STALE = "ya no sirve"
BAD = "no es válido"


def test_tokens_name_the_person_and_nonce_and_cannot_be_forged():
    signer = Signer(KEY)
    assert read_token(signer, SETTINGS, make_token(signer, 42, 7)) == Claim(42, 7)
    assert read_token(signer, SETTINGS, make_token(signer, 42, None)) == Claim(42, None)
    token = make_token(signer, 42, 7)
    assert read_token(Signer("otro-" * 8), Settings(secret_key="otro-" * 8), token) is None
    for bad in ("", "42", "42.", "x.y", None, 42, ["42"], "4" * 200, "ñ" * 5000, token + "a",
                token[:-1], "42.é", "<script>alert(1)</script>",
                signer.sign("chat.sesion", [42, 7]), signer.sign("vinculo.invitacion", [42, 7]),
                signer.sign("campañas.baja", "42"), signer.sign("campañas.baja", -1),
                signer.sign("campañas.baja", [42]), signer.sign("campañas.baja", [42, 7, 1]),
                signer.sign("campañas.baja", [42, "7"]), signer.sign("campañas.baja", [42, -7]),
                signer.sign("campañas.baja", [0, 7]), signer.sign("campañas.baja", [True, 7]),
                signer.sign("campañas.baja", [42, 1.5]), signer.sign("campañas.baja", [42, True]),
                signer.sign("campañas.baja", {"p": 42})):
        assert read_token(signer, SETTINGS, bad) is None, bad


def test_links_of_the_older_formats_carry_no_nonce():
    signer = Signer(KEY)
    assert read_token(signer, SETTINGS, signer.sign("campañas.baja", 42)) == Claim(42, None)
    old = legacy_token(KEY, 42)
    assert read_token(signer, SETTINGS, old) == Claim(42, None)
    assert read_token(signer, SETTINGS, legacy_token("anterior-" * 5, 7)) == Claim(7, None)
    for bad in (legacy_token("otro-" * 8, 42), "43." + old.split(".")[1],
                "-1." + old.split(".")[1]):
        assert read_token(signer, SETTINGS, bad) is None


async def _person(services: Services, **fields: object) -> Person:
    async with services.db.session() as session:
        person = Person(full_name="Ana", email="ana@alcaldia.gov.co", **fields)
        session.add(person)
        await session.commit()
        return person


async def _stored(services: Services, person_id: int) -> tuple[bool, int | None]:
    async with services.db.session() as session:
        row = (await session.execute(select(Person.subscribed, Person.unsubscribe_nonce)
                                     .where(Person.id == person_id))).one()
    return bool(row[0]), row[1]


def _path(services: Services, person_id: int, nonce: int | None) -> str:
    return unsubscribe_url(services.settings, services.signer, person_id, nonce).split("8000", 1)[1]


async def test_link_unsubscribes_once_and_a_replay_says_the_same(api, services):
    person = await _person(services, unsubscribe_nonce=1234)
    path = _path(services, person.id, 1234)
    page = await api.get(path)
    assert page.status_code == 200 and "<form" in page.text
    for _ in range(2):  # the one-click POST twice: same answer, nothing else changes
        done = await api.post(path, data={"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200 and "ya no recibirá" in done.text
    assert await _stored(services, person.id) == (False, 1234)  # unsubscribing keeps the nonce
    assert (await api.get(path)).status_code == 200


async def test_subscribing_again_voids_the_links_already_sent(api, services):
    person = await _person(services)
    old = _path(services, person.id, None)
    assert (await api.post(old)).status_code == 200
    async with services.db.session() as session:  # /alta in the bot, or a consent
        (await session.get(Person, person.id)).subscribed = True
        await session.commit()
    subscribed, nonce = await _stored(services, person.id)
    assert subscribed and nonce is not None
    for answer in (await api.get(old), await api.post(old)):
        assert answer.status_code == 410 and STALE in answer.text and "/baja" in answer.text
        assert "Traceback" not in answer.text and 'lang="es"' in answer.text
    assert await _stored(services, person.id) == (True, nonce)  # the old link changed nothing
    fresh = _path(services, person.id, nonce)
    assert (await api.post(fresh)).status_code == 200
    assert (await _stored(services, person.id))[0] is False


async def test_older_links_work_until_the_nonce_first_rotates(api, services):
    person = await _person(services)
    bare = "/api/v1/unsubscribe/" + services.signer.sign("campañas.baja", person.id)
    legacy = "/api/v1/unsubscribe/" + legacy_token(
        services.settings.secret_key.get_secret_value(), person.id)
    assert (await api.get(bare)).status_code == 200 and (await api.get(legacy)).status_code == 200
    async with services.db.session() as session:  # HR changes the address in the person's card
        (await session.get(Person, person.id)).email = "ana.munoz@alcaldia.gov.co"
        await session.commit()
    for path in (bare, legacy):
        assert (await api.post(path)).status_code == 410
    assert (await _stored(services, person.id))[0] is True


async def test_nothing_else_rotates_the_nonce(services):
    person = await _person(services, unsubscribe_nonce=55, subscribed=False)
    async with services.db.session() as session:
        row = await session.get(Person, person.id)
        row.full_name, row.subscribed, row.email = "Ana Muñoz", False, "ana@alcaldia.gov.co"
        await session.commit()
    assert await _stored(services, person.id) == (False, 55)


@pytest.mark.parametrize("token", ["AAAA.BBBB.CCCC", "%3Cscript%3Ealert(1)%3C%5Cscript%3E",
                                   "x" * 3000, "%C3%B1%E2%80%8B"])
async def test_bad_tokens_get_the_spanish_page(api, services, token):
    await _person(services)
    for answer in (await api.get(f"/api/v1/unsubscribe/{token}"),
                   await api.post(f"/api/v1/unsubscribe/{token}")):
        assert answer.status_code == 404 and BAD in answer.text and "<script>" not in answer.text


async def test_tampered_foreign_and_unknown_links_change_nothing(api, services):
    person = await _person(services, unsubscribe_nonce=9)
    good = make_token(services.signer, person.id, 9)
    tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    invitation = services.signer.sign("vinculo.invitacion", [person.id, 9])
    nobody = make_token(services.signer, person.id + 1000, None)
    for token in (tampered, invitation, nobody):
        answer = await api.post(f"/api/v1/unsubscribe/{token}")
        assert answer.status_code == 404 and BAD in answer.text
    assert await _stored(services, person.id) == (True, 9)


async def test_sent_email_carries_the_current_nonce(db, settings, smtp_server):
    """The nonce comes with the claimed delivery (no query per e-mail) and the link in the
    List-Unsubscribe header verifies; after a rotation it no longer does."""
    controller, inbox = smtp_server
    settings = settings_for(settings, smtp=controller)
    [person_id] = await add_people(db, 1, email=True, telegram=False)
    async with db.session() as session:
        person = await session.get(Person, person_id)
        person.subscribed = False
        await session.commit()
        person.subscribed = True  # subscribed again: a nonce of its own
        await session.commit()
        nonce = person.unsubscribe_nonce
    assert nonce is not None
    campaign_id = await campaign_with_pieces(db, settings, channels=("correo",))
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    services = Services(settings=settings, db=db, clock=lambda: NOW)
    runtime = CampaignRuntime(services, worker="m")
    await runtime.engine.drain()
    await runtime.close()
    [message] = inbox.messages
    token = str(message["List-Unsubscribe"]).strip().strip("<>").rsplit("/", 1)[1]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert read_token(services.signer, settings, token) == Claim(person_id, nonce)
    async with db.session() as session:
        assert await check_token(session, services.signer, settings, token) is LinkState.VALID
        (await session.get(Person, person_id)).email = "otra@alcaldia.gov.co"
        await session.commit()
        assert await check_token(session, services.signer, settings, token) is LinkState.STALE
