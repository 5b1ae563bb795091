"""Who decides a recusal gets the decision link without anyone asking (#18): once the recused
official answered, or their 5 business days passed without an answer, the recused official's
jefe inmediato from the directory gets the signed link (``decision_link.route_to_superior``: the
bot's chat if they use it, else e-mail). With no superior who can decide — none in the
directory, retired, the recusant themself, or no way to reach them — the recusal is left to the
register's keepers (DOMAIN.md §2.4: the register decides who handles it), who see it marked in
their daily digest and in the console.

Each recusal is routed once: a ``DeclarationNotice`` with key ``route:<id>`` (unique) is written
in the same transaction as the link (or the keepers' mark, ``keepers:<id>``), so the answer and
the daily sweep racing each other, or a second replica, never send two links. A link the
register already made in the console is left alone."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import decision_link
from bot.declaraciones.models import (
    Declaration,
    DeclarationKind,
    DeclarationNotice,
    DeclarationState,
)
from nucleo import audit
from nucleo.background import Background, background
from nucleo.db import Database, commit
from nucleo.directory.superiors import superior_of
from nucleo.models import Person
from nucleo.ports import NOTIFIER, Notifier
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.signing import Signer

log = logging.getLogger(__name__)
KEEPERS = "registro"  # no superior could be given the link: the register's keepers decide
SWEEP_LIMIT = 200  # recusals routed per tick at most (the next tick takes the rest)


@dataclass(frozen=True)
class Routing:
    """What sending a decision link needs."""

    signer: Signer
    notifier: Notifier | None
    settings: Settings
    jobs: Background
    db: Database

    @classmethod
    def of(cls, services: Services) -> Routing:
        return cls(signer=services.signer, notifier=services.get(NOTIFIER),
                   settings=services.settings, jobs=background(services), db=services.db)


def route_key(declaration_id: int) -> str:
    return f"route:{declaration_id}"


def keepers_key(declaration_id: int) -> str:
    return f"keepers:{declaration_id}"


def ready(declaration: Declaration, today: date) -> bool:
    """A recusal whose decision is now the superior's: answered (radicada), or still waiting
    for an answer whose 5 business days are over."""
    if declaration.kind != DeclarationKind.RECUSACION:
        return False
    if declaration.state == DeclarationState.RADICADA:
        return True
    return (declaration.state == DeclarationState.POR_RESPONDER
            and declaration.answer_due_on is not None and declaration.answer_due_on < today)


async def _decider(session: AsyncSession, declaration: Declaration) -> tuple[Person | None, str]:
    """The recused official's superior who may decide, or None and why not (for the audit)."""
    if declaration.recused_person_id is None:
        return None, "recusado_fuera_del_directorio"
    recused = await session.get(Person, declaration.recused_person_id)
    superior = await superior_of(session, recused)
    if superior is None:
        return None, "sin_jefe_inmediato"
    if superior.id == declaration.person_id:  # whoever recused does not decide it
        return None, "jefe_es_quien_recusa"
    return superior, ""


async def route_recusal(session: AsyncSession, declaration: Declaration, routing: Routing, *,
                        today: date) -> str | None:
    """Send the decision link of a recusal that became the superior's to decide (an action):
    ``decision_link.CHAT`` or ``EMAIL``, ``KEEPERS`` when it is left to the register, None when
    it was not time, was routed already, or the register had made a link by hand."""
    if not ready(declaration, today):
        return None
    key = route_key(declaration.id)
    if await session.scalar(select(DeclarationNotice.id).where(
            DeclarationNotice.key == key)) is not None:
        return None
    session.add(DeclarationNotice(key=key, day=today))
    try:
        if declaration.link_nonce is not None:  # made in the console: not replaced
            await commit(session)
            return None
        superior, reason = await _decider(session, declaration)
        if superior is not None:
            routed = await decision_link.route_to_superior(
                session, declaration, superior, signer=routing.signer,
                notifier=routing.notifier, settings=routing.settings, jobs=routing.jobs,
                db=routing.db)
            if routed in (decision_link.CHAT, decision_link.EMAIL):
                return routed  # committed with the route key
            reason = routed or "jefe_sin_chat_ni_correo"
        session.add(DeclarationNotice(key=keepers_key(declaration.id), day=today))
        audit.record(session, None, "declaraciones.recusacion.registro",
                     target_type="declaracion", target_id=declaration.id,
                     details={"radicado": declaration.radicado, "motivo": reason})
        await commit(session)
    except IntegrityError:  # routed at the same moment by another run: that one stands
        await session.rollback()
        log.info("recusal routing: already routed by another run")
        return None
    return KEEPERS


async def route_due_recusals(session: AsyncSession, routing: Routing, *,
                             today: date) -> list[str]:
    """The daily sweep: route every recusal that became the superior's to decide and was not
    routed yet (the answer routes at once; this catches the 5 days that ran out). Returns the
    outcomes, one per recusal routed."""
    rows = list(await session.scalars(select(Declaration).where(
        Declaration.kind == DeclarationKind.RECUSACION.value,
        or_(Declaration.state == DeclarationState.RADICADA.value,
            and_(Declaration.state == DeclarationState.POR_RESPONDER.value,
                 Declaration.answer_due_on < today)))
        .order_by(Declaration.id)))
    done = set(await session.scalars(select(DeclarationNotice.key).where(
        DeclarationNotice.key.in_([route_key(d.id) for d in rows])))) if rows else set()
    outcomes: list[str] = []
    for declaration_id in [d.id for d in rows if route_key(d.id) not in done][:SWEEP_LIMIT]:
        declaration = await session.get(Declaration, declaration_id)  # fresh after a rollback
        if declaration is None:
            continue
        outcome = await route_recusal(session, declaration, routing, today=today)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes
