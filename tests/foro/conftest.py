"""Fixtures of the forum tests: a recording Notifier, people, staff, Discourse on the double."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from foro.discourse.backend import DiscourseBackend
from foro.discourse.policy import DiscoursePolicy
from foro.service import FORUM_BACKEND, install
from foro.worker import OutboxWorker
from nucleo.db import Database
from nucleo.models import Department, Person, StaffAccount
from nucleo.ports import NOTIFIER, Button
from nucleo.services import Services
from nucleo.settings import Settings, load_settings
from nucleo.staff import create_staff
from tests.fakes.discourse_api import DiscourseDouble
from tests.fakes.fixtures_discourse import discourse_double  # noqa: F401  # re-exported fixture
from tests.foro.discourse.conftest import FakeTime

CATEGORY = 5


@dataclass
class Notice:
    person_id: int
    text_html: str
    buttons: list[list[Button]] | None


class FakeNotifier:
    """Records every notice it is asked to queue."""

    def __init__(self) -> None:
        self.sent: list[Notice] = []

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        notice = Notice(person_id, text_html, buttons)
        self.sent.append(notice)


class Clock:
    """A settable clock for Services; starts at the real time (staff tokens check it)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def services(settings: Settings, db: Database, notifier: FakeNotifier, clock: Clock) -> Services:
    """Services with the fake Notifier and the forum installed (built-in portal)."""
    services = Services(settings=settings, db=db, clock=clock)
    services.extras[NOTIFIER] = notifier
    install(services)
    return services


PersonFactory = Callable[..., Awaitable[Person]]


@pytest.fixture
def make_person(services: Services) -> PersonFactory:
    counter = iter(range(1, 10_000))

    async def make(name: str = "Ana Pérez", department: str | None = "Secretaría de Hacienda",
                   status: str = "activa") -> Person:
        n = next(counter)
        async with services.db.session() as session:
            dept = None
            if department:
                dept = Department(name=department, normalized_name=f"{department.lower()}-{n}")
                session.add(dept)
                await session.flush()
            person = Person(full_name=name, email=f"p{n}@alcaldia.gov.co",
                            department_id=dept.id if dept else None, telegram_chat_id=1000 + n,
                            status=status)
            session.add(person)
            await session.commit()
            return person

    return make


@pytest.fixture
async def hr(services: Services) -> StaffAccount:
    async with services.db.session() as session:
        return await create_staff(session, email="th@alcaldia.gov.co", full_name="Talento Humano",
                                  role="talento_humano", password="clave-segura-123")


# -- Discourse ------------------------------------------------------------------------------

ClientTime = FakeTime  # monotonic time that moves only when the client sleeps


FAST_POLICY = DiscoursePolicy(timeout=2.0, connect_timeout=1.0, max_attempts=2)


def discourse_settings(base: Settings, double: DiscourseDouble) -> Settings:
    return load_settings(
        data_dir=base.data_dir, secret_key=base.secret_key.get_secret_value(),
        entity_name=base.entity_name, public_url="https://valor.example.gov.co",
        discourse_url=double.base_url, discourse_api_key=double.api_key,
        discourse_api_username=double.api_username, discourse_category_id=CATEGORY,
        discourse_webhook_secret=double.webhook_secret)


@dataclass
class DiscourseSetup:
    """The double, services configured for it, and a way to build workers on them."""

    double: DiscourseDouble
    services: Services
    notifier: FakeNotifier
    clock: Clock

    def new_worker(self) -> OutboxWorker:
        """A fresh worker (as after a restart) with its own client on the double."""
        time = ClientTime()
        backend = DiscourseBackend.from_settings(self.services.settings, policy=FAST_POLICY,
                                                 sleep=time.sleep, clock=time.monotonic)
        return OutboxWorker(self.services, backend, poll_interval=0.01)

    async def drain(self, worker: OutboxWorker, rounds: int = 10) -> None:
        """Run rounds until nothing is due, moving the clock past any backoff."""
        for _ in range(rounds):
            await worker.run_once()
            self.clock.advance(minutes=10)


@pytest.fixture
async def forum(settings: Settings, db: Database, notifier: FakeNotifier, clock: Clock,
                discourse_double: DiscourseDouble) -> AsyncIterator[DiscourseSetup]:
    services = Services(settings=discourse_settings(settings, discourse_double), db=db,
                        clock=clock)
    services.extras[NOTIFIER] = notifier
    time = ClientTime()
    services.extras[FORUM_BACKEND] = DiscourseBackend.from_settings(
        services.settings, policy=FAST_POLICY, sleep=time.sleep, clock=time.monotonic)
    install(services)
    yield DiscourseSetup(discourse_double, services, notifier, clock)
    await services.extras[FORUM_BACKEND].aclose()


async def api_client(services: Services) -> httpx.AsyncClient:
    """An API client on an app wired to these services (no components)."""
    from api.app import create_app

    app = create_app(services.settings, services=services, components=lambda _s: [],
                     migrate=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def staff_token(services: Services, staff: StaffAccount) -> dict[str, Any]:
    from nucleo.security import issue_token

    token = issue_token(services.signer, staff.id, staff.token_version)
    return {"Authorization": f"Bearer {token}"}
