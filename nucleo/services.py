"""The services container handed to routes, bot handlers and jobs (no module globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nucleo.db import Database, utcnow
from nucleo.settings import Settings
from nucleo.throttle import LoginThrottle


@dataclass
class Services:
    """Everything a feature needs; features hang their own services in ``extras`` by name."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utcnow
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    extras: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.extras.get(name)
