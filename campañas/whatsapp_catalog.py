"""Checks a WhatsApp template HR is saving against Meta's own list (#20):
``GET /{waba-id}/message_templates`` of the Cloud API (Business Management), before the
name goes into a campaign or a piece.

Refused, with a Spanish reason for HR: a name Meta does not have; a language it does not have
in; a template not approved (in review, rejected, paused, disabled...); and one whose shape
does not fit what the sender sends, that is an image header when the piece has an image (none
when it has not) and exactly as many numbered ``{{n}}`` in the body as parameters chosen.
Without the WhatsApp Business account id (``VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID``) nothing can
be asked and the name is kept unchecked, as before; when Meta does not answer, nothing is kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx

from campañas import messages as msg
from nucleo.errors import Conflict, InvalidInput
from nucleo.ports import WhatsAppAccount

log = logging.getLogger(__name__)
FIELDS = "name,language,status,category,components,parameter_format"
PAGE = 100
MAX_PAGES = 10  # a business account has at most a few hundred templates
_POSITIONAL = re.compile(r"\{\{\s*(\d+)\s*\}\}")
_NAMED = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class MetaTemplate:
    """One template (one language) as Meta lists it."""

    name: str
    language: str
    status: str
    header: str | None  # the header's format (IMAGE, TEXT, VIDEO...), None without header
    body_parameters: int  # how many distinct {{n}} the body has
    named: bool  # named parameters ({{first_name}}): the sender only fills numbered ones

    @classmethod
    def of(cls, item: dict[str, Any]) -> MetaTemplate:
        header, body, named = None, 0, item.get("parameter_format") == "NAMED"
        for component in item.get("components") or []:
            if not isinstance(component, dict):
                continue
            kind = str(component.get("type", "")).upper()
            if kind == "HEADER":
                header = str(component.get("format") or "TEXT").upper()
            elif kind == "BODY":
                text = str(component.get("text") or "")
                body = len(set(_POSITIONAL.findall(text)))
                named = named or bool(_NAMED.search(text))
        return cls(str(item.get("name", "")), str(item.get("language", "")),
                   str(item.get("status", "")).upper(), header, body, named)


async def list_templates(account: WhatsAppAccount, name: str, *,
                         transport: httpx.AsyncBaseTransport | None = None
                         ) -> list[MetaTemplate]:
    """Meta's templates called exactly ``name`` (every language). ``Conflict`` when Meta
    cannot be asked now (network, credentials, an error envelope)."""
    assert account.business_account_id is not None
    found: list[MetaTemplate] = []
    root = account.api_root.rstrip("/")
    url: str | None = f"{root}/{account.business_account_id}/message_templates"
    params: dict[str, Any] | None = {"name": name, "fields": FIELDS, "limit": PAGE}
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {account.token}"},
                                 timeout=account.timeout, transport=transport) as http:
        for _ in range(MAX_PAGES):
            if url is None:
                break
            try:
                response = await http.get(url, params=params)
                data = response.json() if response.status_code == 200 else None
            except (httpx.HTTPError, ValueError) as exc:
                log.warning("whatsapp templates not listed: %s", type(exc).__name__)
                raise Conflict(msg.WA_META_UNCHECKED, code="whatsapp_sin_respuesta") from None
            if response.status_code in (400, 401, 403, 404):  # retrying cannot help
                log.warning("whatsapp templates not listed: HTTP %s", response.status_code)
                raise Conflict(msg.WA_META_REFUSED.format(status=response.status_code),
                               code="whatsapp_credenciales")
            if not isinstance(data, dict) or not isinstance(data.get("data"), list):
                log.warning("whatsapp templates not listed: HTTP %s", response.status_code)
                raise Conflict(msg.WA_META_UNCHECKED, code="whatsapp_sin_respuesta")
            found += [MetaTemplate.of(item) for item in data["data"]
                      if isinstance(item, dict) and item.get("name") == name]
            paging = data.get("paging")
            following = paging.get("next") if isinstance(paging, dict) else None
            url = following if isinstance(following, str) else None
            if url is not None and not url.startswith(root + "/"):
                # the token goes only to the configured Graph API
                log.warning("whatsapp templates not listed: a next page outside the API root")
                raise Conflict(msg.WA_META_UNCHECKED, code="whatsapp_sin_respuesta")
            params = None  # the next page's address carries them
    return found


STATUS_LABELS = {"PENDING": "en revisión", "REJECTED": "rechazada", "PAUSED": "pausada",
                 "DISABLED": "desactivada", "IN_APPEAL": "en apelación",
                 "PENDING_DELETION": "por borrar", "DELETED": "borrada", "LIMIT_EXCEEDED":
                 "sobre el límite", "ARCHIVED": "archivada"}


def fit_problem(templates: list[MetaTemplate], name: str, language: str, parameters: int,
                image: bool | None) -> str | None:
    """Why the template cannot carry the piece (Spanish, for HR), or None when it fits.
    ``image``: whether the piece (or the campaign's pieces) has an image; None, unknown."""
    if not templates:
        return msg.WA_META_UNKNOWN.format(name=name)
    chosen = next((t for t in templates if t.language == language), None)
    if chosen is None:
        return msg.WA_META_NO_LANGUAGE.format(
            name=name, language=language,
            languages=", ".join(sorted({t.language for t in templates})))
    if chosen.status != "APPROVED":
        return msg.WA_META_NOT_APPROVED.format(
            name=name, status=STATUS_LABELS.get(chosen.status, chosen.status.lower()))
    if chosen.named:
        return msg.WA_META_NAMED.format(name=name)
    if chosen.header not in (None, "IMAGE"):
        return msg.WA_META_HEADER.format(name=name)
    if image is True and chosen.header is None:
        return msg.WA_META_NEEDS_IMAGE.format(name=name)
    if image is False and chosen.header == "IMAGE":
        return msg.WA_META_NO_IMAGE.format(name=name)
    if chosen.body_parameters != parameters:
        return msg.WA_META_COUNT.format(name=name, expected=chosen.body_parameters,
                                            given=parameters)
    return None


def can_verify(account: WhatsAppAccount | None) -> bool:
    """Whether templates can be checked against Meta (the business account id is set)."""
    return account is not None and bool(account.business_account_id)


async def verify_template(account: WhatsAppAccount | None, name: str, language: str,
                          parameters: list[str], image: bool | None, *,
                          transport: httpx.AsyncBaseTransport | None = None) -> bool:
    """Check a template against Meta before it is kept: ``InvalidInput`` (422) with the
    reason when it does not fit, ``Conflict`` when Meta cannot be asked; False when there is
    no business account id to ask with (kept unchecked), True when checked and fitting."""
    if account is None or not can_verify(account):
        return False
    templates = await list_templates(account, name, transport=transport)
    problem = fit_problem(templates, name, language, len(parameters), image)
    if problem is not None:
        raise InvalidInput(problem, code="plantilla_no_sirve")
    return True
