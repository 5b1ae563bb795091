"""Errors of the Discourse client. ``retryable`` tells an outbox worker what to do next.

* retryable (try again later): ``DiscourseUnavailable`` (connection refused, timeout, 5xx),
  ``DiscourseRateLimited`` (429 with a wait longer than we accept to block for) and
  ``DiscourseBadResponse`` (non-JSON or wrongly shaped JSON, e.g. a proxy's HTML page);
* not retryable (fix the data or the settings): ``DiscourseRejected`` (4xx validation errors),
  with the subclasses ``DiscourseNotAuthorized`` (401/403) and ``DiscourseNotFound`` (404).
"""

from __future__ import annotations

from foro.discourse import messages


class DiscourseError(Exception):
    """Base of every Discourse client error; the message is Spanish, for people."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = errors or []


class DiscourseUnavailable(DiscourseError):
    """Discourse could not be reached or failed on its side (timeout, refused, 5xx)."""

    retryable = True

    @classmethod
    def because(cls, detail: str, *, status: int | None = None) -> DiscourseUnavailable:
        """Build the error with the standard Spanish message."""
        return cls(messages.UNAVAILABLE.format(detail=detail), status=status)


class DiscourseRateLimited(DiscourseUnavailable):
    """Discourse asked us to wait longer than the policy lets a caller block."""

    def __init__(self, retry_after: float, *, status: int | None = 429) -> None:
        super().__init__(messages.RATE_LIMITED.format(seconds=retry_after), status=status)
        self.retry_after = retry_after


class DiscourseBadResponse(DiscourseError):
    """Discourse (or something in front of it) answered with garbage."""

    retryable = True

    @classmethod
    def because(cls, detail: str, *, status: int | None = None) -> DiscourseBadResponse:
        """Build the error with the standard Spanish message."""
        return cls(messages.BAD_RESPONSE.format(detail=detail), status=status)


class DiscourseRejected(DiscourseError):
    """Discourse refused the request (4xx); sending it again will not help."""


class DiscourseNotAuthorized(DiscourseRejected):
    """The API key or username is wrong or lacks permission (401/403)."""


class DiscourseNotFound(DiscourseRejected):
    """The topic or post does not exist (404)."""
