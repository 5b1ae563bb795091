"""Shared core of El Valor Soy Yo: settings, database, cross-cutting models and the CLI."""
