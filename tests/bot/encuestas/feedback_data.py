"""Quick-feedback data made through the real actions: three pieces sent by the engine to the
Telegram double with reactions tapped through the CAMPAIGNS port, a survey invitation (which
must never count), and "¿Te sirvió?" votes through the CONSULTATIONS port.

Pieces (sent 2025-03-03): honestidad 8 taps by 6 people, respeto 3 taps, compromiso 4 taps.
Votes (2025-03-03): causales_lista 4 yes + 2 no, causal_interes_directo 2, causal_conocimiento_previo 3.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.consultas.service import ConsultationService
from campañas import actions
from campañas.models import Piece
from campañas.port import CampaignsPort
from campañas.runtime import CampaignRuntime
from nucleo.ports import CAMPAIGNS, CONSULTATIONS, Button
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for

TAPS = {"honestidad": [("identifica", 6), ("comentar", 2)], "respeto": [("identifica", 3)],
        "compromiso": [("identifica", 2), ("comentar", 2)]}
VOTES = {"causales_lista": (4, 2), "causal_interes_directo": (1, 1),
         "causal_conocimiento_previo": (0, 3)}


@dataclass
class Invitee:
    id: int
    title: str


async def seed_feedback(services: Services, telegram) -> Services:
    """Create the data above and register both ports on ``services`` (returned)."""
    settings = settings_for(services.settings, telegram=telegram)
    services.settings = settings
    db = services.db
    people = await add_people(db, 8)
    campaign_id = await campaign_with_pieces(db, settings, pieces=3, rotation=True, value=None)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: NOW),
                              worker="feedback")
    port = runtime.port
    async with db.session() as session:  # an invitation: another kind, never counted
        await port.invite(session, Invitee(99, "Encuesta"), people,
                          "Responda", [[Button("Responder", "encuesta:start:99")]])
        await session.commit()
    try:
        await runtime.engine.drain()
    finally:
        await runtime.close()
    async with db.session() as session:
        pieces = {p.value_key: p.id for p in await session.scalars(select(Piece))}
        for value, taps in TAPS.items():
            for button, count in taps:
                for person_id in people[:count]:
                    await port.record_reaction(
                        session, callback_data=f"rx:{pieces[value]}:{button}", person_id=person_id)
        await session.commit()
    consultations = ConsultationService.from_files(services, clock=lambda: NOW)
    async with db.session() as session:
        for entry, (yes, no) in VOTES.items():
            for helpful, count in ((True, yes), (False, no)):
                for _ in range(count):
                    await consultations.feedback(session, entry_id=entry, helpful=helpful,
                                                 question="¿y si es mi primo?")
        await session.commit()
    services.extras[CAMPAIGNS] = CampaignsPort(settings, clock=lambda: NOW)
    services.extras[CONSULTATIONS] = consultations
    return services
