"""Public addresses of the forum's pages (stable even when the topic lives in Discourse)."""

from __future__ import annotations

from nucleo.settings import Settings

PORTAL_PREFIX = "/portal"


def base_url(settings: Settings) -> str:
    """The service's public address without the trailing slash ("" when unknown)."""
    return str(settings.public_url).rstrip("/") if settings.public_url else ""


def suggestion_path(suggestion_id: int) -> str:
    """The portal page of a suggestion (it sends people on to Discourse once the topic exists)."""
    return f"{PORTAL_PREFIX}/sugerencias/{int(suggestion_id)}"


def suggestion_url(settings: Settings, suggestion_id: int) -> str | None:
    """Absolute link to a suggestion for chat messages; None without ``VALOR_PUBLIC_URL``."""
    base = base_url(settings)
    return f"{base}{suggestion_path(suggestion_id)}" if base else None


def external_id(ref: str) -> str:
    """The Discourse ``external_id`` of a suggestion's topic."""
    return f"vsy-{ref}"


def is_our_external_id(value: str | None) -> bool:
    """Whether a topic's ``external_id`` says we created it (a webhook echo)."""
    return isinstance(value, str) and value.startswith("vsy-")
