"""The declarant's constancia (the art. 12 written declaration, ``pdf.constancia``) from the
chat (#18).

The dialogue core's replies carry text and images only, so the chat hands out a signed link
(purpose ``declaraciones.constancia``, 7 days) that a small public route (``web/constancia.py``)
checks: its page shows no personal data (a chat app's link preview may open it) and its button
downloads the PDF once. The token names the declaration, its declarant and the declaration's
``constancia_nonce``; a download bumps the nonce, so the link (and any other handed out before)
stops working. A token for one declaration never opens another, and a declaration whose person
left (``person_id`` emptied) opens for nobody.

Where the link works: with ``VALOR_PUBLIC_URL`` an absolute link in every channel; without it,
a path in the web chat (served by the same host) and, in Telegram and WhatsApp, the words that
say how to get it instead of a link that would not open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.flow import DECLARATION_FLOW
from bot.core.types import WEB
from bot.declaraciones import messages
from bot.declaraciones.models import Declaration
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import ExpiredToken, InvalidToken
from nucleo.ports import Button
from nucleo.settings import Settings
from nucleo.signing import Signer, lifetime

PURPOSE = "declaraciones.constancia"
PATH = "/declaraciones/constancia/"
DAYS = lifetime(PURPOSE).days
AUDIT = "declaraciones.constancia.enlace"  # written as a literal below: the words' test reads it


class UsedLink(InvalidToken):
    """A link whose download already happened (or that a newer download made stale)."""

    code = "enlace_usado"


def token(signer: Signer, declaration: Declaration) -> str:
    """A token for this declaration's declarant and its current nonce."""
    return signer.sign(PURPOSE, [declaration.id, declaration.person_id or 0,
                                 declaration.constancia_nonce or 0])


def url(settings: Settings, signer: Signer, declaration: Declaration, channel: str) -> str | None:
    """The link as the person opens it from ``channel``: absolute with a public address, a path
    in the web chat, None where a path would not open (Telegram, WhatsApp)."""
    base = str(settings.public_url).rstrip("/") if settings.public_url else ""
    if not base and channel != WEB:
        return None
    return f"{base}{PATH}{token(signer, declaration)}"


def offer(settings: Settings, signer: Signer, declaration: Declaration, channel: str) -> str:
    """The words of a chat reply that hand the constancia out: the link, or how to get it."""
    link = url(settings, signer, declaration, channel)
    head = messages.CONSTANCIA_HEADS.get(declaration.kind, messages.CONSTANCIA_HEADS["impedimento"])
    if link is None:
        return messages.CONSTANCIA_NO_LINK.format(head=head, radicado=declaration.radicado)
    return messages.CONSTANCIA_LINK.format(head=head, url=messages.escape(link),
                                           radicado=declaration.radicado, days=DAYS)


def button(declaration: Declaration) -> Button:
    """«📄 Constancia DI-…»: the chat answers with ``offer`` in the channel it is tapped in."""
    return Button(messages.CONSTANCIA_BUTTON.format(radicado=declaration.radicado),
                  f"{DECLARATION_FLOW}:constancia:{declaration.id}")


@dataclass(frozen=True)
class Claim:
    """What a valid token names."""

    declaration_id: int
    person_id: int
    nonce: int


def _claim(signer: Signer, value: str) -> Claim:
    try:
        data = signer.unsign(PURPOSE, value)
    except ExpiredToken:
        raise ExpiredToken(messages.CONSTANCIA_EXPIRED) from None
    except InvalidToken:
        raise InvalidToken(messages.CONSTANCIA_INVALID) from None
    if (not isinstance(data, list) or len(data) != 3
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in data)):
        raise InvalidToken(messages.CONSTANCIA_INVALID)
    return Claim(*data)


async def read(session: AsyncSession, signer: Signer, value: str) -> Declaration:
    """The declaration a live link names (nothing recorded: the page shows no personal data);
    InvalidToken, ExpiredToken or UsedLink with the Spanish words to show."""
    claim = _claim(signer, value)
    declaration = await session.get(Declaration, claim.declaration_id)
    if (declaration is None or declaration.person_id is None
            or declaration.person_id != claim.person_id):
        raise InvalidToken(messages.CONSTANCIA_INVALID)
    if (declaration.constancia_nonce or 0) != claim.nonce:
        raise UsedLink(messages.CONSTANCIA_USED)
    return declaration


async def redeem(session: AsyncSession, signer: Signer, value: str) -> Declaration:
    """Use the link up and audit the download (no actor: the declarant, through the link);
    the caller has built the PDF already (a failed build leaves the link unused) and returns
    it once this committed. A second download, at once or later, is
    UsedLink: the nonce moves only if it is still the token's (one UPDATE decides)."""
    declaration = await read(session, signer, value)
    claim = _claim(signer, value)
    moved = await session.execute(
        update(Declaration).where(Declaration.id == declaration.id,
                                  Declaration.constancia_nonce == claim.nonce)
        .values(constancia_nonce=claim.nonce + 1)
        .execution_options(synchronize_session=False))
    if getattr(moved, "rowcount", 0) != 1:
        await session.rollback()
        raise UsedLink(messages.CONSTANCIA_USED)
    audit.record(session, None, "declaraciones.constancia.enlace", target_type="declaracion", target_id=declaration.id,
                 details={"radicado": declaration.radicado, "via": "chat"})
    await commit(session)
    await session.refresh(declaration)
    return declaration
