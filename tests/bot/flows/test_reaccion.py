"""Reactions to campaign pieces and the optional comment."""

from __future__ import annotations

from bot import messages
from nucleo.ports import CAMPAIGNS
from tests.bot.helpers import Chat, onboard


async def test_reaction_and_comment(chat: Chat, fakes: dict) -> None:
    await onboard(chat)
    replies = await chat.tap("pieza:7:me_gusta")
    assert replies[0].text_html == "¡Gracias por reaccionar! ❤️"
    assert replies[1].text_html == messages.OFFER_COMMENT
    assert (await chat.tap("reac:si"))[0].text_html == messages.ASK_COMMENT
    replies = await chat.send("Me encantó <3")
    assert replies[0].text_html == messages.COMMENT_SAVED
    campaigns = fakes[CAMPAIGNS]
    assert campaigns.reactions[0][0] == "pieza:7:me_gusta"
    assert campaigns.comments[0][2] == "Me encantó <3"


async def test_reaction_without_comment(chat: Chat, fakes: dict) -> None:
    await onboard(chat)
    await chat.tap("pieza:7:me_gusta")
    assert (await chat.tap("reac:no"))[0].text_html == messages.THANKS
    assert fakes[CAMPAIGNS].comments == []


async def test_unknown_button_data(chat: Chat, fakes: dict) -> None:
    await onboard(chat)
    assert (await chat.tap("otra:cosa"))[0].text_html == messages.UNKNOWN_BUTTON
    assert (await chat.tap("x" * 300))[0].text_html == messages.UNKNOWN_BUTTON
    assert (await chat.tap(""))[0].text_html == messages.UNKNOWN_BUTTON


async def test_reaction_needs_a_person(chat: Chat, fakes: dict) -> None:
    assert (await chat.tap("pieza:7:me_gusta"))[0].text_html == messages.REACTION_NEEDS_PERSON
    assert fakes[CAMPAIGNS].reactions == []


async def test_unknown_button_without_campaigns(chat: Chat) -> None:
    assert (await chat.tap("pieza:7:me_gusta"))[0].text_html == messages.UNKNOWN_BUTTON
