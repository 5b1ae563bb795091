"""Fixtures for tests of the fakes themselves."""

from tests.fakes.fixtures import telegram_double, telegram_double_unlimited  # noqa: F401
