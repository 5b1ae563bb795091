"""Campañas on the web: REST API (``api``), console pages (``console``), templates, texts."""
