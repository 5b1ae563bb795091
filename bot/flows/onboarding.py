"""Onboarding: welcome, the Ley 1581 notice, one explicit decision per purpose, then the
dependencia (paginated buttons or a typed search) and the kind of link (servidor/contratista).

Nothing personal is stored until at least one purpose is accepted; the decisions in progress
live in the conversation state only, which holds no identifier in clear and expires.
"""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.flows import menu
from bot.people import record_consents, register_person, set_department, telegram_chat_id
from bot.privacy import NOTICE_VERSION, PURPOSES, STATISTICS, purpose
from nucleo.directory.departments import department_page, search_departments
from nucleo.directory.start_link import department_from_start
from nucleo.errors import DomainError
from nucleo.models import Department, PersonKind
from nucleo.ports import CAMPAIGNS, Button
from nucleo.staff import link_telegram_chat
from nucleo.text import normalize_key

NAME = "inicio"
CONSENT = "autorizacion"
DEPARTMENT = "dependencia"
KIND = "vinculacion"
PAGE_SIZE = 8


async def start(ctx: Context, preselected: int | None = None) -> None:
    """Greet; a known person goes to the menu, anyone else gets the notice and first question
    (``preselected``: the dependencia of the QR poster they scanned, offered when asked)."""
    name = messages.escape(ctx.ref.display_name or "")
    greeting = messages.name_suffix(name)
    if ctx.person is not None:
        ctx.finish()
        ctx.say(messages.WELCOME_BACK.format(name=greeting))
        await menu.show(ctx)
        return
    welcome = messages.WELCOME.format(name=greeting, entity=_entity(ctx))
    await review_consents(ctx, before=welcome + "\n\n", preselected=preselected)


async def review_consents(ctx: Context, before: str = "",
                          preselected: int | None = None, resume: str | None = None) -> None:
    """Show the notice and ask the first purpose (also used to change one's decisions).
    ``resume``: a ``/start`` parameter whose route goes on once the decisions are stored."""
    ctx.say(before + messages.NOTICE.format(entity=_entity(ctx), contact=_contact(ctx),
                                            version=NOTICE_VERSION))
    ctx.goto(NAME, CONSENT, i=0, d={})
    if preselected:
        ctx.update(pre=preselected)  # only in the conversation state until consent
    if resume:
        ctx.update(resume=resume)
    _ask_purpose(ctx, 0)


async def _resume(ctx: Context) -> None:
    """Go on with the ``/start`` route that asked for consent first (e.g. a check-in)."""
    parameter = ctx.data.get("resume")
    route = ctx.registry.start_route(parameter) if isinstance(parameter, str) else None
    if route is not None and route.resume is not None:
        ctx.update(resume=None)
        await route.resume(ctx, str(parameter))


def _ask_purpose(ctx: Context, index: int) -> None:
    item = PURPOSES[index]
    ctx.say(messages.PURPOSE_QUESTION.format(n=index + 1, total=len(PURPOSES),
                                             question=item.question_html),
            [[Button(messages.ACCEPT, f"{NAME}:si:{item.code}"),
              Button(messages.DECLINE, f"{NAME}:no:{item.code}")]])


async def accept(ctx: Context, code: str) -> None:
    """Record an explicit yes to the purpose being asked."""
    await _decide(ctx, code, True)


async def decline(ctx: Context, code: str) -> None:
    """Record an explicit no to the purpose being asked."""
    await _decide(ctx, code, False)


async def _decide(ctx: Context, code: str, granted: bool) -> None:
    index = int(ctx.data.get("i", 0))
    if index >= len(PURPOSES) or PURPOSES[index].code != code or purpose(code) is None:
        ctx.say(messages.STALE_BUTTON, messages.menu_button())
        return
    decisions = dict(ctx.data.get("d", {}))
    decisions[code] = granted
    ctx.say(messages.DECISION_NOTED_YES if granted else messages.DECISION_NOTED_NO)
    if index + 1 < len(PURPOSES):
        ctx.update(i=index + 1, d=decisions)
        _ask_purpose(ctx, index + 1)
        return
    await _finish_consent(ctx, decisions)


async def _finish_consent(ctx: Context, decisions: dict[str, bool]) -> None:
    """Store the decisions (only if something was granted, or the person already exists)."""
    was_subscribed = ctx.person is not None and ctx.person.subscribed
    if ctx.person is None and not any(decisions.values()):
        ctx.say(messages.NO_CONSENT_GIVEN)  # said once; a resumed route adds only its part
        await _resume(ctx)
        ctx.finish()
        await menu.show(ctx)
        return
    if ctx.person is None:
        ctx.person = await register_person(ctx.session, channel=ctx.ref.channel,
                                           user_id=ctx.ref.user_id, decisions=decisions,
                                           now=ctx.now)
        ctx.conversation.person_id = ctx.person.id
    else:
        await record_consents(ctx.session, ctx.person, decisions, channel=ctx.ref.channel,
                              now=ctx.now)
    ctx.consents = dict(decisions)
    ctx.say(messages.CONSENT_SAVED.format(summary=messages.consent_summary(decisions)))
    await _resume(ctx)
    campaigns = ctx.port(CAMPAIGNS)
    if ctx.person.subscribed and not was_subscribed and campaigns is not None:
        await campaigns.on_subscribed(ctx.session, ctx.person.id, ctx.now)
    if not decisions.get(STATISTICS):
        if ctx.person.department_id is not None or ctx.person.kind is not None:
            ctx.person.department_id, ctx.person.kind = None, None
        ctx.finish()
        await menu.show(ctx)
        return
    await _ask_department(ctx, 0)


async def _offer_preselected(ctx: Context) -> bool:
    """Ask first about the poster's dependencia, if it still exists; False when there is none."""
    pre = ctx.data.get("pre")
    department = await ctx.session.get(Department, pre) if isinstance(pre, int) else None
    ctx.update(pre=None)
    if department is None or not department.active:
        return False
    ctx.set_step(DEPARTMENT, p=0)
    ctx.say(messages.ASK_DEPARTMENT_PRESELECTED.format(name=messages.escape(department.name)),
            [[Button(messages.YES_THAT_DEPARTMENT, f"{NAME}:dep:{department.id}")],
             [Button(messages.OTHER_DEPARTMENT, f"{NAME}:pag:0")],
             [Button(messages.PREFER_NOT_SAY, f"{NAME}:dep:0")]])
    return True


async def _ask_department(ctx: Context, page: int) -> None:
    if page == 0 and ctx.data.get("pre") and await _offer_preselected(ctx):
        return
    departments, total = await department_page(ctx.session, page, PAGE_SIZE)
    if total == 0:
        await _ask_kind(ctx)
        return
    rows = [[Button(messages.clip(d.name), f"{NAME}:dep:{d.id}")] for d in departments]
    nav = []
    if page > 0:
        nav.append(Button(messages.PREVIOUS, f"{NAME}:pag:{page - 1}"))
    if (page + 1) * PAGE_SIZE < total:
        nav.append(Button(messages.NEXT, f"{NAME}:pag:{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([Button(messages.PREFER_NOT_SAY, f"{NAME}:dep:0")])
    ctx.set_step(DEPARTMENT, p=page)
    ctx.say(messages.ASK_DEPARTMENT, rows)


async def turn_page(ctx: Context, arg: str) -> None:
    """Show another page of dependencias."""
    await _ask_department(ctx, max(0, int(arg)) if arg.isdigit() else 0)


async def search(ctx: Context, text: str) -> None:
    """Search dependencias by the typed words and offer the matches as buttons."""
    key = normalize_key(text)[:100]
    found = await search_departments(ctx.session, key) if key else []
    if not found:
        ctx.say(messages.DEPARTMENT_NOT_FOUND.format(text=messages.escape(messages.clip(text))),
                [[Button(messages.SEE_LIST, f"{NAME}:pag:0")],
                 [Button(messages.PREFER_NOT_SAY, f"{NAME}:dep:0")]])
        return
    rows = [[Button(messages.clip(d.name), f"{NAME}:dep:{d.id}")] for d in found]
    rows.append([Button(messages.SEE_LIST, f"{NAME}:pag:0"),
                 Button(messages.PREFER_NOT_SAY, f"{NAME}:dep:0")])
    ctx.say(messages.DEPARTMENT_MATCHES, rows)


async def choose_department(ctx: Context, arg: str) -> None:
    """Store the chosen dependencia (0: prefers not to say) and ask the kind."""
    if ctx.person is None:
        ctx.say(messages.STALE_BUTTON, messages.menu_button())
        return
    department_id = int(arg) if arg.isdigit() and int(arg) > 0 else None
    await set_department(ctx.session, ctx.person, department_id)
    await _ask_kind(ctx)


async def _ask_kind(ctx: Context) -> None:
    ctx.set_step(KIND)
    ctx.say(messages.ASK_KIND, [
        [Button(messages.KIND_SERVIDOR, f"{NAME}:tipo:{PersonKind.SERVIDOR.value}")],
        [Button(messages.KIND_CONTRATISTA, f"{NAME}:tipo:{PersonKind.CONTRATISTA.value}")],
        [Button(messages.PREFER_NOT_SAY, f"{NAME}:tipo:nd")]])


async def choose_kind(ctx: Context, arg: str) -> None:
    """Store servidor/contratista (or nothing) and show the menu."""
    if ctx.person is None:
        ctx.say(messages.STALE_BUTTON, messages.menu_button())
        return
    kinds = {k.value for k in PersonKind}
    ctx.person.kind = arg if arg in kinds else None
    ctx.finish()
    ctx.say(messages.ONBOARDING_DONE)
    await menu.show(ctx)


async def kind_typed(ctx: Context, _text: str) -> None:
    """Remind that the kind is chosen with the buttons."""
    await _ask_kind(ctx)


async def consent_typed(ctx: Context, _text: str) -> None:
    """Remind that each purpose needs an explicit tap (silence or text is never consent)."""
    ctx.say(messages.USE_BUTTONS_FOR_CONSENT)
    _ask_purpose(ctx, min(int(ctx.data.get("i", 0)), len(PURPOSES) - 1))


async def start_command(ctx: Context, args: str) -> None:
    """/start: begin (or begin again). A parameter with a registered prefix goes to its route
    (``StartRoute``: an invitation, a staff link, a session check-in); any other is a poster's
    signed dependencia, which is preselected."""
    parameter = args.strip()
    route = ctx.registry.start_route(parameter) if parameter else None
    if route is not None:
        await route.handler(ctx, parameter)
        return
    preselected = department_from_start(ctx.services.signer, parameter) if parameter else None
    await start(ctx, preselected)


async def link_staff_chat(ctx: Context, parameter: str) -> None:
    """``/start t<token>``: a staff member links this Telegram chat to their console account
    for test sends (no personal data of a servant is involved: nothing else changes)."""
    ctx.finish()
    chat_id = telegram_chat_id(ctx.ref)
    if chat_id is None:
        ctx.say(messages.STAFF_TELEGRAM_ONLY)
        return
    try:
        account = await link_telegram_chat(ctx.session, ctx.services.signer, parameter, chat_id,
                                           now=ctx.now)
    except DomainError as exc:
        ctx.say(messages.escape(exc.message))
        return
    ctx.say(messages.STAFF_TELEGRAM_LINKED.format(email=messages.escape(account.email)))


def _entity(ctx: Context) -> str:
    return messages.escape(ctx.services.settings.entity_name)


def _contact(ctx: Context) -> str:
    contact = ctx.services.settings.data_protection_contact
    return messages.escape(contact.strip()) if contact and contact.strip() \
        else messages.DEFAULT_CONTACT


FLOW = Flow(
    name=NAME,
    start=start,
    texts={CONSENT: consent_typed, DEPARTMENT: search, KIND: kind_typed},
    buttons={
        "si": ButtonRoute(accept, steps=(CONSENT,)),
        "no": ButtonRoute(decline, steps=(CONSENT,)),
        "pag": ButtonRoute(turn_page, steps=(DEPARTMENT,)),
        "dep": ButtonRoute(choose_department, steps=(DEPARTMENT,)),
        "tipo": ButtonRoute(choose_kind, steps=(KIND,)),
    },
)
