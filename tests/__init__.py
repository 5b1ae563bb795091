"""Test suite of El Valor Soy Yo."""
