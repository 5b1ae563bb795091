"""Replies as Cloud API messages: buttons, lists, long texts and images within the limits."""

from __future__ import annotations

from bot.core.types import Reply
from bot.whatsapp.render import render
from nucleo.ports import Button
from tests.fakes.whatsapp.validate import message_problems


def valid(messages: list[dict]) -> list[dict]:
    for message in messages:
        problems = message_problems({"messaging_product": "whatsapp", "to": "573001112233",
                                     **message})
        assert not problems, (problems, message)
    return messages


def test_plain_text() -> None:
    assert valid(render(Reply("<b>Hola</b>"))) == [
        {"type": "text", "text": {"body": "*Hola*", "preview_url": False}}]


def test_up_to_three_buttons_are_reply_buttons_with_unique_short_titles() -> None:
    rows = [[Button("Sí, autorizo el tratamiento de mis datos", "a"),
             Button("Sí, autorizo el tratamiento de mis datos personales", "b")],
            [Button("No", "c")]]
    [message] = valid(render(Reply("¿Autoriza?", rows)))
    buttons = message["interactive"]["action"]["buttons"]
    assert message["interactive"]["type"] == "button"
    assert [b["reply"]["id"] for b in buttons] == ["a", "b", "c"]
    assert len({b["reply"]["title"] for b in buttons}) == 3
    assert all(len(b["reply"]["title"]) <= 20 for b in buttons)


def test_more_buttons_become_lists_of_ten_rows() -> None:
    rows = [[Button(f"Opción número {i} con un nombre largo", f"m:{i}")] for i in range(13)]
    messages = valid(render(Reply("Menú", rows)))
    assert [m["interactive"]["type"] for m in messages] == ["list", "list"]
    first = messages[0]["interactive"]["action"]["sections"][0]["rows"]
    assert len(first) == 10 and first[0]["description"].startswith("Opción número 0")
    ids = [r["id"] for m in messages for s in m["interactive"]["action"]["sections"]
           for r in s["rows"]]
    assert ids == [f"m:{i}" for i in range(13)]


def test_long_text_with_buttons_is_split_before_the_buttons() -> None:
    text = "\n\n".join(f"Párrafo {i}. " + "palabra " * 60 for i in range(6))
    messages = valid(render(Reply(text, [[Button("Sí", "s"), Button("No", "n")]])))
    assert [m["type"] for m in messages[:-1]] == ["text"] * (len(messages) - 1)
    assert messages[-1]["interactive"]["type"] == "button"
    assert len(messages) >= 2


def test_image_with_caption_or_separate_text() -> None:
    [image] = valid(render(Reply("<b>Honestidad</b>", image="x.png"), media_id="123"))
    assert image == {"type": "image", "image": {"id": "123", "caption": "*Honestidad*"}}
    with_buttons = valid(render(Reply("Pieza", [[Button("❤️ Me gusta", "pieza:7:me_gusta")]],
                                      image="x.png"), media_id="123"))
    assert [m["type"] for m in with_buttons] == ["image", "interactive"]
