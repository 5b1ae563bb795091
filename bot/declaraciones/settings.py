"""Settings of the declarations' daily reminders (environment, prefix ``VALOR_DECLARACIONES_``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DeclarationSettings(BaseSettings):
    """When the daily reminders go (``component.DeclarationReminders``): from
    ``reminder_hour`` (local time; the job runs until 20:00, so 20 at the latest) and for the
    decisions due within ``reminder_business_days`` business days (0: only those due today or
    overdue); ``draft_days``: how long a declaration or recusal left halfway in the chat can be
    resumed before it is forgotten without a trace (``drafts.expire_drafts``);
    ``digest_email``: the keepers' digest goes by e-mail to the keepers without a Telegram chat
    (``sin_chat``) or to all of them (``todos``), see ``keepers``."""

    model_config = SettingsConfigDict(env_prefix="VALOR_DECLARACIONES_", extra="ignore",
                                      env_ignore_empty=True)

    reminder_hour: int = Field(default=8, ge=0, le=20)
    reminder_business_days: int = Field(default=2, ge=0, le=10)
    draft_days: int = Field(default=2, ge=1, le=30)
    digest_email: Literal["sin_chat", "todos"] = "sin_chat"
