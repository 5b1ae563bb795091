"""One e-mail at a time over the configured SMTP server (aiosmtplib), for messages to a single
person that are not part of a campaign: the code of ``/vincular``. Campaigns and invitations to
the whole directory go through the campaigns' pooled, rate-limited sender instead.

Nothing personal is logged: a failure logs the SMTP error without the address.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import aiosmtplib

from nucleo.settings import Settings

TIMEOUT = 20.0
log = logging.getLogger(__name__)


def build(settings: Settings, *, to: str, subject: str, text: str) -> EmailMessage:
    """A plain-text e-mail from the entity's address."""
    sender = str(settings.smtp_from)
    message = EmailMessage()
    message["From"] = formataddr((settings.entity_name, sender))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message.set_content(text)
    return message


async def send(settings: Settings, *, to: str, subject: str, text: str) -> bool:
    """Send one e-mail; False (and a log line without the address) when it could not be sent
    or no SMTP server is configured."""
    if not settings.mail_ready:
        log.warning("e-mail not sent: no SMTP server configured")
        return False
    message = build(settings, to=to, subject=subject, text=text)
    try:
        await aiosmtplib.send(
            message, hostname=settings.smtp_host, port=settings.smtp_port, timeout=TIMEOUT,
            start_tls=settings.smtp_tls == "starttls", use_tls=settings.smtp_tls == "tls",
            username=settings.smtp_user or None,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password
            else None)
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        log.warning("e-mail not sent: %s", type(exc).__name__)
        return False
    return True
