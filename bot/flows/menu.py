"""The menu (/menu and after onboarding), /ayuda and /cancelar. Menu buttons work any time."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import DECLARATION_FLOW, SURVEY_FLOW, ButtonRoute, Flow, OnButton
from bot.core.types import WHATSAPP
from nucleo.directory.link import is_linked
from nucleo.ports import Button

NAME = "menu"


def buttons(ctx: Context) -> list[list[Button]]:
    """The menu entries: seven, and «Vincular mi cuenta» for whoever is not linked to the
    directory yet (the last one follows the person's subscription)."""
    subscribed = ctx.person is not None and ctx.person.subscribed
    last = (Button(messages.MENU_UNSUBSCRIBE, f"{NAME}:baja") if subscribed
            else Button(messages.MENU_SUBSCRIBE, f"{NAME}:alta"))
    rows = [
        [Button(messages.MENU_VALUE, f"{NAME}:valor")],
        [Button(messages.MENU_CONSULT, f"{NAME}:consulta")],
        [Button(messages.MENU_SUGGEST, f"{NAME}:sug")],
        [Button(messages.MENU_SURVEY, f"{NAME}:encuesta")],
        [Button(messages.MENU_DECLARE, f"{NAME}:declarar")],
    ]
    if not is_linked(ctx.person):
        rows.append([Button(messages.MENU_LINK, f"{NAME}:vincular")])
    rows.append([Button(messages.MENU_MY_DATA, f"{NAME}:datos"), last])
    return rows


async def show(ctx: Context) -> None:
    """Show the menu."""
    ctx.say(messages.MENU_TITLE, buttons(ctx))


async def start(ctx: Context) -> None:
    """Leave any flow and show the menu."""
    ctx.finish()
    await show(ctx)


async def menu_command(ctx: Context, _args: str) -> None:
    """/menu: leave what was going on and show the menu."""
    await start(ctx)


async def help_command(ctx: Context, _args: str) -> None:
    """/ayuda: explain, in plain words, what the bot does and its commands."""
    lines = [f"/{c.name} — {c.description}" for c in ctx.registry.commands() if c.description]
    # WhatsApp reads whole-message words as commands (``bot.whatsapp.translate``).
    words = messages.HELP_WORDS if ctx.ref.channel == WHATSAPP else ""
    ctx.say(messages.HELP.format(commands="\n".join(lines)) + words, messages.menu_button())


async def cancel_command(ctx: Context, _args: str) -> None:
    """/cancelar: drop the flow in progress."""
    had_flow = ctx.flow is not None
    ctx.finish()
    ctx.say(messages.CANCELLED if had_flow else messages.NOTHING_TO_CANCEL, messages.menu_button())


async def open_entry(ctx: Context, entry: str) -> None:
    """Run a menu entry (each lives in its own flow module)."""
    from bot.flows import consulta, datos, sugerencia, suscripcion, valor, vinculo

    ctx.finish()
    if entry == "valor":
        await valor.show(ctx)
    elif entry == "consulta":
        await consulta.prompt(ctx)
    elif entry == "sug":
        await sugerencia.start(ctx)
    elif entry == "encuesta":
        await open_survey(ctx)
    elif entry == "declarar":
        await open_declaration(ctx)
    elif entry == "vincular":
        await vinculo.start(ctx)
    elif entry == "datos":
        await datos.show(ctx)
    elif entry == "baja":
        await suscripcion.unsubscribe(ctx)
    elif entry == "alta":
        await suscripcion.subscribe(ctx)
    elif entry == "ver":
        await show(ctx)
    else:
        ctx.say(messages.UNKNOWN_BUTTON, messages.menu_button())


async def open_survey(ctx: Context) -> None:
    """Open the survey flow another package registered, or say it is not available yet."""
    if not await ctx.open(SURVEY_FLOW):
        ctx.say(messages.SURVEY_UNAVAILABLE, messages.menu_button())


async def open_declaration(ctx: Context) -> None:
    """Open the declaration flow (bot.declaraciones), or say it is not available."""
    if not await ctx.open(DECLARATION_FLOW):
        ctx.say(messages.DECLARATIONS_UNAVAILABLE, messages.menu_button())


async def survey_command(ctx: Context, _args: str) -> None:
    """/encuesta: open the survey."""
    ctx.finish()
    await open_survey(ctx)


def _opens(entry: str) -> OnButton:
    async def handler(ctx: Context, _arg: str) -> None:
        await open_entry(ctx, entry)
    return handler


FLOW = Flow(name=NAME, start=start, buttons={
    entry: ButtonRoute(_opens(entry))
    for entry in ("valor", "consulta", "sug", "encuesta", "declarar", "vincular", "datos", "baja",
                  "alta", "ver")})
