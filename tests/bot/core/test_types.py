"""Inputs built from what a channel received."""

from bot.core.types import TELEGRAM, Input, PersonRef, buttons_from_json, buttons_to_json
from nucleo.ports import Button

REF = PersonRef(TELEGRAM, "1")


def test_commands_are_recognised_with_bot_name_and_args() -> None:
    event = Input.from_text(REF, "/Respuesta@valor_bot  abcd-1234 ")
    assert (event.kind, event.command, event.args) == ("command", "respuesta", "abcd-1234")


def test_text_that_only_looks_like_a_command() -> None:
    for text in ("/", "/ hola", "/señor", "a/b", "//x"):
        assert Input.from_text(REF, text).kind == "text", text


def test_buttons_round_trip_json() -> None:
    rows = [[Button("Sí", "a:b"), Button("<No>", "a:c")]]
    assert buttons_from_json(buttons_to_json(rows)) == rows
    assert buttons_from_json(None) == []
