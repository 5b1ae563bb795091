"""The webhook payloads Meta sends (``object: whatsapp_business_account``), as pydantic models.

Only what the channel reads is declared; unknown fields are ignored, so a new field from Meta
never breaks the webhook. Sizes are bounded: a notification carries at most a few messages.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_ITEMS = 100


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Profile(_Model):
    name: str | None = Field(default=None, max_length=200)


class Contact(_Model):
    wa_id: str = Field(max_length=32)
    profile: Profile | None = None


class Text(_Model):
    body: str = Field(max_length=20_000)


class Reply(_Model):
    id: str = Field(max_length=256)
    title: str | None = Field(default=None, max_length=100)


class Interactive(_Model):
    type: str = Field(max_length=40)
    button_reply: Reply | None = None
    list_reply: Reply | None = None


class QuickReply(_Model):
    """A tap on a template's quick-reply button."""

    payload: str | None = Field(default=None, max_length=256)
    text: str | None = Field(default=None, max_length=256)


class System(_Model):
    """A notice from WhatsApp itself (no ``contacts`` array comes with it): ``user_changed_number``
    (``from`` is the old number, ``wa_id`` the new one), ``user_changed_user_id`` (only the
    business-scoped user id changed) or, in older versions, ``customer_identity_changed``."""

    type: str | None = Field(default=None, max_length=60)
    body: str | None = Field(default=None, max_length=1000)
    wa_id: Any = None  # read by ``new_number``: never a reason to refuse the notification
    new_wa_id: Any = None  # before v12.0

    def new_number(self) -> str | None:
        """The new WhatsApp id of a ``user_changed_number``, when it is one (digits)."""
        for value in (self.wa_id, self.new_wa_id):
            text = str(value) if isinstance(value, (str, int)) and not isinstance(
                value, bool) else ""
            if text.isascii() and text.isdigit() and 6 <= len(text) <= 20:
                return text
        return None


class Message(_Model):
    """One inbound message: text, a button or list tap, or media the bot does not read."""

    id: str = Field(min_length=1, max_length=200)
    from_: str = Field(alias="from", min_length=1, max_length=32, pattern=r"^[0-9]+$")
    timestamp: str | None = Field(default=None, max_length=20)
    type: str = Field(max_length=40)
    text: Text | None = None
    interactive: Interactive | None = None
    button: QuickReply | None = None
    system: System | None = None


class ErrorInfo(_Model):
    code: int | None = None
    title: str | None = Field(default=None, max_length=500)


class Status(_Model):
    """A delivery status of a message the service sent (sent, delivered, read, failed)."""

    id: str = Field(max_length=200)
    status: str = Field(max_length=40)
    timestamp: str | None = Field(default=None, max_length=20)
    recipient_id: str | None = Field(default=None, max_length=32)
    errors: list[ErrorInfo] = Field(default_factory=list, max_length=MAX_ITEMS)
    # what the send said in ``biz_opaque_callback_data``: ``UNTRACKED`` for the chat's replies
    biz_opaque_callback_data: str | None = Field(default=None, max_length=512)


class Metadata(_Model):
    phone_number_id: str = Field(max_length=40)
    display_phone_number: str | None = Field(default=None, max_length=40)


class Value(_Model):
    messaging_product: Literal["whatsapp"]
    metadata: Metadata
    contacts: list[Contact] = Field(default_factory=list, max_length=MAX_ITEMS)
    messages: list[Message] = Field(default_factory=list, max_length=MAX_ITEMS)
    statuses: list[Status] = Field(default_factory=list, max_length=MAX_ITEMS)
    errors: list[ErrorInfo] = Field(default_factory=list, max_length=MAX_ITEMS)


class Change(_Model):
    field: str = Field(max_length=60)
    value: dict[str, Any]


class Entry(_Model):
    id: str = Field(max_length=40)
    changes: list[Change] = Field(max_length=MAX_ITEMS)


class Notification(_Model):
    """The envelope of every webhook call."""

    object: Literal["whatsapp_business_account"]
    entry: list[Entry] = Field(min_length=1, max_length=MAX_ITEMS)

    def values(self) -> list[Value]:
        """The ``messages`` changes (other fields, like template status updates, are skipped)."""
        return [Value.model_validate(change.value) for entry in self.entry
                for change in entry.changes if change.field == "messages"]
