"""Valor de la semana (/valor): the piece the campaigns port says is current."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from nucleo.ports import CAMPAIGNS


async def show(ctx: Context) -> None:
    """Show this week's piece, or say honestly that there is none yet."""
    campaigns = ctx.port(CAMPAIGNS)
    piece = await campaigns.current_piece(ctx.session, ctx.now) if campaigns is not None else None
    if piece is None:
        ctx.say(messages.NO_VALUE_YET if campaigns is not None else messages.CAMPAIGNS_UNAVAILABLE,
                messages.menu_button())
        return
    ctx.say(piece.caption_html, [list(row) for row in piece.buttons], image=piece.image_path)


async def command(ctx: Context, _args: str) -> None:
    """/valor: show this week's value."""
    ctx.finish()
    await show(ctx)
