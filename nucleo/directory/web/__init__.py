"""The directory on the web: REST API (``api``), console page (``console``), Inicio cards."""
