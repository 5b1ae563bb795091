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
