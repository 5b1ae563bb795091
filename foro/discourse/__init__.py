"""Discourse integration: HTTP client, webhook payload schemas and signature checks.

Read top-down: ``client`` (calls to Discourse), ``policy`` (timeouts, retries, rate limits),
``errors``, ``responses`` (what Discourse answers), ``titles`` (safe titles, bodies and tags),
``schemas`` (webhook payloads), ``signature`` (webhook HMAC) and ``fixtures/`` (captured payloads).
"""
