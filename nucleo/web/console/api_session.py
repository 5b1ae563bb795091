"""Let the REST API accept a console session, safely.

Bearer tokens stay the API's main way in. A browser that is logged in to the console may also call
the API with its session cookie (the console's own scripts, ``/docs``), under these rules:

* the cookie is ignored on cross-site requests (``Sec-Fetch-Site: cross-site`` or ``same-site``);
  SameSite=Lax already keeps it off cross-site POSTs, this also covers top-level GET navigations;
* for unsafe methods (POST, PUT, PATCH, DELETE) the request must carry ``X-CSRF-Token`` with a
  token issued for that same session (the console renders one in ``<meta name="csrf-token">``).
  A cross-origin page can neither read that token nor set a custom header without a CORS
  preflight, which this service never grants; without the header the cookie is simply ignored
  and the API answers 401 as for any anonymous call;
* a session of a deactivated account, or one older than the last password change, is dead here
  as in the console.

Unlike console forms, API tokens are checked but not consumed: API clients retry, and the API's
actions carry their own idempotency.
"""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import StaffAccount
from nucleo.web import csrf
from nucleo.web.console.context import CROSS_SITE, SAFE_METHODS
from nucleo.web.console.sessions import COOKIE, resolve_session


async def staff_from_console_session(request: Request,
                                     session: AsyncSession) -> StaffAccount | None:
    """The staff member of a console session, when the request may use it (see module doc)."""
    cookie = request.cookies.get(COOKIE)
    if not cookie or request.headers.get("sec-fetch-site", "same-origin") in CROSS_SITE:
        return None
    services = request.app.state.services
    live = await resolve_session(session, cookie, services.signer, services.clock())
    if live is None:
        return None
    if request.method not in SAFE_METHODS and not csrf.token_ok(services.signer, live.row.csrf_secret,
                         request.headers.get(csrf.HEADER)):
        return None
    return live.staff
