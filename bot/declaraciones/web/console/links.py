"""Make the signed decision link for a superior without a console account."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form
from starlette.responses import Response

from bot.declaraciones import decision_link
from bot.declaraciones.web.console.register import detail_view, router
from nucleo.errors import DomainError
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id


@router.post("/consola/declaraciones/{declaration_id:int}/enlace")
async def declaration_link(
    console: Annotated[Console, page("declaraciones.decidir")], declaration_id: Id,
    superior: Annotated[str, Form(max_length=400)] = "",
) -> Response:
    """A new link (the previous one stops working), shown once on the declaration's page."""
    try:
        token = await decision_link.issue_link(console.db, declaration_id, staff=console.staff,
                                               superior_name=superior,
                                               signer=console.services.signer)
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, declaration_id, error=exc.message,
                                 status=form_status(exc))
    url = decision_link.link_url(console.services.settings.public_url, token)
    return await detail_view(console, declaration_id, link=url)
