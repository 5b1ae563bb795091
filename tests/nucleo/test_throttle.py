"""The login throttle: folded keys, atomic slots, pairs (login, address), doubling waits; the
counts in memory and in the database (both engines), shared by two services on one database."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from sqlalchemy import select

from nucleo.db import Database
from nucleo.errors import RateLimited
from nucleo.text import fold_identifier
from nucleo.throttle import Counts, LoginThrottle, MemoryCounts
from nucleo.throttle_store import ThrottleCount, ThrottleStore
from tests.fakes.clock import ManualClock


@pytest.mark.parametrize(
    "typed",
    [
        "ana@alcaldia.gov.co",
        " ANA@Alcaldia.gov.co ",
        "ana\u200b@alcaldia.gov.co",
        "\u200dan\u00ada@alcaldia.gov.co\u2060",
        "ＡＮＡ@alcaldia.gov.co",
        "ana\ufe0f@alcaldia.gov.co",
        "a\u202ena@alcaldia.gov.co",
        "ana\u3164@alcaldia.gov.co",
    ],
)
def test_identifiers_fold_to_one_form(typed: str) -> None:
    assert fold_identifier(typed) == "ana@alcaldia.gov.co"


def test_folding_is_stable_and_casefolds() -> None:
    assert fold_identifier("STRASSE") == fold_identifier("straße") == "strasse"
    for text in ("ﬁ@x.co", "Ǆ", "ÅNGSTRÖM"):
        assert fold_identifier(fold_identifier(text)) == fold_identifier(text)


@pytest.fixture(params=["memory", "database"])
def counts(request: pytest.FixtureRequest, db: Database) -> Counts:
    """The counts in memory or in the database (each engine)."""
    return MemoryCounts() if request.param == "memory" else ThrottleStore(db, purge_every=3)


def throttle_of(counts: Counts, **kwargs: object) -> LoginThrottle:
    return LoginThrottle(counts=counts, secret=b"clave-de-prueba", **kwargs)  # type: ignore[arg-type]  # test overrides of mixed types


async def test_the_allowance_then_a_doubling_wait(counts: Counts) -> None:
    clock = ManualClock()
    throttle = throttle_of(counts, allowance=3, base_delay=2, clock=clock)
    for _ in range(3):
        await throttle.reserve("ana@x.co", "10.0.0.1")
    with pytest.raises(RateLimited) as caught:
        await throttle.reserve("ana@x.co", "10.0.0.1")
    assert caught.value.retry_after == 2
    assert "Espere 2 segundos" in caught.value.message
    clock.now += 2
    await throttle.reserve("ana@x.co", "10.0.0.1")
    assert await throttle.waiting("ana@x.co", "10.0.0.1") == 4


async def test_slots_are_taken_before_the_check_so_a_burst_gets_only_the_allowance(counts: Counts) -> None:
    throttle = throttle_of(counts, allowance=5, clock=ManualClock())

    async def guess() -> bool:
        try:
            await throttle.reserve("ana@x.co", "10.0.0.1")
        except RateLimited:
            return False
        return True

    # nothing has failed yet: every slot is still in flight, all at once
    assert sum(await asyncio.gather(*(guess() for _ in range(30)))) == 5


async def test_a_pair_is_slowed_down_not_the_account_nor_the_address(counts: Counts) -> None:
    throttle = throttle_of(counts, allowance=2, clock=ManualClock())
    for _ in range(2):
        await throttle.reserve("ana@x.co", "10.0.0.1")
    with pytest.raises(RateLimited):
        await throttle.reserve("ANA\u200b@x.co", "10.0.0.1")  # the invisible variant: same key
    await throttle.reserve("ana@x.co", "10.0.0.2")  # the real user, elsewhere
    await throttle.reserve("luis@x.co", "10.0.0.1")  # a colleague behind the same NAT
    other = replace(throttle, scope="vincular")  # another throttle on the same counts
    await other.reserve("ana@x.co", "10.0.0.1")


async def test_success_clears_the_pair_and_quiet_pairs_are_forgotten(counts: Counts) -> None:
    clock = ManualClock()
    throttle = throttle_of(counts, allowance=2, forget_after=900, clock=clock)
    await throttle.reserve("ana@x.co", "a")
    await (await throttle.reserve("ana@x.co", "a")).succeeded()
    await throttle.reserve("ana@x.co", "a")
    await throttle.reserve("ana@x.co", "a")
    clock.now += 901
    await throttle.reserve("ana@x.co", "a")
    assert await throttle.waiting("ana@x.co", "a") == 0


@pytest.mark.parametrize(
    "login", ["", "x" * 100_000, "<script>alert(1)</script>", "ñandú\u202e🌵@x.co", "\ud800"]
)
async def test_odd_logins_are_counted_like_any_other(counts: Counts, login: str) -> None:
    throttle = throttle_of(counts, allowance=1, clock=ManualClock())
    await throttle.reserve(login, "10.0.0.1" * 50)
    with pytest.raises(RateLimited):
        await throttle.reserve(login, "10.0.0.1" * 50)


async def test_two_services_on_one_database_share_the_count(db: Database) -> None:
    """Two web replicas: a guess counts once wherever it lands, and a restart (a new store)
    forgets nothing. The database keeps only an HMAC of the pair."""
    clock = ManualClock()
    first = throttle_of(ThrottleStore(db), allowance=4, clock=clock)
    second = throttle_of(ThrottleStore(db), allowance=4, clock=clock)
    taken = 0
    for turn in range(12):
        try:
            await (first if turn % 2 else second).reserve("ana@alcaldia.gov.co", "10.0.0.1")
            taken += 1
        except RateLimited:
            pass
    assert taken == 4
    restarted = throttle_of(ThrottleStore(db), allowance=4, clock=clock)
    assert await restarted.waiting("ana@alcaldia.gov.co", "10.0.0.1") > 0
    async with db.session() as session:
        rows = (await session.execute(select(ThrottleCount))).scalars().all()
    assert [(r.scope, r.attempts) for r in rows] == [("login", 4)]
    assert "ana" not in rows[0].key and "10.0.0.1" not in rows[0].key and len(rows[0].key) == 64


async def test_two_services_guessing_at_once_get_only_the_allowance(db: Database) -> None:
    """Both replicas at the same moment: the check-and-count is one statement, so a burst split
    between them still gets exactly the allowance (a read-then-write would let more through)."""
    clock = ManualClock()
    replicas = [throttle_of(ThrottleStore(db), allowance=4, clock=clock) for _ in range(2)]

    async def guess(turn: int) -> bool:
        try:
            await replicas[turn % 2].reserve("ana@alcaldia.gov.co", "10.0.0.1")
        except RateLimited:
            return False
        return True

    assert sum(await asyncio.gather(*(guess(turn) for turn in range(12)))) == 4


async def test_quiet_rows_are_purged(db: Database) -> None:
    clock = ManualClock()
    throttle = throttle_of(ThrottleStore(db, purge_every=2), allowance=5, forget_after=900, clock=clock)
    await throttle.reserve("ana@x.co", "a")
    await throttle.reserve("beto@x.co", "a")
    clock.now += 901
    await throttle.reserve("caro@x.co", "a")
    await throttle.reserve("caro@x.co", "a")  # the second reservation purges
    async with db.session() as session:
        left = (await session.execute(select(ThrottleCount.attempts))).scalars().all()
    assert left == [2]
