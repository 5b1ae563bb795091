"""The link of a dependencia's QR poster: it opens the bot with that dependencia preselected.

``https://t.me/<bot username>?start=<parameter>``, where the parameter is the dependencia's id
signed by the one signer (purpose ``bot.dependencia``) in Telegram's start-parameter form
(``Signer.sign_start``: at most 64 characters of ``[A-Za-z0-9_-]``). The bot reads it back with
``department_from_start``; a forged, expired or foreign parameter simply preselects nothing.
"""

from __future__ import annotations

from nucleo.errors import InvalidToken
from nucleo.signing import Signer

PURPOSE = "bot.dependencia"


def department_start(signer: Signer, department_id: int) -> str:
    """The signed start parameter for this dependencia."""
    return signer.sign_start(PURPOSE, int(department_id))


def department_from_start(signer: Signer, parameter: str) -> int | None:
    """The dependencia a start parameter names, or None when it is not a valid one."""
    try:
        value = signer.unsign_start(PURPOSE, parameter)
    except InvalidToken:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else None


def bot_start_url(username: str, parameter: str) -> str:
    """The t.me link that opens the bot and sends ``/start <parameter>``."""
    return f"https://t.me/{username.lstrip('@')}?start={parameter}"
