"""Confirmation pages for destructive console actions, without JavaScript.

A destructive form posts to its action as before. The action calls ``ask_first`` once it knows
the target exists: unless the form carried ``confirmado=1``, it answers a page that says what
will happen, with a «confirm» form posting the same fields (a fresh one-time CSRF token) plus
the confirmation, and a «cancel» link back. Only then does the action run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.responses import Response

from nucleo.web.console.context import Console

FIELD = "confirmado"


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says: a question, what happens, the button and the way back."""

    title: str
    question: str
    consequence: str
    confirm_label: str
    back: str
    danger: bool = True
    items: tuple[tuple[str, str], ...] = ()  # (link, name) of every item it acts on


async def confirmed(console: Console) -> bool:
    """True when the posted form carries the confirmation."""
    form = await console.request.form()
    return form.get(FIELD) == "1"


async def ask_first(console: Console, ask: Confirmation,
                    keep: Sequence[str] = ()) -> Response | None:
    """None when the form was confirmed; otherwise the confirmation page. ``keep`` names the
    posted fields the confirmed form must carry again (a reason, a role, every chosen id…)."""
    if await confirmed(console):
        return None
    return await question_page(console, ask, keep)


async def question_page(console: Console, ask: Confirmation,
                        keep: Sequence[str] = ()) -> Response:
    """The confirmation page: ``ask``, and a form posting the ``keep`` fields again with the
    confirmation (for an action that has already checked it was not confirmed)."""
    form = await console.request.form()
    fields = [(name, value) for name in keep for value in form.getlist(name)
              if isinstance(value, str) and len(value) <= 1000]
    return await console.render("confirm.html", ask=ask, action=console.request.url.path,
                                fields=fields, confirm_field=FIELD)
