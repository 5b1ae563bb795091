"""What the engine hands back to a channel: an action, a ready reply and the reasons behind it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

Action = Literal["answer", "clarify", "escalate", "out_of_scope", "small_talk"]
Reason = Literal["low_confidence", "needs_judgement", "asks_for_human", "report", "empty"]
ACTIONS: tuple[str, ...] = ("answer", "clarify", "escalate", "out_of_scope", "small_talk")
_TAG = re.compile(r"</?(?:b|i)>")


@dataclass(frozen=True)
class Candidate:
    """An entry offered as a button (clarify) or as a related topic."""

    entry_id: str
    title: str


@dataclass(frozen=True)
class Answer:
    """The engine's decision for one question.

    ``text`` is Telegram-safe HTML (parse_mode="HTML"): only <b> and <i> tags, everything else
    escaped; the question itself is never echoed. ``plain_text`` is the same reply without markup.
    ``reason`` and ``office`` (the office that would answer, a route of bot/consultas/routing.py)
    are set only for ``escalate``. ``small_talk`` is a greeting, thanks or a message with no
    words (emoji only, empty): the channel replies kindly and shows the menu, never a ticket offer.
    """

    action: Action
    text: str
    sources: tuple[str, ...] = ()
    entry_id: str | None = None
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    reason: Reason | None = None
    related: tuple[Candidate, ...] = field(default=())
    office: str | None = None  # for ``escalate``: the route of the ticket an advisor would take

    @property
    def plain_text(self) -> str:
        """The reply without HTML markup (for the CLI, email or logs)."""
        return html.unescape(_TAG.sub("", self.text))

    def to_dict(self, question: str) -> dict:
        """The JSON shape of ``valor ask --json`` (answer is plain text)."""
        return {
            "question": question,
            "action": self.action,
            "answer": self.plain_text,
            "sources": list(self.sources),
            "entry_id": self.entry_id,
            "score": round(self.score, 4),
            "reason": self.reason,
            "candidates": [{"entry_id": c.entry_id, "title": c.title} for c in self.candidates],
        }
