"""The socket guard (pytest-socket, configured in pyproject.toml): loopback and Unix sockets
connect, any other address is refused before a packet leaves the machine."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest
from pytest_socket import SocketConnectBlockedError

OUTSIDE = ("192.0.2.1", 9)  # TEST-NET-1 (RFC 5737): documentation only, never routed


@pytest.fixture(autouse=True)
def _guard_is_on() -> None:
    import pytest_socket

    assert socket.socket.connect is not pytest_socket._true_connect, "the guard is off"


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_a_connection_outside_the_machine_is_refused() -> None:
    with (socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
          pytest.raises(SocketConnectBlockedError)):
        sock.connect(OUTSIDE)


def _blocked(error: BaseException) -> bool:
    """The guard's error, however deep the client wrapped it."""
    if isinstance(error, SocketConnectBlockedError):
        return True
    if isinstance(error, BaseExceptionGroup):
        return any(_blocked(e) for e in error.exceptions)
    return any(_blocked(e) for e in (error.__cause__, error.__context__) if e is not None)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
async def test_an_http_client_cannot_reach_outside() -> None:
    async with httpx.AsyncClient(timeout=2) as client:
        with pytest.raises(BaseException) as caught:
            await client.get(f"http://{OUTSIDE[0]}:{OUTSIDE[1]}/")
    assert _blocked(caught.value), caught.value


async def test_loopback_still_connects() -> None:
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"hola\n")
        assert await reader.readline() == b"hola\n"
        writer.close()
        await writer.wait_closed()


def test_unix_sockets_still_connect(tmp_path: Path) -> None:
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen()
        client.connect(path)
        peer, _ = server.accept()
        client.sendall(b"ok")
        assert peer.recv(2) == b"ok"
        peer.close()
