"""The one CSRF implementation: tokens bound to a session secret, or to the pre-session."""

from __future__ import annotations

from nucleo.signing import Signer
from nucleo.web import csrf

SIGNER = Signer("k" * 32)


def test_a_form_token_belongs_to_its_session_only() -> None:
    token = csrf.form_token(SIGNER, "secreto-a")
    assert csrf.token_nonce(SIGNER, "secreto-a", token)
    assert csrf.form_token(SIGNER, "secreto-a") != token  # a fresh nonce every form
    assert not csrf.token_ok(SIGNER, "secreto-b", token)
    assert not csrf.token_ok(Signer("z" * 32), "secreto-a", token)
    for bad in (None, "", "x" * 400, token + "x", SIGNER.sign("csrf.entrada", "secreto-a"),
                SIGNER.sign("csrf.formulario", "secreto-a"),
                SIGNER.sign("csrf.formulario", ["otra", "n"])):
        assert not csrf.token_ok(SIGNER, "secreto-a", bad)


def test_the_login_token_matches_its_pre_session_cookie() -> None:
    token = csrf.login_token(SIGNER, "pre-1")
    assert csrf.login_token_ok(SIGNER, "pre-1", token)
    assert not csrf.login_token_ok(SIGNER, "pre-2", token)
    assert not csrf.login_token_ok(SIGNER, None, token)
    assert not csrf.login_token_ok(SIGNER, "pre-1", csrf.form_token(SIGNER, "pre-1"))
