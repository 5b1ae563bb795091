"""The approved WhatsApp template a campaign's pieces go out as (#20).

Outside the 24-hour window WhatsApp only takes templates approved by Meta, so HR registers,
per campaign, the template's name, its language and what fills each ``{{n}}`` of its body, in
order, from the piece and the person: ``frase``, ``autor``, ``valor`` or ``nombre``. A piece
may have its own (``register_template`` with the piece; without one it goes out as its
campaign's).
The piece's image, when it has one, is the template's image header (uploaded once).

``save_template`` is what the API and the console call: the template is first checked against
Meta's list (``campañas.whatsapp_catalog``) and kept only if it fits."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.effects import CAMPAIGN_CHANGED
from campañas.models import Campaign, Piece
from campañas.states import TERMINAL_CAMPAIGN, CampaignStatus
from campañas.whatsapp_catalog import verify_template
from nucleo import audit
from nucleo.db import commit, signal
from nucleo.errors import Conflict, InvalidInput
from nucleo.models import StaffAccount
from nucleo.ports import WhatsAppAccount

TEMPLATE_NAME = re.compile(r"[a-z0-9_]{1,512}")
LANGUAGE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
PARAMETERS = ("frase", "autor", "valor", "nombre")
MAX_PARAMETERS = 4


def check_template(name: Any, language: Any, parameters: Any) -> tuple[str, str, list[str]]:
    """The template's name, language and parameters, checked; InvalidInput in Spanish else."""
    if not isinstance(name, str) or not TEMPLATE_NAME.fullmatch(name.strip()):
        raise InvalidInput(msg.WA_TEMPLATE_BAD_NAME, code="plantilla_invalida")
    if not isinstance(language, str) or not LANGUAGE.fullmatch(language.strip()):
        raise InvalidInput(msg.WA_TEMPLATE_BAD_LANGUAGE, code="idioma_invalido")
    if parameters is None:
        parameters = []
    if not isinstance(parameters, list) or len(parameters) > MAX_PARAMETERS:
        raise InvalidInput(msg.WA_TEMPLATE_BAD_PARAMETERS.format(
            limit=MAX_PARAMETERS, known=", ".join(PARAMETERS)), code="parametros_invalidos")
    for item in parameters:
        if item not in PARAMETERS:
            raise InvalidInput(msg.WA_TEMPLATE_UNKNOWN_PARAMETER.format(
                value=str(item)[:40], known=", ".join(PARAMETERS)), code="parametros_invalidos")
    return name.strip(), language.strip(), list(parameters)


def clears(name: Any) -> bool:
    """An empty name for a piece: back to its campaign's template."""
    return name is None or (isinstance(name, str) and not name.strip())


async def register_template(session: AsyncSession, *, campaign: Campaign,
                            piece: Piece | None = None, name: Any, language: Any,
                            parameters: Any, actor: StaffAccount | None = None
                            ) -> Campaign | Piece:
    """Keep the campaign's template or, given ``piece``, the piece's own (an empty name: none,
    the campaign's goes), in any status but finished or cancelled, and tell the runtime
    (``CAMPAIGN_CHANGED``): the next message goes out with it. A campaign paused because of
    its template keeps its pause: HR resumes it once the new template is in."""
    if piece is not None and clears(name):
        name = language = parameters = None
    else:
        name, language, parameters = check_template(name, language, parameters)
    if CampaignStatus(campaign.status) in TERMINAL_CAMPAIGN:
        raise Conflict(msg.WA_TEMPLATE_CLOSED, code="campana_cerrada")
    target: Campaign | Piece = campaign if piece is None else piece
    target.whatsapp_template = name
    target.whatsapp_language = language
    target.whatsapp_parameters = parameters
    campaign.version += 1
    details: dict[str, Any] = {"plantilla": name, "idioma": language}
    if piece is not None:
        details = {"pieza": piece.id, **details}
    audit.record(session, actor, "campaign.whatsapp_template" if piece is None
                 else "campaign.piece_whatsapp_template", target_type="campaign",
                 target_id=campaign.id, details=details)
    signal(session, CAMPAIGN_CHANGED, campaign.id)  # the sender reads the new template
    await commit(session)
    return target


async def needs_image(session: AsyncSession, campaign: Campaign,
                      piece: Piece | None = None) -> bool | None:
    """Whether what goes out as the template has an image header: the piece's image, or for
    the campaign's template the pieces without their own (None: no piece yet, or both kinds)."""
    if piece is not None:
        return piece.has_image
    kinds = {bool(path) for path in (await session.execute(select(Piece.image_path).where(
        Piece.campaign_id == campaign.id, Piece.whatsapp_template.is_(None)))).scalars()}
    return kinds.pop() if len(kinds) == 1 else None


async def save_template(session: AsyncSession, *, account: WhatsAppAccount | None,
                        campaign: Campaign, piece: Piece | None = None, name: Any,
                        language: Any, parameters: Any,
                        actor: StaffAccount | None = None) -> Campaign | Piece:
    """Check the template against Meta (when the business account id is configured) and keep
    it for the campaign or, given ``piece``, for that piece; nothing is kept when it does not
    fit or Meta cannot be asked (the reason, in Spanish, is the error's message)."""
    if piece is not None and clears(name):
        return await register_template(session, campaign=campaign, piece=piece, name=None,
                                       language=None, parameters=None, actor=actor)
    if CampaignStatus(campaign.status) in TERMINAL_CAMPAIGN:
        raise Conflict(msg.WA_TEMPLATE_CLOSED, code="campana_cerrada")
    name, language, parameters = check_template(name, language, parameters)
    image = await needs_image(session, campaign, piece)
    await commit(session)  # no transaction stays open while Meta is asked (nothing written yet)
    await verify_template(account, name, language, parameters, image)
    await session.refresh(campaign)  # what changed meanwhile (its status, its version)
    if piece is not None:
        await session.refresh(piece)
    return await register_template(session, campaign=campaign, piece=piece, name=name,
                                   language=language, parameters=parameters, actor=actor)
