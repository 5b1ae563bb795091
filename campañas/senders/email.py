"""E-mail sender over real SMTP (aiosmtplib): one message per person, HTML with the image
inline (CID) plus a plain-text part, a List-Unsubscribe header and an unsubscribe link."""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from email.message import EmailMessage, MIMEPart
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

import aiosmtplib

from campañas import messages as msg
from campañas.audience import EMAIL
from campañas.captions import caption_email_html, caption_plain_text
from campañas.senders.base import Outcome, OutgoingDelivery
from campañas.states import Verdict
from nucleo.settings import Settings

if TYPE_CHECKING:
    from nucleo.directory.link import InvitationLinks

PERMANENT_BOUNCE = {550, 551, 553, 554}
INVITATION_MARK = "https://enlace-personal.invalid/"  # replaced by each person's own link
WEB_INVITATION_MARK = "https://enlace-web.invalid/"  # the same invitation, in the web chat
TIMEOUT = 20.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InlineImage:
    """A piece's image as a MIME part built once and attached to every e-mail of the piece
    (encoding it again for each person costs more than the rest of the message)."""

    cid: str
    part: MIMEPart

    @classmethod
    def of(cls, image: bytes, mime: str, filename: str, *, piece_id: int,
           domain: str) -> InlineImage:
        cid = make_msgid(idstring=f"pieza{piece_id}", domain=domain)
        maintype, subtype = mime.split("/", 1)
        part = MIMEPart()
        part.set_content(image, maintype=maintype, subtype=subtype, cid=cid, filename=filename)
        return cls(cid, part)


def build_message(delivery: OutgoingDelivery, *, sender: str, entity: str,
                  image: bytes | InlineImage | None,
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
    if isinstance(image, bytes):
        image = InlineImage.of(image, delivery.image_mime, Path(delivery.image_path).name,
                               piece_id=delivery.piece_id, domain=domain)
    cid = image.cid if image is not None else ""
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
    html_part = message.get_body(preferencelist=("html",))
    if not isinstance(html_part, MIMEPart):  # add_alternative above always adds it
        raise TypeError("the HTML alternative is missing")
    html_part.make_related()
    html_part.attach(image.part)
    return message


class Pacer:
    """At most ``rate`` starts per second, evenly spaced (no burst): each caller takes the
    next free slot, then waits for it."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0

    async def wait(self) -> None:
        now = self.clock()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await self.sleep(slot - now)


class EmailSender:
    """Sends over a pool of ``VALOR_EMAIL_CONCURRENCY`` SMTP connections kept open between
    messages, at most ``VALOR_EMAIL_RATE`` per second (unset: at the server's pace). A
    connection the server closed is opened again; one idle for ``probe_after`` seconds is
    checked with NOOP before it carries a message."""

    channel = EMAIL

    def __init__(self, settings: Settings, *, links: Callable[[int, int | None], str],
                 invitation: Callable[[int, int], InvitationLinks] | None = None,
                 connections: int | None = None, probe_after: float = 30.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        assert settings.smtp_host and settings.smtp_from
        self.settings = settings
        self.links = links  # (person id, unsubscribe nonce) -> the person's unsubscribe link
        self.invitation = invitation  # (person id, nonce) -> personal links, for the marks
        self.data_dir = Path(settings.data_dir)
        self.clock = clock
        self.probe_after = probe_after
        self.connections = connections or settings.email_concurrency
        self.pacer = Pacer(settings.email_rate, clock=clock, sleep=sleep) \
            if settings.email_rate else None
        self._pool: asyncio.Queue[tuple[aiosmtplib.SMTP | None, float]] = asyncio.Queue()
        for _ in range(self.connections):
            self._pool.put_nowait((None, 0.0))
        self._images: dict[str, InlineImage] = {}
        self._told = False  # the STARTTLS hint is logged once, not once per e-mail
        self.opened = 0  # connections opened so far (tests, benchmark)

    def _client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.smtp_host, port=s.smtp_port, timeout=TIMEOUT,
            start_tls=s.smtp_tls == "starttls", use_tls=s.smtp_tls == "tls",
            username=s.smtp_user or None,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
        )

    async def ready(self, delivery: OutgoingDelivery) -> None:
        """Wait for a slot of ``VALOR_EMAIL_RATE`` (none when unset)."""
        if self.pacer is not None:
            await self.pacer.wait()

    async def _usable(self, client: aiosmtplib.SMTP | None, idle_since: float) -> aiosmtplib.SMTP:
        """The pooled connection if it still works, else a new one."""
        if client is not None and client.is_connected and \
                self.clock() - idle_since >= self.probe_after:
            try:
                await client.noop()
            except (TimeoutError, aiosmtplib.SMTPException, OSError):
                client.close()
        if client is None or not client.is_connected:
            client = self._client()
            await client.connect()
            self.opened += 1
        return client

    async def send(self, delivery: OutgoingDelivery) -> Outcome:
        """Send one e-mail; 5xx for the recipient marks the address unreachable."""
        if not delivery.email:
            return Outcome(Verdict.FAILED, error=msg.NO_EMAIL_ADDRESS)
        if INVITATION_MARK in delivery.caption_html:
            # A directory invitation: the link is personal, signed for this person right now.
            if self.invitation is None or delivery.person_id is None \
                    or delivery.token_nonce is None:
                return Outcome(Verdict.FAILED, error=msg.INVITATION_NO_LINK)
            links = self.invitation(delivery.person_id, delivery.token_nonce)
            caption = delivery.caption_html.replace(INVITATION_MARK, html.escape(links.telegram))
            if WEB_INVITATION_MARK in caption:
                if links.web is None:
                    return Outcome(Verdict.FAILED, error=msg.INVITATION_NO_LINK)
                caption = caption.replace(WEB_INVITATION_MARK, html.escape(links.web))
            delivery = replace(delivery, caption_html=caption)
        relative = delivery.image_path
        if relative and relative not in self._images:
            data = await asyncio.to_thread((self.data_dir / relative).read_bytes)
            domain = str(self.settings.smtp_from).rsplit("@", 1)[-1]
            self._images[relative] = InlineImage.of(
                data, delivery.image_mime, Path(relative).name, piece_id=delivery.piece_id,
                domain=domain)
        link = self.links(delivery.person_id, delivery.unsubscribe_nonce) \
            if delivery.person_id is not None else None
        message = build_message(delivery, sender=str(self.settings.smtp_from),
                                entity=self.settings.entity_name,
                                image=self._images.get(relative), unsubscribe_link=link)
        client, idle_since = await self._pool.get()
        try:
            client = await self._usable(client, idle_since)
            await client.send_message(message)
            return Outcome(Verdict.SENT)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            permanent = any(c in PERMANENT_BOUNCE for c in codes)
            return Outcome(Verdict.BLOCKED if permanent else Verdict.RETRY, error=str(exc)[:300])
        except aiosmtplib.SMTPResponseException as exc:
            verdict = Verdict.FAILED if exc.code >= 500 else Verdict.RETRY
            return Outcome(verdict, error=f"SMTP {exc.code}: {exc.message}"[:300])
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
            if client is not None:
                client.close()
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
            self._pool.put_nowait((client, self.clock()))

    async def close(self) -> None:
        """Quit every open connection."""
        while not self._pool.empty():
            client, _ = self._pool.get_nowait()
            if client is not None and client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()
