"""The services container handed to routes, bot handlers and jobs (no module globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nucleo.db import Database, utcnow
from nucleo.settings import Settings
from nucleo.signing import Signer
from nucleo.throttle import LoginThrottle


@dataclass
class Services:
    """Everything a feature needs; features hang their own services in ``extras`` by name."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utcnow
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    signer: Signer = None  # type: ignore[assignment]  # built from the settings when not given
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.signer is None:
            # The signer reads this container's clock, so a test that sets ``clock`` ages tokens.
            self.signer = Signer.from_settings(self.settings,
                                               clock=lambda: self.clock().timestamp())

    def get(self, name: str) -> Any:
        return self.extras.get(name)
