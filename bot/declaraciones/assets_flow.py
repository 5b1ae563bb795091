"""/bienes in the chat: the asset declarations the person must file this year — bienes y rentas
(every servant, yearly) and the Ley 2013 publication (those HR marked, contractors included) —
each with its state; tapping one asks the day it was filed («15/07/2026», «15 de julio», «hoy»,
«ayer») and records it as self-reported (``assets.self_report``: a date HR recorded stays, and
a later SIGEP import replaces the self-report). Registered by ``register`` (called from
``flow.register``) under its own flow name."""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.core.flow import ButtonRoute, Command, Flow, flow_registry
from bot.declaraciones import assets, messages
from bot.declaraciones.drafts import ASSETS_FLOW
from bot.declaraciones.steps import cancel_row
from bot.declaraciones.typed_day import parse_typed_day
from nucleo import asset_filings
from nucleo.errors import InvalidInput
from nucleo.formats import local_day
from nucleo.ports import Button
from nucleo.services import Services

NAME = ASSETS_FLOW
DAY = "fecha"


def _today(ctx: Context) -> date:
    return local_day(ctx.now, ctx.services.settings.tz)


async def _line(ctx: Context, filing: assets.MyFiling, year: int, today: date) -> str:
    name = messages.ASSETS_KIND_NAMES[filing.kind]
    if filing.filed_on is not None:
        day = messages.long_day(filing.filed_on)
        if filing.source == "chat":
            said = filing.recorded_on or ctx.now
            return messages.ASSETS_LINE_SELF.format(
                name=name, day=day, said=messages.long_day(local_day(
                    said, ctx.services.settings.tz)))
        text = messages.ASSETS_LINE_IMPORTED if filing.source == "importado" \
            else messages.ASSETS_LINE_BY_HR
        return text.format(name=name, day=day)
    if filing.kind == asset_filings.BIENES_RENTAS:
        deadline = asset_filings.deadline(year)
        text = messages.ASSETS_LINE_LATE if today > deadline \
            else messages.ASSETS_LINE_PENDING[filing.kind]
        return text.format(name=name, deadline=messages.long_day(deadline))
    line = messages.ASSETS_LINE_PENDING[filing.kind].format(name=name)
    window = await asset_filings.reminder_window(ctx.session, year=year, kind=filing.kind)
    if window.configured and window.closes_on >= today:
        line += messages.ASSETS_LINE_WINDOW.format(closes=messages.long_day(window.closes_on))
    return line


async def assets_command(ctx: Context, _text: str) -> None:
    """/bienes: what the person must file this year (HR's marks) and each one's state, with a
    button for each one HR has not recorded."""
    if ctx.person is None:
        ctx.say(messages.ASSETS_NEEDS_REGISTRATION)
        return
    today = _today(ctx)
    year = today.year
    filings = await assets.my_filings(ctx.session, person_id=ctx.person.id, year=year)
    if not filings:
        ctx.say(messages.ASSETS_NOTHING.format(year=year))
        return
    lines = [await _line(ctx, f, year, today) for f in filings]
    buttons = [[Button((messages.ASSETS_FIX if f.filed_on else messages.ASSETS_YES)[f.kind],
                       f"{NAME}:ya:{f.kind}:{year}")] for f in filings if not f.by_hr]
    text = messages.ASSETS_HEADER.format(year=year, lines="\n".join(lines))
    ctx.say(text + (messages.ASSETS_TAP if buttons else ""), buttons)


async def assets_answer(ctx: Context, arg: str) -> None:
    """A filing tapped: ask the day (only this year's, only one the person must file and HR
    has not recorded; an old or forged button is told so)."""
    if ctx.person is None:
        ctx.say(messages.ASSETS_NEEDS_REGISTRATION)
        return
    kind, _, year_text = arg.partition(":")
    today = _today(ctx)
    if kind not in assets.CHAT_KINDS or year_text != str(today.year):
        ctx.say(messages.USE_THE_BUTTONS)
        return
    year = today.year
    mine = {f.kind: f for f in await assets.my_filings(ctx.session, person_id=ctx.person.id,
                                                          year=year)}
    filing = mine.get(kind)
    if filing is None:
        ctx.say(messages.ASSETS_NOT_YOURS)
        return
    what = messages.ASSETS_IN_TEXT[kind]
    if filing.by_hr:
        ctx.say(messages.ASSETS_ALREADY_RECORDED.format(
            what=what, year=year, day=messages.long_day(filing.filed_on)))
        return
    ctx.goto(NAME, DAY, k=kind, y=year)
    ctx.say(messages.ASSETS_ASK_DAY.format(what=what, year=year), [cancel_row(NAME)])


async def receive_day(ctx: Context, text: str) -> None:
    """The day typed: checked, then stored as self-reported (said only after the commit)."""
    if ctx.person is None:
        ctx.finish()
        ctx.say(messages.ASSETS_NEEDS_REGISTRATION)
        return
    kind, year = str(ctx.data.get("k", "")), int(ctx.data.get("y", 0))
    today = _today(ctx)
    try:
        filed_on = parse_typed_day(text, today)
        row = await assets.self_report(ctx.session, person_id=ctx.person.id, year=year,
                                       kind=kind, filed_on=filed_on, today=today, now=ctx.now)
    except InvalidInput as exc:
        ctx.say(exc.message, [cancel_row(NAME)])  # the messages escape what was typed
        return
    ctx.finish()
    what = messages.ASSETS_IN_TEXT.get(kind, "")
    if row.source != "chat" and row.filed_on is not None:  # HR's date stays: say that one
        ctx.say(messages.ASSETS_ALREADY_RECORDED.format(what=what, year=year,
                                                        day=messages.long_day(row.filed_on)))
        return
    ctx.say(messages.ASSETS_FILED.format(what=what, year=year, day=messages.long_day(filed_on)))


async def cancel(ctx: Context, _arg: str) -> None:
    """Nothing stored."""
    ctx.finish()
    ctx.say(messages.ASSETS_CANCELLED)


async def _start(ctx: Context) -> None:
    """The flow opens with /bienes."""
    await assets_command(ctx, "")


FLOW = Flow(name=NAME, start=_start, texts={DAY: receive_day}, buttons={
    "ya": ButtonRoute(assets_answer),
    "cancelar": ButtonRoute(cancel, steps=(DAY,)),
})


def register(services: Services) -> None:
    """Add the /bienes flow and command to the bot's registry."""
    registry = flow_registry(services)
    registry.add(FLOW)
    registry.add_command(Command("bienes", assets_command, messages.COMMAND_ASSETS))
