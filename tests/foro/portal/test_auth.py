from datetime import timedelta

import pytest

from foro.portal import auth
from nucleo.directory import link
from nucleo.errors import InvalidInput, InvalidToken
from nucleo.models import Person
from nucleo.signing import Signer


def _token(services, person_id: int) -> str:
    return auth.portal_login_link(services.settings, services.signer, person_id).split("t=")[1]


def test_link_is_signed_expiring_and_names_the_person(services) -> None:
    now = services.clock()
    services.clock = lambda: now
    token = _token(services, 42)
    assert auth.check_login_token(services.signer, token) == 42
    services.clock = lambda: now + timedelta(minutes=auth.LINK_MINUTES + 1)
    with pytest.raises(InvalidInput, match="venció"):
        auth.check_login_token(services.signer, token)


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "x" * 3000, None])
def test_garbage_tokens_are_invalid(services, token) -> None:
    with pytest.raises(InvalidInput, match="no es válido"):
        auth.check_login_token(services.signer, token)


def test_forged_or_repurposed_tokens_are_invalid(services) -> None:
    forged = Signer("another-secret-that-is-long-enough-0123456789").sign(
        auth.LINK, {"p": 1, "j": "x"})
    session_cookie = services.signer.sign(auth.SESSION, "x")  # a cookie is not a link
    staff_token = services.signer.sign("api.token", {"p": 1, "j": "x"})
    for token in (forged, session_cookie, staff_token,
                  services.signer.sign(auth.LINK, {"p": "1", "j": "x"})):
        with pytest.raises(InvalidInput):
            auth.check_login_token(services.signer, token)


async def test_link_works_once(services, make_person) -> None:
    ana = await make_person()
    now = services.clock()
    token = _token(services, ana.id)
    async with services.db.session() as session:
        assert await auth.redeem_login_token(session, services.signer, token, now) == ana.id
    async with services.db.session() as session:
        with pytest.raises(InvalidInput, match="ya se usó"):
            await auth.redeem_login_token(session, services.signer, token, now)


async def test_a_rotated_nonce_voids_the_link(services, make_person) -> None:
    """/olvidarme of a directory person rotates the portal nonce: a link handed out before
    fails."""
    ana = await make_person()
    now = services.clock()
    async with services.db.session() as session:
        person = await session.get(Person, ana.id)
        person.portal_nonce = 11
        await session.commit()
    old, current = (auth.portal_login_link(services.settings, services.signer, ana.id,
                                           nonce=n).split("t=")[1] for n in (None, 11))
    async with services.db.session() as session:
        with pytest.raises(InvalidInput, match="no es válido"):
            await auth.redeem_login_token(session, services.signer, old, now)
    async with services.db.session() as session:
        assert await auth.redeem_login_token(session, services.signer, current, now) == ana.id


async def test_inactive_or_unknown_people_cannot_enter(services, make_person) -> None:
    gone = await make_person(status="inactiva")
    now = services.clock()
    for person_id in (gone.id, 999_999):
        token = _token(services, person_id)
        async with services.db.session() as session:
            with pytest.raises(InvalidInput):
                await auth.redeem_login_token(session, services.signer, token, now)


async def test_sessions_live_on_the_server(services, make_person) -> None:
    ana = await make_person()
    now = services.clock()
    async with services.db.session() as session:
        cookie = await auth.create_session(session, services.signer, ana.id, now)
        live = await auth.resolve_session(session, services.signer, cookie, now)
        assert live is not None and live.person_id == ana.id
        assert await auth.resolve_session(session, services.signer, cookie + "x", now) is None
        later = now + timedelta(hours=auth.SESSION_HOURS, seconds=1)
        assert await auth.resolve_session(session, services.signer, cookie, later) is None
        cookie = await auth.create_session(session, services.signer, ana.id, now)
        live = await auth.resolve_session(session, services.signer, cookie, now)
        assert live is not None
        await auth.end_session(session, live)
        assert await auth.resolve_session(session, services.signer, cookie, now) is None


async def test_logout_ends_every_session_and_voids_issued_links(services, make_person) -> None:
    """Logout voids the portal's login links (its own nonce) and leaves the person's
    invitation to link a chat working: it was not revoked, and is not said to be."""
    ana = await make_person()
    beto = await make_person()
    now = services.clock()
    async with services.db.session() as session:
        person = await session.get(Person, ana.id)
        assert person is not None
        person.portal_nonce, person.source = 7, link.DIRECTORY_SOURCE
        invitation = await link.issue_token(session, services.signer, person)
        invitation_nonce = person.token_nonce
        await session.commit()
        portal = auth.portal_login_link(services.settings, services.signer, ana.id,
                                        nonce=7).split("t=")[1]
        phone = await auth.create_session(session, services.signer, ana.id, now)
        laptop = await auth.create_session(session, services.signer, ana.id, now)
        other = await auth.create_session(session, services.signer, beto.id, now)
        live = await auth.resolve_session(session, services.signer, phone, now)
        assert live is not None
        await auth.end_session(session, live)
        for cookie in (phone, laptop):
            assert await auth.resolve_session(session, services.signer, cookie, now) is None
        assert await auth.resolve_session(session, services.signer, other, now) is not None
        person = await session.get(Person, ana.id)
        assert person is not None
        await session.refresh(person)
        assert person.portal_nonce not in (None, 7)
        assert person.token_nonce == invitation_nonce
        with pytest.raises(InvalidInput, match="no es válido"):
            await auth.redeem_login_token(session, services.signer, portal, now)
        assert await link.check_token(session, services.signer, invitation) == ana.id


async def test_hr_revoking_invitations_leaves_the_portal_alone(services, make_person) -> None:
    """The other way round: HR's «anular invitaciones» voids invitations, not portal links."""
    ana = await make_person()
    now = services.clock()
    async with services.db.session() as session:
        person = await session.get(Person, ana.id)
        assert person is not None
        person.portal_nonce, person.source = 3, link.DIRECTORY_SOURCE
        invitation = await link.issue_token(session, services.signer, person)
        await session.commit()
    portal = auth.portal_login_link(services.settings, services.signer, ana.id,
                                    nonce=3).split("t=")[1]
    async with services.db.session() as session:
        await link.revoke_links(session, ana.id, now=now)
    async with services.db.session() as session:
        with pytest.raises(InvalidToken, match="fue anulada"):
            await link.check_token(session, services.signer, invitation)
        assert await auth.redeem_login_token(session, services.signer, portal, now) == ana.id
