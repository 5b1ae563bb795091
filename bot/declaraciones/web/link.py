"""The public page of the signed decision link (``decision_link``): the superior reads the
declaration and decides, with a confirmation step like the console's. No login; the token in
the path is the credential, so the pages are never cached, indexed or sent as a referrer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from bot.declaraciones import actions, decision_link, messages, states
from bot.declaraciones.web import messages as console_messages
from nucleo.business_days import business_calendar
from nucleo.errors import InvalidInput, InvalidToken, InvalidTransition
from nucleo.ports import NOTIFIER
from nucleo.web.deps import ServicesDep, SessionDep

router = APIRouter(include_in_schema=False)
FORM_MAX = 8000
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
           "X-Robots-Tag": "noindex, nofollow"}
_ENV = Environment(loader=PackageLoader("bot.declaraciones.web", "templates"), autoescape=True,
                   undefined=StrictUndefined)


def _page(status: int = 200, **values: Any) -> HTMLResponse:
    values = {"error": None, "message": None, "d": None, **values}
    html = _ENV.get_template("decision_link.html").render(m=messages, c=console_messages,
                                                          **values)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _bad(exc: Exception) -> HTMLResponse:
    return _page(404, mode="bad", message=messages.LINK_INVALID)


@router.get(decision_link.PATH + "{token}")
async def link_page(token: str, session: SessionDep, services: ServicesDep) -> HTMLResponse:
    """Show the declaration and the decision form (or that it needs nothing more)."""
    try:
        declaration = await decision_link.read_link(session, services.signer, token)
    except InvalidToken as exc:
        return _bad(exc)
    return await _view(declaration, services)


async def _view(declaration: Any, services: Any, *, error: str | None = None, typed: str = "",
                outcome: str = "", status: int = 200) -> HTMLResponse:
    if declaration.state not in states.OPEN:
        return _page(status, mode="closed", d=declaration, message=messages.LINK_ALREADY.format(
            radicado=declaration.radicado,
            state=messages.STATE_NAMES.get(declaration.state, declaration.state)))
    today = services.today()
    return _page(status, mode="form", d=declaration, error=error, typed=typed, outcome=outcome,
                 due=messages.long_day(declaration.due_on),
                 days_left=business_calendar(services).between(today, declaration.due_on)
                 if declaration.due_on else None,
                 outcomes=console_messages.outcome_choices(declaration.kind),
                 max_decision=actions.DECISION[1])


@router.post(decision_link.PATH + "{token}")
async def link_decide(
    token: str, session: SessionDep, services: ServicesDep,
    resultado: Annotated[str, Form(max_length=20)] = "",
    decision: Annotated[str, Form(max_length=FORM_MAX)] = "",
    confirmar: Annotated[str, Form(max_length=2)] = "",
) -> HTMLResponse:
    """First post: check and ask to confirm. Second (``confirmar=si``): decide."""
    try:
        declaration = await decision_link.read_link(session, services.signer, token,
                                                    audited=False)
    except InvalidToken as exc:
        return _bad(exc)
    try:
        if confirmar != "si":
            actions.check_decidable(declaration, services.today())
            if resultado not in console_messages.DECL_OUTCOMES:
                raise InvalidInput(messages.BAD_OUTCOME)
            text = actions.check_decision(decision)
            return _page(mode="confirm", d=declaration, outcome=resultado, decision=text,
                         token=token)
        done = await decision_link.decide_by_link(
            session, services.signer, token, outcome=resultado, decision=decision,
            now=services.clock(), notifier=services.get(NOTIFIER), tz=services.settings.tz)
    except (InvalidInput, InvalidTransition) as exc:
        await session.rollback()
        again = await decision_link.read_link(session, services.signer, token, audited=False)
        status = 409 if isinstance(exc, InvalidTransition) else 422
        if again.state not in states.OPEN:
            return await _view(again, services, status=409)
        return await _view(again, services, error=exc.message, typed=decision, outcome=resultado,
                           status=status)
    return _page(mode="done", d=done.declaration, message=messages.LINK_DONE.format(
        radicado=done.declaration.radicado,
        outcome=messages.OUTCOME_NAMES.get(resultado, resultado)))
