"""HTTP layer: REST API, web console, portal, webhooks, health."""
