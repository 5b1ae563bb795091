"""bot/whatsapp: the WhatsApp Cloud API channel (translates; the dialogue core decides)."""
