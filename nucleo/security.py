"""Password hashing (Argon2id), the password strength rule and signed bearer tokens for staff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

from nucleo.text import fold_identifier, normalize_key

_SEPARATORS = re.compile(r"[\s@._\-+]+")

_ALGORITHM = "HS256"
_HASHER = PasswordHasher()  # stateless and thread-safe: parameters only, no mutable state
MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
MAX_CHECKED = 100  # zxcvbn's cost grows with the length; the tail adds nothing to the estimate
# Words zxcvbn's (English) dictionaries do not know but that people here put in passwords.
LOCAL_WORDS = (
    "contraseña", "contrasena", "clave", "secreto", "bienvenido", "bienvenida", "usuario",
    "administrador", "admin", "colombia", "bogota", "medellin", "cali", "alcaldia",
    "gobernacion", "municipio", "municipal", "secretaria", "talento", "humano", "integridad",
    "valor", "soy", "yo", "servidor", "publico", "entidad", "consola",
)


def context_words(*texts: str | None) -> list[str]:
    """The words a password must not be built from: each text folded, with and without
    accents, whole, without separators and word by word (an e-mail also by its local part),
    plus ``LOCAL_WORDS``."""
    words: list[str] = list(LOCAL_WORDS)
    for text in texts:
        if not text:
            continue
        for form in {fold_identifier(text), normalize_key(text)}:
            words.append(form)
            local = form.split("@", 1)[0]
            parts = [p for p in _SEPARATORS.split(local + " " + form) if len(p) >= 3]
            words += [local, "".join(_SEPARATORS.split(local))] + parts
    return list(dict.fromkeys(words))


def password_is_strong(password: str, context: list[str]) -> bool:
    """Length at least ``MIN_PASSWORD_LENGTH`` and a zxcvbn score of ``MIN_PASSWORD_SCORE`` or
    more, with the person's and the entity's words as ``user_inputs``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return False
    result = zxcvbn(password[:MAX_CHECKED], user_inputs=context)
    return int(result["score"]) >= MIN_PASSWORD_SCORE


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A hash of a random password, verified when the account does not exist so that a wrong e-mail
# costs the same time as a wrong password.
DUMMY_HASH = _HASHER.hash("no-account-has-this-password")


@dataclass(frozen=True)
class TokenClaims:
    staff_id: int
    token_version: int
    expires_at: datetime


class TokenError(Exception):
    """The token is missing, forged or expired."""


def issue_token(secret: str, staff_id: int, token_version: int, now: datetime, minutes: int) -> str:
    expires = now + timedelta(minutes=minutes)
    payload = {"sub": str(staff_id), "ver": token_version, "iat": now, "exp": expires}
    return jwt.encode(payload, secret, algorithm=_ALGORITHM)


def read_token(secret: str, token: str) -> TokenClaims:
    try:
        payload = jwt.decode(
            token, secret, algorithms=[_ALGORITHM], options={"require": ["sub", "exp", "ver"]}
        )
        return TokenClaims(
            staff_id=int(payload["sub"]),
            token_version=int(payload["ver"]),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        )
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise TokenError(str(exc)) from None
