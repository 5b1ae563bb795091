"""Consultations: free text (or the menu entry) goes to the CONSULTATIONS port.

The question is kept in the conversation state only while an offer to pass it to Talento Humano
is open; it is removed as soon as the person decides or moves on.
"""

from __future__ import annotations

import secrets

from bot import messages
from bot.core.context import Context
from bot.core.flow import ButtonRoute, Flow
from bot.models import PendingQuestion
from bot.privacy import FOLLOW_UP
from nucleo.formats import date_text
from nucleo.ports import CONSULTATIONS, Button, ConsultationReply

NAME = "consulta"
ASK = "pregunta"
FEEDBACK = "valorar"
CLARIFY = "aclarar"
OFFER = "ofrecer"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


async def prompt(ctx: Context) -> None:
    """Invite the person to type a question."""
    ctx.goto(NAME, ASK)
    ctx.say(messages.ASK_QUESTION)


async def ask(ctx: Context, text: str) -> None:
    """Send the question to the engine (or offer Talento Humano when there is no engine)."""
    engine = ctx.port(CONSULTATIONS)
    if engine is None:
        ctx.goto(NAME, OFFER, q=text)
        ctx.say(messages.CONSULTATIONS_COMING)
        _offer(ctx)
        return
    await _render(ctx, engine.answer(text), text)


async def _render(ctx: Context, reply: ConsultationReply, question: str) -> None:
    body = reply.text_html  # complete: the engine ends it with the sources and the reminder
    if reply.action == "answer":
        ctx.goto(NAME, FEEDBACK, q=question, e=reply.entry_id or "")
        ctx.say(body + messages.DID_IT_HELP, [[Button(messages.HELPED_YES, f"{NAME}:util:si"),
                                               Button(messages.HELPED_NO, f"{NAME}:util:no")]])
    elif reply.action == "clarify" and reply.candidates:
        candidates = [entry for entry, _label in reply.candidates[:2]]
        ctx.goto(NAME, CLARIFY, q=question, c=candidates)
        ctx.say(body, [[Button(messages.clip(label), f"{NAME}:ver:{i}")]
                       for i, (_entry, label) in enumerate(reply.candidates[:2])]
                + [[Button(messages.NONE_OF_THESE, f"{NAME}:ver:x")]])
    elif reply.action == "escalate":
        # A report the ticket would route to Control Interno Disciplinario (corruption, someone's
        # undeclared conflict, one's own superior) is offered anonymously first; harassment is a
        # report too, but its entry routes it to Talento Humano (``route`` in the base), so it is
        # offered like any other case. A case that needs a legal reading goes to the legal office.
        report = reply.reason == "report" and reply.office == "control_interno_disciplinario"
        legal = reply.office == "juridica"
        ctx.goto(NAME, OFFER, q=question, r="cid" if report else "jur" if legal else "")
        ctx.say(body)
        _offer(ctx)
    else:
        ctx.finish()
        ctx.say(body, messages.menu_button())


def _offer(ctx: Context) -> None:
    """Offer to pass the question on; nothing is sent (nor said to be sent) before a tap."""
    named = [Button(messages.PASS_WITH_NAME, f"{NAME}:th:nombre")] if ctx.consented(FOLLOW_UP) else None
    anonymous = [Button(messages.PASS_ANONYMOUS, f"{NAME}:th:anonimo")]
    if ctx.data.get("r") == "cid":
        rows = [anonymous] + ([named] if named else [])
        text = messages.OFFER_REPORT if named else messages.OFFER_REPORT_ANONYMOUS_ONLY
    elif ctx.data.get("r") == "jur":
        rows = ([named] if named else []) + [anonymous]
        text = messages.OFFER_LEGAL if named else messages.OFFER_LEGAL_ANONYMOUS_ONLY
    else:
        rows = ([named] if named else []) + [anonymous]
        text = messages.OFFER_HR if named else messages.OFFER_HR_ANONYMOUS_ONLY
    ctx.say(text, rows + [[Button(messages.NO_THANKS, f"{NAME}:th:no")]])


async def pick_candidate(ctx: Context, arg: str) -> None:
    """Show the entry the person picked among the two candidates (or offer Talento Humano)."""
    engine, candidates = ctx.port(CONSULTATIONS), list(ctx.data.get("c", []))
    question = str(ctx.data.get("q", ""))
    if arg.isdigit() and int(arg) < len(candidates) and engine is not None:
        reply = engine.answer_entry(candidates[int(arg)])
        if reply is not None:
            await _render(ctx, reply, question)
            return
    ctx.set_step(OFFER, c=None)
    _offer(ctx)


async def rate(ctx: Context, arg: str) -> None:
    """Record "¿Le sirvió?"; a "no" offers to pass the question to Talento Humano."""
    engine, entry = ctx.port(CONSULTATIONS), str(ctx.data.get("e", ""))
    if engine is not None and entry:
        await engine.feedback(ctx.session, entry_id=entry, helpful=arg == "si")
    if arg == "si":
        ctx.finish()
        ctx.say(messages.GLAD_IT_HELPED, messages.menu_button())
        return
    ctx.set_step(OFFER, e=None)
    _offer(ctx)


async def pass_to_hr(ctx: Context, how: str) -> None:
    """Pass the question to Talento Humano with the person's data or anonymously, or drop it."""
    question = str(ctx.data.get("q", ""))
    office = {"cid": "cid", "jur": "jur"}.get(str(ctx.data.get("r", "")), "th")
    ctx.finish()
    if how not in ("nombre", "anonimo") or not any(c.isalnum() for c in question):
        ctx.say(messages.QUESTION_NOT_SENT, messages.menu_button())
        return
    anonymous = how == "anonimo" or not ctx.consented(FOLLOW_UP)
    person_id = None if anonymous or ctx.person is None else ctx.person.id
    engine = ctx.port(CONSULTATIONS)
    if engine is not None:
        receipt = await engine.escalate(ctx.session, question=question, person_id=person_id,
                                        anonymous=anonymous)
        code, due = receipt.code, date_text(receipt.due_on)
    else:
        code = new_code() if anonymous else None
        ctx.session.add(PendingQuestion(person_id=person_id, question=question,
                                        anonymous=anonymous, code=code, created_at=ctx.now))
        due = None
    ctx.say(messages.passed_to_hr(code=code, due=due, office=office), messages.menu_button())


def new_code() -> str:
    """A receipt code people can type back (no ambiguous characters)."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(2))


async def read_answer(ctx: Context, args: str) -> None:
    """/respuesta CÓDIGO: show the answer to an anonymous question, if there is one."""
    code = args.strip().upper()[:20]
    if not code:
        ctx.say(messages.ANSWER_NEEDS_CODE)
        return
    engine = ctx.port(CONSULTATIONS)
    answer = await engine.read_by_code(ctx.session, code) if engine is not None else None
    if answer is None and engine is None:
        from sqlalchemy import select

        row = (await ctx.session.execute(
            select(PendingQuestion).where(PendingQuestion.code == code))).scalars().first()
        if row is not None:
            answer = row.answer_html or messages.ANSWER_PENDING
    ctx.say(answer if answer is not None else messages.CODE_NOT_FOUND, messages.menu_button())


async def typed_during_offer(ctx: Context, text: str) -> None:
    """A new question while an offer is open: drop the old one and ask the new one."""
    ctx.finish()
    await ask(ctx, text)


FLOW = Flow(
    name=NAME,
    start=prompt,
    texts={ASK: ask, FEEDBACK: typed_during_offer, CLARIFY: typed_during_offer,
           OFFER: typed_during_offer},
    buttons={
        "util": ButtonRoute(rate, steps=(FEEDBACK,)),
        "ver": ButtonRoute(pick_candidate, steps=(CLARIFY,)),
        "th": ButtonRoute(pass_to_hr, steps=(OFFER,)),
    },
)
