"""What a WhatsApp Cloud API error means for one campaign delivery.

Meta's error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) come
back either in the Graph error envelope of ``POST /messages`` (synchronous) or in a ``failed``
status webhook (asynchronous); both go through :func:`outcome_for`. Four things can happen:

- ``retry``: try this delivery again later (throughput, pair limit, temporary outage), after
  ``retry_after`` seconds; it keeps its row, nothing is sent twice;
- ``failed``: this person cannot get this piece (not on WhatsApp, re-engagement needed, a
  number in an experiment...); the row fails with the reason, the campaign goes on;
- ``blocked``: the person stopped these messages (marketing opt-out); like a Telegram block;
- ``pause``: nobody will get it until HR acts (template paused, disabled or wrong, spam limit,
  policy block, credentials); the campaign pauses with the reason and this delivery is given
  back untouched so a resume sends it once.

Codes not listed fall back on the HTTP status: 429 retry, 5xx retry, 401/403 pause, other 4xx
fail. The module stands alone (no ``bot`` import): campaigns and the bot share only codes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from campañas import messages as msg


class Action(enum.StrEnum):
    RETRY = "retry"
    FAILED = "failed"
    BLOCKED = "blocked"
    PAUSE = "pause"


@dataclass(frozen=True)
class WhatsAppOutcome:
    """The mapping of one error: what to do, how long to wait (retry), a Spanish reason and
    whether it is the business number's throughput (``throttle``: every send waits, not only
    this delivery)."""

    action: Action
    reason: str
    retry_after: float | None = None
    code: int | None = None
    throttle: bool = False


RATE_LIMIT_WAIT = 1.0         # 130429 / 80007 / 4: the number's or the app's throughput
PAIR_LIMIT_WAIT = 60.0        # 131056: too many messages to this one person
TEMPORARY_WAIT = 30.0         # 1, 2, 131000, 131016, 133004, 131057: Meta's side


@dataclass(frozen=True)
class _Rule:
    action: Action
    reason: str
    wait: float | None = None
    throttle: bool = False


_RULES: dict[int, _Rule] = {}


def _add(codes: tuple[int, ...], action: Action, reason: str, wait: float | None = None, *,
         throttle: bool = False) -> None:
    for code in codes:
        _RULES[code] = _Rule(action, reason, wait, throttle)


# throughput: the whole number waits, then retries at the limiter's pace
_add((4, 80007, 130429), Action.RETRY, msg.WA_RATE_LIMIT, RATE_LIMIT_WAIT, throttle=True)
_add((131056,), Action.RETRY, msg.WA_PAIR_LIMIT, PAIR_LIMIT_WAIT)
# Meta's side, temporarily
_add((1, 2, 131000, 131016, 131057, 133004), Action.RETRY, msg.WA_TEMPORARY, TEMPORARY_WAIT)
# this person, permanently for this piece
_add((131047, 470), Action.FAILED, msg.WA_REENGAGEMENT)
_add((131026,), Action.FAILED, msg.WA_UNDELIVERABLE)
_add((131049,), Action.FAILED, msg.WA_ECOSYSTEM)
_add((130472,), Action.FAILED, msg.WA_EXPERIMENT)
_add((131021,), Action.FAILED, msg.WA_SELF)
_add((130497,), Action.FAILED, msg.WA_COUNTRY)
_add((131053, 131051), Action.FAILED, msg.WA_MEDIA_OR_TYPE)
# the person said no to these messages
_add((131050,), Action.BLOCKED, msg.WA_OPTED_OUT)
# everybody: pause the campaign until HR acts
_add((131048,), Action.PAUSE, msg.WA_SPAM_LIMIT)
_add((368,), Action.PAUSE, msg.WA_POLICY_BLOCK)
_add((132015,), Action.PAUSE, msg.WA_TEMPLATE_PAUSED)
_add((132016,), Action.PAUSE, msg.WA_TEMPLATE_DISABLED)
_add((132001,), Action.PAUSE, msg.WA_TEMPLATE_MISSING)
_add((132000, 132005, 132007, 132012, 100, 131008, 131009), Action.PAUSE,
     msg.WA_TEMPLATE_PARAMETERS)
_add((0, 3, 10, 190), Action.PAUSE, msg.WA_CREDENTIALS)
_add((131031, 131042, 131037, 133010, 131045), Action.PAUSE, msg.WA_ACCOUNT)


def outcome_for(code: int | None, *, status: int | None = None,
                template: str | None = None) -> WhatsAppOutcome:
    """The outcome of a Cloud API error ``code`` (the HTTP ``status`` when the code is unknown
    or missing; ``None`` for both: a network failure, retried). ``template`` names the
    campaign's template in the reasons that concern it; Meta's error details are never read
    (they may carry the number), only the code."""
    rule = _RULES.get(code) if isinstance(code, int) and not isinstance(code, bool) else None
    if rule is None:
        if status is None or status == 429 or status >= 500:
            rule = _Rule(Action.RETRY, msg.WA_TEMPORARY, TEMPORARY_WAIT)
        elif status in (401, 403):
            rule = _Rule(Action.PAUSE, msg.WA_CREDENTIALS)
        else:
            rule = _Rule(Action.FAILED, msg.WA_OTHER)
    code_text = "—" if code is None else str(code)
    reason = rule.reason.format(code=code_text, template=template or "—")[:300]
    return WhatsAppOutcome(rule.action, reason, rule.wait, code, rule.throttle)


def known_codes() -> frozenset[int]:
    """Every code with its own rule (for the docs and tests)."""
    return frozenset(_RULES)
