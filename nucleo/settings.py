"""Settings shared by the whole service, read from the environment (prefix ``VALOR_``)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AnyHttpUrl,
    EmailStr,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from nucleo import messages

DEFAULT_DATA_DIR = Path("data")
MAX_REMINDER_DAYS = 366  # every year: no more than once per (yearly) window
class Settings(BaseSettings):
    """Every knob of the service. Secrets come only from the environment."""

    model_config = SettingsConfigDict(env_prefix="VALOR_", extra="ignore", env_ignore_empty=True)

    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str = ""
    entity_name: str = "Alcaldía Municipal"
    data_protection_contact: str | None = Field(default=None, max_length=300)
    public_url: AnyHttpUrl | None = None
    secret_key: SecretStr = Field(default_factory=lambda: SecretStr(secrets.token_urlsafe(32)),
                                  min_length=32)
    # Keys that signed tokens before a rotation: still accepted, never used to sign.
    previous_secret_keys: SecretStr = SecretStr("")
    token_minutes: int = Field(default=480, ge=5, le=60 * 24 * 7)

    telegram_token: SecretStr | None = None
    telegram_base_url: AnyHttpUrl | None = None
    telegram_webhook_url: AnyHttpUrl | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_rate: float = Field(default=30.0, gt=0, le=1000)
    # Pace each chat (3 messages in any 3 s to a person, 20/min to a group); off only against a
    # test double or a server without per-chat limits (a 429 still pauses its chat).
    telegram_chat_pacing: bool = True
    # The automatic reminders of the asset and preventive declarations (campañas/asset_reminders.py):
    # queued on start, every hour of the working day and for each joiner while a window is open.
    asset_reminders: bool = True
    # Days between two reminders to someone still pending (a new round while the window is open).
    asset_reminder_every_days: int = Field(default=14, ge=1, le=MAX_REMINDER_DAYS, json_schema_extra={
        "problem": messages.SETTINGS_REMINDER_DAYS.format(limit=MAX_REMINDER_DAYS)})
    # The last reminder: from this many days before the deadline (or the window's last day) ...
    asset_reminder_final_days: int = Field(default=3, ge=0, le=MAX_REMINDER_DAYS, json_schema_extra={
        "problem": messages.SETTINGS_REMINDER_FINAL_DAYS.format(limit=MAX_REMINDER_DAYS)})
    # ... to whoever was not reminded in the last this many days (at most every_days).
    asset_reminder_final_gap: int = Field(default=7, ge=1, le=MAX_REMINDER_DAYS, json_schema_extra={
        "problem": messages.SETTINGS_REMINDER_FINAL_GAP.format(limit=MAX_REMINDER_DAYS)})
    # Seconds added to the 1-s window the limiter counts L sends in (rate L / (1 + margin)):
    # room for the varying time a send takes to reach Telegram (see nucleo/ratelimit.py).
    telegram_margin: float = Field(default=0.03, ge=0, le=1)
    telegram_bot_username: str | None = Field(default=None, pattern=r"^@?[A-Za-z][A-Za-z0-9_]{3,31}$")
    """The bot's @username, for links that open it (``https://t.me/<username>?start=...``)."""

    discourse_url: AnyHttpUrl | None = None
    discourse_api_key: SecretStr | None = None
    discourse_api_username: str = "system"
    discourse_webhook_secret: SecretStr | None = None
    discourse_category_id: int | None = None

    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: EmailStr | None = None
    smtp_tls: Literal["starttls", "tls", "ninguno"] = "starttls"
    """starttls: plain connection upgraded (port 587); tls: TLS from the start (port 465);
    ninguno: no encryption, only for a relay on the same machine or network."""
    email_rate: float | None = Field(default=None, gt=0, le=10_000)
    """Most emails per second (unset: as fast as the server takes them)."""
    email_concurrency: int = Field(default=4, ge=1, le=64)
    """SMTP connections kept open and sending at once."""

    metrics_token: SecretStr | None = Field(default=None, min_length=16)
    """Bearer token for /metrics (unset: /metrics answers 404)."""

    admin_email: EmailStr | None = None
    admin_password: SecretStr | None = Field(default=None, min_length=10)

    timezone: str = "America/Bogota"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    trusted_proxies: str = "127.0.0.1"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(messages.SETTINGS_TIMEZONE.format(value=value)) from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return value
        for prefix, driver in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if value.startswith(prefix):
                value = driver + value[len(prefix):]
                break
        if not value.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise ValueError(messages.SETTINGS_DB_SCHEME)
        try:
            make_url(value)
        except (ArgumentError, ValueError):
            raise ValueError(messages.SETTINGS_DB_MALFORMED) from None
        return value

    @model_validator(mode="after")
    def _complete_smtp(self) -> Settings:
        """An SMTP configuration that could never send is refused at start."""
        if self.smtp_host and not self.smtp_from:
            raise ValueError(messages.SETTINGS_SMTP_NO_FROM)
        if self.smtp_from and not self.smtp_host:
            raise ValueError(messages.SETTINGS_SMTP_NO_HOST)
        if bool(self.smtp_user) != bool(self.smtp_password):
            raise ValueError(messages.SETTINGS_SMTP_LOGIN)
        return self

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file under the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'valor.db').as_posix()}"

    @property
    def previous_secrets(self) -> list[str]:
        """``VALOR_PREVIOUS_SECRET_KEYS`` split at commas, newest first."""
        raw = self.previous_secret_keys.get_secret_value()
        return [key.strip() for key in raw.split(",") if key.strip()]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_token is not None and bool(self.telegram_token.get_secret_value())

    @property
    def discourse_enabled(self) -> bool:
        return self.discourse_url is not None

    @property
    def smtp_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def mail_ready(self) -> bool:
        """An e-mail can go: a server and a sender address are both set."""
        return self.smtp_enabled and bool(self.smtp_from)


class SettingsError(Exception):
    """Settings that cannot be used; the message is one Spanish line naming the setting."""


S = TypeVar("S", bound=BaseSettings)


def _own_problem(model: type[BaseSettings], loc: tuple[int | str, ...]) -> str | None:
    """A field's own line for any of its problems (``json_schema_extra={"problem": …}``): what
    the variable must be and what it is for, instead of the generic «es demasiado grande»."""
    field = model.model_fields.get(str(loc[0])) if loc else None
    extra = field.json_schema_extra if field is not None else None
    return str(extra["problem"]) if isinstance(extra, dict) and "problem" in extra else None


def read_settings(model: type[S], **overrides: Any) -> S:
    """Read one settings class from the environment, turning validation errors into one clear
    Spanish line that names each variable (with the class's own prefix)."""
    try:
        return model(**overrides)
    except ValidationError as exc:
        prefix = str(model.model_config.get("env_prefix") or "")
        problems = []
        for error in exc.errors():
            name = prefix + "_".join(str(part) for part in error["loc"]).upper()
            problem = messages.FIELD_PROBLEMS.get(error["type"], messages.FIELD_PROBLEM_DEFAULT)
            if error["type"] == "value_error":
                problem = str(error.get("ctx", {}).get("error", problem))
            problem = _own_problem(model, error["loc"]) or problem
            # a check across several variables (no location) names them itself
            problems.append(f"{name} {problem}" if error["loc"] else problem)
        raise SettingsError(messages.SETTINGS_INVALID.format(problems="; ".join(problems))) from None


def load_settings(**overrides: Any) -> Settings:
    """Read the service's settings, turning validation errors into one clear line."""
    return read_settings(Settings, **overrides)


def check_feature_settings() -> None:
    """Read every feature's own settings class (``registry.SETTINGS_CLASSES``) once, so a bad
    ``VALOR_<FEATURE>_*`` variable stops the service at start with one clear line."""
    from nucleo.registry import settings_classes

    for model in settings_classes():
        read_settings(model)
