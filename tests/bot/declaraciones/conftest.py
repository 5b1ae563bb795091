"""Shared fixture of the declaraciones chat tests: the injected clock (Friday 4 December 2026,
10:00 in Bogotá) with the module's chat flows registered. A test module that needs another
moment defines its own ``clock`` (the web tests do)."""

from __future__ import annotations

import pytest

from bot.declaraciones.flow import register
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    register(services)
    return clock
