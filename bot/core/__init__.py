"""The channel-independent dialogue core (see engine.DialogueCore and flow.FlowRegistry)."""

from bot.core.flow import SURVEY_FLOW, ButtonRoute, Command, Flow, FlowRegistry, flow_registry
from bot.core.types import TELEGRAM, WEB, Input, PersonRef, Reply

__all__ = ["SURVEY_FLOW", "TELEGRAM", "WEB", "ButtonRoute", "Command", "Flow", "FlowRegistry",
           "Input", "PersonRef", "Reply", "flow_registry"]
