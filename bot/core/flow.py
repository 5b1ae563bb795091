"""Flows: a conversation's steps and transitions, and the registry other packages add flows to.

A flow is a name (also the prefix of its button data, ``"<name>:<action>[:<arg>]"``), a start
transition, text transitions per step and button routes. A button route lists the steps where
it is valid; a tap outside them is a stale button and the core says so.

Another package adds a flow like this (the survey does it for ``"encuesta"``)::

    from bot.core.flow import Flow, ButtonRoute, flow_registry
    flow_registry(services).add(Flow(name="encuesta", start=start_survey,
                                     texts={ASK: receive_answer},
                                     buttons={"r": ButtonRoute(choose, steps=(ASK,))}))
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nucleo.services import Key, Services

if TYPE_CHECKING:
    from bot.core.context import Context
    from bot.core.types import Input

BOT_FLOWS: Key[FlowRegistry] = Key("bot_flows")
SURVEY_FLOW = "encuesta"
DECLARATION_FLOW = "decl"  # bot.declaraciones registers it

Start = Callable[["Context"], Awaitable[None]]
OnText = Callable[["Context", str], Awaitable[None]]
OnButton = Callable[["Context", str], Awaitable[None]]
OnCommand = Callable[["Context", str], Awaitable[None]]
OnContact = Callable[["Context", "Input"], Awaitable[None]]
START_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,63}")  # a /start token: Telegram's alphabet and length


@dataclass(frozen=True)
class ButtonRoute:
    """A button action: its handler (gets the argument after the action) and valid steps.

    ``steps=None`` means valid at any time (e.g. the menu's buttons).
    """

    handler: OnButton
    steps: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Flow:
    """One conversation: start, text transitions per step, button routes by action."""

    name: str
    start: Start
    texts: Mapping[str, OnText] = field(default_factory=dict)
    buttons: Mapping[str, ButtonRoute] = field(default_factory=dict)
    contacts: Mapping[str, OnContact] = field(default_factory=dict)  # shared contact per step

    def __post_init__(self) -> None:
        if not self.name or ":" in self.name or len(self.name) > 12:
            raise ValueError("a flow name is 1-12 characters without ':'")


@dataclass(frozen=True)
class StartRoute:
    """A ``/start <prefix><token>`` door and the package that owns it: invitations (``v``,
    ``bot/flows/vinculo.py``), staff links (``t``, Telegram only), session check-ins (``a``,
    ``bot.sesiones``). A parameter without a registered prefix is a poster's dependencia.

    ``handler`` runs with the whole parameter, like a command. ``web``: the web chat accepts it
    as ``/chat?<prefix>=<token>`` and starts the chat with ``/start <prefix><token>`` (the
    links come from ``nucleo.directory.start_link``). When the chat has no person yet and the
    handler sends it through the consent questions first, onboarding calls ``resume`` with
    the same parameter once the decisions are stored (``ctx.person`` is None when nothing was
    granted); ``resume`` only replies and records, it leaves the flow state to onboarding."""

    prefix: str
    handler: OnCommand
    resume: OnCommand | None = None
    web: bool = True

    def __post_init__(self) -> None:
        if len(self.prefix) != 1 or not self.prefix.isalpha():
            raise ValueError("a start route's prefix is one letter")

    def matches(self, parameter: str) -> bool:
        """Whether ``parameter`` is this route's prefix and a token."""
        return parameter.startswith(self.prefix) and len(parameter) > len(self.prefix)


@dataclass(frozen=True)
class Command:
    """A slash command: handler (gets the text after the command) and its Spanish description."""

    name: str
    handler: OnCommand
    description: str | None = None


class FlowRegistry:
    """Flows and commands by name; the core looks them up at every input, so order of
    registration does not matter."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow] = {}
        self._commands: dict[str, Command] = {}
        self._starts: dict[str, StartRoute] = {}
        self.free_text: OnText | None = None
        self.unknown_button: OnButton | None = None

    def add(self, flow: Flow) -> None:
        """Register (or replace) a flow."""
        self._flows[flow.name] = flow

    def add_command(self, command: Command) -> None:
        """Register (or replace) a slash command."""
        self._commands[command.name] = command

    def add_start(self, route: StartRoute) -> None:
        """Register (or replace) the ``/start`` route of a prefix."""
        self._starts[route.prefix] = route

    def start_route(self, parameter: str) -> StartRoute | None:
        """The registered route of this ``/start`` parameter's prefix, if any."""
        route = self._starts.get(parameter[:1])
        return route if route is not None and route.matches(parameter) else None

    def web_start(self, query: Mapping[str, str]) -> str:
        """The ``/start`` parameter a web chat address carries (``/chat?<prefix>=<token>``
        of a route open to the web; the first registered wins), or "" for none. Only the
        token's alphabet and length are checked here; the route checks the token."""
        for route in self._starts.values():
            token = query.get(route.prefix)
            if route.web and token is not None and START_TOKEN.fullmatch(token):
                return route.prefix + token
        return ""

    def on_free_text(self, handler: OnText) -> None:
        """Set what handles text typed outside any flow (the consultations)."""
        self.free_text = handler

    def on_unknown_button(self, handler: OnButton) -> None:
        """Set what handles button data no flow owns (campaign reactions); gets the data."""
        self.unknown_button = handler

    def get(self, name: str | None) -> Flow | None:
        """The flow with that name, if registered."""
        return self._flows.get(name) if name else None

    def command(self, name: str) -> Command | None:
        """The command with that name, if registered."""
        return self._commands.get(name)

    def commands(self) -> list[Command]:
        """Every command in registration order (for setMyCommands and /ayuda)."""
        return list(self._commands.values())


def flow_registry(services: Services) -> FlowRegistry:
    """The service's flow registry (created on first use, kept in ``services``)."""
    return services.setdefault(BOT_FLOWS, FlowRegistry)
