"""Survey invitations sent by the campaign engine, so they are claimed, paced by the same
rate limiter, retried, blocked or failed, resumed after a crash and counted like any piece.

An invitation is a campaign of kind ``encuesta`` (``origin`` = ``encuesta:<id>``) with one
text-only piece whose button carries the survey's own callback data, one run, and one delivery
per person × channel. It holds who was invited (personal data, like the survey's participation
table) and nothing about answers. Being of another kind, it is never "this week's piece" and
never takes part in the weekly value rotation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import INVITED, TELEGRAM, materialise
from campañas.models import Campaign, Piece, Run
from campañas.states import CampaignKind, CampaignStatus, RunState
from nucleo.ports import Button

CHUNK = 500  # person ids per INSERT … SELECT (well under every driver's bind limit)
MAX_PHRASE = 500


def survey_origin(survey_id: int) -> str:
    """The ``origin`` of a survey's invitation campaign."""
    return f"encuesta:{survey_id}"


async def find_invitation(session: AsyncSession, origin: str) -> tuple[Campaign, Piece, Run] | None:
    """The invitation campaign of this origin, its piece and its run, if it exists."""
    row = (await session.execute(
        select(Campaign, Piece, Run).join(Piece, Piece.campaign_id == Campaign.id)
        .join(Run, Run.piece_id == Piece.id)
        .where(Campaign.origin == origin).order_by(Run.id).limit(1))).first()
    return (row[0], row[1], row[2]) if row else None


async def queue_invitation(session: AsyncSession, *, origin: str, title: str, text_html: str,
                           buttons: Sequence[Sequence[Button]], person_ids: Sequence[int],
                           now: datetime, timezone: str,
                           channels: Sequence[str] = (TELEGRAM,)) -> Run:
    """Create (or reuse) the invitation campaign of ``origin`` and queue one delivery per
    reachable person and channel, in the caller's transaction (the caller commits). Inviting
    the same person again adds nothing: the key piece × person × channel is unique."""
    found = await find_invitation(session, origin)
    if found is None:
        campaign = Campaign(
            name=msg.INVITATION_CAMPAIGN_NAME.format(title=title)[:200],
            kind=CampaignKind.ENCUESTA.value, origin=origin, value_key=None, rotation=False,
            status=CampaignStatus.EN_CURSO.value, audience={"type": INVITED},
            channels=list(channels), timezone=timezone)
        session.add(campaign)
        await session.flush()
        piece = Piece(
            campaign_id=campaign.id, position=1, value_key="", phrase=title[:MAX_PHRASE],
            author=None, caption_html=text_html, image_sha256="", image_path="", image_mime="",
            image_generated=False,
            buttons=[{"key": f"b{i}", "label": b.label, "data": b.data}
                     for i, b in enumerate(b for row in buttons for b in row)])
        session.add(piece)
        await session.flush()
        run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=now,
                  state=RunState.EN_CURSO.value, started_at=now)
        session.add(run)
        await session.flush()
    else:
        campaign, piece, run = found
    ids = sorted(set(person_ids))
    added = 0
    for start in range(0, len(ids), CHUNK):
        added += await materialise(session, run_id=run.id, piece_id=piece.id,
                                   spec=campaign.audience, channels=campaign.channels, now=now,
                                   person_ids=ids[start:start + CHUNK])
    run.targeted += added
    return run
