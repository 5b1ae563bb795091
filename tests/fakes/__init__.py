"""Local HTTP doubles of the external services the project talks to."""
