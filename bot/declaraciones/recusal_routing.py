"""Who decides a recusal gets the decision link without anyone asking (#18): once the recused
official answered, or their 5 business days passed without an answer, the recused official's
jefe inmediato from the directory gets the signed link (``decision_link.route_to_superior``: the
bot's chat if they use it, else e-mail). With no superior who can decide — none in the
directory, retired, the recusant themself, or no way to reach them — the recusal is left to the
register's keepers (DOMAIN.md §2.4: the register decides who handles it), who see it marked in
their daily digest and in the console.

Each recusal is routed once: a ``DeclarationNotice`` with key ``route:<id>`` (unique) is written
in the same transaction as the link, so the answer and the sweep racing each other, or a second
replica, never send two links. A recusal left to the register gets only the keepers' mark,
``keepers:<id>`` (audited once), and the sweep tries it again: once HR sets the jefe, the jefe
gets an address or the bot, or ``VALOR_PUBLIC_URL`` is set, the link goes. Not on every tick:
the mark's ``day`` and ``created_at`` say when it was last tried, and it is tried again the next
day, or at once when the recused official or their jefe changed in the directory since
(``Person.updated_at``: a jefe set or changed, a chat linked, an address, retired or back).
A link the register already made in the console is left alone."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, String, and_, cast, exists, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.declaraciones import decision_link
from bot.declaraciones.models import (
    Declaration,
    DeclarationKind,
    DeclarationNotice,
    DeclarationState,
)
from nucleo import audit
from nucleo.background import Background, background
from nucleo.db import Database, commit, utcnow
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
    ``decision_link.CHAT`` or ``EMAIL``, ``KEEPERS`` when it is first left to the register,
    None when it was not time, was routed already, the register had made a link by hand, or it
    is still the register's (marked before: the mark now says it was tried ``today``; the sweep
    tries again, since HR may set the jefe, an address or ``VALOR_PUBLIC_URL`` later)."""
    if not ready(declaration, today):
        return None
    key = route_key(declaration.id)
    if await session.scalar(select(DeclarationNotice.id).where(
            DeclarationNotice.key == key)) is not None:
        return None
    routed_mark = DeclarationNotice(key=key, day=today)
    session.add(routed_mark)
    try:
        await session.flush()  # a run routing it at the same moment fails here, or at commit
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
        await session.delete(routed_mark)  # not routed: the sweep tries again later
        marked = keepers_key(declaration.id)
        if await session.scalar(select(DeclarationNotice.id).where(
                DeclarationNotice.key == marked)) is not None:
            await session.rollback()  # nothing new: only when it was tried
            await session.execute(update(DeclarationNotice).where(
                DeclarationNotice.key == marked).values(day=today, created_at=utcnow()))
            await commit(session)
            return None
        session.add(DeclarationNotice(key=marked, day=today))
        audit.record(session, None, "declaraciones.recusacion.registro",
                     target_type="declaracion", target_id=declaration.id,
                     details={"radicado": declaration.radicado, "motivo": reason})
        await commit(session)
    except IntegrityError:  # routed at the same moment by another run: that one stands
        await session.rollback()
        log.info("recusal routing: already routed by another run")
        return None
    return KEEPERS


def _notice_of(prefix: str) -> ColumnElement[bool]:
    """Whether the declaration has the notice ``<prefix>:<id>`` (in SQL)."""
    return exists().where(DeclarationNotice.key == literal(prefix + ":").concat(
        cast(Declaration.id, String)))


async def route_due_recusals(session: AsyncSession, routing: Routing, *,
                             today: date) -> list[str]:
    """The sweep: route every recusal that became the superior's to decide and was not routed
    yet (the answer routes at once; this catches the 5 days that ran out, and the register's
    ones whose jefe, address or public address came later). Those never tried go first.
    One left to the register is tried again once a day, or at once when its recused official
    or their jefe changed in the directory since it was last tried (``_worth_trying``).
    Returns the outcomes, one per recusal routed or first left to the register."""
    marked = aliased(DeclarationNotice)
    ids = list(await session.scalars(select(Declaration.id).outerjoin(marked, marked.key == (
        literal("keepers:").concat(cast(Declaration.id, String)))).where(
        Declaration.kind == DeclarationKind.RECUSACION.value,
        or_(Declaration.state == DeclarationState.RADICADA.value,
            and_(Declaration.state == DeclarationState.POR_RESPONDER.value,
                 Declaration.answer_due_on < today)),
        ~_notice_of("route"), _worth_trying(marked, today))
        .order_by(marked.id.is_not(None), Declaration.id).limit(SWEEP_LIMIT)))
    outcomes: list[str] = []
    for declaration_id in ids:
        declaration = await session.get(Declaration, declaration_id)  # fresh after a rollback
        if declaration is None:
            continue
        outcome = await route_recusal(session, declaration, routing, today=today)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _worth_trying(marked: type[DeclarationNotice], today: date) -> ColumnElement[bool]:
    """Never left to the register (``marked``, its ``keepers:<id>`` mark, outer-joined), last
    tried before ``today``, or its recused official or their jefe changed since (in SQL)."""
    boss = aliased(Person)
    changed = or_(
        exists().where(Person.id == Declaration.recused_person_id,
                       Person.updated_at >= marked.created_at),
        exists().where(Person.id == Declaration.recused_person_id, boss.id == Person.superior_id,
                       boss.updated_at >= marked.created_at))
    return or_(marked.id.is_(None), marked.day < today, changed)
