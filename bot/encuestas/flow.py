"""The survey in the chat: one question at a time with buttons, typed text for free-text ones.

Registered in the bot's flow registry under ``encuesta`` (the menu's "Encuesta" opens it).
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.flow import SURVEY_FLOW, ButtonRoute, Flow, flow_registry
from bot.encuestas import answering, messages
from bot.encuestas.answering import Step
from nucleo.services import Services

ANSWERING = "respondiendo"


def _show(ctx: Context, survey_id: int, step: Step) -> None:
    """Say the step and remember where the person is."""
    ctx.say(step.text_html, step.buttons)
    if step.finished:
        ctx.finish()
    else:
        ctx.goto(SURVEY_FLOW, ANSWERING, survey=survey_id, question=step.question_id,
                 text=step.expects_text)


def _person_id(ctx: Context) -> int | None:
    if ctx.person is None:
        ctx.say(messages.NEEDS_REGISTRATION)
        return None
    return ctx.person.id


async def start(ctx: Context) -> None:
    """Open the pending survey from the menu or /encuesta."""
    person_id = _person_id(ctx)
    if person_id is None:
        return
    survey_id = await answering.open_for(ctx.session, person_id)
    if survey_id is None:
        ctx.say(messages.NO_PENDING)
        return
    _show(ctx, survey_id, await answering.start(ctx.session, survey_id, person_id))


async def start_button(ctx: Context, arg: str) -> None:
    """Start or resume from an invitation or reminder button."""
    person_id = _person_id(ctx)
    if person_id is not None:
        survey_id = answering.parse_survey_id(arg)
        _show(ctx, survey_id, await answering.start(ctx.session, survey_id, person_id))


async def choose(ctx: Context, arg: str) -> None:
    """Record the tapped option and show the next question."""
    person_id = _person_id(ctx)
    if person_id is not None:
        choice = answering.parse_choice(arg)
        step = await answering.answer(ctx.session, choice.survey_id, person_id,
                                      choice.question_id, choice.option)
        _show(ctx, choice.survey_id, step)


async def back(ctx: Context, arg: str) -> None:
    """Go back to change the previous answer."""
    person_id = _person_id(ctx)
    if person_id is not None:
        survey_id = answering.parse_survey_id(arg)
        _show(ctx, survey_id, await answering.back(ctx.session, survey_id, person_id))


async def typed(ctx: Context, text: str) -> None:
    """Typed text answers a free-text question; otherwise ask to use the buttons."""
    person_id = _person_id(ctx)
    data = ctx.data
    if person_id is None or "survey" not in data:
        return
    if not data.get("text"):
        ctx.say(messages.USE_BUTTONS)
        return
    step = await answering.answer(ctx.session, data["survey"], person_id, data["question"], text)
    _show(ctx, data["survey"], step)


FLOW = Flow(
    name=SURVEY_FLOW,
    start=start,
    texts={ANSWERING: typed},
    buttons={"start": ButtonRoute(start_button), "r": ButtonRoute(choose),
             "back": ButtonRoute(back)},
)


def register(services: Services) -> None:
    """Add the survey to the bot's flows."""
    flow_registry(services).add(FLOW)
