"""The links that open the bot with a ``/start`` parameter, and the dependencia's QR poster's.

Every door into the bot with a parameter is built here: ``https://t.me/<bot>?start=<parameter>``
on Telegram and ``<public URL>/chat?<prefix>=<token>`` on the web chat, whose page turns it back
into ``/start <prefix><token>`` (the bot's ``StartRoute`` registry, ``bot/core/flow.py``, says
which prefixes it accepts): invitations (``v``), session check-ins (``a``), staff links (``t``,
Telegram only).

The dependencia's poster opens the bot with that dependencia preselected:

``https://t.me/<bot username>?start=<parameter>``, where the parameter is the dependencia's id
signed by the one signer (purpose ``bot.dependencia``) in Telegram's start-parameter form
(``Signer.sign_start``: at most 64 characters of ``[A-Za-z0-9_-]``). The bot reads it back with
``department_from_start``; a forged, expired or foreign parameter simply preselects nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def web_start_url(public_url: str, prefix: str, token: str) -> str:
    """The web chat's link that starts the chat with ``/start <prefix><token>``."""
    return f"{public_url.rstrip('/')}/chat?{prefix}={token}"


@dataclass(frozen=True)
class StartLinks:
    """The doors of one ``/start`` parameter: the bot on Telegram (with a bot username) and
    the web chat (with a public address), carrying the very same token."""

    telegram: str | None
    web: str | None


def start_links(prefix: str, token: str, *, username: str | None,
                public_url: str | None) -> StartLinks:
    """Both links of ``/start <prefix><token>``; a door without its setting is None."""
    return StartLinks(bot_start_url(username, prefix + token) if username else None,
                      web_start_url(public_url, prefix, token) if public_url else None)
