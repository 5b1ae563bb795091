"""Unsubscribe links: a signed token per person (HMAC-SHA256 with the service's secret) and
the action that turns ``Person.subscribed`` off and cancels what was still pending."""

from __future__ import annotations

import base64
import hashlib
import hmac

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Delivery
from campañas.states import DeliveryState
from nucleo.models import Person
from nucleo.settings import Settings

_PURPOSE = b"campaigns-unsubscribe:v1:"
_SIG_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _signature(secret: str, person_id: int) -> bytes:
    mac = hmac.new(secret.encode(), _PURPOSE + str(person_id).encode(), hashlib.sha256)
    return mac.digest()[:_SIG_BYTES]


def make_token(secret: str, person_id: int) -> str:
    """A URL-safe token naming one person, unforgeable without the secret."""
    return f"{person_id}.{_b64(_signature(secret, person_id))}"


def read_token(secret: str, token: object) -> int | None:
    """The person id a token names, or None when it is malformed or forged."""
    if not isinstance(token, str) or len(token) > 100 or token.count(".") != 1:
        return None
    raw_id, raw_sig = token.split(".")
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 12:
        return None
    person_id = int(raw_id)
    expected = _b64(_signature(secret, person_id))
    return person_id if hmac.compare_digest(expected.encode(), raw_sig.encode()) else None


def public_base(settings: Settings) -> str:
    """The service's public address (links in e-mails)."""
    if settings.public_url is not None:
        return str(settings.public_url).rstrip("/")
    return f"http://{settings.host}:{settings.port}"


def unsubscribe_url(settings: Settings, person_id: int) -> str:
    """The link in every campaign e-mail (and its List-Unsubscribe header)."""
    token = make_token(settings.secret_key.get_secret_value(), person_id)
    return f"{public_base(settings)}/api/v1/unsubscribe/{token}"


async def unsubscribe(session: AsyncSession, person_id: int) -> bool:
    """Turn the person's subscription off and cancel their pending deliveries; commits.
    Returns False when the person does not exist."""
    result = await session.execute(
        update(Person).where(Person.id == person_id).values(subscribed=False))
    if not result.rowcount:
        await session.rollback()
        return False
    await session.execute(
        update(Delivery).where(Delivery.person_id == person_id,
                               Delivery.state == DeliveryState.PENDIENTE.value)
        .values(state=DeliveryState.CANCELADA.value))
    await session.commit()
    return True
