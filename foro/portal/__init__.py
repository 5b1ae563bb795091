"""The built-in portal "El Valor Soy Yo": server-rendered pages, magic-link login."""
