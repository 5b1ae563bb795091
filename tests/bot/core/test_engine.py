"""The dialogue core: bad input, flood control, errors, concurrency between processes."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot import messages
from bot.core.context import Context
from bot.core.engine import DialogueCore
from bot.core.flood import FloodControl
from bot.core.flow import Command, flow_registry
from bot.core.types import TELEGRAM, Input, PersonRef
from bot.models import Conversation
from bot.service import dialogue_core
from nucleo.db import Database
from nucleo.errors import InvalidInput
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def test_bad_inputs(chat: Chat, services: Services) -> None:
    assert "4096" in (await chat.send("a" * 4097))[0].text_html
    assert (await chat.send("   \u200b\n "))[0].text_html == messages.EMPTY_MESSAGE
    assert (await chat.send("/nada"))[0].text_html == messages.UNKNOWN_COMMAND
    for media in ("sticker", "photo", "voice", "document"):
        replies = await chat.core.handle(Input.unsupported(chat.ref, media))
        assert replies[0].text_html == messages.ONLY_TEXT
        assert "solo entiendo texto" in replies[0].text_html
    replies = await chat.core.handle(Input.unsupported(chat.ref, "edited"))
    assert replies[0].text_html == messages.EDITED_MESSAGE
    replies = await chat.core.handle(Input.unsupported(PersonRef(TELEGRAM, "-100"), "group"))
    assert replies[0].text_html == messages.GROUP_CHAT
    assert await count_rows(services, Conversation) == 0


async def test_odd_unicode_and_html_is_escaped_in_answers(chat: Chat) -> None:
    replies = await chat.send("¿Mi <i>tío</i> 👨‍👩‍👧 y la señora Ñuñez?")
    assert replies[0].text_html == messages.CONSULTATIONS_COMING


async def test_unknown_channel_is_refused(core: DialogueCore) -> None:
    try:
        await core.handle(Input.from_text(PersonRef("sms", "1"), "hola"))
    except ValueError:
        return
    raise AssertionError("unknown channel accepted")


async def test_flooding_chat_is_slowed_and_others_are_served(services: Services) -> None:
    core = dialogue_core(services)
    core.flood = FloodControl(burst=5, per_minute=20)
    noisy, calm = PersonRef(TELEGRAM, "1"), PersonRef(TELEGRAM, "2")
    results = await asyncio.gather(*[core.handle(Input.from_text(noisy, "/ayuda"))
                                     for _ in range(30)],
                                   core.handle(Input.from_text(calm, "/ayuda")))
    noisy_replies = [r for batch in results[:30] for r in batch]
    assert len(noisy_replies) == 6                          # 5 answers + one polite warning
    assert sum(r.text_html == messages.SLOW_DOWN for r in noisy_replies) == 1
    assert "Así funciono" in results[30][0].text_html


async def test_domain_errors_become_friendly_replies_and_roll_back(
        chat: Chat, services: Services) -> None:
    async def failing(ctx: Context, _args: str) -> None:
        ctx.session.add(Person(source="bot"))
        raise InvalidInput("Ese dato no sirve <aquí>.")

    async def crashing(ctx: Context, _args: str) -> None:
        raise RuntimeError("boom")

    registry = flow_registry(services)
    registry.add_command(Command("falla", failing))
    registry.add_command(Command("revienta", crashing))
    assert (await chat.send("/falla"))[0].text_html == "Ese dato no sirve &lt;aquí&gt;."
    assert (await chat.send("/revienta"))[0].text_html == messages.SOMETHING_FAILED
    assert await count_rows(services, Person) == 0


async def test_stale_state_from_another_process_is_retried(services: Services) -> None:
    """Optimistic concurrency: when another process saved the same conversation meanwhile, the
    core rolls back and runs the input again on the fresh state instead of overwriting it."""
    calls: list[str | None] = []

    async def bump_elsewhere(ctx: Context, _args: str) -> None:
        calls.append(ctx.step)
        if len(calls) == 1:
            elsewhere = Database(services.db.url, schema=services.db.schema)
            other = DialogueCore(Services(settings=services.settings, db=elsewhere),
                                 ctx.registry)
            try:
                await other.handle(Input.from_text(ctx.ref, "/cuenta"))   # commits step "b"
            finally:
                await elsewhere.dispose()
        ctx.goto("menu", f"{ctx.step}+c")

    async def set_b(ctx: Context, _args: str) -> None:
        ctx.goto("menu", "b")

    registry = flow_registry(services)
    registry.add_command(Command("carrera", bump_elsewhere))
    registry.add_command(Command("cuenta", set_b))
    chat = Chat(dialogue_core(services), PersonRef(TELEGRAM, "3003"))
    await onboard(chat)
    await chat.send("/carrera")
    assert calls == [None, "b"]
    async with services.db.session() as session:
        conversation = (await session.execute(select(Conversation))).scalars().one()
    assert conversation.step == "b+c"
