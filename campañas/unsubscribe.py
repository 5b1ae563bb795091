"""Unsubscribe links: a signed token per person (``services.signer``, purpose
``campañas.baja``, which never expires) and the action that turns ``Person.subscribed`` off and
cancels what was still pending.

A token carries ``[person id, unsubscribe nonce]`` (``Person.unsubscribe_nonce``, empty until it
first rotates). ``check_token`` compares the nonce with the stored one: once it rotates (the
person subscribed again, their address changed, /olvidarme, a merge) every link e-mailed before
stops working, so an old forwarded e-mail cannot unsubscribe them again. Unsubscribing does not
rotate it: the same link twice is the same answer.

Links sent before nonces (the bare person id) and before the one signer
(``<id>.<HMAC-SHA256>``, checked against the current and previous secret keys) carry none:
they keep working while the person's nonce is still empty, and stop with its first rotation."""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Delivery
from campañas.states import DeliveryState
from nucleo.db import commit, rows_changed
from nucleo.models import Person
from nucleo.settings import Settings
from nucleo.signing import Signer

PURPOSE = "campañas.baja"
_LEGACY_PURPOSE = b"campaigns-unsubscribe:v1:"
_SIG_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _legacy_signature(secret: str, person_id: int) -> bytes:
    mac = hmac.new(secret.encode(), _LEGACY_PURPOSE + str(person_id).encode(), hashlib.sha256)
    return mac.digest()[:_SIG_BYTES]


def legacy_token(secret: str, person_id: int) -> str:
    """A token in the old format (only to test that old links keep working)."""
    return f"{person_id}.{_b64(_legacy_signature(secret, person_id))}"


def _read_legacy(secrets: list[str], token: str) -> int | None:
    if len(token) > 100 or token.count(".") != 1:
        return None
    raw_id, raw_sig = token.split(".")
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 12:
        return None
    person_id = int(raw_id)
    for secret in secrets:
        expected = _b64(_legacy_signature(secret, person_id))
        if hmac.compare_digest(expected.encode(), raw_sig.encode()):
            return person_id
    return None


@dataclass(frozen=True)
class Claim:
    """What a well-signed token says: the person and the nonce it was made with (None: made
    while the person had none, or in a format without nonces)."""

    person_id: int
    nonce: int | None


class LinkState(enum.Enum):
    """What a link can do now."""

    VALID = "valida"
    STALE = "anulada"  # the person's nonce rotated since the link was made
    UNKNOWN = "desconocida"  # malformed, forged, another purpose, or nobody


def make_token(signer: Signer, person_id: int, nonce: int | None) -> str:
    """A URL-safe token naming one person and their current nonce, unforgeable without the
    secret."""
    return signer.sign(PURPOSE, [int(person_id), None if nonce is None else int(nonce)])


def _id(value: object) -> int | None:
    return value if type(value) is int and value > 0 else None


def read_token(signer: Signer, settings: Settings, token: object) -> Claim | None:
    """What a token claims (any of the three formats), or None when malformed or forged. Says
    nothing about whether the nonce is still the person's (``check_token``)."""
    if not isinstance(token, str):
        return None
    value = signer.value_or_none(PURPOSE, token)
    if type(value) is list and len(value) == 2:
        person_id, nonce = _id(value[0]), value[1]
        if person_id is None or not (nonce is None or _id(nonce) is not None):
            return None
        return Claim(person_id, nonce)
    if value is not None:  # a link signed before nonces: the bare person id
        person_id = _id(value)
        return Claim(person_id, None) if person_id is not None else None
    legacy = _read_legacy([settings.secret_key.get_secret_value(), *settings.previous_secrets],
                          token)
    return Claim(legacy, None) if legacy is not None else None


async def check_token(session: AsyncSession, signer: Signer, settings: Settings,
                      token: object) -> LinkState:
    """Whether the link still works: its claim, checked against the person's stored nonce."""
    claim = read_token(signer, settings, token)
    if claim is None:
        return LinkState.UNKNOWN
    found = (await session.execute(select(Person.unsubscribe_nonce).where(
        Person.id == claim.person_id))).first()
    if found is None:
        return LinkState.UNKNOWN
    return LinkState.VALID if found[0] == claim.nonce else LinkState.STALE


def public_base(settings: Settings) -> str:
    """The service's public address (links in e-mails)."""
    if settings.public_url is not None:
        return str(settings.public_url).rstrip("/")
    return f"http://{settings.host}:{settings.port}"


def unsubscribe_url(settings: Settings, signer: Signer, person_id: int,
                    nonce: int | None) -> str:
    """The link in every campaign e-mail (and its List-Unsubscribe header); ``nonce`` is the
    person's ``unsubscribe_nonce``, read with the delivery."""
    token = make_token(signer, person_id, nonce)
    return f"{public_base(settings)}/api/v1/unsubscribe/{token}"


async def unsubscribe(session: AsyncSession, claim: Claim) -> LinkState:
    """Turn the person's subscription off and cancel their pending deliveries (an action:
    commits), only while the claim's nonce is still theirs (checked in the same UPDATE, so a
    rotation in between wins). Idempotent: the same link again is VALID and changes nothing
    new. STALE or UNKNOWN change nothing."""
    same = Person.unsubscribe_nonce.is_(None) if claim.nonce is None \
        else Person.unsubscribe_nonce == claim.nonce
    if not await rows_changed(session, update(Person).where(
            Person.id == claim.person_id, same).values(subscribed=False)):
        exists = (await session.execute(select(Person.id).where(
            Person.id == claim.person_id))).first()
        await session.rollback()  # nothing changed: end the transaction now
        return LinkState.STALE if exists is not None else LinkState.UNKNOWN
    await cancel_pending(session, [claim.person_id])
    await commit(session)
    return LinkState.VALID


async def cancel_pending(session: AsyncSession, person_ids: Sequence[int]) -> None:
    """Cancel these people's deliveries that have not left (in the caller's transaction): a
    row already in flight is left to its outcome."""
    await session.execute(
        update(Delivery).where(Delivery.person_id.in_(list(person_ids)),
                               Delivery.state == DeliveryState.PENDIENTE.value)
        .values(state=DeliveryState.CANCELADA.value))
