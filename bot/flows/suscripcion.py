"""/baja and /alta: stop or resume campaign messages (asks for the campaigns consent first)."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.people import record_consents
from bot.privacy import CAMPAIGNS as CAMPAIGNS_PURPOSE
from nucleo.ports import CAMPAIGNS, Button

NAME = "susc"
ASK_CONSENT = "pedir"


async def unsubscribe(ctx: Context) -> None:
    """Stop sending campaigns to this person."""
    if ctx.person is None or not ctx.person.subscribed:
        ctx.say(messages.NOT_SUBSCRIBED, messages.menu_button())
        return
    ctx.person.subscribed = False
    ctx.say(messages.UNSUBSCRIBED, messages.menu_button())


async def subscribe(ctx: Context) -> None:
    """Resume campaigns; without the campaigns consent, ask for it explicitly first."""
    if ctx.person is not None and ctx.person.subscribed:
        ctx.say(messages.ALREADY_SUBSCRIBED, messages.menu_button())
        return
    if not ctx.consented(CAMPAIGNS_PURPOSE):
        ctx.goto(NAME, ASK_CONSENT)
        ctx.say(messages.SUBSCRIBE_NEEDS_CONSENT,
                [[Button(messages.ACCEPT, f"{NAME}:si"), Button(messages.DECLINE, f"{NAME}:no")]])
        return
    await _activate(ctx)


async def accept(ctx: Context, _arg: str) -> None:
    """Record the campaigns consent (creating the person if needed) and subscribe."""
    ctx.finish()
    if ctx.person is None:
        from bot.people import register_person

        ctx.person = await register_person(ctx.session, channel=ctx.ref.channel,
                                           user_id=ctx.ref.user_id,
                                           decisions={CAMPAIGNS_PURPOSE: True}, now=ctx.now)
        ctx.conversation.person_id = ctx.person.id
    else:
        await record_consents(ctx.session, ctx.person, {CAMPAIGNS_PURPOSE: True},
                              channel=ctx.ref.channel, now=ctx.now)
    ctx.consents[CAMPAIGNS_PURPOSE] = True
    await _activate(ctx)


async def decline(ctx: Context, _arg: str) -> None:
    """Keep things as they were."""
    ctx.finish()
    ctx.say(messages.SUBSCRIBE_DECLINED, messages.menu_button())


async def _activate(ctx: Context) -> None:
    assert ctx.person is not None
    ctx.person.subscribed = True
    campaigns = ctx.port(CAMPAIGNS)
    if campaigns is not None:
        await campaigns.on_subscribed(ctx.session, ctx.person.id, ctx.now)
    ctx.say(messages.SUBSCRIBED, messages.menu_button())


async def unsubscribe_command(ctx: Context, _args: str) -> None:
    """/baja."""
    ctx.finish()
    await unsubscribe(ctx)


async def subscribe_command(ctx: Context, _args: str) -> None:
    """/alta."""
    ctx.finish()
    await subscribe(ctx)


FLOW = Flow(name=NAME, start=subscribe, buttons={
    "si": ButtonRoute(accept, steps=(ASK_CONSENT,)),
    "no": ButtonRoute(decline, steps=(ASK_CONSENT,)),
})
