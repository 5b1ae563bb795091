"""Route one input to the right transition: checks, commands, buttons, free text."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.types import MAX_TEXT, Input
from nucleo.text import clean_text

UNSUPPORTED = {"edited": messages.EDITED_MESSAGE, "group": messages.GROUP_CHAT}


async def dispatch(ctx: Context, event: Input) -> None:
    """Validate the input and run the transition it asks for."""
    if event.kind == "unsupported":
        ctx.say(UNSUPPORTED.get(event.media or "", messages.ONLY_TEXT))
        return
    if event.kind == "button":
        await _button(ctx, event.data)
        return
    if event.kind == "contact":
        flow = ctx.registry.get(ctx.flow)
        on_contact = flow.contacts.get(ctx.step or "") if flow is not None else None
        if on_contact is None:  # a contact nobody asked for is media like any other
            ctx.say(messages.ONLY_TEXT)
            return
        await on_contact(ctx, event)
        return
    if len(event.text) > MAX_TEXT:
        ctx.say(messages.TOO_LONG.format(limit=MAX_TEXT))
        return
    if event.kind == "command":
        await _command(ctx, event.command, clean_text(event.args))
        return
    text = clean_text(event.text, keep_newlines=True)
    if not text:
        ctx.say(messages.EMPTY_MESSAGE)
        return
    flow = ctx.registry.get(ctx.flow)
    handler = flow.texts.get(ctx.step or "") if flow is not None else None
    if handler is not None:
        await handler(ctx, text)
        return
    if ctx.registry.free_text is not None:
        ctx.finish()
        await ctx.registry.free_text(ctx, text)
    else:
        ctx.say(messages.NOT_UNDERSTOOD)


async def _command(ctx: Context, name: str, args: str) -> None:
    command = ctx.registry.command(name)
    if command is None:
        ctx.say(messages.UNKNOWN_COMMAND)
        return
    await command.handler(ctx, args)


async def _button(ctx: Context, data: str) -> None:
    """A tap: the flow that owns the prefix, else a campaign reaction, else unknown."""
    prefix, _, rest = data.partition(":")
    action, _, arg = rest.partition(":")
    flow = ctx.registry.get(prefix) if len(data) <= 64 else None
    route = flow.buttons.get(action) if flow is not None else None
    if flow is not None and route is not None:
        if route.steps is not None and (ctx.flow != flow.name or ctx.step not in route.steps):
            ctx.say(messages.STALE_BUTTON, messages.menu_button())
            return
        await route.handler(ctx, arg)
        return
    if ctx.registry.unknown_button is not None and 0 < len(data) <= 64:
        await ctx.registry.unknown_button(ctx, data)
        return
    ctx.say(messages.UNKNOWN_BUTTON, messages.menu_button())
