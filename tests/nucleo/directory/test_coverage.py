"""Coverage definitions: in step with the bot's purpose codes and channel names."""

from bot.core.types import CHANNELS as BOT_CHANNELS
from bot.privacy import CAMPAIGNS
from nucleo.directory.coverage import CAMPAIGN_PURPOSE, CHANNELS


def test_coverage_names_what_the_bot_stores() -> None:
    assert CAMPAIGN_PURPOSE == CAMPAIGNS
    assert set(BOT_CHANNELS) <= set(CHANNELS)
