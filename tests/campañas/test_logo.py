"""The entity's logo follows its audit row: no file for an aborted change, no row without it."""

from __future__ import annotations

import io

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
