import pytest
from sqlalchemy import select

from nucleo.db import Database
from nucleo.errors import Conflict, InvalidInput, NotAuthenticated
from nucleo.models import AuditEntry, StaffAccount
from nucleo.staff import authenticate, change_password, create_staff, ensure_first_admin


async def test_create_and_authenticate(db: Database) -> None:
    async with db.session() as session:
        account = await create_staff(session, email=" Ana@Alcaldia.gov.co ", full_name="Ana",
                                     role="talento_humano", password="una-clave-larga")
        assert account.email == "ana@alcaldia.gov.co"
        assert account.password_hash.startswith("$argon2id$")
        found = await authenticate(session, "ANA@alcaldia.gov.co", "una-clave-larga")
        assert found.id == account.id and found.last_login_at is not None
        actions = list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions == ["staff.create", "login.ok"]


@pytest.mark.parametrize(("email", "password"), [
    ("ana@alcaldia.gov.co", "mala"),
    ("nadie@alcaldia.gov.co", "una-clave-larga"),
    ("no es correo", "una-clave-larga"),
])
async def test_wrong_credentials_do_not_say_which_part(
    db: Database, email: str, password: str
) -> None:
    async with db.session() as session:
        await create_staff(session, email="ana@alcaldia.gov.co", full_name="Ana",
                           role="asesor", password="una-clave-larga")
        with pytest.raises(NotAuthenticated) as info:
            await authenticate(session, email, password)
        assert info.value.message == "Correo o contraseña incorrectos."


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"role": "jefe"}, InvalidInput),
    ({"password": "corta"}, InvalidInput),
    ({"email": "sin-arroba"}, InvalidInput),
    ({"full_name": "   "}, InvalidInput),
])
async def test_create_rejects_bad_input(db: Database, kwargs: dict, error: type) -> None:
    base = {"email": "a@b.co", "full_name": "A", "role": "admin", "password": "pino-nube-rio-73"}
    async with db.session() as session:
        with pytest.raises(error):
            await create_staff(session, **{**base, **kwargs})
        assert await session.scalar(select(StaffAccount.id)) is None


async def test_duplicate_email_conflicts(db: Database) -> None:
    async with db.session() as session:
        await create_staff(session, email="a@b.co", full_name="A", role="admin",
                           password="pino-nube-rio-73")
        with pytest.raises(Conflict):
            await create_staff(session, email="A@B.CO", full_name="B", role="admin",
                               password="pino-nube-rio-73")


async def test_password_change_bumps_token_version(db: Database) -> None:
    async with db.session() as session:
        account = await create_staff(session, email="a@b.co", full_name="A", role="admin",
                                     password="pino-nube-rio-73")
        with pytest.raises(InvalidInput):
            await change_password(session, account, "equivocada", "nueva-clave-123")
        await change_password(session, account, "pino-nube-rio-73", "nueva-clave-123")
        assert account.token_version == 1
        await authenticate(session, "a@b.co", "nueva-clave-123")


async def test_first_admin_only_once(db: Database) -> None:
    async with db.session() as session:
        assert not await ensure_first_admin(session, None, None)
        assert await ensure_first_admin(session, "jefe@alcaldia.gov.co", "clave-inicial-1")
        assert not await ensure_first_admin(session, "otro@alcaldia.gov.co", "clave-inicial-2")
        emails = list(await session.scalars(select(StaffAccount.email)))
        assert emails == ["jefe@alcaldia.gov.co"]


async def test_argon2_runs_off_the_event_loop(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing takes tens of milliseconds: it must never block the loop that serves the bot."""
    import threading

    from nucleo import security, staff

    loop_thread = threading.current_thread()
    threads: list[threading.Thread] = []

    def spy(real):
        def wrapper(*args):
            threads.append(threading.current_thread())
            return real(*args)
        return wrapper

    monkeypatch.setattr(staff, "hash_password", spy(security.hash_password))
    monkeypatch.setattr(staff, "verify_password", spy(security.verify_password))
    async with db.session() as session:
        await create_staff(session, email="hilo@alcaldia.gov.co", full_name="Hilo",
                           role="asesor", password="una-clave-larga")
        await authenticate(session, "hilo@alcaldia.gov.co", "una-clave-larga")
        with pytest.raises(NotAuthenticated):
            await authenticate(session, "nadie@alcaldia.gov.co", "una-clave-larga")
        await change_password(session, (await session.scalar(select(StaffAccount))),
                              "una-clave-larga", "otra-clave-larga")
    assert len(threads) == 5 and loop_thread not in threads


@pytest.mark.parametrize("password", [
    "aaaaaaaaaa", "0123456789", "contraseña123", "password2024", "qwertyuiop",
    "ana.perez2024", "AnaPerez123", "alcaldiamunicipal", "Alcaldia2026!", "bogota12345"])
async def test_common_and_context_passwords_are_refused(db: Database, password: str) -> None:
    async with db.session() as session:
        with pytest.raises(InvalidInput) as caught:
            await create_staff(session, email="ana.perez@alcaldia.gov.co", full_name="Ana Pérez",
                               role="asesor", password=password, entity="Alcaldía Municipal")
        assert "muy fácil de adivinar" in caught.value.message
        assert await session.scalar(select(StaffAccount.id)) is None


async def test_a_weak_new_password_is_refused_on_change(db: Database) -> None:
    async with db.session() as session:
        account = await create_staff(session, email="ana@alcaldia.gov.co", full_name="Ana",
                                     role="asesor", password="pino-nube-rio-73")
        with pytest.raises(InvalidInput, match="muy fácil de adivinar"):
            await change_password(session, account, "pino-nube-rio-73", "ana@alcaldia.gov.co1")
        assert account.token_version == 0


async def test_every_login_attempt_is_audited_without_what_was_typed(db: Database) -> None:
    async with db.session() as session:
        account = await create_staff(session, email="luz@alcaldia.gov.co", full_name="Luz",
                                     role="asesor", password="una-clave-larga")
        await authenticate(session, "luz@alcaldia.gov.co", "una-clave-larga", via="consola")
        for email, password in [("luz@alcaldia.gov.co", "clave-equivocada-9"),
                                ("quien-sabe@otro.co", "secreta-tecleada-7")]:
            with pytest.raises(NotAuthenticated):
                await authenticate(session, email, password)
        rows = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.action.startswith("login")).order_by(AuditEntry.id)))
    assert [(r.action, r.actor_id, r.target_id, r.details) for r in rows] == [
        ("login.ok", account.id, str(account.id), {"via": "consola"}),
        ("login.failed", None, str(account.id), {"via": "api", "reason": "password"}),
        ("login.failed", None, None, {"via": "api", "reason": "unknown"}),
    ]
    typed = " ".join(f"{r.actor_email} {r.details} {r.summary}" for r in rows)
    assert "equivocada" not in typed and "quien-sabe" not in typed and "secreta" not in typed


async def test_a_weaker_hash_is_upgraded_at_login(db: Database) -> None:
    """A hash made with cheaper Argon2 parameters still opens the account and is replaced by
    one with today's; a failed login keeps it; a dearer one is never weakened."""
    from argon2 import PasswordHasher, Type

    from nucleo import security

    # weaker than any parameters in use: Argon2i (not id) at the smallest cost
    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I).hash(
        "una-clave-larga")
    assert security.needs_rehash(old) and not security.needs_rehash(
        security.hash_password("x"))
    assert security.needs_rehash("no es un hash")
    assert not security.needs_rehash(PasswordHasher().hash("x"))  # dearer: kept, never weakened
    async with db.session() as session:
        account = await create_staff(session, email="vieja@alcaldia.gov.co", full_name="Vieja",
                                     role="asesor", password="una-clave-larga")
        account.password_hash = old
        await session.commit()
        with pytest.raises(NotAuthenticated):
            await authenticate(session, "vieja@alcaldia.gov.co", "otra-clave-larga")
        assert (await session.get(StaffAccount, account.id)).password_hash == old
        await authenticate(session, "vieja@alcaldia.gov.co", "una-clave-larga")
        account_id = account.id
        session.expire_all()
        upgraded = (await session.get(StaffAccount, account_id)).password_hash
    assert upgraded != old and not security.needs_rehash(upgraded)
    assert security.verify_password(upgraded, "una-clave-larga")


async def test_the_rehash_at_login_never_undoes_a_concurrent_password_change(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A login that verified against the weak hash it read rehashes only if that hash is still
    the stored one: a password changed meanwhile (by another session, while the new hash was
    being computed) is kept."""
    import asyncio

    from argon2 import PasswordHasher, Type

    from nucleo import security, staff

    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I).hash(
        "una-clave-larga")
    changed = security.hash_password("la-nueva-clave-larga")
    async with db.session() as session:
        account = await create_staff(session, email="doble@alcaldia.gov.co", full_name="Doble",
                                     role="asesor", password="una-clave-larga")
        account.password_hash = old
        await session.commit()
        account_id = account.id
    real_to_thread = asyncio.to_thread

    async def change_meanwhile(func, *args):
        if func is security.hash_password:  # the rehash: the password changes now
            async with db.session() as other:
                (await other.get(StaffAccount, account_id)).password_hash = changed
                await other.commit()
        return await real_to_thread(func, *args)

    monkeypatch.setattr(staff.asyncio, "to_thread", change_meanwhile)
    async with db.session() as session:
        await authenticate(session, "doble@alcaldia.gov.co", "una-clave-larga")
    async with db.session() as session:
        assert (await session.get(StaffAccount, account_id)).password_hash == changed

def test_production_parameters_are_owasp_s() -> None:
    """Argon2id, 19 MiB, 2 passes, 1 lane: tens of milliseconds, not the 0.3 s of the library's
    default that made most of a console login (read from the module, the tests patch it)."""
    import ast
    from pathlib import Path

    from nucleo import security

    tree = ast.parse(Path(security.__file__).read_text(encoding="utf-8"))
    call = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(t, "id", "") == "_HASHER" for t in node.targets))
    assert isinstance(call, ast.Call)
    params = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    assert params == {"time_cost": 2, "memory_cost": 19_456, "parallelism": 1}
