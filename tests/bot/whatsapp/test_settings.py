"""VALOR_WHATSAPP_*: all or none; a partial set stops the service with one Spanish line."""

from __future__ import annotations

import pytest

from bot.whatsapp.settings import WhatsAppSettings
from nucleo.settings import SettingsError, check_feature_settings, read_settings


def test_none_set_means_off() -> None:
    assert read_settings(WhatsAppSettings).enabled is False


def test_all_set_means_on(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TOKEN", "APP_SECRET", "VERIFY_TOKEN"):
        monkeypatch.setenv(f"VALOR_WHATSAPP_{name}", "x" * 12)
    monkeypatch.setenv("VALOR_WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
    settings = read_settings(WhatsAppSettings)
    assert settings.enabled and settings.api_root == "https://graph.facebook.com/v21.0"
    assert "x" * 12 not in repr(settings)  # secrets never print


def test_partial_settings_name_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALOR_WHATSAPP_TOKEN", "EAAG-token")
    with pytest.raises(SettingsError) as caught:
        check_feature_settings()
    message = str(caught.value)
    assert "\n" not in message and message.startswith("Configuración inválida")
    assert "VALOR_WHATSAPP_APP_SECRET" in message and "VALOR_WHATSAPP_VERIFY_TOKEN" in message
    assert "EAAG-token" not in message


def test_a_malformed_phone_number_id_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALOR_WHATSAPP_PHONE_NUMBER_ID", "abc")
    with pytest.raises(SettingsError, match="VALOR_WHATSAPP_PHONE_NUMBER_ID"):
        read_settings(WhatsAppSettings)


def test_send_rate_defaults_to_meta_s_80_per_second() -> None:
    assert read_settings(WhatsAppSettings).rate == 80.0


@pytest.mark.parametrize("value, problem", [
    ("0", "VALOR_WHATSAPP_RATE"), ("-5", "VALOR_WHATSAPP_RATE"), ("rápido", "debe ser un número"),
    ("5000", "VALOR_WHATSAPP_RATE")])
def test_a_bad_send_rate_is_refused_in_spanish(monkeypatch: pytest.MonkeyPatch, value: str,
                                               problem: str) -> None:
    monkeypatch.setenv("VALOR_WHATSAPP_RATE", value)
    with pytest.raises(SettingsError) as caught:
        check_feature_settings()
    message = str(caught.value)
    assert message.startswith("Configuración inválida") and problem in message
    assert "\n" not in message and "Traceback" not in message
