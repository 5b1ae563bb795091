"""Make the signed decision link for a superior without a console account."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form
from starlette.responses import Response

from bot.declaraciones import actions, decision_link, keepers
from bot.declaraciones.web.console.register import detail_view, router
from nucleo.errors import DomainError
from nucleo.ports import NOTIFIER
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.ids import Id


@router.post("/consola/declaraciones/{declaration_id:int}/enlace")
async def declaration_link(
    console: Annotated[Console, page("declaraciones.decidir")], declaration_id: Id,
    superior: Annotated[str, Form(max_length=400)] = "",
    correo: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """A new link (the previous one stops working), shown once on the declaration's page and,
    when an address is given, e-mailed to the superior after the commit (only when the service
    can send it: SMTP and ``VALOR_PUBLIC_URL`` set; else the page says why, and nothing is kept
    for retrying)."""
    settings = console.services.settings
    try:
        email = decision_link.check_email(correo)
        sendable = email is not None and decision_link.can_email(settings)
        token = await decision_link.issue_link(console.db, declaration_id, staff=console.staff,
                                               superior_name=superior,
                                               signer=console.services.signer,
                                               email=email if sendable else None)
    except DomainError as exc:
        await console.recover()
        return await detail_view(console, declaration_id, error=exc.message,
                                 status=form_status(exc))
    url = decision_link.link_url(settings.public_url, token)
    emailed = chatted = False
    if email is not None:
        declaration = await actions.get_declaration(console.db, declaration_id)
        if sendable:  # otherwise no attempt: nothing recorded, nothing retried
            emailed = await decision_link.email_link(settings, declaration, to=email, url=url)
            await decision_link.record_email(console.db, declaration_id, sent=emailed,
                                             staff=console.staff)
        chatted = await decision_link.notify_in_chat(
            console.db, console.services.get(NOTIFIER), declaration, email=email, url=url)
    return await detail_view(console, declaration_id, link=url, emailed_to=email,
                             emailed=emailed, chatted=chatted,
                             mail_on=keepers.email_on(settings))
