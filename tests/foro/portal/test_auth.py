from datetime import timedelta

import jwt
import pytest

from foro.portal import auth
from nucleo.errors import InvalidInput


def test_link_is_signed_expiring_and_names_the_person(services) -> None:  # type: ignore[no-untyped-def]
    now = services.clock()
    url = auth.portal_login_link(services.settings, 42, now=now)
    token = url.split("t=", 1)[1]
    assert auth.check_login_token(services.settings, token, now) == 42
    later = now + timedelta(minutes=auth.LINK_MINUTES + 1)
    with pytest.raises(InvalidInput, match="venció"):
        auth.check_login_token(services.settings, token, later)


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "x" * 3000])
def test_garbage_tokens_are_invalid(services, token) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="no es válido"):
        auth.check_login_token(services.settings, token, services.clock())


def test_forged_or_repurposed_tokens_are_invalid(services) -> None:  # type: ignore[no-untyped-def]
    now = services.clock()
    claims = {"sub": "1", "purpose": "portal-login", "jti": "x", "exp": int(now.timestamp()) + 60}
    forged = jwt.encode(claims, "another-secret-that-is-long-enough-0123456789", algorithm="HS256")
    with pytest.raises(InvalidInput):
        auth.check_login_token(services.settings, forged, now)
    session_cookie = auth.session_cookie(services.settings, 1, now)  # a cookie is not a link
    with pytest.raises(InvalidInput):
        auth.check_login_token(services.settings, session_cookie, now)
    staff_key = services.settings.secret_key.get_secret_value()  # staff tokens use the bare key
    with pytest.raises(InvalidInput):
        auth.check_login_token(services.settings, jwt.encode(claims, staff_key, "HS256"), now)


async def test_link_works_once(services, make_person) -> None:  # type: ignore[no-untyped-def]
    ana = await make_person()
    now = services.clock()
    token = auth.portal_login_link(services.settings, ana.id, now=now).split("t=")[1]
    async with services.db.session() as session:
        assert await auth.redeem_login_token(session, services.settings, token, now) == ana.id
    async with services.db.session() as session:
        with pytest.raises(InvalidInput, match="ya se usó"):
            await auth.redeem_login_token(session, services.settings, token, now)


async def test_inactive_or_unknown_people_cannot_enter(services, make_person) -> None:  # type: ignore[no-untyped-def]
    gone = await make_person(status="inactiva")
    now = services.clock()
    for person_id in (gone.id, 999_999):
        token = auth.portal_login_link(services.settings, person_id, now=now).split("t=")[1]
        async with services.db.session() as session:
            with pytest.raises(InvalidInput):
                await auth.redeem_login_token(session, services.settings, token, now)


def test_session_cookie_and_csrf(services) -> None:  # type: ignore[no-untyped-def]
    now = services.clock()
    cookie = auth.session_cookie(services.settings, 5, now)
    session = auth.read_session_cookie(services.settings, cookie, now)
    assert session is not None and session.person_id == 5
    assert auth.read_session_cookie(services.settings, cookie + "x", now) is None
    assert auth.read_session_cookie(services.settings, cookie,
                                    now + timedelta(hours=auth.SESSION_HOURS + 1)) is None
    identity = f"p:5:{session.sid}"
    token = auth.csrf_token(services.settings, identity)
    assert auth.check_csrf(services.settings, identity, token)
    assert not auth.check_csrf(services.settings, "p:5:other", token)
    assert not auth.check_csrf(services.settings, identity, "")
    assert not auth.check_csrf(services.settings, identity, None)
