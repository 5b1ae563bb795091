import pytest

from nucleo.settings import SettingsError, load_settings


def test_defaults_use_sqlite_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VALOR_DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.resolved_database_url == "sqlite+aiosqlite:///data/valor.db"
    assert settings.timezone == "America/Bogota"
    assert not settings.telegram_enabled and not settings.discourse_enabled


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALOR_DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("VALOR_TELEGRAM_TOKEN", "123:abc")
    settings = load_settings()
    assert settings.resolved_database_url == "postgresql+asyncpg://u@h/db"
    assert settings.telegram_enabled


@pytest.mark.parametrize(("name", "value", "fragment"), [
    ("VALOR_PORT", "abc", "VALOR_PORT debe ser un número entero"),
    ("VALOR_PORT", "70000", "VALOR_PORT"),
    ("VALOR_TIMEZONE", "Marte/Olympus", "VALOR_TIMEZONE zona horaria desconocida"),
    ("VALOR_DATABASE_URL", "mysql://x/y", "VALOR_DATABASE_URL"),
    ("VALOR_ADMIN_EMAIL", "no-es-correo", "VALOR_ADMIN_EMAIL"),
])
def test_bad_values_give_one_spanish_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, fragment: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith("Configuración inválida:")
    assert fragment in message and "\n" not in message


@pytest.mark.parametrize(("env", "fragment"), [
    ({"VALOR_SMTP_HOST": "smtp.alcaldia.gov.co"}, "falta VALOR_SMTP_FROM"),
    ({"VALOR_SMTP_FROM": "th@alcaldia.gov.co"}, "falta VALOR_SMTP_HOST"),
    ({"VALOR_SMTP_HOST": "smtp.alcaldia.gov.co", "VALOR_SMTP_FROM": "th@alcaldia.gov.co",
      "VALOR_SMTP_USER": "th"}, "VALOR_SMTP_USER y VALOR_SMTP_PASSWORD van juntas"),
])
def test_incomplete_smtp_is_refused_in_one_spanish_line(
        monkeypatch: pytest.MonkeyPatch, env: dict[str, str], fragment: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith("Configuración inválida: VALOR_SMTP_")
    assert fragment in message and "\n" not in message


def test_complete_smtp_and_no_smtp_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not load_settings().smtp_enabled
    monkeypatch.setenv("VALOR_SMTP_HOST", "smtp.alcaldia.gov.co")
    monkeypatch.setenv("VALOR_SMTP_FROM", "th@alcaldia.gov.co")
    settings = load_settings()
    assert settings.smtp_enabled and settings.email_concurrency == 4
    assert settings.email_rate is None
