"""Enviar una sugerencia and /missugerencias through the suggestions port."""

from __future__ import annotations

from bot import messages
from nucleo.ports import SUGGESTIONS
from tests.bot.helpers import Chat, onboard


async def test_signed_suggestion(chat: Chat, fakes: dict) -> None:
    await onboard(chat)
    await chat.tap("menu:sug")
    assert (await chat.send("corto"))[0].text_html.startswith("Cuénteme un poquito más")
    await chat.send("Que las reuniones empiecen a tiempo <siempre>")
    await chat.tap("sug:valor:diligencia")
    await chat.tap("sug:anon:no")
    assert "&lt;siempre&gt;" in chat.last and "Diligencia" in chat.last
    replies = await chat.tap("sug:enviar")
    assert "foro.test" in replies[0].text_html
    [sent] = fakes[SUGGESTIONS].submitted
    assert sent["value"] == "Diligencia" and not sent["anonymous"] and sent["person_id"]
    assert sent["source"] == "chat" and sent["text"].endswith("<siempre>")
    replies = await chat.send("/missugerencias")
    assert "Que las reuniones" in replies[0].text_html and "recibida" in replies[0].text_html


async def test_unconsented_suggestion_is_anonymous(chat: Chat, fakes: dict) -> None:
    await chat.send("/sugerencia")
    await chat.send("Una idea bastante buena para el código")
    replies = await chat.tap("sug:valor:ninguno")
    assert messages.ANONYMOUS_FORCED in replies[0].text_html
    await chat.tap("sug:enviar")
    [sent] = fakes[SUGGESTIONS].submitted
    assert sent["anonymous"] and sent["person_id"] is None and sent["value"] is None
    assert (await chat.send("/missugerencias"))[0].text_html == messages.MY_SUGGESTIONS_NEED_PERSON


async def test_cancel_and_buttons_only_steps(chat: Chat, fakes: dict) -> None:
    await chat.send("/sugerencia")
    await chat.send("Otra idea bastante buena")
    assert (await chat.send("honestidad"))[0].text_html == messages.USE_THE_BUTTONS
    assert (await chat.tap("sug:cancelar"))[0].text_html == messages.SUGGESTION_CANCELLED
    assert (await chat.tap("sug:enviar"))[0].text_html == messages.STALE_BUTTON
    assert fakes[SUGGESTIONS].submitted == []


async def test_too_long_suggestion(chat: Chat, fakes: dict) -> None:
    await chat.send("/sugerencia")
    assert "resúmala" in (await chat.send("x" * 2500))[0].text_html


async def test_absent_port(chat: Chat) -> None:
    assert (await chat.send("/sugerencia"))[0].text_html == messages.SUGGESTIONS_UNAVAILABLE
    assert (await chat.send("/missugerencias"))[0].text_html == messages.SUGGESTIONS_UNAVAILABLE
