"""Build the Spanish chat replies (Telegram HTML) for each decision."""

from __future__ import annotations

from dataclasses import replace
from html import escape as _escape

from . import messages
from .answer import Answer, Candidate
from .knowledge import KnowledgeBase
from .models import Entry
from .routing import Route, route_for

_GROUNDS = "Ley 1437 de 2011 (CPACA), art. 11"  # the grounds of impediment (any numeral)


def office_name(route: Route) -> str:
    """How a reply names the office that would take the case («Talento Humano»...)."""
    return messages.OFFICE_NAMES[route.value]


def escape(text: str) -> str:
    """Escape text for Telegram HTML (<, > and &)."""
    return _escape(text, quote=False)


def _sources_block(entry: Entry) -> str:
    lines = "\n".join(f"• {escape(s)}" for s in entry.sources)
    return f"<b>{escape(messages.SOURCES_LABEL)}:</b>\n{lines}"


def _reminder() -> str:
    return f"<i>{escape(messages.REMINDER)}</i>"


def _entry_block(entry: Entry) -> str:
    return f"<b>{escape(entry.title)}</b>\n{escape(entry.answer)}"


def _related(entry: Entry, kb: KnowledgeBase) -> tuple[Candidate, ...]:
    return tuple(Candidate(r, kb.get(r).title) for r in entry.related if r in kb and kb.get(r).active)


def answer_reply(entry: Entry, kb: KnowledgeBase, score: float, *, english: bool = False) -> Answer:
    """A direct answer: the entry, its sources and the reminder."""
    parts = [escape(messages.ENGLISH_NOTE)] if english else []
    parts += [_entry_block(entry), _sources_block(entry), _reminder()]
    return Answer("answer", "\n\n".join(parts), tuple(entry.sources), entry.id, score,
                  related=_related(entry, kb))


def judgement_reply(entry: Entry, kb: KnowledgeBase, score: float) -> Answer:
    """General guidance from the entry, plus the notice that an advisor will take the case."""
    route = route_for(entry, "needs_judgement")
    intro = messages.ESCALATE_JUDGEMENT.format(office=office_name(route))
    text = "\n\n".join([escape(intro), _entry_block(entry), _sources_block(entry), _reminder()])
    return Answer("escalate", text, tuple(entry.sources), entry.id, score, reason="needs_judgement",
                  related=_related(entry, kb), office=route.value)


def impediment_reply(entry: Entry, kb: KnowledgeBase, score: float) -> Answer:
    """A close person in a matter the servant handles: the rule, the steps of CPACA art. 12 and
    (from the channel) the offer of an advisor or a formal declaration. A rule from the kinship
    table (in-laws, a brother-in-law) also cites the ground it serves, CPACA art. 11 num. 1."""
    ground = () if (messages.KINSHIP_SOURCE not in entry.sources
                    or any(s.startswith(_GROUNDS) for s in entry.sources)) else (messages.RELATIVES_GROUND_SOURCE,)
    steps_source = () if messages.IMPEDIMENT_SOURCE in entry.sources else (messages.IMPEDIMENT_SOURCE,)
    sources = (*entry.sources, *ground, *steps_source)
    steps = f"<b>{escape(messages.IMPEDIMENT_STEPS_TITLE)}</b>\n{escape(messages.IMPEDIMENT_STEPS)}"
    lines = "\n".join(f"• {escape(s)}" for s in sources)
    route = route_for(entry, "needs_judgement")
    intro = messages.IMPEDIMENT_INTRO.format(office=office_name(route))
    text = "\n\n".join([escape(intro), _entry_block(entry), steps,
                         f"<b>{escape(messages.SOURCES_LABEL)}:</b>\n{lines}", _reminder()])
    return Answer("escalate", text, tuple(sources), entry.id, score, reason="needs_judgement",
                  related=_related(entry, kb), office=route.value)


def escalation_entry_reply(entry: Entry, score: float) -> Answer:
    """A report or a request for a person: the entry's own text (and sources, if it has any)."""
    parts = [escape(entry.answer)]
    if entry.sources:
        parts += [_sources_block(entry), _reminder()]
    return Answer("escalate", "\n\n".join(parts), tuple(entry.sources), entry.id, score,
                  reason=entry.escalate_reason, office=route_for(entry, entry.escalate_reason).value)


def low_confidence_reply(score: float, *, english: bool = False) -> Answer:
    """No safe answer: say an advisor will reply."""
    parts = [escape(messages.ENGLISH_NOTE)] if english else []
    route = route_for(None, "low_confidence")
    parts += [escape(messages.ESCALATE_LOW_CONFIDENCE.format(office=office_name(route))), _reminder()]
    return Answer("escalate", "\n\n".join(parts), score=score, reason="low_confidence", office=route.value)


def small_talk_reply(kind: str) -> Answer:
    """A greeting, thanks or a message with no words: a friendly reply (the channel adds the menu).

    Never an offer to open a ticket: there is no question to pass on."""
    replies = {"thanks": messages.SMALL_TALK_THANKS, "hello": messages.SMALL_TALK_HELLO, "bot": messages.SMALL_TALK_BOT}
    text = replies.get(kind, messages.SMALL_TALK_EMPTY)
    return Answer("small_talk", escape(text))


def with_also(reply: Answer, also: Entry, kb: KnowledgeBase) -> Answer:
    """The reply for the entry that clearly leads, naming the runner-up as «también le puede
    servir» (in the text, before the reminder, and first among the related topics)."""
    note = f"<b>{escape(messages.ALSO_USEFUL)}</b> {escape(also.title)}"
    head, sep, reminder = reply.text.rpartition("\n\n")
    text = f"{head}\n\n{note}{sep}{reminder}" if sep else f"{reply.text}\n\n{note}"
    related = (Candidate(also.id, also.title), *(c for c in reply.related if c.entry_id != also.id))
    return replace(reply, text=text, related=related)


def clarify_reply(first: Entry, second: Entry, score: float) -> Answer:
    """Two close candidates: ask which one (the channel shows them as buttons)."""
    options = "\n".join(f"• {escape(e.title)}" + (f" ({escape('; '.join(e.sources[:2]))})" if e.sources else "")
                         for e in (first, second))
    text = f"{escape(messages.CLARIFY)}\n{options}\n\n{escape(messages.CLARIFY_ANY)}"
    candidates = (Candidate(first.id, first.title), Candidate(second.id, second.title))
    return Answer("clarify", text, score=score, candidates=candidates)


def out_of_scope_reply(entry: Entry | None, score: float) -> Answer:
    """A topic this channel does not handle: say where to go."""
    text = escape(entry.answer if entry else messages.OUT_OF_SCOPE_GENERIC)
    return Answer("out_of_scope", text, entry_id=entry.id if entry else None, score=score)
