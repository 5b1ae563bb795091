"""Overhead of DiscourseClient (limiter, policy, validation) against bare httpx, same run.

Run: ``/work/main/.venv/bin/python -m bench.discourse_client`` from the repository root.
Prints the time per call of each and their ratio; both talk to the local Discourse double.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from foro.discourse.client import DiscourseClient
from foro.discourse.policy import DiscoursePolicy
from tests.fakes.discourse_api import DiscourseDouble

CALLS = 300


async def main() -> None:
    with DiscourseDouble() as double:
        headers = {"Api-Key": double.api_key, "Api-Username": double.api_username}
        policy = DiscoursePolicy(requests_per_minute=1_000_000)
        async with DiscourseClient(double.base_url, double.api_key, double.api_username, policy=policy) as client:
            ref = await client.ensure_topic(external_id="bench-1", title="Tema de referencia para medir",
                                            raw="Texto suficiente para un primer mensaje.", category_id=5)
            async with httpx.AsyncClient(base_url=double.base_url, headers=headers) as bare:
                start = time.perf_counter()
                for _ in range(CALLS):
                    (await bare.get(f"/t/{ref.topic_id}.json")).json()
                reference = (time.perf_counter() - start) / CALLS
                start = time.perf_counter()
                for _ in range(CALLS):
                    await client.get_topic(ref.topic_id)
                ours = (time.perf_counter() - start) / CALLS
    print(f"bare httpx GET /t/{{id}}.json: {reference * 1000:.2f} ms/call (reference)")
    print(f"DiscourseClient.get_topic:    {ours * 1000:.2f} ms/call = {ours / reference:.2f}x reference")
    print(f"one admin key at 55 req/min allows one call every {60 / 55:.2f} s; "
          f"client overhead is {(ours - reference) * 1000:.2f} ms of that")


if __name__ == "__main__":
    asyncio.run(main())
