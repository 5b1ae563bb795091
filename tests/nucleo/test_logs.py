import logging

import pytest

from nucleo.logs import RedactingFormatter, redact, safe_path, setup_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_bot_tokens_api_keys_and_passwords_are_redacted() -> None:
    text = redact(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage Api-Key: abc123def "
                  "postgresql://valor:s3creta@db:5432/valor")
    assert TOKEN.split(":")[1] not in text and "abc123def" not in text and "s3creta" not in text
    assert "postgresql://valor:***@db" in text


def test_tracebacks_are_redacted_too() -> None:
    formatter = RedactingFormatter("%(message)s")
    try:
        raise RuntimeError(f"failed calling bot{TOKEN}/getMe")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)
        import sys

        record.exc_info = sys.exc_info()
    output = formatter.format(record)
    assert "Traceback" in output and TOKEN not in output


PRIVATE_TARGETS = [
    ("/portal/entrar?t=eyJwIjo0Mn0.ZbQ1xA.secreto", "/portal/entrar", "secreto"),
    ("/consola/directorio?q=Ana+P%C3%A9rez&pagina=2", "/consola/directorio", "Ana"),
    ("/api/v1/unsubscribe/abc.DEF_ghi-jkl", "/api/v1/unsubscribe/***", "DEF_ghi"),
    ("/chat/api/images/tok3n", "/chat/api/images/***", "tok3n"),
    ("/portal/algo/eyJwIjo0Mn0.ZbQ1xA.firma", "/portal/algo/***", "firma"),
]


@pytest.mark.parametrize(("target", "logged", "secret"), PRIVATE_TARGETS)
def test_access_paths_lose_queries_and_tokens(target: str, logged: str, secret: str) -> None:
    assert safe_path(target) == logged
    assert secret not in safe_path(target)


def test_ordinary_paths_are_kept() -> None:
    for path in ("/consola/campanas/12/piezas/3/vista-previa", "/api/v1/people", "/health"):
        assert safe_path(path) == path


async def test_the_uvicorn_access_log_holds_no_personal_data_or_secret(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A real uvicorn server with the service's logging: what lands in the access log."""
    import asyncio

    import httpx
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from tests.fakes.net import free_port

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    setup_logging("INFO")
    app = Starlette(routes=[Route("/{path:path}", lambda _r: PlainTextResponse("ok"))])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           http="httptools", lifespan="off"))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for target, _logged, _secret in PRIVATE_TARGETS:
                assert (await client.get(target)).status_code == 200
    finally:
        server.should_exit = True
        await serving
        root.handlers[:], _level = saved
        root.setLevel(saved[1])
    lines = [line for line in capsys.readouterr().err.splitlines() if "uvicorn.access" in line]
    assert len(lines) == len(PRIVATE_TARGETS)
    for (_target, logged, secret), line in zip(PRIVATE_TARGETS, lines, strict=True):
        assert f"GET {logged} HTTP" in line and secret not in line


def test_a_library_that_sets_its_logger_to_debug_stays_quiet_at_info(
        capsys: pytest.CaptureFixture[str]) -> None:
    import bm25s  # noqa: F401  # sets logging.getLogger("bm25s") to DEBUG on import

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("INFO")
        logging.getLogger("bm25s").setLevel(logging.DEBUG)  # as bm25s does when imported later
        logging.getLogger("bm25s").debug("bm25s debug line")
        logging.getLogger("bm25s").warning("bm25s warning line")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    err = capsys.readouterr().err
    assert "bm25s warning line" in err and "bm25s debug line" not in err


async def test_an_unexpected_error_logs_the_safe_path(caplog: pytest.LogCaptureFixture) -> None:
    """The error log line names the route like the access log does: no token, no query."""
    import httpx
    from fastapi import FastAPI

    from api.errors import install_error_handlers

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/v1/unsubscribe/{token}")
    async def broken(token: str) -> None:
        raise RuntimeError("boom")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        with caplog.at_level(logging.ERROR):
            response = await client.get("/api/v1/unsubscribe/Mzc.aZ9-secret-token?q=Ana")
    assert response.status_code == 500
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "/api/v1/unsubscribe/***" in logged
    assert "secret-token" not in logged and "Ana" not in logged
