"""One signer for every token the service hands out (issue #12).

    token = services.signer.sign("portal.enlace", {"p": 7, "j": "..."})
    value = services.signer.unsign("portal.enlace", token)     # InvalidToken / ExpiredToken

Built on ``itsdangerous.URLSafeTimedSerializer``: the value is JSON, the token carries the time it
was signed, and each purpose is a different *salt*, so a token made for one purpose never
verifies for another. ``PURPOSES`` lists every purpose with the longest age its tokens are
accepted for (``None``: no limit, the unsubscribe links of e-mails already sent). A caller may
ask for a shorter age (``max_age=``), never for a longer one.

Key rotation: tokens are signed with ``VALOR_SECRET_KEY``; the keys in
``VALOR_PREVIOUS_SECRET_KEYS`` (comma-separated) are still accepted when verifying, so moving to
a new key does not log everybody out or break links already sent. Remove an old key once the
longest-lived token signed with it no longer matters.

The signer reads the time from the clock it is given (``Services.clock``): tests age tokens
without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from itsdangerous import BadData, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode, base64_encode

from nucleo.errors import ExpiredToken, InvalidToken
from nucleo.messages import TOKEN_EXPIRED, TOKEN_INVALID_LINK

MAX_TOKEN = 4000


@dataclass(frozen=True)
class Purpose:
    """What a token is for and how long it may be used."""

    max_age: timedelta | None
    what: str


def lifetime(purpose: str) -> timedelta:
    """How long tokens of ``purpose`` live (for cookies and texts that state it); a purpose
    without an age has none to state."""
    age = PURPOSES[purpose].max_age
    if age is None:
        raise ValueError(f"{purpose} tokens do not expire")
    return age


PURPOSES: dict[str, Purpose] = {
    "api.token": Purpose(timedelta(days=7), "bearer token of the REST API (VALOR_TOKEN_MINUTES, "
                                            "at most 7 days)"),
    "consola.sesion": Purpose(timedelta(days=7), "console session cookie (names a server row)"),
    "csrf.formulario": Purpose(timedelta(days=1), "anti-forgery token of a console or portal "
                                                  "form, bound to its session"),
    "csrf.entrada": Purpose(timedelta(days=1), "anti-forgery token of the console login form "
                                               "(bound to the pre-session cookie)"),
    "portal.enlace": Purpose(timedelta(minutes=30), "portal login link the bot hands out "
                                                    "(single use)"),
    "portal.sesion": Purpose(timedelta(hours=8), "portal session cookie (names a server row)"),
    "chat.sesion": Purpose(timedelta(days=30), "web chat session cookie"),
    "chat.imagen": Purpose(timedelta(days=30), "link to an image of a web chat reply"),
    "campañas.baja": Purpose(None, "unsubscribe link of campaign e-mails (never expires)"),
    "bot.dependencia": Purpose(timedelta(days=400), "Telegram start parameter of a dependencia's "
                                                    "QR poster (a printed poster lasts a year)"),
    "declaraciones.decision": Purpose(timedelta(days=30), "link for the superior to decide one "
                                                          "declaration without a console account "
                                                          "(revoked by a new link's nonce)"),
    "declaraciones.constancia": Purpose(timedelta(days=7), "link for the declarant to "
                                                           "download their constancia (PDF) "
                                                           "from the chat (one download: the "
                                                           "declaration's constancia_nonce)"),
    "consola.telegram": Purpose(timedelta(minutes=30), "Telegram start parameter a staff member "
                                                       "opens to link their own chat for test "
                                                       "sends (/start t<token>, one link)"),
    "vinculo.invitacion": Purpose(timedelta(days=30), "personal invitation to link a chat to "
                                                      "the directory (/start v<token>, one use, "
                                                      "revoked by the person's nonce)"),
    "sesiones.asistencia": Purpose(timedelta(days=400), "Telegram start parameter (and web chat "
                                                        "link) of a sensitization session's QR "
                                                        "check-in (/start a<token>; the session's "
                                                        "own window decides when it works)"),
}
START_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
START_MAX = 64  # Telegram's deep-link parameter: 1-64 characters of [A-Za-z0-9_-]
_LENGTH_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def _canonical(token: str) -> bool:
    """Whether each base64 part of the token is written the one way its bytes encode. A last
    character carries unused bits the decoder ignores, so without this check one signed token
    has several spellings that all verify, and a record of used tokens (by their text) could be
    walked around by changing the last character."""
    try:
        return all(base64_encode(base64_decode(part)).decode() == part
                   for part in token.removeprefix(".").split("."))
    except (BadData, ValueError, UnicodeError):
        return False


class Signer:
    """Sign and verify values for a purpose of ``PURPOSES`` with the current and previous keys."""

    def __init__(self, secret: str, previous: Sequence[str] = (),
                 clock: Callable[[], float] = time.time) -> None:
        if not secret:
            raise ValueError("the signer needs a secret key")
        # itsdangerous takes the keys oldest first and signs with the last one.
        self._keys = [*reversed([k for k in previous if k and k != secret]), secret]

        class _Clocked(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(clock())

        self._clock = clock
        self._signer_class = _Clocked
        self._serializers: dict[str, URLSafeTimedSerializer] = {}

    @classmethod
    def from_settings(cls, settings: Any, clock: Callable[[], float] = time.time) -> Signer:
        return cls(settings.secret_key.get_secret_value(), settings.previous_secrets, clock)

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        if purpose not in PURPOSES:
            raise KeyError(f"unknown token purpose {purpose!r}: add it to nucleo.signing.PURPOSES")
        serializer = self._serializers.get(purpose)
        if serializer is None:
            serializer = self._serializers[purpose] = URLSafeTimedSerializer(
                self._keys, salt=f"valor:{purpose}", signer=self._signer_class)
        return serializer

    def sign(self, purpose: str, value: Any) -> str:
        """A URL-safe token carrying ``value`` (anything JSON can hold) for this purpose."""
        return str(self._serializer(purpose).dumps(value))

    def unsign(self, purpose: str, token: object, *, max_age: timedelta | None = None) -> Any:
        """The value of a token made for this purpose; InvalidToken when it is malformed,
        forged or for another purpose, ExpiredToken when it is older than allowed."""
        serializer = self._serializer(purpose)
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
            raise InvalidToken(TOKEN_INVALID_LINK)
        limit = PURPOSES[purpose].max_age
        if max_age is not None and (limit is None or max_age < limit):
            limit = max_age
        seconds = None if limit is None else int(limit.total_seconds())
        try:
            value, signed_at = serializer.loads(token, max_age=seconds, return_timestamp=True)
        except SignatureExpired:
            raise ExpiredToken(TOKEN_EXPIRED) from None
        except (BadData, ValueError, TypeError, UnicodeError):
            raise InvalidToken(TOKEN_INVALID_LINK) from None
        if not _canonical(token):  # one token, one spelling (see ``_canonical``)
            raise InvalidToken(TOKEN_INVALID_LINK)
        if signed_at.timestamp() > self._clock() + 60:  # from the future: not ours
            raise InvalidToken(TOKEN_INVALID_LINK)
        return value

    def sign_start(self, purpose: str, value: Any) -> str:
        """A token for Telegram's ``/start`` parameter, which allows only ``[A-Za-z0-9_-]`` and
        64 characters: the usual token's three parts (value, time, signature), each of the
        first two preceded by its length as one character instead of the dots. Keep the value
        small (an int): ValueError when the result would not fit."""
        parts = self.sign(purpose, value).split(".")
        if len(parts) != 3 or any(len(p) >= len(_LENGTH_DIGITS) for p in parts[:2]):
            raise ValueError("value too large for a Telegram start parameter")
        compact = "".join(_LENGTH_DIGITS[len(p)] + p for p in parts[:2]) + parts[2]
        if len(compact) > START_MAX:
            raise ValueError("value too large for a Telegram start parameter")
        return compact

    def unsign_start(self, purpose: str, parameter: object, *,
                     max_age: timedelta | None = None) -> Any:
        """The value of a ``sign_start`` parameter; InvalidToken or ExpiredToken like
        ``unsign``."""
        if (not isinstance(parameter, str) or not 0 < len(parameter) <= START_MAX
                or not set(parameter) <= START_ALPHABET):
            raise InvalidToken(TOKEN_INVALID_LINK)
        parts, rest = [], parameter
        for _ in range(2):
            size = _LENGTH_DIGITS.index(rest[0])
            if size == 0 or len(rest) < size + 2:
                raise InvalidToken(TOKEN_INVALID_LINK)
            parts.append(rest[1:1 + size])
            rest = rest[1 + size:]
        return self.unsign(purpose, ".".join([*parts, rest]), max_age=max_age)

    def value_or_none(self, purpose: str, token: object, *,
                      max_age: timedelta | None = None) -> Any:
        """``unsign``, with None instead of the two errors (cookies that are simply ignored)."""
        try:
            return self.unsign(purpose, token, max_age=max_age)
        except InvalidToken:
            return None
