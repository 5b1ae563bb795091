"""Password hashing (Argon2id), the password strength rule and the bearer tokens of staff
(signed by ``nucleo.signing``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

from nucleo.errors import InvalidToken
from nucleo.messages import TOKEN_INVALID
from nucleo.signing import Signer
from nucleo.text import fold_identifier, normalize_key

_SEPARATORS = re.compile(r"[\s@._\-+]+")

# Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): about 40 ms a check
# on the loaded 2-core machine. argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took 0.3 s and
# was most of a 0.8-1.7 s console login; 4 lanes buy nothing on 2 cores. Stored hashes with other
# made cheaper than these (or not Argon2id) are rehashed at the next successful login
# (needs_rehash); dearer ones (the old default) are kept, never weakened. Stateless, thread-safe.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
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


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash is weaker than today's parameters (cheaper in memory or passes,
    not Argon2id, or not a hash at all): a stronger one is kept as it is."""
    try:
        stored = extract_parameters(password_hash)
    except (InvalidHashError, ValueError):
        return True
    # not argon2's check_needs_rehash: it would also "upgrade" the dearer old default downwards
    return stored.type is not Type.ID or stored.memory_cost < _HASHER.memory_cost \
        or stored.time_cost < _HASHER.time_cost


# A hash of a random password, verified when the account does not exist so that a wrong e-mail
# costs the same time as a wrong password.
DUMMY_HASH = _HASHER.hash("no-account-has-this-password")


@dataclass(frozen=True)
class TokenClaims:
    staff_id: int
    token_version: int


def issue_token(signer: Signer, staff_id: int, token_version: int) -> str:
    """A bearer token naming the account and its ``token_version`` (purpose ``api.token``)."""
    return signer.sign("api.token", {"s": int(staff_id), "v": int(token_version)})


def read_token(signer: Signer, token: str, minutes: int) -> TokenClaims:
    """The claims of a bearer token no older than ``minutes``; InvalidToken / ExpiredToken."""
    value = signer.unsign("api.token", token, max_age=timedelta(minutes=minutes))
    if (not isinstance(value, dict) or type(value.get("s")) is not int
            or type(value.get("v")) is not int):
        raise InvalidToken(TOKEN_INVALID)
    return TokenClaims(staff_id=value["s"], token_version=value["v"])
