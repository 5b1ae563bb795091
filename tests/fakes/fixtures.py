"""pytest fixtures for the Telegram double; the root conftest imports them with
``from tests.fakes.fixtures import telegram_double, telegram_double_unlimited``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.telegram import TelegramDouble


@pytest.fixture
def telegram_double() -> Iterator[TelegramDouble]:
    """A running double with Telegram's flood limits; fails the test on spec violations."""
    with TelegramDouble() as double:
        yield double
        assert not double.violations, f"Bot API spec violations: {double.violations}"


@pytest.fixture
def telegram_double_unlimited() -> Iterator[TelegramDouble]:
    """A running double without flood limits; fails the test on spec violations."""
    with TelegramDouble(unlimited=True) as double:
        yield double
        assert not double.violations, f"Bot API spec violations: {double.violations}"
