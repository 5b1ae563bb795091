"""The forum on the web: REST API (``api``), console pages (``console``), templates, texts;
``routes`` gathers the API, the Discourse webhook and the built-in portal."""
