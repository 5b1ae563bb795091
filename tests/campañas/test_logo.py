"""The entity's logo follows its audit row: no file for an aborted change, no row without it."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import logo
from nucleo.db import Database
from nucleo.models import AuditEntry
from nucleo.settings import Settings


def png(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), color).save(out, format="PNG")
    return out.getvalue()


async def audited(db: Database) -> list[str]:
    async with db.session() as session:
        return list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


async def refused_commit(_session: AsyncSession) -> None:
    raise ConnectionError("the database went away")


async def test_an_upload_is_in_place_only_once_audited(
        db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed commit leaves neither the logo nor a temporary file; a committed one leaves the
    logo and its row, and a removal whose commit fails keeps the logo."""
    folder = logo.logo_path(settings).parent
    with monkeypatch.context() as patched:
        patched.setattr(logo, "commit", refused_commit)
        async with db.session() as session:
            with pytest.raises(ConnectionError):
                await logo.save_logo(session, settings, png())
    assert not logo.logo_path(settings).exists()
    assert not folder.exists() or list(folder.iterdir()) == []
    assert await audited(db) == []

    async with db.session() as session:
        await logo.save_logo(session, settings, png())
    assert logo.load_logo(settings) is not None and list(folder.iterdir()) == [logo.logo_path(settings)]
    assert await audited(db) == ["campaign.logo_set"]

    with monkeypatch.context() as patched:
        patched.setattr(logo, "commit", refused_commit)
        async with db.session() as session:
            with pytest.raises(ConnectionError):
                await logo.remove_logo(session, settings)
    assert logo.logo_path(settings).exists()
    async with db.session() as session:
        assert await logo.remove_logo(session, settings)
    assert not logo.logo_path(settings).exists()
    assert await audited(db) == ["campaign.logo_set", "campaign.logo_removed"]


async def test_a_rename_that_fails_after_the_commit_leaves_no_temporary_file(
        db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """The audit row is saved; the staged file goes and the failure is logged."""
    def refused_rename(_source: object, _target: object) -> None:
        raise PermissionError("read-only folder")

    folder = logo.logo_path(settings).parent
    with monkeypatch.context() as patched:
        patched.setattr(logo.os, "replace", refused_rename)
        async with db.session() as session:
            await logo.save_logo(session, settings, png())
    assert not logo.logo_path(settings).exists() and list(folder.iterdir()) == []
    assert "could not be put in place (PermissionError)" in caplog.text
    assert await audited(db) == ["campaign.logo_set"]


async def test_a_late_removal_keeps_a_logo_uploaded_after_it_committed(
        db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The removal's effect runs after a newer upload was put in place: that upload stays."""
    async with db.session() as session:
        await logo.save_logo(session, settings, png("red"))
    held: list[Callable[[], object]] = []
    with monkeypatch.context() as patched:
        patched.setattr(logo, "after_commit", lambda _session, effect: held.append(effect))
        async with db.session() as session:
            assert await logo.remove_logo(session, settings)
    async with db.session() as session:
        await logo.save_logo(session, settings, png("blue"))
    held[0]()
    kept = logo.load_logo(settings)
    assert kept is not None and kept.getpixel((0, 0))[:3] == (0, 0, 255)
