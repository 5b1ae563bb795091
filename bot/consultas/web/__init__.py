"""Consultas on the web: REST API (``api``, ``api_entries``), console pages, templates, texts."""
