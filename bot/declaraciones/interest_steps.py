"""The guided questions of /declarar (#18), as buttons between the kind and the facts: the
type of matter (then the matter in a line, as before), the person's role in it, who holds the
interest and, for a relative, which one (the degree said back). The answers are kept in the
dialogue (``t``, ``r``, ``h``, ``p``) and suggest the ground with the facts (``interest``).
/recusar asks the type of matter with the same step (``MatterTypeStep``).

A tap whose value is not one of the buttons (forged, or from an older message) is answered
with «use the buttons» and changes nothing; a tap outside its step is a stale button for the
dialogue core."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.context import Context
from bot.core.flow import DECLARATION_FLOW
from bot.declaraciones import actions, interest, kinship, messages
from bot.declaraciones.interest import Answers, Suggested
from bot.declaraciones.steps import cancel_row, checked
from nucleo.ports import Button

NAME = DECLARATION_FLOW
MATTER_TYPE, MATTER, ROLE, HOLDER, RELATIVE, FACTS = (
    "clase", "asunto", "papel", "interes", "pariente", "hechos")
STEPS = (MATTER_TYPE, ROLE, HOLDER, RELATIVE)


def _buttons(flow: str, action: str, names: dict[str, str], keys: tuple[str, ...], *,
             per_row: int = 1) -> list[list[Button]]:
    buttons = [Button(names[key], f"{flow}:{action}:{key}") for key in keys]
    return [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)] + [cancel_row(flow)]


@dataclass(frozen=True)
class MatterTypeStep:
    """The type of matter as buttons (``interest.MATTER_TYPES``), asked the same way by
    /declarar and /recusar: ``ask`` moves ``flow`` to the ``MATTER_TYPE`` step (keeping
    ``data``) and shows the buttons; ``choose`` keeps the tapped type under ``t``, moves to
    ``then`` and asks ``prompt`` (the matter in a line)."""

    flow: str
    then: str
    prompt: str

    def ask(self, ctx: Context, **data: object) -> None:
        ctx.set_step(MATTER_TYPE, **data)
        ctx.say(messages.ASK_MATTER_TYPE, _buttons(self.flow, "clase",
                                                   messages.MATTER_TYPE_NAMES,
                                                   interest.MATTER_TYPES))

    async def choose(self, ctx: Context, arg: str) -> None:
        if arg not in interest.MATTER_TYPES:
            ctx.say(messages.USE_THE_BUTTONS)
            return
        ctx.set_step(self.then, t=arg)
        ctx.say(self.prompt, [cancel_row(self.flow)])


matter_type = MatterTypeStep(NAME, MATTER, messages.ASK_MATTER)


def ask_matter_type(ctx: Context, kind: str) -> None:
    """After the kind: the type of matter as buttons."""
    matter_type.ask(ctx, k=kind)


async def receive_matter(ctx: Context, text: str) -> None:
    """Keep the matter (checked) and ask the person's role in it."""
    matter = checked(ctx, actions.check_matter, text)
    if matter is None:
        return
    ctx.set_step(ROLE, m=matter)
    ctx.say(messages.ASK_ROLE, _buttons(NAME, "papel", messages.ROLE_NAMES, interest.ROLES))


async def choose_role(ctx: Context, arg: str) -> None:
    """Keep the role and ask who holds the interest."""
    if arg not in interest.ROLES:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    ctx.set_step(HOLDER, r=arg)
    ctx.say(messages.ASK_INTEREST, _buttons(NAME, "interes", messages.INTEREST_BUTTONS,
                                            interest.HOLDERS))


async def choose_holder(ctx: Context, arg: str) -> None:
    """Keep who holds the interest; a relative: ask which one, anyone else: ask the facts."""
    if arg not in interest.HOLDERS:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    if arg == interest.RELATIVE:
        ctx.set_step(RELATIVE, h=arg, p=None)
        ctx.say(messages.ASK_RELATIVE, _buttons(NAME, "pariente", messages.RELATIVE_NAMES,
                                                tuple(kinship.RELATIVES), per_row=2))
        return
    ctx.set_step(FACTS, h=arg, p=None)
    ctx.say(messages.ASK_DESCRIPTION, [cancel_row(NAME)])


async def choose_relative(ctx: Context, arg: str) -> None:
    """Keep the relative, say back the degree and whether the law reaches it, ask the facts."""
    if arg not in kinship.RELATIVES:
        ctx.say(messages.USE_THE_BUTTONS)
        return
    ctx.set_step(FACTS, p=arg)
    ctx.say(interest.said_back(arg) + "\n\n" + messages.ASK_DESCRIPTION, [cancel_row(NAME)])


def suggest(ctx: Context, facts: str) -> Suggested:
    """The ground from the kept answers and the facts (``GroundSteps.suggest``)."""
    return interest.suggest(Answers.of(ctx.data), facts)


def summary_lines(ctx: Context) -> str:
    """The answers for the summary before filing (none for a draft from before #18)."""
    answers = Answers.of(ctx.data)
    values = {"matter_type": messages.MATTER_TYPE_NAMES.get(answers.matter_type or ""),
              "role": messages.ROLE_NAMES.get(answers.role or ""),
              "holder": interest.holder_text(answers.holder, answers.relation,
                                             messages.INTEREST_BUTTONS)}
    return "".join(messages.GUIDED_LINE.format(label=messages.GUIDED_LABELS[key],
                                               value=messages.escape(value))
                   for key, value in values.items() if value)

