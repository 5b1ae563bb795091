"""Linking the chat to HR's directory (#17), always after the person's explicit consent.

Two ways in:

* ``/start v<token>``: the personal invitation HR e-mailed. The token is checked (not used) and
  the Ley 1581 notice of the link is shown; on «Sí» the token is used and the chat linked.
* ``/vincular`` on Telegram, where the directory has mobile numbers: «Compartir mi número»
  sends the person's own contact (a contact of somebody else is refused); its number, in E.164,
  names the directory person and, on «Sí», the chat is linked.
* ``/vincular`` on WhatsApp, where the directory has mobile numbers: WhatsApp gives the
  sender's number with every message and Meta has verified that the sender owns it, so it
  proves who writes like Telegram's own contact, without asking for it. A match names the
  directory record (its name only) and asks for consent; no match offers the e-mail code. The
  number itself is never stored by this flow (``whatsapp_contacts`` is written by the channel,
  only once the chat has a person, that is after the «Sí»).
* ``/vincular``: the person types their institutional e-mail, a 6-digit code is e-mailed (the
  same answer whether or not the address is in the directory), they type it back (5 tries,
  then a pause) and, on «Sí», the chat is linked.

A directory person already linked to another chat of this channel, or a chat linked to another
directory person, needs one more tap to move the link. After linking, someone who never decided
on the notice's purposes is asked them (onboarding's review). The actions are in
``nucleo.directory.link``; this flow catches their errors so a wrong code's attempt is kept.
"""

from __future__ import annotations

from datetime import timedelta

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.core.keyboard import KEYBOARD_SHOWN
from bot.core.types import CONTACT_BUTTON, TELEGRAM, WHATSAPP, Input
from bot.flows import menu, onboarding
from bot.people import consents_of, telegram_chat_id
from nucleo import mail
from nucleo.db import after_commit
from nucleo.directory import link
from nucleo.directory.phones import has_mobiles, match_mobile
from nucleo.errors import DomainError, RateLimited
from nucleo.models import Person
from nucleo.ports import Button

NAME = "vinculo"
EMAIL = "correo"
CODE = "codigo"
CONSENT = "consentir"
RELINK = "confirmar"
PROVEN_FOR = timedelta(minutes=15)  # a proof (code, number) must be confirmed within this time
BY_EMAIL = "correo"  # how the chat proved who it is (the audit's «via»)
BY_MOBILE = "celular"
BY_WHATSAPP = "whatsapp"
# What a refused proof is told, by the way it was made: (too late, revoked).
REFUSED = {
    BY_EMAIL: (link.messages.LINK_CODE_EXPIRED, link.messages.LINK_CODE_REVOKED),
    BY_MOBILE: (messages.LINK_CONTACT_EXPIRED, messages.LINK_CONTACT_REVOKED),
    BY_WHATSAPP: (messages.LINK_WHATSAPP_EXPIRED, messages.LINK_CONTACT_REVOKED),
}


def _chat(ctx: Context) -> link.ChatRef:
    return link.ChatRef(ctx.ref.channel, ctx.key, telegram_chat_id(ctx.ref),
                        ctx.ref.user_id if ctx.ref.channel == WHATSAPP else None)


def _ask_consent(ctx: Context, intro: str = "") -> None:
    ctx.say(intro + messages.LINK_CONSENT.format(entity=messages.escape(
        ctx.services.settings.entity_name)),
        [[Button(messages.LINK_ACCEPT, f"{NAME}:si")],
         [Button(messages.LINK_DECLINE, f"{NAME}:no")]])


async def start_invitation(ctx: Context, parameter: str) -> None:
    """``/start v<token>``: check the invitation and ask for consent."""
    token = parameter[len(link.START_PREFIX):]
    try:
        person_id = await link.check_token(ctx.session, ctx.services.signer, token)
    except DomainError as exc:
        ctx.finish()
        ctx.say(messages.escape(exc.message) + messages.LINK_FAILED_HINT)
        return
    if ctx.person is not None and ctx.person.id == person_id:
        ctx.finish()
        ctx.say(messages.LINK_ALREADY)
        await menu.show(ctx)
        return
    ctx.goto(NAME, CONSENT, t=token)
    # Whom the invitation names (the name only, which its e-mail already said): a link that
    # was forwarded, or opened by somebody else, says so before anything is linked.
    person = await ctx.session.get(Person, person_id)
    name = person.full_name if person is not None else None
    _ask_consent(ctx, messages.LINK_INVITATION_FOR.format(name=messages.escape(name))
                 if name else "")


async def start(ctx: Context) -> None:
    """``/vincular``: ask the institutional e-mail."""
    if link.is_linked(ctx.person):
        ctx.finish()
        ctx.say(messages.LINK_ALREADY)
        return
    email = ctx.services.settings.smtp_enabled
    if ctx.ref.channel == WHATSAPP and await has_mobiles(ctx.session):
        await _whatsapp_number(ctx, email)
        return
    # «Compartir mi número» only where the channel has the button (Telegram) and the directory
    # has numbers to match; the web chat keeps the e-mail path.
    contact = ctx.ref.channel == TELEGRAM and await has_mobiles(ctx.session)
    if not email and not contact:
        ctx.finish()
        ctx.say(messages.LINK_EMAIL_OFF)
        return
    ctx.goto(NAME, EMAIL, **{KEYBOARD_SHOWN: True} if contact else {})
    if contact:
        ctx.say(messages.LINK_ASK_EMAIL_OR_CONTACT if email else messages.LINK_ASK_CONTACT,
                [[Button(messages.LINK_SHARE_CONTACT, CONTACT_BUTTON)]])
    else:
        ctx.say(messages.LINK_ASK_EMAIL)


async def _whatsapp_number(ctx: Context, email: bool) -> None:
    """The chat's own WhatsApp number (verified by Meta) against the directory's mobiles: a
    match says whose record it is (the name only) and asks for consent like a shared contact;
    none offers the e-mail code, or the invitation without SMTP."""
    person = await match_mobile(ctx.session, ctx.ref.user_id)  # the sender's wa_id
    if person is None:
        if email:
            ctx.goto(NAME, EMAIL)
            ctx.say(messages.LINK_WHATSAPP_NO_MATCH)
        else:
            ctx.finish()
            ctx.say(messages.LINK_CONTACT_NO_MATCH_NO_EMAIL)
        return
    ctx.goto(NAME, EMAIL)
    ctx.say(messages.LINK_WHATSAPP_MATCHED.format(name=messages.escape(person.full_name))
            if person.full_name else messages.LINK_WHATSAPP_MATCHED_NO_NAME)
    await _proven(ctx, person.id, BY_WHATSAPP)


async def command(ctx: Context, _args: str) -> None:
    await start(ctx)


async def email_typed(ctx: Context, text: str) -> None:
    """Create a code for the typed address; e-mail it after commit if the address is ours."""
    if not ctx.services.settings.smtp_enabled:  # only the contact was offered
        ctx.say(messages.LINK_ASK_CONTACT, [[Button(messages.LINK_SHARE_CONTACT, CONTACT_BUTTON)]])
        return
    address = link.clean_email(text)
    if address is None:
        ctx.say(messages.LINK_BAD_EMAIL)
        return
    secret = ctx.services.settings.secret_key.get_secret_value()
    try:
        request = await link.request_code(
            ctx.session, secret=secret, chat_key=ctx.key, email=address, now=ctx.now,
            throttle=link.service_address_throttle(ctx.services))
    except RateLimited as exc:
        ctx.finish()
        ctx.say(messages.escape(exc.message))
        return
    if request.code is not None and request.email is not None:
        settings, to, code = ctx.services.settings, request.email, request.code
        text_body = messages.LINK_EMAIL_TEXT.format(entity=settings.entity_name, code=code)

        async def send_code() -> None:
            await mail.send(settings, to=to, subject=messages.LINK_EMAIL_SUBJECT, text=text_body)

        after_commit(ctx.session, send_code, key=("vinculo.codigo", request.code_id))
    # The «Compartir mi número» keyboard, if it was offered, is no longer needed (the core
    # removes it with this reply).
    ctx.set_step(CODE, **{KEYBOARD_SHOWN: None})
    ctx.say(messages.LINK_CODE_SENT)


async def contact_shared(ctx: Context, event: Input) -> None:
    """«Compartir mi número»: only the sender's own contact proves anything; its number must
    be an active directory person's. A match asks for consent to link, like a right code."""
    if not event.contact_user_id or event.contact_user_id != event.sender_id \
            or event.sender_id != ctx.ref.user_id:
        ctx.say(messages.LINK_CONTACT_NOT_YOURS,
                [[Button(messages.LINK_SHARE_CONTACT, CONTACT_BUTTON)]])
        return
    person = await match_mobile(ctx.session, event.phone)
    if person is None:
        if ctx.services.settings.smtp_enabled:
            ctx.say(messages.LINK_CONTACT_NO_MATCH)  # still in EMAIL: the address works
        else:
            ctx.finish()
            ctx.say(messages.LINK_CONTACT_NO_MATCH_NO_EMAIL)
        return
    ctx.say(messages.LINK_CONTACT_MATCHED)
    await _proven(ctx, person.id, BY_MOBILE)


async def code_typed(ctx: Context, text: str) -> None:
    """Check the typed code; a match asks for consent to link."""
    secret = ctx.services.settings.secret_key.get_secret_value()
    try:
        person_id = await link.check_code(ctx.session, secret=secret, chat_key=ctx.key,
                                          typed=text[:100], now=ctx.now)
    except link.WrongCode as exc:
        ctx.say(messages.escape(exc.message))
        return
    except DomainError as exc:
        ctx.finish()
        ctx.say(messages.escape(exc.message))
        return
    await _proven(ctx, person_id, BY_EMAIL)


async def _proven(ctx: Context, person_id: int, via: str) -> None:
    """The chat proved (``via`` a code or its own number) that it is ``person_id``: ask for
    consent to link, unless it is linked to them already."""
    if ctx.person is not None and ctx.person.id == person_id:
        ctx.finish()
        ctx.say(messages.LINK_ALREADY)
        return
    # The person's nonce now: if their invitations and codes are revoked before the «Sí»,
    # the proof is refused too.
    nonce = await _nonce(ctx, person_id, give=True)
    ctx.set_step(CONSENT, p=person_id, n=nonce, until=(ctx.now + PROVEN_FOR).isoformat(),
                 via=via, **{KEYBOARD_SHOWN: None})
    _ask_consent(ctx)


async def _nonce(ctx: Context, person_id: int, *, give: bool = False) -> int:
    """The person's token nonce (-1: gone). ``give``: one is set if they have none yet, so a
    first invitation issued meanwhile does not look like a revocation."""
    person = await ctx.session.get(Person, person_id, populate_existing=True)
    if person is None:
        return -1
    if person.token_nonce is None and give:
        person.token_nonce = link.new_nonce()
        await ctx.session.flush()
    return int(person.token_nonce or 0)


def _proof_refused(ctx: Context, *, expired: bool) -> None:
    late, revoked = REFUSED.get(str(ctx.data.get("via")), REFUSED[BY_EMAIL])
    text = late if expired else revoked
    ctx.finish()
    ctx.say(messages.escape(text))


async def _link(ctx: Context, relink: bool) -> None:
    data = ctx.data
    chat = _chat(ctx)
    current = ctx.person.id if ctx.person is not None else None
    try:
        if isinstance(data.get("t"), str):
            result = await link.use_token(ctx.session, ctx.services.signer, data["t"],
                                          chat=chat, current_person_id=current, now=ctx.now,
                                          relink=relink)
        elif isinstance(data.get("p"), int) and str(data.get("until", "")) > ctx.now.isoformat():
            if data.get("n") != await _nonce(ctx, data["p"]):
                _proof_refused(ctx, expired=False)
                return
            result = await link.link_chat(ctx.session, person_id=data["p"], chat=chat,
                                          current_person_id=current,
                                          via=str(data.get("via", BY_EMAIL)), now=ctx.now,
                                          relink=relink)
        else:
            _proof_refused(ctx, expired=True)
            return
    except link.AlreadyLinked as exc:
        ctx.set_step(RELINK)
        ctx.say(messages.escape(exc.message),
                [[Button(messages.LINK_RELINK, f"{NAME}:forzar")],
                 [Button(messages.LINK_DECLINE, f"{NAME}:no")]])
        return
    except DomainError as exc:
        ctx.finish()
        ctx.say(messages.escape(exc.message) + messages.LINK_FAILED_HINT)
        return
    ctx.person = result.person
    ctx.conversation.person_id = result.person.id
    ctx.consents = await consents_of(ctx.session, result.person.id)
    ctx.say(messages.LINK_DONE)
    if not ctx.consents:
        await onboarding.review_consents(ctx)
        return
    ctx.finish()
    await menu.show(ctx)


async def accept(ctx: Context, _arg: str) -> None:
    await _link(ctx, relink=False)


async def confirm_relink(ctx: Context, _arg: str) -> None:
    await _link(ctx, relink=True)


async def decline(ctx: Context, _arg: str) -> None:
    ctx.finish()
    ctx.say(messages.LINK_DECLINED)


async def button_reminder(ctx: Context, _text: str) -> None:
    """Consent is a tap, never typed text."""
    ctx.say(messages.USE_BUTTONS_FOR_CONSENT)
    if ctx.step == CONSENT:
        _ask_consent(ctx)


FLOW = Flow(
    name=NAME,
    start=start,
    texts={EMAIL: email_typed, CODE: code_typed, CONSENT: button_reminder,
           RELINK: button_reminder},
    contacts={EMAIL: contact_shared},
    buttons={
        "si": ButtonRoute(accept, steps=(CONSENT,)),
        "forzar": ButtonRoute(confirm_relink, steps=(RELINK,)),
        "no": ButtonRoute(decline, steps=(CONSENT, RELINK)),
    },
)
