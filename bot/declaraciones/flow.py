"""/declarar in the chat: kind, type of matter, matter, role, who holds the interest (a relative:
which one; ``interest_steps``), facts, the ground of art. 11 (suggested from those answers and
the facts, confirmed), who decides, confirmation, then the radicado.

/misdeclaraciones lists the person's declarations and their state. Registered by
``register(services)`` (called from ``api.wiring``) under ``DECLARATION_FLOW``, which the menu
opens. The radicado is said only in the reply, and the dialogue core returns replies only after
its unit of work committed: a failed commit never shows a number that does not exist.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.flow import DECLARATION_FLOW, ButtonRoute, Command, Flow, flow_registry
from bot.declaraciones import (
    actions,
    assets,
    constancia_link,
    decision_link,
    interest_steps,
    messages,
    preventive,
    states,
)
from bot.declaraciones.interest import Answers
from bot.declaraciones.models import DeclarationKind
from bot.declaraciones.states import WITHDRAWABLE
from bot.declaraciones.steps import (
    GROUND_STEP,
    Ask,
    GroundSteps,
    cancel_row,
    checked,
    confirm,
    kept,
    kept_ground,
    kept_ground_name,
    typed_instead_of_button,
)
from nucleo.background import background
from nucleo.business_days import business_calendar
from nucleo.directory.superiors import superior_of
from nucleo.formats import local_day
from nucleo.ports import NOTIFIER, Button
from nucleo.services import Services
from nucleo.text import normalize_key

NAME = DECLARATION_FLOW
KIND, MATTER, FACTS, OFFICE, CONFIRM = "tipo", "asunto", "hechos", "decide", "confirmar"
GROUND = GROUND_STEP
HOLDER, COUNTERPARTY, PREV_FACTS, PREV_CONFIRM = ("quien", "con", "situacion", "registrar")
NO_NEWS, NO_NEWS_CONFIRM = "sin_novedad", "sin_novedad"  # a kind button, then its step
WITHDRAWING = "desistiendo"
LIST_LIMIT = 20
CONSTANCIA_BUTTONS = 5  # the most recent ones; the others by the keepers


async def start(ctx: Context) -> None:
    """Ask what is being declared (a registered person only)."""
    if ctx.person is None:
        ctx.finish()
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    ctx.goto(NAME, KIND)
    ctx.say(messages.ASK_KIND, [
        [Button(messages.KIND_IMPEDIMENT, f"{NAME}:tipo:{DeclarationKind.IMPEDIMENTO}")],
        [Button(messages.KIND_CONFLICT, f"{NAME}:tipo:{DeclarationKind.CONFLICTO}")],
        [Button(messages.KIND_PREVENTIVE, f"{NAME}:tipo:{DeclarationKind.PREVENTIVA}")],
        [Button(messages.KIND_NO_NEWS, f"{NAME}:tipo:{NO_NEWS}")],
        cancel_row(NAME)])


async def choose_kind(ctx: Context, arg: str) -> None:
    """Keep the kind and ask for the matter (a preventive one asks who holds the interest;
    «sin novedad» asks to confirm the year's preventive declaration without anything)."""
    if arg == NO_NEWS:
        ctx.set_step(NO_NEWS_CONFIRM)
        today = local_day(ctx.now, ctx.services.settings.tz)
        confirm(ctx, NAME, "sinnovedad", messages.CONFIRM_NO_NEWS.format(year=today.year))
        return
    if arg == DeclarationKind.PREVENTIVA:
        ctx.set_step(HOLDER, k=arg)
        ctx.say(messages.ASK_HOLDER, [
            *[[Button(label, f"{NAME}:quien:{key}")]
              for key, label in messages.HOLDER_NAMES.items()], cancel_row(NAME)])
        return
    if arg not in (DeclarationKind.IMPEDIMENTO, DeclarationKind.CONFLICTO):
        ctx.say(messages.USE_THE_BUTTONS)
        return
    interest_steps.ask_matter_type(ctx, arg)


async def _ask_office(ctx: Context) -> None:
    """Who decides: the jefe inmediato the directory names (#18), straight to the summary
    with «Cambiar quién decide»; without one, ask (the person's dependency in one tap when the
    directory knows it)."""
    superior = await superior_of(ctx.session, ctx.person)
    if superior is not None:
        department = superior.department.name if superior.department else None
        office = (messages.SUPERIOR_OFFICE_IN if department else messages.SUPERIOR_OFFICE).format(
            name=superior.full_name or "", department=department or "")
        _confirm(ctx, actions.check_office(office[:actions.OFFICE[1]]), superior=superior.id)
        return
    _ask_office_by_hand(ctx)


def _ask_office_by_hand(ctx: Context) -> None:
    rows = []
    department = ctx.person.department if ctx.person is not None else None
    if department is not None:
        rows.append([Button(messages.USE_DEPARTMENT.format(name=department.name[:40]),
                            f"{NAME}:dep")])
    rows.append(cancel_row(NAME))
    ctx.say(messages.ASK_OFFICE, rows)


ground_steps = GroundSteps(NAME, actions.check_description, OFFICE, _ask_office,
                           suggest=interest_steps.suggest)


async def receive_office(ctx: Context, text: str) -> None:
    """Keep who decides (checked) and show the summary; the declarant cannot name themselves."""
    if names_the_declarant(text, ctx.person.full_name if ctx.person else None):
        ctx.say(messages.OFFICE_IS_YOU, [cancel_row(NAME)])
        return
    office = checked(ctx, actions.check_office, text)
    if office is not None:
        _confirm(ctx, office)


async def other_office(ctx: Context, _arg: str) -> None:
    """«Cambiar quién decide»: the directory's superior is not the one; ask by hand."""
    ctx.set_step(OFFICE, s=None)
    _ask_office_by_hand(ctx)


_MYSELF = re.compile(r"^(?:yo|yo mism[oa]|a mi mism[oa]|mi mism[oa]|mi persona|el suscrito|"
                     r"la suscrita|el mismo declarante|la misma declarante)$")


def names_the_declarant(office: str, full_name: str | None) -> bool:
    """Whether «who decides» is the declarant: «yo», «yo misma», or their full name (two words
    or more, without accents or case)."""
    typed = normalize_key(office).strip(" .,;")
    if _MYSELF.match(typed):
        return True
    name = normalize_key(full_name or "")
    return len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", typed) is not None


async def use_department(ctx: Context, _arg: str) -> None:
    """Who decides: the head of the person's own department."""
    department = ctx.person.department if ctx.person is not None else None
    if department is None:
        ctx.say(messages.ASK_OFFICE, [cancel_row(NAME)])
        return
    _confirm(ctx, messages.HEAD_OF.format(name=department.name))


def _confirm(ctx: Context, office: str, *, superior: int | None = None) -> None:
    """The summary; ``superior``: the directory's jefe inmediato decides (kept as ``s``)."""
    ctx.set_step(CONFIRM, o=office, s=superior)
    summary = messages.CONFIRM.format(
        kind=messages.KINDS.get(str(ctx.data.get("k")), ""), matter=kept(ctx, "m"),
        guided=interest_steps.summary_lines(ctx), description=kept(ctx, "d"),
        ground=kept_ground_name(ctx), office=messages.escape(office))
    if superior is None:
        confirm(ctx, NAME, "radicar", summary)
        return
    ctx.say(summary + messages.SUPERIOR_FROM_DIRECTORY, [
        [Button(messages.SEND, f"{NAME}:radicar"), *cancel_row(NAME)],
        [Button(messages.OTHER_OFFICE, f"{NAME}:otro")]])


async def send(ctx: Context, _arg: str) -> None:
    """File the declaration; the reply with the radicado leaves only after the commit."""
    data = ctx.data
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    declaration = await actions.file_declaration(
        ctx.session, person_id=ctx.person.id, kind=str(data.get("k", "")),
        matter=str(data.get("m", "")), description=str(data.get("d", "")),
        office=str(data.get("o", "")), now=ctx.now, tz=ctx.services.settings.tz,
        calendar=business_calendar(ctx.services), ground=kept_ground(data),
        answers=Answers.of(data))
    filed_on = local_day(declaration.created_at, ctx.services.settings.tz)
    text = messages.FILED.format(radicado=declaration.radicado, day=messages.long_day(filed_on),
                                 due=messages.long_day(declaration.due_on))
    superior = await superior_of(ctx.session, ctx.person) if data.get("s") else None
    if superior is not None and superior.id == data.get("s"):  # still the directory's
        routed = await decision_link.route_to_superior(
            ctx.session, declaration, superior, signer=ctx.services.signer,
            notifier=ctx.services.get(NOTIFIER), settings=ctx.services.settings,
            jobs=background(ctx.services), db=ctx.services.db)
        notice = {decision_link.CHAT: messages.SUPERIOR_NOTICE_QUEUED,
                  decision_link.EMAIL: messages.SUPERIOR_NOTICE_EMAIL,
                  decision_link.NO_PUBLIC_URL: messages.SUPERIOR_NOTICE_NO_PUBLIC_URL}.get(
            routed or "", messages.SUPERIOR_NOTICE_BY_STAFF)
        text += notice.format(name=messages.escape(superior.full_name or ""))
    text += constancia_link.offer(ctx.services.settings, ctx.services.signer, declaration,
                                  ctx.ref.channel)  # the written declaration (art. 12)
    ctx.say(text + messages.FILED_WINDOW)  # the art. 12 window, for the next one


async def choose_holder(ctx: Context, arg: str) -> None:
    """Preventive: keep who holds the interest and ask with whom."""
    if arg not in preventive.HOLDERS:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    ctx.set_step(COUNTERPARTY, h=arg)
    ctx.say(messages.ASK_COUNTERPARTY, [cancel_row(NAME)])


receive_counterparty = Ask(NAME, lambda text: actions.check_name(text, field="counterparty"), "c",
                           PREV_FACTS, messages.ASK_PREVENTIVE_FACTS)


async def receive_preventive_facts(ctx: Context, text: str) -> None:
    """Preventive: keep the situation and show the summary."""
    facts = checked(ctx, actions.check_description, text)
    if facts is None:
        return
    ctx.set_step(PREV_CONFIRM, d=facts)
    confirm(ctx, NAME, "guardar", messages.CONFIRM_PREVENTIVE.format(
        holder=messages.HOLDER_NAMES.get(str(ctx.data.get("h")), ""),
        counterparty=kept(ctx, "c"), description=messages.escape(facts)))


async def send_preventive(ctx: Context, _arg: str) -> None:
    """Register the preventive declaration; its number is said only after the commit."""
    data = ctx.data
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    saved = await preventive.file_preventive(
        ctx.session, person_id=ctx.person.id, holder=str(data.get("h", "")),
        counterparty=str(data.get("c", "")), description=str(data.get("d", "")), now=ctx.now,
        tz=ctx.services.settings.tz)
    ctx.say(messages.PREVENTIVE_FILED.format(
        radicado=saved.radicado,
        day=messages.long_day(local_day(saved.created_at, ctx.services.settings.tz)),
        counterparty=messages.escape(saved.counterparty or ""))
        + constancia_link.offer(ctx.services.settings, ctx.services.signer, saved,
                                ctx.ref.channel))


async def send_no_news(ctx: Context, _arg: str) -> None:
    """Record «sin novedad» as this year's preventive declaration."""
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    today = local_day(ctx.now, ctx.services.settings.tz)
    row, done = await assets.no_news(ctx.session, person_id=ctx.person.id, today=today,
                                     now=ctx.now)
    text = messages.NO_NEWS_ALREADY if done else messages.NO_NEWS_RECORDED
    ctx.say(text.format(year=today.year, day=messages.long_day(row.filed_on or today)))


async def cancel(ctx: Context, _arg: str) -> None:
    """Drop the declaration in progress (nothing was stored)."""
    ctx.finish()
    ctx.say(messages.CANCELLED)


async def declare_command(ctx: Context, _args: str) -> None:
    """/declarar."""
    ctx.finish()
    await start(ctx)


async def list_mine(ctx: Context, _args: str) -> None:
    """/misdeclaraciones: the person's declarations, newest first, with their state."""
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.MY_DECLARATIONS_NEED_PERSON)
        return
    _total, rows = await actions.list_declarations(ctx.session, person_id=ctx.person.id,
                                                   limit=500)
    if not rows:
        ctx.say(messages.NO_DECLARATIONS)
        return
    rows.sort(key=lambda d: d.id, reverse=True)
    tz = ctx.services.settings.tz
    lines, buttons = [], []
    for d in rows[:LIST_LIMIT]:
        if d.state in WITHDRAWABLE:
            buttons.append([Button(messages.WITHDRAW_BUTTON.format(radicado=d.radicado),
                                   f"{NAME}:desistir:{d.id}")])
        matter = messages.escape(d.matter[:60])
        state = messages.STATE_NAMES.get(d.state, d.state)
        if d.kind == DeclarationKind.PREVENTIVA:
            lines.append(messages.MY_LINE_PREVENTIVE.format(radicado=d.radicado, matter=matter,
                                                            state=state))
        elif d.decided_at is not None:
            lines.append(messages.MY_LINE_DECIDED.format(
                radicado=d.radicado, matter=matter, state=state,
                outcome=messages.OUTCOME_NAMES.get(d.outcome or "", ""),
                day=messages.long_day(local_day(d.decided_at, tz))))
        elif d.kind == DeclarationKind.RECUSACION:
            lines.append(messages.MY_LINE_RECUSAL.format(
                radicado=d.radicado, matter=matter, state=state,
                recused=messages.escape((d.recused_name or "")[:60]),
                due=messages.long_day(d.due_on)))
        else:
            lines.append(messages.MY_LINE.format(radicado=d.radicado, matter=matter, state=state,
                                                 due=messages.long_day(d.due_on)))
    pdfs = [constancia_link.button(d) for d in rows[:CONSTANCIA_BUTTONS]]  # after «Desistir»
    buttons.extend([pdfs[i:i + 2] for i in range(0, len(pdfs), 2)])
    ctx.say(messages.MY_DECLARATIONS.format(lines="\n".join(lines))
            + messages.CONSTANCIA_IN_LIST, buttons)


async def send_constancia(ctx: Context, arg: str) -> None:
    """«📄 PDF DI-…» (in /misdeclaraciones or the decision's notice): the link to the
    person's own constancia, or how to get it in this channel."""
    if ctx.person is None or not arg.isdigit() or len(arg) > 9:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    declaration = await actions.get_declaration(ctx.session, int(arg))
    if declaration.person_id != ctx.person.id:  # a forged button: someone else's
        ctx.say(messages.NOT_FOUND)
        return
    ctx.say(messages.CONSTANCIA_FOR.format(radicado=declaration.radicado)
            + constancia_link.offer(ctx.services.settings, ctx.services.signer, declaration,
                                    ctx.ref.channel))


async def ask_withdrawal(ctx: Context, arg: str) -> None:
    """Ask to confirm withdrawing an open declaration of the person's own."""
    if ctx.person is None or not arg.isdigit() or len(arg) > 9:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    declaration = await actions.get_declaration(ctx.session, int(arg))
    if declaration.person_id != ctx.person.id:
        ctx.say(messages.NOT_FOUND)
        return
    states.transition(declaration.state, states.WITHDRAW)  # an old button: say why not now
    ctx.goto(NAME, WITHDRAWING, i=declaration.id)
    ctx.say(messages.WITHDRAW_CONFIRM.format(radicado=declaration.radicado,
                                             matter=messages.escape(declaration.matter)),
            [[Button(messages.WITHDRAW_YES, f"{NAME}:retirar"),
              Button(messages.CANCEL, f"{NAME}:cancelar")]])


async def withdraw(ctx: Context, _arg: str) -> None:
    """Withdraw the declaration being confirmed (only the declarant's own, only while open)."""
    declaration_id = int(ctx.data.get("i", 0))
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    done = await actions.withdraw(ctx.session, declaration_id, person_id=ctx.person.id,
                                  now=ctx.now)
    ctx.say(messages.WITHDRAWN.format(radicado=done.radicado))


FLOW = Flow(
    name=NAME,
    start=start,
    texts={KIND: typed_instead_of_button, MATTER: interest_steps.receive_matter,
           FACTS: ground_steps.facts,
           **dict.fromkeys(interest_steps.STEPS, typed_instead_of_button),
           GROUND: typed_instead_of_button,
           OFFICE: receive_office, CONFIRM: typed_instead_of_button,
           WITHDRAWING: typed_instead_of_button, HOLDER: typed_instead_of_button,
           COUNTERPARTY: receive_counterparty, PREV_FACTS: receive_preventive_facts,
           PREV_CONFIRM: typed_instead_of_button, NO_NEWS_CONFIRM: typed_instead_of_button},
    buttons={
        "tipo": ButtonRoute(choose_kind, steps=(KIND,)),
        "clase": ButtonRoute(interest_steps.matter_type.choose,
                             steps=(interest_steps.MATTER_TYPE,)),
        "papel": ButtonRoute(interest_steps.choose_role, steps=(interest_steps.ROLE,)),
        "interes": ButtonRoute(interest_steps.choose_holder, steps=(interest_steps.HOLDER,)),
        "pariente": ButtonRoute(interest_steps.choose_relative,
                                steps=(interest_steps.RELATIVE,)),
        "causales": ButtonRoute(ground_steps.others, steps=(GROUND,)),
        "causal": ButtonRoute(ground_steps.choose, steps=(GROUND,)),
        "dep": ButtonRoute(use_department, steps=(OFFICE,)),
        "otro": ButtonRoute(other_office, steps=(CONFIRM,)),
        "radicar": ButtonRoute(send, steps=(CONFIRM,)),
        "quien": ButtonRoute(choose_holder, steps=(HOLDER,)),
        "guardar": ButtonRoute(send_preventive, steps=(PREV_CONFIRM,)),
        "sinnovedad": ButtonRoute(send_no_news, steps=(NO_NEWS_CONFIRM,)),
        "desistir": ButtonRoute(ask_withdrawal),
        "constancia": ButtonRoute(send_constancia),
        "retirar": ButtonRoute(withdraw, steps=(WITHDRAWING,)),
        "cancelar": ButtonRoute(cancel, steps=(KIND, *interest_steps.STEPS, MATTER, FACTS,
                                               GROUND, OFFICE, CONFIRM,
                                               WITHDRAWING, HOLDER, COUNTERPARTY, PREV_FACTS,
                                               PREV_CONFIRM, NO_NEWS_CONFIRM)),
    },
)


def register(services: Services) -> None:
    """Add the flow and its two commands to the bot's registry, the recusal flow, /bienes and
    the cross-check after a preventive declaration."""
    from bot.declaraciones import assets_flow, contracts, recusal_flow

    registry = flow_registry(services)
    registry.add(FLOW)
    registry.add_command(Command("declarar", declare_command, messages.COMMAND_DECLARE))
    registry.add_command(Command("misdeclaraciones", list_mine, messages.COMMAND_MINE))
    recusal_flow.register(services)
    assets_flow.register(services)
    contracts.listen(services)
