"""Translate inbound WhatsApp messages into dialogue-core inputs (no business rules here)."""

from __future__ import annotations

import hashlib
import re

from bot.core.types import WHATSAPP, Input, PersonRef
from bot.whatsapp.schemas import Message
from nucleo.text import normalize_key

MEDIA_KINDS = {"image": "photo", "sticker": "sticker", "audio": "voice", "video": "video",
               "document": "document", "location": "location", "contacts": "contact",
               "reaction": "reaction"}
# Opt-out by word (WhatsApp's own convention): the whole message, accents, case, punctuation
# and emoji aside, is one of these; it runs the bot's /baja. A sentence that merely contains
# «baja» is not an opt-out.
OPT_OUT = frozenset({"baja", "stop", "cancelar suscripcion", "cancelar la suscripcion",
                     "darme de baja", "dar de baja"})
UNSUBSCRIBE_COMMAND = "baja"
# Commands typed as words (on WhatsApp nobody types «/»): the whole message, read like the
# opt-out words, is one of these and runs the same command as «/<command>». The one place that
# maps words to commands; a sentence that contains the word stays a sentence.
WORD_COMMANDS: dict[str, str] = {
    "vincular": "vincular", "vincularme": "vincular", "menu": "menu", "ayuda": "ayuda",
    "misdatos": "misdatos", "mis datos": "misdatos", "olvidarme": "olvidarme",
    "cancelar": "cancelar", "alta": "alta", "encuesta": "encuesta",
    "valor": "valor", "valor de la semana": "valor", "sugerencia": "sugerencia",
    "sugerir": "sugerencia", "mis sugerencias": "missugerencias",
    "missugerencias": "missugerencias", "portal": "portal", "declarar": "declarar",
    "mis declaraciones": "misdeclaraciones", "misdeclaraciones": "misdeclaraciones",
    **dict.fromkeys(OPT_OUT, UNSUBSCRIBE_COMMAND),
}
_NOT_WORD = re.compile(r"[\W_]+")


def to_input(message: Message, name: str | None = None) -> Input | None:
    """The core input for a message; None for what needs no answer (a reaction, a system
    notice). Replays are recognised by the message id."""
    ref = PersonRef(WHATSAPP, message.from_, name)
    event: Input | None
    if message.type == "text" and message.text is not None:
        body = message.text.body
        command = word_command(body)
        event = (Input(ref=ref, kind="command", text=body, command=command) if command
                 else Input.from_text(ref, body))
    elif message.type == "interactive" and message.interactive is not None:
        tapped = message.interactive.button_reply or message.interactive.list_reply
        event = Input.button(ref, tapped.id) if tapped else Input.unsupported(ref, "other")
    elif message.type == "button" and message.button is not None and message.button.payload:
        event = Input.button(ref, message.button.payload)
    elif message.type in ("reaction", "system", "request_welcome"):
        event = None
    else:
        event = Input.unsupported(ref, MEDIA_KINDS.get(message.type, "other"))
    return event.once(delivery_key(message.id)) if event is not None else None


def is_opt_out(text: str) -> bool:
    """Whether a text is an opt-out word («BAJA», «Stop», «cancelar suscripción»...)."""
    return word_command(text) == UNSUBSCRIBE_COMMAND


def word_command(text: str) -> str | None:
    """The command a message typed as a word runs («Menú» → ``menu``, «BAJA» → ``baja``),
    or None for any other text."""
    if len(text) > 60:
        return None
    return WORD_COMMANDS.get(_NOT_WORD.sub(" ", normalize_key(text)).strip())


def delivery_key(message_id: str) -> str:
    """The processed-input key of a message (a digest: wamids are long and opaque)."""
    return "whatsapp:" + hashlib.sha256(message_id.encode()).hexdigest()[:48]
