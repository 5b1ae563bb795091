"""The sessions' console pages and REST API."""
