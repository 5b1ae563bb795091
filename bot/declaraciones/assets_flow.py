"""/bienes in the chat: the person says they filed this year's declaración de bienes y rentas
(self-reported, ``assets.self_report``), or hears the deadline. Registered by ``register``
(called from ``flow.register``) under its own flow name, ``ASSETS_FLOW``."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.flow import ButtonRoute, Command, Flow, flow_registry
from bot.declaraciones import assets, messages
from nucleo.formats import local_day
from nucleo.ports import Button
from nucleo.services import Services

NAME = "bienes"


async def assets_command(ctx: Context, _text: str) -> None:
    """/bienes: ask whether the person already filed this year's bienes y rentas."""
    if ctx.person is None:
        ctx.say(messages.ASSETS_NEEDS_REGISTRATION)
        return
    today = local_day(ctx.now, ctx.services.settings.tz)
    year = today.year
    ask = messages.ASSETS_ASK_LATE if today > assets.deadline(year) else messages.ASSETS_ASK
    ctx.say(ask.format(year=year, deadline=messages.long_day(assets.deadline(year))),
            [[Button(messages.ASSETS_YES, f"{NAME}:ya:{year}")],
             [Button(messages.ASSETS_NOT_YET, f"{NAME}:ya:no")]])


async def assets_answer(ctx: Context, arg: str) -> None:
    """Record the self-reported filing (with today's date), or remind the deadline."""
    if ctx.person is None:
        ctx.say(messages.ASSETS_NEEDS_REGISTRATION)
        return
    today = local_day(ctx.now, ctx.services.settings.tz)
    if arg == "no":
        late = today > assets.deadline(today.year)
        ctx.say((messages.ASSETS_PENDING_LATE if late else messages.ASSETS_PENDING).format(
            deadline=messages.long_day(assets.deadline(today.year))))
        return
    if not arg.isdigit() or int(arg) not in (today.year, today.year - 1):
        ctx.say(messages.USE_THE_BUTTONS)
        return
    row = await assets.self_report(ctx.session, person_id=ctx.person.id, year=int(arg),
                                   filed_on=today, now=ctx.now)
    if row.source != "chat" and row.filed_on is not None:  # HR's date stays: say that one
        ctx.say(messages.ASSETS_ALREADY_RECORDED.format(year=arg,
                                                        day=messages.long_day(row.filed_on)))
        return
    ctx.say(messages.ASSETS_FILED.format(year=arg, day=messages.long_day(today)))


async def _nothing(ctx: Context) -> None:
    """The flow has no start of its own: /bienes opens it."""
    await assets_command(ctx, "")


FLOW = Flow(name=NAME, start=_nothing, buttons={"ya": ButtonRoute(assets_answer)})


def register(services: Services) -> None:
    """Add the /bienes flow and command to the bot's registry."""
    registry = flow_registry(services)
    registry.add(FLOW)
    registry.add_command(Command("bienes", assets_command, messages.COMMAND_ASSETS))
