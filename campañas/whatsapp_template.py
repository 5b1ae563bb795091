"""The approved WhatsApp template a campaign's pieces go out as (#20).

Outside the 24-hour window WhatsApp only takes templates approved by Meta, so HR registers,
per campaign, the template's name, its language and what fills each ``{{n}}`` of its body, in
order, from the piece and the person: ``frase``, ``autor``, ``valor`` or ``nombre``. The
piece's image, when it has one, is the template's image header (uploaded once)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.effects import CAMPAIGN_CHANGED
from campañas.models import Campaign
from campañas.states import TERMINAL_CAMPAIGN, CampaignStatus
from nucleo import audit
from nucleo.db import commit, signal
from nucleo.errors import Conflict, InvalidInput
from nucleo.models import StaffAccount

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


async def register_template(session: AsyncSession, *, campaign: Campaign, name: Any,
                            language: Any, parameters: Any,
                            actor: StaffAccount | None = None) -> Campaign:
    """Keep the campaign's template (any status but finished or cancelled) and tell the
    runtime (``CAMPAIGN_CHANGED``): the next message goes out with it. A campaign paused
    because of its template keeps its pause: HR resumes it once the new template is in."""
    name, language, parameters = check_template(name, language, parameters)
    if CampaignStatus(campaign.status) in TERMINAL_CAMPAIGN:
        raise Conflict(msg.WA_TEMPLATE_CLOSED, code="campana_cerrada")
    campaign.whatsapp_template = name
    campaign.whatsapp_language = language
    campaign.whatsapp_parameters = parameters
    campaign.version += 1
    audit.record(session, actor, "campaign.whatsapp_template", target_type="campaign",
                 target_id=campaign.id, details={"plantilla": name, "idioma": language})
    signal(session, CAMPAIGN_CHANGED, campaign.id)  # the sender reads the new template
    await commit(session)
    return campaign
