"""The public route of the declarant's constancia link (``constancia_link``): a page without
personal data (a chat app's link preview may open it) whose button downloads the PDF once. No
login; the token in the path is the credential, so the pages are never cached, indexed or sent
as a referrer, and a bad, expired or used link gets a Spanish page, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse, Response

from bot.declaraciones import constancia_link, messages, pdf
from bot.declaraciones.web import api
from nucleo.errors import InvalidToken
from nucleo.web.deps import ServicesDep, SessionDep

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
           "X-Robots-Tag": "noindex, nofollow"}
_ENV = Environment(loader=PackageLoader("bot.declaraciones.web", "templates"), autoescape=True,
                   undefined=StrictUndefined)
PATH = constancia_link.PATH + "{token}"


def _page(status: int = 200, **values: Any) -> HTMLResponse:
    values = {"radicado": None, "message": None, **values}
    html = _ENV.get_template("constancia_link.html").render(m=messages, **values)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _bad(exc: InvalidToken) -> HTMLResponse:
    status = 410 if isinstance(exc, constancia_link.UsedLink) else 404
    return _page(status, message=exc.message)


@router.get(PATH)
async def constancia_page(token: str, session: SessionDep,
                          services: ServicesDep) -> HTMLResponse:
    """What the link is, and the button that downloads it (nothing is used up here)."""
    try:
        declaration = await constancia_link.read(session, services.signer, token)
    except InvalidToken as exc:
        return _bad(exc)
    return _page(radicado=declaration.radicado)


@router.post(PATH)
async def constancia_download(token: str, session: SessionDep,
                              services: ServicesDep) -> Response:
    """Build the PDF, then use the link up and audit the download (same request): a build that
    fails leaves the link unused and says so."""
    try:
        declaration = await constancia_link.read(session, services.signer, token)
    except InvalidToken as exc:
        return _bad(exc)
    radicado = declaration.radicado
    try:
        view = (await api.views(session, services, [declaration]))[0]
        data = pdf.constancia(declaration, pdf.Subject(view.person, view.decided_by),
                              services.settings.tz)
    except Exception as exc:  # never the message: it may carry personal data
        log.error("constancia PDF not built (%s)", type(exc).__name__)
        await session.rollback()
        return _page(500, radicado=radicado, message=messages.CONSTANCIA_NOT_BUILT)
    try:
        declaration = await constancia_link.redeem(session, services.signer, token)
    except InvalidToken as exc:  # used meanwhile by another request
        return _bad(exc)
    name = f"constancia-{declaration.radicado}.pdf"
    return Response(data, media_type="application/pdf", headers={
        **HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
