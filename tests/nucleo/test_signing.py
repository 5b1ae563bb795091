"""The one signer: purposes, ages, errors and key rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nucleo.errors import ExpiredToken, InvalidToken
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.signing import PURPOSES, Signer
from tests.fakes.clock import ManualClock

KEY = "k" * 32


def test_a_token_carries_its_value_for_its_purpose_only() -> None:
    signer = Signer(KEY)
    token = signer.sign("portal.enlace", {"p": 7})
    assert signer.unsign("portal.enlace", token) == {"p": 7}
    with pytest.raises(InvalidToken):
        signer.unsign("portal.sesion", token)
    with pytest.raises(InvalidToken):
        Signer("z" * 32).unsign("portal.enlace", token)
    for bad in ("", "basura", token[:-2] + "xx", None, 7, "a" * 5000):
        with pytest.raises(InvalidToken):
            signer.unsign("portal.enlace", bad)
    with pytest.raises(KeyError):
        signer.sign("sin.proposito", 1)


def test_each_purpose_has_its_age_and_callers_may_only_shorten_it() -> None:
    clock = ManualClock(1_800_000_000.0)
    signer = Signer(KEY, clock=clock)
    link = signer.sign("portal.enlace", 1)
    clock.now += 29 * 60
    assert signer.unsign("portal.enlace", link) == 1
    with pytest.raises(ExpiredToken):
        signer.unsign("portal.enlace", link, max_age=timedelta(minutes=10))
    assert signer.unsign("portal.enlace", link, max_age=timedelta(days=9)) == 1
    clock.now += 2 * 60
    with pytest.raises(ExpiredToken) as caught:
        signer.unsign("portal.enlace", link)
    assert caught.value.message == "El enlace o el código ya venció."
    unsubscribe = signer.sign("campañas.baja", 9)
    clock.now += 10 * 365 * 24 * 3600
    assert signer.unsign("campañas.baja", unsubscribe) == 9
    assert all(p.what for p in PURPOSES.values())


def test_a_token_from_the_future_is_refused() -> None:
    clock = ManualClock(1_800_000_000.0)
    signer = Signer(KEY, clock=clock)
    clock.now += 3600
    token = signer.sign("campañas.baja", 1)
    clock.now -= 3600
    with pytest.raises(InvalidToken):
        signer.unsign("campañas.baja", token)


def test_rotation_verifies_with_old_keys_and_signs_with_the_new_one() -> None:
    old = Signer("viejo" * 8)
    token = old.sign("api.token", {"s": 1})
    rotated = Signer("nuevo" * 8, previous=["viejo" * 8])
    assert rotated.unsign("api.token", token) == {"s": 1}
    fresh = rotated.sign("api.token", {"s": 2})
    with pytest.raises(InvalidToken):
        old.unsign("api.token", fresh)
    assert Signer("nuevo" * 8).unsign("api.token", fresh) == {"s": 2}
    with pytest.raises(InvalidToken):
        Signer("nuevo" * 8).unsign("api.token", token)


def test_the_services_signer_follows_the_settings(tmp_path: object) -> None:
    settings = Settings(secret_key="nuevo" * 8, previous_secret_keys=f" {'viejo' * 8}, {'otro' * 8},")
    assert settings.previous_secrets == ["viejo" * 8, "otro" * 8]
    token = Signer("otro" * 8).sign("chat.sesion", "abc")
    services = Services(settings=settings, db=None)
    assert services.signer.unsign("chat.sesion", token) == "abc"


def test_start_parameters_fit_telegram_and_round_trip() -> None:
    import re
    from datetime import timedelta as _td

    from nucleo.directory.start_link import department_from_start, department_start
    from nucleo.errors import ExpiredToken as _Expired
    from nucleo.signing import Signer as _Signer

    now = [1_800_000_000.0]
    signer = _Signer("k" * 40, clock=lambda: now[0])
    for department_id in (1, 42, 2**31 - 1):
        parameter = department_start(signer, department_id)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", parameter), parameter
        assert department_from_start(signer, parameter) == department_id
    parameter = department_start(signer, 7)
    other = _Signer("o" * 40, clock=lambda: now[0])
    assert department_from_start(other, parameter) is None  # forged: another key
    for bad in ("", "A", "-" * 64, "x" * 65, parameter[:-1] + ("A" if parameter[-1] != "A"
                                                               else "B"), "AAAA.b.c", "ñ"):
        assert department_from_start(signer, bad) is None
    assert signer.unsign_start("bot.dependencia", parameter) == 7
    with pytest.raises(InvalidToken):
        signer.unsign_start("portal.enlace", parameter)  # another purpose
    now[0] += _td(days=401).total_seconds()
    with pytest.raises(_Expired):
        signer.unsign_start("bot.dependencia", parameter)


@pytest.mark.parametrize("start", [False, True])
def test_one_token_has_one_spelling(start: bool) -> None:
    """The last base64 character carries bits the decoder ignores: every other spelling of a
    valid token is refused, so «used once» records kept by token text cannot be walked around."""
    signer = Signer("k" * 40)
    sign, unsign = (signer.sign_start, signer.unsign_start) if start else \
        (signer.sign, signer.unsign)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for staff_id in range(40):
        token = sign("consola.telegram", [staff_id, 0])
        assert unsign("consola.telegram", token) == [staff_id, 0]
        for other in alphabet.replace(token[-1], ""):
            with pytest.raises(InvalidToken):
                unsign("consola.telegram", token[:-1] + other)
