"""Reactions to campaign pieces: button data no flow owns goes to the CAMPAIGNS port, then an
optional comment."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from nucleo.ports import CAMPAIGNS, Button, ReactionComments

NAME = "reac"
OFFER = "ofrecer"
COMMENT = "comentar"
MAX_COMMENT = 1000


async def react(ctx: Context, data: str) -> None:
    """Offer the tap to the campaigns port; unknown data gets an honest "unknown button"."""
    campaigns = ctx.port(CAMPAIGNS)
    if campaigns is None:
        ctx.say(messages.UNKNOWN_BUTTON, messages.menu_button())
        return
    if ctx.person is None:
        ctx.say(messages.REACTION_NEEDS_PERSON, messages.menu_button())
        return
    text = await campaigns.record_reaction(ctx.session, callback_data=data,
                                           person_id=ctx.person.id)
    if text is None:
        ctx.say(messages.UNKNOWN_BUTTON, messages.menu_button())
        return
    ctx.say(text)
    if isinstance(campaigns, ReactionComments):
        ctx.goto(NAME, OFFER, cb=data)
        ctx.say(messages.OFFER_COMMENT, [[Button(messages.LEAVE_COMMENT, f"{NAME}:si"),
                                          Button(messages.NO_THANKS, f"{NAME}:no")]])


async def want_comment(ctx: Context, _arg: str = "") -> None:
    """Ask for the comment."""
    ctx.set_step(COMMENT)
    ctx.say(messages.ASK_COMMENT)


async def no_comment(ctx: Context, _arg: str = "") -> None:
    """Close without a comment."""
    ctx.finish()
    ctx.say(messages.THANKS, messages.menu_button())


async def receive_comment(ctx: Context, text: str) -> None:
    """Give the comment to the campaigns port."""
    campaigns, data = ctx.port(CAMPAIGNS), str(ctx.data.get("cb", ""))
    ctx.finish()
    if not isinstance(campaigns, ReactionComments) or ctx.person is None:
        ctx.say(messages.COMMENT_NOT_SAVED, messages.menu_button())
        return
    await campaigns.record_comment(ctx.session, callback_data=data, person_id=ctx.person.id,
                 text=text[:MAX_COMMENT])
    ctx.say(messages.COMMENT_SAVED, messages.menu_button())


async def typed_during_offer(ctx: Context, text: str) -> None:
    """Text right after the offer is taken as the comment."""
    await receive_comment(ctx, text)


FLOW = Flow(name=NAME, start=no_comment,
            texts={OFFER: typed_during_offer, COMMENT: receive_comment},
            buttons={"si": ButtonRoute(want_comment, steps=(OFFER,)),
                     "no": ButtonRoute(no_comment, steps=(OFFER,))})
