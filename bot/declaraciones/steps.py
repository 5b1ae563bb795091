"""The step shapes /declarar and /recusar share: a typed answer checked, kept and followed by
the next question, and the «Cancelar» row every question carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.context import Context
from bot.declaraciones import messages
from nucleo.errors import InvalidInput
from nucleo.ports import Button


def cancel_row(flow: str) -> list[Button]:
    """The «Cancelar» button of a flow's questions."""
    return [Button(messages.CANCEL, f"{flow}:cancelar")]


def checked(ctx: Context, check: Callable[[str], str], text: str) -> str | None:
    """The typed answer as ``check`` cleans it, or None after telling the person why not."""
    try:
        return check(text)
    except InvalidInput as exc:
        ctx.say(messages.escape(exc.message))
        return None


@dataclass(frozen=True)
class Ask:
    """A text step: check the answer, keep it under ``key``, move to ``then`` and ask ``prompt``
    (with the flow's «Cancelar»). An answer that fails the check is explained and asked again."""

    flow: str
    check: Callable[[str], str]
    key: str
    then: str
    prompt: str

    async def __call__(self, ctx: Context, text: str) -> None:
        value = checked(ctx, self.check, text)
        if value is None:
            return
        ctx.set_step(self.then, **{self.key: value})
        ctx.say(self.prompt, [cancel_row(self.flow)])


def kept(ctx: Context, key: str) -> str:
    """A kept answer, escaped for the chat."""
    return messages.escape(str(ctx.data.get(key, "")))


def confirm(ctx: Context, flow: str, action: str, summary: str) -> None:
    """Show the summary with «Enviar» (the ``action`` button) and «Cancelar»."""
    ctx.say(summary, [[Button(messages.SEND, f"{flow}:{action}"), *cancel_row(flow)]])
