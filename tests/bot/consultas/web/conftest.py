"""The desk the consultation pages and API run on, at a fixed Friday morning in Bogotá."""

from __future__ import annotations

import pytest

from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota, desk_service


@pytest.fixture
def clock() -> Clock:
    return Clock(bogota(2026, 8, 14, 10))  # a Friday


@pytest.fixture
def desk(services: Services, clock: Clock):
    return desk_service(services, clock)
