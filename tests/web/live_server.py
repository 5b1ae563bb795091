"""The whole app served by uvicorn on 127.0.0.1 in a background thread, for the browser tests.

The server owns its event loop; tests reach its services through ``call`` (run a coroutine in
that loop), so the database engine is only ever used from the loop that created it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any, TypeVar

import uvicorn

from api.app import ComponentsFactory, create_app
from nucleo.db import Database, utcnow
from nucleo.services import Services
from nucleo.settings import Settings

T = TypeVar("T")


class _LoopProbe:
    """A component that remembers the server's event loop."""

    name = "loop-probe"

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ready = threading.Event()

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.ready.set()

    async def stop(self) -> None:
        return None


class LiveServer:
    """Start with ``start()``, stop with ``stop()``; ``url`` is the base address."""

    def __init__(self, settings: Settings, database_url: str,
                 components: ComponentsFactory | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``components`` (for example ``api.wiring.build_components``) starts the service's
        real parts (bot, campaigns engine, outbox); by default only the web app runs, and then
        ``clock`` may fix the date the pages see."""
        self.services = Services(settings=settings, db=Database(database_url), clock=clock)
        self._probe = _LoopProbe()
        extra = components or (lambda _s: [])
        self.app = create_app(settings, services=self.services,
                              components=lambda s: [self._probe, *extra(s)], migrate=False)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on",
                                access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self._socket]}, daemon=True)

    def start(self, timeout: float = 60.0) -> None:
        """Serve; ``timeout`` is generous: the whole service (migrations, the consultations
        index) can take 20 s to start on a busy 2-core machine."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the console server did not start")
            time.sleep(0.02)
        self._probe.ready.wait(timeout)

    def call(self, work: Callable[[Services], Awaitable[T]], timeout: float = 15.0) -> T:
        """Run ``work(services)`` in the server's loop and return its result."""
        assert self._probe.loop is not None
        future: Future[Any] = asyncio.run_coroutine_threadsafe(work(self.services),
                                                               self._probe.loop)
        return future.result(timeout)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()
