"""The web chat channel: a portal page and JSON endpoints over the same dialogue core."""
