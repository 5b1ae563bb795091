"""Discourse integration, all of it: HTTP client, webhook route, payload schemas, signature
checks and the ``ForumBackend`` built on the client.

Read top-down: ``client`` (calls to Discourse), ``policy`` (timeouts, retries, rate limits),
``errors``, ``responses`` (what Discourse answers), ``titles`` (safe titles, bodies and tags),
``backend`` (the forum's ``ForumBackend`` for Discourse), ``schemas`` (webhook payloads),
``signature`` (webhook HMAC), ``webhook`` (the route that receives them) and ``fixtures/``
(captured payloads).
"""
