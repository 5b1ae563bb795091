"""The services container handed to routes, bot handlers and jobs (no module globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar, overload

from nucleo.db import Database, utcnow
from nucleo.formats import local_day
from nucleo.metrics import Metrics
from nucleo.settings import Settings
from nucleo.signing import Signer
from nucleo.throttle import LoginThrottle

T = TypeVar("T")


class Key(str, Generic[T]):
    """The typed name of something a feature keeps in ``Services.extras``.

    Declared where the thing is defined, ``BOT_CORE: Key[DialogueCore] = Key("bot_core")``, so
    ``services.get(BOT_CORE)`` is a ``DialogueCore | None`` to the type checker and
    jump-to-definition leads to it; ``nucleo`` never imports the features to know their types.
    A key is still a ``str``: ``extras[KEY]`` and a plain-name lookup keep working."""

    __slots__ = ()


class Missing(LookupError):
    """A service a caller needs was never registered (a wiring mistake, not bad input)."""


@dataclass
class Services:
    """Everything a feature needs; features hang their own services in ``extras`` under a
    typed ``Key`` (``provide``, ``get``, ``need``)."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utcnow
    # console and API logins, counted in the database (built when not given)
    throttle: LoginThrottle = None  # type: ignore[assignment]  # built in __post_init__ when not given
    signer: Signer = None  # type: ignore[assignment]  # built in __post_init__ when not given
    metrics: Metrics = field(default_factory=Metrics)  # its own registry, never a global one
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.signer is None:
            # The signer reads this container's clock, so a test that sets ``clock`` ages tokens.
            self.signer = Signer.from_settings(self.settings,
                                               clock=lambda: self.clock().timestamp())
        if self.throttle is None:
            from nucleo.throttle_store import ThrottleStore

            self.throttle = LoginThrottle(
                clock=lambda: self.clock().timestamp(), counts=ThrottleStore(self.db),
                secret=self.settings.secret_key.get_secret_value().encode())

    def today(self) -> date:
        """Today in the entity's time zone (``settings.tz``), on the injected clock."""
        return local_day(self.clock(), self.settings.tz)

    @overload
    def get(self, key: Key[T]) -> T | None: ...
    @overload
    def get(self, key: str) -> Any: ...
    def get(self, key: str) -> Any:
        """The service registered under ``key``, or None when the feature is absent."""
        return self.extras.get(key)

    def need(self, key: Key[T]) -> T:
        """The service registered under ``key``; ``Missing`` when it never was."""
        try:
            return self.extras[key]  # typed by the key
        except KeyError:
            raise Missing(key) from None

    def provide(self, key: Key[T], value: T) -> T:
        """Register ``value`` under ``key`` (replacing any earlier one) and return it."""
        self.extras[key] = value
        return value

    def setdefault(self, key: Key[T], make: Callable[[], T]) -> T:
        """The service under ``key``, built with ``make`` and registered on first use."""
        if key not in self.extras:
            self.extras[key] = make()
        return self.extras[key]  # typed by the key
