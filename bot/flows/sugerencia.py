"""Enviar una sugerencia: write it, pick a value (optional), anonymous or not, confirm, submit.

/missugerencias lists the person's own suggestions.
"""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.privacy import FOLLOW_UP
from nucleo.models import Person
from nucleo.ports import SUGGESTIONS, Button, Suggestions

NAME = "sug"
WRITE = "escribir"
VALUE = "valor"
ANONYMITY = "anonimo"
CONFIRM = "confirmar"
MIN_LENGTH = 10
MAX_LENGTH = 2000


async def start(ctx: Context) -> None:
    """Ask for the suggestion (or say honestly that the mailbox is not ready)."""
    if ctx.port(SUGGESTIONS) is None:
        ctx.finish()
        ctx.say(messages.SUGGESTIONS_UNAVAILABLE, messages.menu_button())
        return
    ctx.goto(NAME, WRITE)
    ctx.say(messages.ASK_SUGGESTION, [[Button(messages.CANCEL, f"{NAME}:cancelar")]])


async def receive_text(ctx: Context, text: str) -> None:
    """Keep the text and ask which value it is about."""
    if len(text) < MIN_LENGTH:
        ctx.say(messages.SUGGESTION_TOO_SHORT.format(min=MIN_LENGTH))
        return
    if len(text) > MAX_LENGTH:
        ctx.say(messages.SUGGESTION_TOO_LONG.format(max=MAX_LENGTH))
        return
    ctx.set_step(VALUE, t=text)
    rows = [[Button(label, f"{NAME}:valor:{code}")] for code, label in messages.VALUES.items()]
    rows.append([Button(messages.NO_PARTICULAR_VALUE, f"{NAME}:valor:ninguno")])
    ctx.say(messages.ASK_SUGGESTION_VALUE, rows)


async def choose_value(ctx: Context, code: str) -> None:
    """Keep the value and ask whether to sign the suggestion."""
    ctx.set_step(ANONYMITY, v=code if code in messages.VALUES else None)
    if not ctx.consented(FOLLOW_UP):
        await _confirm(ctx, anonymous=True, forced=True)
        return
    ctx.say(messages.ASK_ANONYMITY, [[Button(messages.SIGN_IT, f"{NAME}:anon:no")],
                                     [Button(messages.KEEP_ANONYMOUS, f"{NAME}:anon:si")]])


async def choose_anonymity(ctx: Context, arg: str) -> None:
    """Keep the choice and show the summary to confirm."""
    await _confirm(ctx, anonymous=arg != "no", forced=False)


async def _confirm(ctx: Context, *, anonymous: bool, forced: bool) -> None:
    ctx.set_step(CONFIRM, a=anonymous)
    value = messages.VALUES.get(str(ctx.data.get("v", "")), messages.NO_PARTICULAR_VALUE)
    ctx.say(messages.CONFIRM_SUGGESTION.format(
        text=messages.escape(str(ctx.data.get("t", ""))), value=messages.escape(value),
        signed=messages.ANONYMOUS_FORCED if forced else (
            messages.ANONYMOUS if anonymous else messages.SIGNED)),
        [[Button(messages.SEND, f"{NAME}:enviar"), Button(messages.CANCEL, f"{NAME}:cancelar")]])


async def send(ctx: Context, _arg: str) -> None:
    """Submit the suggestion through the SUGGESTIONS port and give the receipt."""
    port = ctx.port(SUGGESTIONS)
    data = ctx.data
    ctx.finish()
    if port is None:
        ctx.say(messages.SUGGESTIONS_UNAVAILABLE, messages.menu_button())
        return
    anonymous = bool(data.get("a", True)) or not ctx.consented(FOLLOW_UP)
    value_code = data.get("v")
    receipt = await port.submit(
        ctx.session, text=str(data.get("t", "")),
        value=messages.VALUES.get(str(value_code)) if value_code else None,
        person_id=None if anonymous or ctx.person is None else ctx.person.id,
        anonymous=anonymous, source="chat")
    ctx.say(messages.suggestion_sent(receipt.url), messages.menu_button())


async def cancel(ctx: Context, _arg: str) -> None:
    """Drop the suggestion in progress."""
    ctx.finish()
    ctx.say(messages.SUGGESTION_CANCELLED, messages.menu_button())


async def typed_instead_of_button(ctx: Context, _text: str) -> None:
    """Remind to use the buttons for the value, anonymity and confirmation."""
    ctx.say(messages.USE_THE_BUTTONS)


def _port_and_person(ctx: Context, need_person: str) -> tuple[Suggestions | None, Person | None]:
    """End any flow; the forum's port and the person, or say which one is missing."""
    ctx.finish()
    port = ctx.port(SUGGESTIONS)
    if port is None:
        ctx.say(messages.SUGGESTIONS_UNAVAILABLE, messages.menu_button())
        return None, None
    if ctx.person is None:
        ctx.say(need_person, messages.menu_button())
    return port, ctx.person


async def list_mine(ctx: Context, _args: str) -> None:
    """/missugerencias: the person's suggestions and their status."""
    port, person = _port_and_person(ctx, messages.MY_SUGGESTIONS_NEED_PERSON)
    if port is None or person is None:
        return
    items = await port.for_person(ctx.session, person.id)
    if not items:
        ctx.say(messages.NO_SUGGESTIONS_YET, messages.menu_button())
        return
    lines = [messages.suggestion_line(s.title, s.status, s.url, s.created_on) for s in items[:20]]
    ctx.say(messages.MY_SUGGESTIONS.format(lines="\n".join(lines)), messages.menu_button())


async def portal_link(ctx: Context, _args: str) -> None:
    """/portal: a single-use link that logs the person into the forum's portal."""
    port, person = _port_and_person(ctx, messages.PORTAL_NEEDS_PERSON)
    if port is None or person is None:
        return
    link = port.portal_login_link(person.id, person.portal_nonce)
    ctx.say(messages.PORTAL_LINK.format(link=messages.escape(link)), messages.menu_button())


async def command(ctx: Context, _args: str) -> None:
    """/sugerencia."""
    ctx.finish()
    await start(ctx)


FLOW = Flow(
    name=NAME,
    start=start,
    texts={WRITE: receive_text, VALUE: typed_instead_of_button,
           ANONYMITY: typed_instead_of_button, CONFIRM: typed_instead_of_button},
    buttons={
        "valor": ButtonRoute(choose_value, steps=(VALUE,)),
        "anon": ButtonRoute(choose_anonymity, steps=(ANONYMITY,)),
        "enviar": ButtonRoute(send, steps=(CONFIRM,)),
        "cancelar": ButtonRoute(cancel, steps=(WRITE, VALUE, ANONYMITY, CONFIRM)),
    },
)
