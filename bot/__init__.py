"""The dialogue core and its channels (Telegram, web chat)."""
