"""E-mail sender over real SMTP (aiosmtplib): one message per person, HTML with the image
inline (CID) plus a plain-text part, a List-Unsubscribe header and an unsubscribe link."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import aiosmtplib

from campañas import messages as msg
from campañas.audience import EMAIL
from campañas.captions import caption_email_html, caption_plain_text
from campañas.senders.base import Outcome, OutgoingDelivery
from campañas.states import Verdict
from nucleo.settings import Settings

PERMANENT_BOUNCE = {550, 551, 553, 554}
TIMEOUT = 20.0
log = logging.getLogger(__name__)


def build_message(delivery: OutgoingDelivery, *, sender: str, entity: str, image: bytes | None,
                  unsubscribe_link: str | None) -> EmailMessage:
    """The e-mail for one person (or a staff test when ``unsubscribe_link`` is None); a
    text-only piece (``image`` None) has no inline image."""
    domain = sender.rsplit("@", 1)[-1]
    message = EmailMessage()
    message["From"] = formataddr((entity, sender))
    message["To"] = formataddr((delivery.full_name or "", delivery.email or ""))
    subject = msg.EMAIL_SUBJECT.format(value=delivery.value_name) if delivery.image_path else \
        msg.EMAIL_SUBJECT_TEXT
    message["Subject"] = (msg.CAPTION_PREFIX_TEST if delivery.test else "") + subject
    if delivery.delivery_id is not None:
        message["Message-ID"] = f"<entrega-{delivery.delivery_id}@{domain}>"
    else:
        message["Message-ID"] = make_msgid(domain=domain)
    if unsubscribe_link:
        message["List-Unsubscribe"] = f"<{unsubscribe_link}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    first = (delivery.full_name or "").split(" ")[0]
    greeting = msg.EMAIL_GREETING.format(name=f" {first}" if first else "")
    footer = msg.EMAIL_FOOTER.format(entity=entity)
    plain = [greeting, "", caption_plain_text(delivery.caption_html), "", footer]
    if unsubscribe_link:
        plain += ["", msg.EMAIL_UNSUBSCRIBE.format(url=unsubscribe_link)]
    message.set_content("\n".join(plain))
    cid = make_msgid(idstring=f"pieza{delivery.piece_id}", domain=domain)
    body = caption_email_html(delivery.caption_html)
    link = (f'<p style="font-size:12px;color:#666"><a href="{html.escape(unsubscribe_link)}">'
            f"{html.escape(msg.EMAIL_UNSUBSCRIBE_LINK)}</a></p>") if unsubscribe_link else ""
    picture = (f'<p><img src="cid:{cid[1:-1]}" alt="{html.escape(delivery.value_name)}" '
               f'width="540" style="max-width:100%;height:auto"></p>') if image else ""
    page = (f'<!DOCTYPE html><html lang="es"><body style="font-family:Arial,sans-serif">'
            f"<p>{html.escape(greeting)}</p>{picture}"
            f"<div>{body}</div><p style=\"color:#444\">{html.escape(footer)}</p>{link}"
            f"</body></html>")
    message.add_alternative(page, subtype="html")
    if image is None:
        return message
    maintype, subtype = delivery.image_mime.split("/", 1)
    message.get_payload()[1].add_related(image, maintype=maintype, subtype=subtype, cid=cid,
                                         filename=Path(delivery.image_path).name)
    return message


class EmailSender:
    """Sends over a small pool of SMTP connections, reconnecting when one drops."""

    channel = EMAIL

    def __init__(self, settings: Settings, *, links: Callable[[int], str],
                 connections: int = 4) -> None:
        assert settings.smtp_host and settings.smtp_from
        self.settings = settings
        self.links = links
        self.data_dir = Path(settings.data_dir)
        self._pool: asyncio.Queue[aiosmtplib.SMTP | None] = asyncio.Queue()
        for _ in range(connections):
            self._pool.put_nowait(None)
        self._images: dict[str, bytes] = {}
        self._told = False  # the STARTTLS hint is logged once, not once per e-mail

    def _client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.smtp_host, port=s.smtp_port, timeout=TIMEOUT,
            start_tls=s.smtp_tls == "starttls", use_tls=s.smtp_tls == "tls",
            username=s.smtp_user or None,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
        )

    async def ready(self, delivery: OutgoingDelivery) -> None:
        """E-mail has no rate limit here; the connection pool bounds concurrency."""

    async def send(self, delivery: OutgoingDelivery) -> Outcome:
        """Send one e-mail; 5xx for the recipient marks the address unreachable."""
        if not delivery.email:
            return Outcome(Verdict.FAILED, error=msg.NO_EMAIL_ADDRESS)
        relative = delivery.image_path
        if relative and relative not in self._images:
            self._images[relative] = await asyncio.to_thread((self.data_dir / relative).read_bytes)
        link = self.links(delivery.person_id) if delivery.person_id is not None else None
        message = build_message(delivery, sender=str(self.settings.smtp_from),
                                entity=self.settings.entity_name,
                                image=self._images.get(relative), unsubscribe_link=link)
        client = await self._pool.get()
        try:
            if client is None or not client.is_connected:
                client = self._client()
                await client.connect()
            await client.send_message(message)
            return Outcome(Verdict.SENT)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            permanent = any(c in PERMANENT_BOUNCE for c in codes)
            return Outcome(Verdict.BLOCKED if permanent else Verdict.RETRY, error=str(exc)[:300])
        except aiosmtplib.SMTPResponseException as exc:
            verdict = Verdict.FAILED if exc.code >= 500 else Verdict.RETRY
            return Outcome(verdict, error=f"SMTP {exc.code}: {exc.message}"[:300])
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as exc:
            client = None
            if "STARTTLS" in str(exc):  # the server speaks plain SMTP: a setting to change
                error = msg.SMTP_NO_STARTTLS.format(host=self.settings.smtp_host,
                                                    port=self.settings.smtp_port)
                if not self._told:
                    log.error(error)
                    self._told = True
                return Outcome(Verdict.RETRY, error=error)
            return Outcome(Verdict.RETRY, error=f"{type(exc).__name__}: {exc}"[:300])
        finally:
            self._pool.put_nowait(client)

    async def close(self) -> None:
        """Quit every open connection."""
        while not self._pool.empty():
            client = self._pool.get_nowait()
            if client is not None and client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()
