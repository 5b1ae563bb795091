"""bot/telegram."""
