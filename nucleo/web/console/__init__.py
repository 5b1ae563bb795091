"""The console page kit: page context and guard, rendering, forms' CSRF, sessions, params,
charts, Inicio cards, HTML error pages and the shared layout templates and stylesheet."""
