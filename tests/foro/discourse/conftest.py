"""Fixtures for the Discourse integration tests: the double, fake time and a client on both."""

from __future__ import annotations

import pytest

from foro.discourse.client import DiscourseClient
from foro.discourse.policy import DiscoursePolicy
from tests.fakes.discourse_api import DiscourseDouble
from tests.fakes.fixtures_discourse import discourse_double  # noqa: F401  # re-exported fixture


class FakeTime:
    """A clock that only moves when someone sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def make_client(discourse_double: DiscourseDouble, fake_time: FakeTime):
    """Build clients on the double that sleep on fake time; closed at teardown."""
    clients: list[DiscourseClient] = []

    def build(*, api_key: str | None = None, policy: DiscoursePolicy | None = None) -> DiscourseClient:
        client = DiscourseClient(discourse_double.base_url, api_key or discourse_double.api_key,
                                 discourse_double.api_username, policy=policy,
                                 sleep=fake_time.sleep, clock=fake_time.monotonic)
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.aclose()


@pytest.fixture
def client(make_client) -> DiscourseClient:
    """A client on the double with the default policy and fake time."""
    return make_client()
