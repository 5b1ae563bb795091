"""What the delivery engine hands a sender, what it gets back, and the ``Sender`` protocol."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, Required, TypedDict, Unpack

from campañas.states import Verdict

if TYPE_CHECKING:
    from campañas.models import Piece
    from campañas.values import ValueRegistry
    from campañas.whatsapp_plans import TemplatePlan
    from nucleo.ratelimit import Priority, TelegramRateLimiter

REACTION_PREFIX = "rx"


def reaction_data(piece_id: int, key: str) -> str:
    """Callback data of a reaction button: ``rx:<piece_id>:<button>`` (≤ 64 bytes)."""
    return f"{REACTION_PREFIX}:{piece_id}:{key}"


def button_data(piece_id: int, button: dict[str, str]) -> str:
    """A piece button's callback data: its own ``data`` (an invitation's button) or the
    reaction data of its key."""
    return button.get("data") or reaction_data(piece_id, button["key"])


def is_reaction(button: dict[str, str]) -> bool:
    """Whether a piece button records a reaction (buttons with their own data do not)."""
    return not button.get("data")


class Recipient(TypedDict, total=False):
    """The recipient fields of an ``OutgoingDelivery`` (see there)."""

    delivery_id: Required[int | None]
    channel: Required[str]
    person_id: int | None
    full_name: str | None
    chat_id: int | None
    email: str | None
    attempts: int
    test: bool
    token_nonce: int | None
    unsubscribe_nonce: int | None
    wa_id: str | None
    whatsapp_template: TemplatePlan | None


@dataclass(frozen=True)
class OutgoingDelivery:
    """One message to send: the piece's content and the recipient's address on the channel.
    ``delivery_id`` is None for a staff member's test send (no row behind it). ``buttons``
    are (label, callback data) pairs; ``image_path`` is empty for a text-only piece."""

    delivery_id: int | None
    channel: str
    piece_id: int
    value_name: str
    caption_html: str
    image_path: str
    image_mime: str
    file_id: str | None
    buttons: tuple[tuple[str, str], ...]
    person_id: int | None = None
    full_name: str | None = None
    chat_id: int | None = None
    email: str | None = None
    attempts: int = 1
    test: bool = False
    token_nonce: int | None = None  # the person's invitation nonce (directory invitations)
    unsubscribe_nonce: int | None = None  # the nonce the person's unsubscribe link carries
    wa_id: str | None = None  # the person's WhatsApp number (WhatsApp deliveries)
    whatsapp_template: TemplatePlan | None = None  # read in the claim (WhatsApp deliveries)

    @classmethod
    def for_piece(cls, piece: Piece, registry: ValueRegistry, **recipient: Unpack[Recipient]
                  ) -> OutgoingDelivery:
        """Build from a piece row plus the recipient fields."""
        name = registry.get(piece.value_key).name if piece.value_key in registry else \
            piece.value_key
        buttons = tuple((b["label"], button_data(piece.id, b)) for b in piece.buttons or [])
        return cls(piece_id=piece.id, value_name=name, caption_html=piece.caption_html,
                   image_path=piece.image_path, image_mime=piece.image_mime,
                   file_id=piece.media_id(recipient["channel"]),
                   buttons=buttons,
                   **recipient)


@dataclass(frozen=True)
class Outcome:
    """A send's result: the verdict, Telegram's ``retry_after`` on 429, an error text for
    the stats, and a new ``file_id`` when the image was uploaded by this send."""

    verdict: Verdict
    retry_after: float | None = None
    error: str | None = None
    file_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


GRANTS_KEPT = 4096  # slots remembered until their send leaves (given-back rows never leave)


class Departures:
    """A sender's slots from its rate limiter (Telegram's or WhatsApp's), kept from ``ready``
    until the request leaves: ``take`` waits for the slot, ``leave`` tells the limiter the
    request goes now (``TelegramRateLimiter.depart``), so a send held between its slot and its
    request (the «enviando» commit, an image upload) counts in the window from when it left.
    No limiter: nothing to wait for."""

    def __init__(self, limiter: TelegramRateLimiter | None, kept: int = GRANTS_KEPT) -> None:
        self.limiter = limiter
        self.kept = kept
        self._granted: dict[Hashable, float] = {}

    def __len__(self) -> int:
        return len(self._granted)

    async def take(self, key: Hashable, chat_id: int | None, priority: Priority) -> None:
        if self.limiter is None:
            return
        self._granted[key] = await self.limiter.acquire(chat_id, priority)
        if len(self._granted) > self.kept:
            del self._granted[next(iter(self._granted))]

    async def leave(self, key: Hashable) -> None:
        granted = self._granted.pop(key, None)
        if granted is not None and self.limiter is not None:
            await self.limiter.depart(granted)

    def forget(self, key: Hashable) -> None:
        """The request never left (a failure before it): nothing to tell the limiter."""
        self._granted.pop(key, None)


class Sender(Protocol):
    """Sends one delivery on one channel and says what happened; never raises for a
    delivery-level problem (those are outcomes)."""

    channel: str

    async def ready(self, delivery: OutgoingDelivery) -> None:
        """Wait until this delivery may be sent (the channel's rate limits)."""

    async def send(self, delivery: OutgoingDelivery) -> Outcome: ...

    async def close(self) -> None: ...
