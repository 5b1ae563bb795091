"""Password hashing (Argon2id) and signed bearer tokens for staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_ALGORITHM = "HS256"
_HASHER = PasswordHasher()  # stateless and thread-safe: parameters only, no mutable state
MIN_PASSWORD_LENGTH = 10


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
