"""The one builder of the links that open the bot with a ``/start`` parameter."""

from __future__ import annotations

from nucleo.directory.link import invitation_links
from nucleo.directory.start_link import StartLinks, start_links
from nucleo.signing import Signer


def test_both_doors_carry_the_same_token() -> None:
    links = start_links("a", "TOK", username="@valor_bot", public_url="https://valor.example/")
    assert links == StartLinks("https://t.me/valor_bot?start=aTOK",
                               "https://valor.example/chat?a=TOK")


def test_a_door_without_its_setting_is_none() -> None:
    assert start_links("a", "TOK", username=None, public_url=None) == StartLinks(None, None)
    assert start_links("a", "TOK", username="", public_url="https://x.example").telegram is None


def test_the_invitation_uses_the_same_builder() -> None:
    links = invitation_links(Signer("clave"), "valor_bot", "https://valor.example", 7, 1234)
    token = links.telegram.split("?start=v", 1)[1]
    assert links.web == f"https://valor.example/chat?v={token}"
    assert invitation_links(Signer("clave"), "valor_bot", None, 7, 1234).web is None
