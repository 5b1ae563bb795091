"""A reminder campaign's pieces (#18, ``campañas.reminder_rounds.text_piece``): one per text,
enforced by the unique index on (campaign, text) as well as by the campaign's row lock; when
another process made the piece first, its piece is used; a piece made before pieces knew their
text is adopted. Both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import reminder_rounds as rounds
from campañas.models import Campaign, Piece
from nucleo.db import Database


async def _campaign(db: Database) -> int:
    async with db.session() as session:
        campaign = Campaign(name="Recordatorio", kind="recordatorio",
                            origin="recordatorio:bienes_rentas:2026", value_key=None,
                            rotation=False, status="en_curso", audience={}, channels=["telegram"],
                            timezone="America/Bogota")
        session.add(campaign)
        await session.commit()
        return campaign.id


def _piece(campaign_id: int, text_kind: str | None, text: str = "Texto") -> Piece:
    return Piece(campaign_id=campaign_id, position=1, value_key="", phrase="Frase", author=None,
                 caption_html=text, image_sha256="", image_path="", image_mime="",
                 image_generated=False, buttons=[], reminder_text=text_kind)


async def _pieces(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Piece)) or 0)


async def test_the_database_refuses_a_second_piece_of_the_same_text(db: Database) -> None:
    campaign_id = await _campaign(db)
    async with db.session() as session:
        session.add_all([_piece(campaign_id, None), _piece(campaign_id, None)])  # others: free
        session.add(_piece(campaign_id, rounds.FIRST))
        await session.commit()
    async with db.session() as session:
        session.add(_piece(campaign_id, rounds.FIRST))
        with pytest.raises(IntegrityError):
            await session.commit()


async def test_another_process_made_it_first_its_piece_is_used(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite writes one transaction at a time (one leader process): no collision")
    campaign_id = await _campaign(db)
    async with db.session() as session:  # the other process's piece, committed
        other = _piece(campaign_id, rounds.AGAIN)
        session.add(other)
        await session.commit()
        other_id = other.id
    real = rounds._piece_of
    calls = 0

    async def not_seen_yet(session: AsyncSession, campaign_id: int, text_kind: str) -> Piece | None:
        nonlocal calls
        calls += 1
        return None if calls == 1 else await real(session, campaign_id, text_kind)

    monkeypatch.setattr(rounds, "_piece_of", not_seen_yet)
    async with db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        piece = await rounds.text_piece(session, campaign, text_kind=rounds.AGAIN, title="Frase",
                                        text_html="Otro texto")
        await session.commit()
        assert piece.id == other_id
    assert await _pieces(db) == 1


async def test_a_piece_from_before_is_adopted_by_its_text(db: Database) -> None:
    campaign_id = await _campaign(db)
    async with db.session() as session:
        old = _piece(campaign_id, None, "El texto de antes")
        session.add(old)
        await session.commit()
        old_id = old.id
    async with db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        piece = await rounds.text_piece(session, campaign, text_kind=rounds.FIRST, title="Frase",
                                        text_html="El texto de antes")
        again = await rounds.text_piece(session, campaign, text_kind=rounds.AGAIN, title="Frase",
                                        text_html="El texto de antes, de nuevo")
        await session.commit()
        assert piece.id == old_id and piece.reminder_text == rounds.FIRST
        assert again.id != old_id and again.position == 2
    assert await _pieces(db) == 2
