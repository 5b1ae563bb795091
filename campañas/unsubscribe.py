"""Unsubscribe links: a signed token per person (``services.signer``, purpose
``campañas.baja``, which never expires) and the action that turns ``Person.subscribed`` off and
cancels what was still pending.

Links sent before the one signer (``<id>.<HMAC-SHA256>``) keep working: ``read_token`` still
checks them against the current and the previous secret keys (cheap, and e-mails already sent
cannot be changed)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Delivery
from campañas.states import DeliveryState
from nucleo.db import rows_changed
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


def make_token(signer: Signer, person_id: int) -> str:
    """A URL-safe token naming one person, unforgeable without the secret."""
    return signer.sign(PURPOSE, int(person_id))


def read_token(signer: Signer, settings: Settings, token: object) -> int | None:
    """The person id a token names (new or old format), or None when malformed or forged."""
    if not isinstance(token, str):
        return None
    value = signer.value_or_none(PURPOSE, token)
    if value is not None:
        return value if type(value) is int and value > 0 else None
    return _read_legacy([settings.secret_key.get_secret_value(), *settings.previous_secrets],
                        token)


def public_base(settings: Settings) -> str:
    """The service's public address (links in e-mails)."""
    if settings.public_url is not None:
        return str(settings.public_url).rstrip("/")
    return f"http://{settings.host}:{settings.port}"


def unsubscribe_url(settings: Settings, signer: Signer, person_id: int) -> str:
    """The link in every campaign e-mail (and its List-Unsubscribe header)."""
    token = make_token(signer, person_id)
    return f"{public_base(settings)}/api/v1/unsubscribe/{token}"


async def unsubscribe(session: AsyncSession, person_id: int) -> bool:
    """Turn the person's subscription off and cancel their pending deliveries; commits.
    Returns False when the person does not exist."""
    if not await rows_changed(
            session, update(Person).where(Person.id == person_id).values(subscribed=False)):
        await session.rollback()
        return False
    await cancel_pending(session, [person_id])
    await session.commit()
    return True


async def cancel_pending(session: AsyncSession, person_ids: Sequence[int]) -> None:
    """Cancel these people's deliveries that have not left (in the caller's transaction): a
    row already in flight is left to its outcome."""
    await session.execute(
        update(Delivery).where(Delivery.person_id.in_(list(person_ids)),
                               Delivery.state == DeliveryState.PENDIENTE.value)
        .values(state=DeliveryState.CANCELADA.value))
