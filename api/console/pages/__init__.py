"""Console pages: one module per section, each with its own router."""
