"""docker-compose.yml is valid against the published Compose schema (no Docker engine here)."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "specs" / "compose-spec.json"


@pytest.fixture
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_matches_spec(compose: dict) -> None:
    if not SPEC.exists():
        pytest.skip(f"no se encontró {SPEC}; se omite solo la validación contra el esquema")
    schema = json.loads(SPEC.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(compose)


def test_service_and_postgres_with_health_and_volumes(compose: dict) -> None:
    services = compose["services"]
    assert services["valor"]["healthcheck"]["test"]
    assert services["db"]["healthcheck"]["test"]
    assert services["valor"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "postgres-data" in compose["volumes"] and "valor-data" in compose["volumes"]
    assert "postgresql://" in services["valor"]["environment"]["VALOR_DATABASE_URL"]


def test_compose_environment_starts_the_service(compose: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset optional variables arrive as empty strings; the settings must take them as unset."""
    from nucleo.settings import load_settings

    for name, value in compose["services"]["valor"]["environment"].items():
        value = str(value)
        if value.startswith("${") and ":-" in value:
            value = value.split(":-", 1)[1].rstrip("}")
        elif value.startswith("${") or "${" in value:
            value = {"VALOR_DATABASE_URL": "postgresql://valor:x@db:5432/valor",
                     "VALOR_SECRET_KEY": "s" * 40}.get(name, "")
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert not settings.telegram_enabled and not settings.discourse_enabled
    assert settings.resolved_database_url.startswith("postgresql+asyncpg://")
