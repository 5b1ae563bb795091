"""Run an ASGI app with uvicorn (httptools + uvloop) in a background thread with its own loop."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
import uvloop


class ServerThread:
    """Serve ``app`` on ``host:port`` (0 = a free port) until ``stop``."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0,
                 on_stop: Callable[[], None] | None = None) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._on_stop = on_stop
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._failure: BaseException | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.port = 0

    def start(self, timeout: float = 10.0) -> None:
        """Bind the socket, start the thread and wait until uvicorn accepts connections."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        sock.set_inheritable(True)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app, http="httptools", loop="none", lifespan="off", log_level="warning",
            access_log=False, timeout_graceful_shutdown=2, backlog=4096, ws="none",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, args=(sock,), daemon=True,
                                        name=f"telegram-double:{self.port}")
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._failure is not None or not self._thread.is_alive():
                raise RuntimeError("the Telegram double failed to start") from self._failure
            if time.monotonic() > deadline:
                raise TimeoutError("the Telegram double did not start in time")
            time.sleep(0.002)

    def _run(self, sock: socket.socket) -> None:
        try:
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                self.loop = runner.get_loop()
                runner.run(self._serve(sock))
        except BaseException as exc:  # reported by start()/stop()
            self._failure = exc

    async def _serve(self, sock: socket.socket) -> None:
        """uvicorn's startup, then a prompt shutdown (its own polls every 0.1 s)."""
        server = self._server
        loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        server.config.load()
        server.lifespan = server.config.lifespan_class(server.config)
        await server.startup(sockets=[sock])
        await self._stopped.wait()
        for listener in server.servers:
            listener.close()
        for connection in list(server.server_state.connections):
            connection.shutdown()
        deadline = loop.time() + 2.0
        while server.server_state.connections and loop.time() < deadline:
            await asyncio.sleep(0.005)
        for task in list(server.server_state.tasks):
            task.cancel()
        sock.close()

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in the server loop (safe from any thread)."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(callback)
            except RuntimeError:  # loop closed meanwhile
                pass

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to exit, wake waiting handlers and join the thread."""
        if self._server is None or self._thread is None:
            return
        if self._on_stop is not None:
            self.call_soon(self._on_stop)
        self.call_soon(self._stopped.set)
        self._thread.join(timeout)
        self._server = None
