"""/misdatos shows exactly what is stored; /olvidarme erases it after confirmation."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.people import forget_person, stored_data
from bot.privacy import purpose
from nucleo.formats import datetime_text
from nucleo.ports import SUGGESTIONS, Button


def _purpose_label(key: str) -> str:
    known = purpose(key)
    return known.short_label if known else key

NAME = "datos"
CONFIRM_FORGET = "confirmar"


async def show(ctx: Context) -> None:
    """List every stored field of the person, their consents and linked records."""
    if ctx.person is None:
        ctx.say(messages.NO_DATA_STORED, messages.menu_button())
        return
    stored = await stored_data(ctx.session, ctx.person)
    person, tz = stored.person, ctx.services.settings.tz
    channel = (messages.DATA_TELEGRAM.format(chat_id=person.telegram_chat_id)
               if person.telegram_chat_id is not None else messages.DATA_WEB)
    consents = "\n".join(
        messages.DATA_CONSENT_LINE.format(
            label=_purpose_label(c.purpose),
            answer=messages.YES if c.granted else messages.NO,
            when=datetime_text(c.recorded_at, tz), version=messages.escape(c.notice_version))
        for c in stored.consents) or messages.NONE
    suggestions = await _suggestion_count(ctx)
    ctx.say(messages.MY_DATA.format(
        channel=channel,
        department=messages.escape(stored.department) if stored.department else messages.NONE,
        kind=messages.KIND_LABELS.get(person.kind or "", messages.NONE),
        subscribed=messages.YES if person.subscribed else messages.NO,
        since=datetime_text(person.created_at, tz),
        consents=consents,
        questions=stored.pending_questions,
        queued=stored.queued_messages,
        suggestions=suggestions,
    ), [[Button(messages.REVIEW_CONSENTS, f"{NAME}:revisar")],
        [Button(messages.FORGET_ME, f"{NAME}:olvidar")],
        *messages.menu_button()])


async def _suggestion_count(ctx: Context) -> str:
    port = ctx.port(SUGGESTIONS)
    if port is None or ctx.person is None:
        return messages.NONE
    return str(len(await port.for_person(ctx.session, ctx.person.id)))


async def ask_forget(ctx: Context, _arg: str = "") -> None:
    """Ask for confirmation before erasing everything."""
    if ctx.person is None:
        ctx.finish()
        ctx.say(messages.NO_DATA_STORED, messages.menu_button())
        return
    ctx.goto(NAME, CONFIRM_FORGET)
    ctx.say(messages.FORGET_CONFIRM, [[Button(messages.FORGET_YES, f"{NAME}:borrar:si")],
                                      [Button(messages.FORGET_NO, f"{NAME}:borrar:no")]])


async def confirm_forget(ctx: Context, answer: str) -> None:
    """Erase every personal row of the person (yes) or keep everything (no)."""
    if answer != "si" or ctx.person is None:
        ctx.finish()
        ctx.say(messages.FORGET_KEPT, messages.menu_button())
        return
    await forget_person(ctx.session, ctx.person.id, extra_keys=[ctx.key])
    ctx.person = None
    ctx.consents = {}
    ctx.forget()
    ctx.say(messages.FORGOTTEN)


async def review(ctx: Context, _arg: str) -> None:
    """Go through the purposes again to change one's decisions."""
    from bot.flows import onboarding

    await onboarding.review_consents(ctx)


async def show_command(ctx: Context, _args: str) -> None:
    """/misdatos."""
    ctx.finish()
    await show(ctx)


async def forget_command(ctx: Context, _args: str) -> None:
    """/olvidarme."""
    await ask_forget(ctx)


async def typed_while_confirming(ctx: Context, _text: str) -> None:
    """Insist on the buttons: erasing needs an explicit tap."""
    await ask_forget(ctx)


FLOW = Flow(name=NAME, start=show, texts={CONFIRM_FORGET: typed_while_confirming}, buttons={
    "olvidar": ButtonRoute(ask_forget),
    "borrar": ButtonRoute(confirm_forget, steps=(CONFIRM_FORGET,)),
    "revisar": ButtonRoute(review),
})
