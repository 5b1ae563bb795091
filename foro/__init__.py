"""Suggestions and the participation forum "El Valor Soy Yo" (built-in portal or Discourse)."""
