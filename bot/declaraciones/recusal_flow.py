"""/recusar in the chat: who is recused (looked up in the directory), the type of matter (the
buttons of /declarar, ``interest_steps.MatterTypeStep``), the matter, the facts,
the ground of art. 11 (suggested, confirmed), who decides, confirmation, then the ``RC`` radicado. Also the recused official's answer: the
buttons of their notice (``recu:resp:<id>:si|no``) ask for the reasons and record them.

Like /declarar, nothing is stored before «Radicar», and the radicado is said only in the reply
that the dialogue core sends after its unit of work committed."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.flow import ButtonRoute, Command, Flow, flow_registry
from bot.declaraciones import (
    actions,
    interest_steps,
    messages,
    recusal_routing,
    recusals,
    states,
)
from bot.declaraciones.drafts import RECUSAL_FLOW
from bot.declaraciones.interest import Answers
from bot.declaraciones.models import DeclarationKind, DeclarationState
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
from nucleo.business_days import business_calendar
from nucleo.directory.superiors import superior_of
from nucleo.errors import NotFound
from nucleo.formats import local_day
from nucleo.models import Person
from nucleo.ports import NOTIFIER, Button
from nucleo.services import Services

NAME = RECUSAL_FLOW
WHO, PICK, MATTER, FACTS, OFFICE, CONFIRM = ("quien", "elegir", "asunto", "hechos", "decide",
                                             "confirmar")
ANSWERING = "respuesta"
GROUND = GROUND_STEP
MATTER_TYPE = interest_steps.MATTER_TYPE
matter_type = interest_steps.MatterTypeStep(NAME, MATTER, messages.ASK_RECUSAL_MATTER)


def _label(person: Person) -> str:
    department = person.department.name if person.department is not None else None
    return messages.RECUSED_MATCH_LABEL.format(
        name=(person.full_name or "")[:40],
        department=(department or messages.RECUSED_NO_DEPARTMENT)[:30])


async def start(ctx: Context) -> None:
    """Ask whom the person recuses (a registered person only)."""
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.RECUSE_NEEDS_REGISTRATION)
        return
    ctx.goto(NAME, WHO)
    ctx.say(messages.ASK_RECUSED, [cancel_row(NAME)])


async def receive_name(ctx: Context, text: str) -> None:
    """Look the name up in the directory: one match is confirmed, a few are offered as buttons,
    none keeps the name as typed."""
    name = checked(ctx, lambda typed: actions.check_name(typed, field="recused_name"), text)
    if name is None:
        return
    own = ctx.person.id if ctx.person is not None else None
    found = [p for p in await recusals.match_officials(ctx.session, name) if p.id != own]
    if not found:
        ctx.say(messages.RECUSED_NOT_IN_DIRECTORY.format(name=messages.escape(name)))
        matter_type.ask(ctx, n=name, r=None)
        return
    keep = [Button(messages.RECUSED_NONE_OF_THEM, f"{NAME}:tal")]
    ctx.set_step(PICK, n=name, r=None)
    if len(found) > recusals.MATCH_LIMIT:
        ctx.say(messages.RECUSED_TOO_MANY, [keep, cancel_row(NAME)])
        return
    rows = [[Button(_label(p), f"{NAME}:es:{p.id}")] for p in found]
    text_html = (messages.RECUSED_ONE_MATCH.format(name=messages.escape(_label(found[0])))
                 if len(found) == 1 else messages.RECUSED_MATCHES)
    ctx.say(text_html, [*rows, keep, cancel_row(NAME)])


async def pick_person(ctx: Context, arg: str) -> None:
    """The recused official is this person of the directory."""
    if not arg.isdigit() or len(arg) > 9:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    person = await ctx.session.get(Person, int(arg))
    if person is None or (ctx.person is not None and person.id == ctx.person.id):
        ctx.say(messages.RECUSE_YOURSELF if person is not None else messages.RECUSED_NOT_FOUND)
        return
    matter_type.ask(ctx, n=person.full_name or ctx.data.get("n"), r=person.id)


async def keep_typed(ctx: Context, _arg: str) -> None:
    """None of the matches: keep the name as typed (nobody is notified from the chat)."""
    matter_type.ask(ctx, r=None)


async def receive_name_again(ctx: Context, text: str) -> None:
    """A new name typed while the matches are shown: search again."""
    await receive_name(ctx, text)


receive_matter = Ask(NAME, actions.check_matter, "m", FACTS, messages.ASK_RECUSAL_FACTS)


async def _recused_superior(ctx: Context) -> Person | None:
    """The recused official's jefe inmediato from the directory (#18), unless it is whoever
    recuses (they do not decide their own recusal)."""
    recused = ctx.data.get("r")
    person = await ctx.session.get(Person, recused) if isinstance(recused, int) else None
    superior = await superior_of(ctx.session, person)
    if superior is None or (ctx.person is not None and superior.id == ctx.person.id):
        return None
    return superior


async def _ask_office(ctx: Context) -> None:
    """Who decides: typed, or the recused official's jefe inmediato in one tap."""
    superior = await _recused_superior(ctx)
    rows = [[Button(messages.RECUSED_SUPERIOR_BUTTON.format(
        name=(superior.full_name or "")[:40]), f"{NAME}:jefe")]] if superior else []
    ctx.say(messages.ASK_RECUSAL_OFFICE, [*rows, cancel_row(NAME)])


async def use_superior(ctx: Context, _arg: str) -> None:
    """Who decides: the recused official's jefe inmediato from the directory."""
    superior = await _recused_superior(ctx)
    if superior is None:  # an old button, or the directory changed meanwhile
        await _ask_office(ctx)
        return
    department = superior.department.name if superior.department else None
    office = (messages.SUPERIOR_OFFICE_IN if department else messages.SUPERIOR_OFFICE).format(
        name=superior.full_name or "", department=department or "")
    await receive_office(ctx, office[:actions.OFFICE[1]])


ground_steps = GroundSteps(NAME, actions.check_description, OFFICE, _ask_office)


async def receive_office(ctx: Context, text: str) -> None:
    """Keep who decides and show the summary."""
    office = checked(ctx, actions.check_office, text)
    if office is None:
        return
    ctx.set_step(CONFIRM, o=office)
    kept_type = messages.MATTER_TYPE_NAMES.get(Answers.of(ctx.data).matter_type or "")
    confirm(ctx, NAME, "radicar", messages.CONFIRM_RECUSAL.format(
        recused=kept(ctx, "n"), matter=kept(ctx, "m"), description=kept(ctx, "d"),
        matter_type=messages.GUIDED_LINE.format(
            label=messages.GUIDED_LABELS["matter_type"],
            value=messages.escape(kept_type)) if kept_type else "",
        ground=kept_ground_name(ctx), office=messages.escape(office)))


async def send(ctx: Context, _arg: str) -> None:
    """File the recusal; the recused official's notice is queued in the same unit of work."""
    data = ctx.data
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.RECUSE_NEEDS_REGISTRATION)
        return
    recused = data.get("r")
    filed = await recusals.file_recusal(
        ctx.session, matter=str(data.get("m", "")), description=str(data.get("d", "")),
        office=str(data.get("o", "")), recused_name=str(data.get("n", "")),
        recused_person_id=int(recused) if recused else None, person_id=ctx.person.id,
        now=ctx.now, tz=ctx.services.settings.tz, calendar=business_calendar(ctx.services),
        notifier=ctx.services.get(NOTIFIER), ground=kept_ground(data),
        matter_type=Answers.of(data).matter_type)
    d = filed.declaration
    assert d.answer_due_on is not None
    ctx.say(messages.RECUSAL_FILED.format(
        radicado=d.radicado, day=messages.long_day(local_day(d.created_at,
                                                                     ctx.services.settings.tz)),
        answer_due=messages.long_day(d.answer_due_on), due=messages.long_day(d.due_on)))


async def cancel(ctx: Context, _arg: str) -> None:
    """Drop the recusal or the answer in progress (nothing was stored)."""
    answering = ctx.step == ANSWERING
    ctx.finish()
    ctx.say(messages.ANSWER_CANCELLED if answering else messages.RECUSAL_CANCELLED)


async def recuse_command(ctx: Context, _args: str) -> None:
    """/recusar."""
    await start(ctx)


async def begin_answer(ctx: Context, arg: str) -> None:
    """A button of the recused official's notice: check it is theirs and still waiting, then
    ask for the reasons."""
    number, _, choice = arg.partition(":")
    if ctx.person is None or not number.isdigit() or len(number) > 9 or choice not in ("si",
                                                                                       "no"):
        ctx.say(messages.USE_THE_BUTTONS)
        return
    try:
        declaration = await actions.get_declaration(ctx.session, int(number))
    except NotFound:
        declaration = None
    if (declaration is None or declaration.kind != DeclarationKind.RECUSACION
            or declaration.recused_person_id != ctx.person.id):
        ctx.say(messages.NOT_FOUND)
        return
    if declaration.state != DeclarationState.POR_RESPONDER:
        states.transition(declaration.state, states.ANSWER)  # says why, in Spanish
    ctx.goto(NAME, ANSWERING, i=declaration.id, a=choice == "si")
    ctx.say(messages.ASK_ANSWER, [cancel_row(NAME)])


async def receive_answer(ctx: Context, text: str) -> None:
    """Record the recused official's answer."""
    answer = checked(ctx, actions.check_answer, text)
    if answer is None:
        return
    data = ctx.data
    ctx.finish()
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return
    done = await recusals.answer_recusal(
        ctx.session, int(data.get("i", 0)), accepts=bool(data.get("a")), answer=answer,
        now=ctx.now, tz=ctx.services.settings.tz, calendar=business_calendar(ctx.services),
        person_id=ctx.person.id)
    ctx.say(messages.ANSWER_SAVED.format(radicado=done.radicado,
                                         due=messages.long_day(done.due_on)))
    await recusal_routing.route_recusal(
        ctx.session, done, recusal_routing.Routing.of(ctx.services),
        today=local_day(ctx.now, ctx.services.settings.tz))


FLOW = Flow(
    name=NAME,
    start=start,
    texts={WHO: receive_name, PICK: receive_name_again, MATTER_TYPE: typed_instead_of_button,
           MATTER: receive_matter,
           FACTS: ground_steps.facts, GROUND: typed_instead_of_button, OFFICE: receive_office,
           CONFIRM: typed_instead_of_button,
           ANSWERING: receive_answer},
    buttons={
        "es": ButtonRoute(pick_person, steps=(PICK,)),
        "tal": ButtonRoute(keep_typed, steps=(PICK,)),
        "clase": ButtonRoute(matter_type.choose, steps=(MATTER_TYPE,)),
        "causales": ButtonRoute(ground_steps.others, steps=(GROUND,)),
        "causal": ButtonRoute(ground_steps.choose, steps=(GROUND,)),
        "radicar": ButtonRoute(send, steps=(CONFIRM,)),
        "jefe": ButtonRoute(use_superior, steps=(OFFICE,)),
        "resp": ButtonRoute(begin_answer),
        "cancelar": ButtonRoute(cancel, steps=(WHO, PICK, MATTER_TYPE, MATTER, FACTS, GROUND,
                                               OFFICE, CONFIRM, ANSWERING)),
    },
)


def register(services: Services) -> None:
    """Add the recusal flow and /recusar to the bot's registry."""
    registry = flow_registry(services)
    registry.add(FLOW)
    registry.add_command(Command("recusar", recuse_command, messages.COMMAND_RECUSE))
