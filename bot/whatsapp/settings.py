"""Settings of the WhatsApp channel (environment, prefix ``VALOR_WHATSAPP_``).

The four secrets come only from the environment. With none of them set the channel is off and
nothing of the service changes; with some but not all, the service stops with one clear line.
"""

from __future__ import annotations

from pydantic import AnyHttpUrl, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.whatsapp import messages
from nucleo.ports import TEMPLATE_LANGUAGE
from nucleo.ratelimit import WHATSAPP_DEFAULT_RATE
from nucleo.services import Key, Services
from nucleo.settings import read_settings

PREFIX = "VALOR_WHATSAPP_"
WHATSAPP_SETTINGS: Key[WhatsAppSettings] = Key("whatsapp_settings")  # read once per service


class WhatsAppSettings(BaseSettings):
    """Cloud API credentials, the Graph API address and version, the HTTP timeout and the
    optional notice template."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", env_ignore_empty=True)

    token: SecretStr | None = None
    phone_number_id: str | None = Field(default=None, pattern=r"^[0-9]{1,30}$")
    app_secret: SecretStr | None = None
    verify_token: SecretStr | None = None
    base_url: AnyHttpUrl = AnyHttpUrl("https://graph.facebook.com")
    api_version: str = Field(default="v21.0", pattern=r"^v[0-9]{1,3}\.[0-9]{1,2}$")
    timeout: float = Field(default=10.0, gt=0, le=120)
    # messages per second the business number may send (Meta: 80 by default, up to 1,000)
    rate: float = Field(default=WHATSAPP_DEFAULT_RATE, gt=0, le=1000)
    # an approved template with one body parameter, for notices outside the 24-hour window
    notice_template: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,512}$")
    notice_template_language: str = Field(default=TEMPLATE_LANGUAGE, pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")
    # an approved template with two body parameters (the declaration, its deadline) for the
    # automatic declaration reminders (campañas/reminder_whatsapp.py); unset: not on WhatsApp
    reminder_template: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,512}$")
    reminder_template_language: str = Field(default=TEMPLATE_LANGUAGE, pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")
    # the WhatsApp Business account (WABA) id: template names HR saves are checked against it
    business_account_id: str | None = Field(default=None, pattern=r"^[0-9]{1,30}$")

    @model_validator(mode="after")
    def _all_or_none(self) -> WhatsAppSettings:
        values = {"TOKEN": self.token, "PHONE_NUMBER_ID": self.phone_number_id,
                  "APP_SECRET": self.app_secret, "VERIFY_TOKEN": self.verify_token}
        missing = [PREFIX + name for name, value in values.items() if not _present(value)]
        if missing and len(missing) < len(values):
            raise ValueError(messages.SETTINGS_INCOMPLETE.format(missing=", ".join(missing)))
        return self

    @property
    def enabled(self) -> bool:
        return _present(self.token)

    @property
    def api_root(self) -> str:
        return f"{str(self.base_url).rstrip('/')}/{self.api_version}"


def _present(value: SecretStr | str | None) -> bool:
    if isinstance(value, SecretStr):
        return bool(value.get_secret_value())
    return bool(value)


def whatsapp_settings(services: Services) -> WhatsAppSettings:
    """The service's WhatsApp settings: read from the environment once (tests may provide
    their own under ``WHATSAPP_SETTINGS``)."""
    return services.setdefault(WHATSAPP_SETTINGS, lambda: read_settings(WhatsAppSettings))

