"""Login throttling under a parallel burst (issue #14 item 2), console and API.

Run: ``.venv/bin/python bench/login_throttle.py`` from the repository root (``make bench``).

30 wrong guesses for one account are sent at once from one address, to the console form and to
the API token route of an app on SQLite. The figure is how many of them reached the Argon2
check, against the allowance of a (login, address) pair (the reference: 1.00 means no guess
slipped through). Also: the burst's time against one Argon2 check in the same run.

``replicas``: the same burst to the API token route, alternating between two services (two
apps, each with its own ``Services``) on one SQLite database, as the two web replicas of
``docker-compose.yml``: the allowance is the pair's, not each replica's.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from pathlib import Path

import httpx

from api.app import create_app
from nucleo import staff as staff_module
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.security import hash_password, verify_password
from nucleo.services import Services
from nucleo.settings import load_settings
from nucleo.staff import create_staff

BURST = 30
EMAIL = "th@alcaldia.gov.co"
PASSWORD = "pino-nube-rio-73"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def burst(kind: str, folder: Path) -> tuple[int, int, float]:
    settings = load_settings(data_dir=folder, secret_key="bench-secret-" + "k" * 32)
    db = Database(f"sqlite+aiosqlite:///{folder / (kind + '.db')}")
    await upgrade_database(db)
    services = Services(settings=settings, db=db)
    async with db.session() as session:
        await create_staff(session, email=EMAIL, full_name="TH", role="talento_humano",
                           password=PASSWORD)
    checked: list[str] = []

    def counting(password_hash: str, password: str) -> bool:
        checked.append(password)
        return verify_password(password_hash, password)

    staff_module.verify_password = counting
    app = create_app(settings, services=services, components=lambda _s: [], migrate=False)
    transport = httpx.ASGITransport(app=app)
    if kind == "replicas":
        other = create_app(settings, services=Services(settings=settings, db=db),
                           components=lambda _s: [], migrate=False)
        clients = [httpx.AsyncClient(transport=transport, base_url="http://bench"),
                   httpx.AsyncClient(transport=httpx.ASGITransport(app=other),
                                     base_url="http://bench")]
        start = time.perf_counter()
        responses = await asyncio.gather(*(clients[n % 2].post(
            "/api/v1/auth/token", data={"username": EMAIL, "password": f"adivina-{n}"})
            for n in range(BURST)))
        elapsed = time.perf_counter() - start
        for one in clients:
            await one.aclose()
        staff_module.verify_password = verify_password
        await db.dispose()
        assert all(r.status_code in (401, 429) for r in responses)
        return len(checked), services.throttle.allowance, elapsed
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        if kind == "consola":
            form = await client.get("/consola/entrar")
            token = TOKEN.search(form.text).group(1)

            def send(n: int):
                return client.post("/consola/entrar", data={
                    "correo": EMAIL, "clave": f"adivina-{n}", "csrf_token": token})
        else:
            def send(n: int):
                return client.post("/api/v1/auth/token",
                                   data={"username": EMAIL, "password": f"adivina-{n}"})
        start = time.perf_counter()
        responses = await asyncio.gather(*(send(n) for n in range(BURST)))
        elapsed = time.perf_counter() - start
    staff_module.verify_password = verify_password
    await db.dispose()
    assert all(r.status_code in (401, 429) for r in responses)
    return len(checked), services.throttle.allowance, elapsed


def main() -> None:
    sample = hash_password("referencia-de-argon2")
    start = time.perf_counter()
    verify_password(sample, "otra-cosa")
    argon2 = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("consola", "api", "replicas"):
            checked, allowance, elapsed = asyncio.run(burst(kind, Path(folder)))
            print(f"{kind:8} {BURST} intentos en paralelo: {checked} verificados / "
                  f"{allowance} permitidos = {checked / allowance:.2f}; "
                  f"ráfaga = {elapsed / argon2:.1f} × una verificación Argon2")


if __name__ == "__main__":
    main()
