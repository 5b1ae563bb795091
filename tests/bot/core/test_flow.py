"""The bot's one registry of ``/start`` routes: by prefix on Telegram, by query on the web."""

from __future__ import annotations

import pytest

from bot.core.flow import FlowRegistry, StartRoute
from bot.flows import register_builtin
from bot.sesiones.flow import ROUTE as CHECK_IN


async def _nothing(_ctx: object, _parameter: str) -> None:
    return None


def _registry() -> FlowRegistry:
    registry = FlowRegistry()
    register_builtin(registry)
    registry.add_start(CHECK_IN)
    return registry


def test_every_door_has_its_prefix() -> None:
    registry = _registry()
    assert registry.start_route("vABC") is not None
    assert registry.start_route("aABC") is CHECK_IN
    assert registry.start_route("tABC") is not None
    # A prefix alone, no prefix (a poster's dependencia) or an unknown one is no route.
    for parameter in ("v", "a", "", "ABC", "zABC", "ñABC"):
        assert registry.start_route(parameter) is None, parameter


def test_a_prefix_is_one_letter_and_registering_it_again_replaces_it() -> None:
    for bad in ("", "ab", "1", "-", "ñ1"):
        with pytest.raises(ValueError):
            StartRoute(bad, _nothing)
    registry = _registry()
    mine = StartRoute("a", _nothing)
    registry.add_start(mine)
    assert registry.start_route("aXYZ") is mine


def test_the_web_chat_reads_the_routes_open_to_it() -> None:
    registry = _registry()
    assert registry.web_start({"v": "tok_en-1"}) == "vtok_en-1"
    assert registry.web_start({"a": "tok"}) == "atok"
    # The invitation was registered first: it wins when both come.
    assert registry.web_start({"a": "uno", "v": "dos"}) == "vdos"
    # A staff link is for Telegram only; other names are ignored.
    assert registry.web_start({"t": "tok"}) == ""
    assert registry.web_start({"x": "tok", "start": "vtok"}) == ""


@pytest.mark.parametrize("token", ["", "<script>alert(1)</script>", "a" * 64, "a" * 10_000,
                                   "tók", "to ken", "tok\u202e", "\x00", "\"onload=x"])
def test_the_web_chat_ignores_what_is_no_token(token: str) -> None:
    assert _registry().web_start({"v": token, "a": token}) == ""


def test_a_token_of_the_longest_telegram_length_passes() -> None:
    assert _registry().web_start({"a": "a" * 63}) == "a" + "a" * 63
