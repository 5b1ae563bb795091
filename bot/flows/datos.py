"""/misdatos shows exactly what is stored (and, for a person linked to the directory, the
directory record and the linked chats, each of which can be unlinked after confirmation);
/olvidarme erases it after confirmation (a person of HR's directory keeps the directory row and
the records the entity keeps by law; see ``bot.people.forget_person``)."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.people import forget_person, stored_data
from bot.privacy import purpose
from nucleo.directory import link
from nucleo.directory.phones import mask_mobile
from nucleo.formats import datetime_text
from nucleo.personal_data import personal_data
from nucleo.ports import Button


def _purpose_label(key: str) -> str:
    known = purpose(key)
    return known.short_label if known else key

NAME = "datos"
CONFIRM_FORGET = "confirmar"
CONFIRM_UNLINK = "desvincular"


def _channel_label(channel: str) -> str:
    return messages.CHANNEL_LABELS.get(channel, channel)


async def show(ctx: Context) -> None:
    """List every stored field of the person, their consents and linked records."""
    if ctx.person is None:
        ctx.say(messages.NO_DATA_STORED, messages.menu_button())
        return
    stored = await stored_data(ctx.session, ctx.person)
    person, tz = stored.person, ctx.services.settings.tz
    channels = []
    if person.telegram_chat_id is not None:
        channels.append(messages.DATA_TELEGRAM.format(chat_id=person.telegram_chat_id))
    if stored.whatsapp_number is not None:
        channels.append(messages.DATA_WHATSAPP.format(
            number=mask_mobile(f"+{stored.whatsapp_number}") or messages.NONE))
    channel = ", ".join(channels) or messages.DATA_WEB
    consents = "\n".join(
        messages.DATA_CONSENT_LINE.format(
            label=_purpose_label(c.purpose),
            answer=messages.YES if c.granted else messages.NO,
            when=datetime_text(c.recorded_at, tz), version=messages.escape(c.notice_version))
        for c in stored.consents) or messages.NONE
    directory, unlink_rows = "", []
    footer = messages.MY_DATA_FOOTER if stored.whatsapp_number is None \
        else messages.MY_DATA_FOOTER_WHATSAPP
    if link.is_linked(person):
        linked = await link.linked_channels(ctx.session, person)
        assert person.linked_at is not None
        directory = messages.DATA_DIRECTORY.format(
            name=messages.escape(person.full_name or "") or messages.NONE,
            department=messages.escape(stored.department) if stored.department
            else messages.NONE,
            email=messages.escape(link.mask_email(person.email) or "") or messages.NONE,
            mobile=mask_mobile(person.mobile) or messages.NONE,
            channels=", ".join(_channel_label(c) for c in linked) or messages.NONE,
            since=datetime_text(person.linked_at, tz))
        footer = messages.MY_DATA_FOOTER_LINKED + (
            messages.DATA_WHATSAPP_KEPT if stored.whatsapp_number is not None else "")
        unlink_rows = [[Button(messages.UNLINK_BUTTON.format(channel=_channel_label(c)),
                               f"{NAME}:desv:{c}")] for c in linked]
    ctx.say(messages.MY_DATA.format(
        directory=directory,
        footer=footer,
        channel=channel,
        department=messages.escape(stored.department) if stored.department else messages.NONE,
        kind=messages.KIND_LABELS.get(person.kind or "", messages.NONE),
        subscribed=messages.YES if person.subscribed else messages.NO,
        since=datetime_text(person.created_at, tz),
        consents=consents,
        questions=stored.pending_questions,
        tickets=stored.tickets,
        queued=stored.queued_messages,
        declarations=stored.declarations,
        records="".join("\n" + text for text in await personal_data(ctx.services).lines(
            ctx.session, person.id, tz)),
    ), [[Button(messages.REVIEW_CONSENTS, f"{NAME}:revisar")],
        *unlink_rows,
        [Button(messages.FORGET_ME, f"{NAME}:olvidar")],
        *messages.menu_button()])


async def ask_forget(ctx: Context, _arg: str = "") -> None:
    """Ask for confirmation before erasing everything."""
    if ctx.person is None:
        ctx.finish()
        ctx.say(messages.NO_DATA_STORED, messages.menu_button())
        return
    ctx.goto(NAME, CONFIRM_FORGET)
    text = messages.FORGET_CONFIRM_DIRECTORY if ctx.person.source == link.DIRECTORY_SOURCE \
        else messages.FORGET_CONFIRM
    ctx.say(text, [[Button(messages.FORGET_YES, f"{NAME}:borrar:si")],
                                      [Button(messages.FORGET_NO, f"{NAME}:borrar:no")]])


async def confirm_forget(ctx: Context, answer: str) -> None:
    """Erase every personal row of the person (yes) or keep everything (no)."""
    if answer != "si" or ctx.person is None:
        ctx.finish()
        ctx.say(messages.FORGET_KEPT, messages.menu_button())
        return
    kept = await forget_person(ctx.session, ctx.person.id, extra_keys=[ctx.key], now=ctx.now)
    ctx.person = None
    ctx.consents = {}
    ctx.forget()
    ctx.say(messages.FORGOTTEN_DIRECTORY if kept else messages.FORGOTTEN)


async def ask_unlink(ctx: Context, channel: str) -> None:
    """Ask before unlinking the chats of one channel from the directory record."""
    if not link.is_linked(ctx.person) or ctx.person is None \
            or channel not in await link.linked_channels(ctx.session, ctx.person):
        ctx.finish()
        ctx.say(messages.UNLINK_NOT_LINKED, messages.menu_button())
        return
    ctx.goto(NAME, CONFIRM_UNLINK, c=channel)
    effect = messages.UNLINK_THIS_CHAT if channel == ctx.ref.channel \
        else messages.UNLINK_OTHER_CHAT
    ctx.say(messages.UNLINK_CONFIRM.format(channel=_channel_label(channel), effect=effect),
            [[Button(messages.UNLINK_YES, f"{NAME}:quitar:si")],
             [Button(messages.UNLINK_NO, f"{NAME}:quitar:no")]])


async def confirm_unlink(ctx: Context, answer: str) -> None:
    """Unlink the channel asked about (yes) or leave everything as it is (no)."""
    channel = str(ctx.data.get("c", ""))
    ctx.finish()
    if answer != "si" or ctx.person is None:
        ctx.say(messages.UNLINK_KEPT, messages.menu_button())
        return
    if not link.is_linked(ctx.person) \
            or channel not in await link.linked_channels(ctx.session, ctx.person):
        ctx.say(messages.UNLINK_NOT_LINKED, messages.menu_button())
        return
    await link.unlink_channel(ctx.session, person_id=ctx.person.id, channel=channel,
                              now=ctx.now)
    ctx.say(messages.UNLINKED.format(channel=_channel_label(channel)))
    if channel == ctx.ref.channel:
        # This chat is nobody now: it goes on as an anonymous chat.
        ctx.conversation.person_id = None
        ctx.person = None
        ctx.consents = {}
        return
    await show(ctx)


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


async def typed_while_unlinking(ctx: Context, _text: str) -> None:
    """Unlinking needs an explicit tap too."""
    await ask_unlink(ctx, str(ctx.data.get("c", "")))


FLOW = Flow(name=NAME, start=show, texts={CONFIRM_FORGET: typed_while_confirming,
                                          CONFIRM_UNLINK: typed_while_unlinking}, buttons={
    "olvidar": ButtonRoute(ask_forget),
    "borrar": ButtonRoute(confirm_forget, steps=(CONFIRM_FORGET,)),
    "desv": ButtonRoute(ask_unlink),
    "quitar": ButtonRoute(confirm_unlink, steps=(CONFIRM_UNLINK,)),
    "revisar": ButtonRoute(review),
})
