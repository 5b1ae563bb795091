"""The step shapes /declarar and /recusar share: a typed answer checked, kept and followed by
the next question, the ground of art. 11 suggested from the facts and confirmed with buttons,
the «Cancelar» row every question carries and the reminder to use the buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.context import Context
from bot.declaraciones import grounds, messages
from bot.declaraciones.interest import Suggested
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


async def typed_instead_of_button(ctx: Context, _text: str) -> None:
    """A step that waits for a button (the kind, a ground, the confirmation…) got text."""
    ctx.say(messages.USE_THE_BUTTONS)


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


GROUND_STEP = "causal"
# what a ground button carries: a numeral, or grounds.NONE for «No estoy seguro/a»
_GROUND_ARGS = frozenset({str(grounds.NONE), *map(str, grounds.NUMERALS)})


def _unsure_row(flow: str) -> list[Button]:
    return [Button(messages.GROUND_UNSURE, f"{flow}:causal:{grounds.NONE}")]


def _ask_ground(ctx: Context, flow: str, facts: str, suggested: Suggested) -> None:
    """Keep the facts, move to the ground step and suggest a numeral, with «Sí, esa es»,
    «Elegir otra causal» and «No estoy seguro/a» (no numeral: «Radicarla sin precisar la
    causal» and «Elegir otra causal»)."""
    ctx.set_step(GROUND_STEP, d=facts)
    notes = "".join(suggested.notes)
    other = [Button(messages.GROUND_OTHER, f"{flow}:causales")]
    if suggested.ground is None:
        ctx.say(messages.ASK_GROUND_NONE.format(notes=notes), [
            [Button(messages.GROUND_KEEP_NONE, f"{flow}:causal:{grounds.NONE}")], other,
            cancel_row(flow)])
        return
    ctx.say(messages.ASK_GROUND.format(ground=messages.escape(grounds.name(suggested.ground)),
                                       notes=notes), [
        [Button(messages.GROUND_YES, f"{flow}:causal:{suggested.ground}")], other,
        _unsure_row(flow), cancel_row(flow)])


def from_facts(_ctx: Context, facts: str) -> Suggested:
    """The numeral the facts alone point to (/recusar; the fallback of /declarar)."""
    return Suggested(grounds.suggest(facts))


def _chosen_ground(ctx: Context, arg: str) -> int | None:
    """The numeral a ground button carries (0: not sure), or None after asking to use the
    buttons (a forged or stale one)."""
    if arg not in _GROUND_ARGS:
        ctx.say(messages.USE_THE_BUTTONS)
        return None
    return int(arg)


@dataclass(frozen=True)
class GroundSteps:
    """The facts and the ground of art. 11, asked the same way by /declarar and /recusar:
    ``facts`` keeps the facts (checked with ``check``) and suggests a numeral; ``others`` lists
    every numeral; ``choose`` keeps the confirmed one under ``g`` (0: not sure), moves to
    ``then`` and lets ``ask_next`` ask the next question. ``suggest``: the numeral (and notes)
    from the dialogue and the facts; by default the facts alone."""

    flow: str
    check: Callable[[str], str]
    then: str
    ask_next: Callable[[Context], Awaitable[None]]
    suggest: Callable[[Context, str], Suggested] = from_facts

    async def facts(self, ctx: Context, text: str) -> None:
        facts = checked(ctx, self.check, text)
        if facts is not None:
            _ask_ground(ctx, self.flow, facts, self.suggest(ctx, facts))

    async def others(self, ctx: Context, _arg: str) -> None:
        """«Elegir otra causal»: every numeral as a button, and «No estoy seguro/a»."""
        ctx.say(messages.ASK_GROUND_LIST, [
            *[[Button(messages.GROUND_BUTTON.format(n=n, name=messages.GROUND_NAMES[n]),
                      f"{self.flow}:causal:{n}")] for n in grounds.NUMERALS],
            _unsure_row(self.flow), cancel_row(self.flow)])

    async def choose(self, ctx: Context, arg: str) -> None:
        ground = _chosen_ground(ctx, arg)
        if ground is None:
            return
        ctx.set_step(self.then, g=ground)
        await self.ask_next(ctx)


def kept_ground(data: dict[str, object]) -> int | None:
    """The ground kept in the dialogue (0 or missing: not sure)."""
    value = data.get("g")
    return value if isinstance(value, int) and value in grounds.NUMERALS else None


def kept_ground_name(ctx: Context) -> str:
    """The kept ground in words, escaped for the chat."""
    return messages.escape(grounds.name(kept_ground(ctx.data)))


def kept(ctx: Context, key: str) -> str:
    """A kept answer, escaped for the chat."""
    return messages.escape(str(ctx.data.get(key, "")))


def confirm(ctx: Context, flow: str, action: str, summary: str) -> None:
    """Show the summary with «Enviar» (the ``action`` button) and «Cancelar»."""
    ctx.say(summary, [[Button(messages.SEND, f"{flow}:{action}"), *cancel_row(flow)]])
