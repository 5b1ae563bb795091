"""docker-compose.yml is valid against the published Compose schema (no Docker engine here)."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.fakes.discourse_spec import find_spec

ROOT = Path(__file__).resolve().parent.parent
# read where it is published (../shared/specs, found from a worktree too); never copied here
SPEC = find_spec("compose-spec.json") or ROOT.parent / "shared" / "specs" / "compose-spec.json"


@pytest.fixture
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_matches_spec(compose: dict) -> None:
    if not SPEC.exists():
        pytest.skip(f"no se encontró {SPEC}; se omite solo la validación contra el esquema")
    schema = json.loads(SPEC.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(compose)


VALOR_SERVICES = ("web-1", "web-2", "worker")


def _role(service: dict) -> str:
    command = service["command"]
    return command[command.index("--role") + 1]


def test_two_web_replicas_and_one_worker_with_health_and_volumes(compose: dict) -> None:
    services = compose["services"]
    assert services["db"]["healthcheck"]["test"]
    assert "postgres-data" in compose["volumes"] and "valor-data" in compose["volumes"]
    assert [_role(services[name]) for name in VALOR_SERVICES] == ["web", "web", "worker"]
    for name in VALOR_SERVICES:
        service = services[name]
        assert service["healthcheck"]["test"]
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert "postgresql://" in service["environment"]["VALOR_DATABASE_URL"]
        assert "valor-data:/data" in service["volumes"]  # pieces' images, shared by all
    roles = [_role(s) for s in services.values() if "command" in s and "valor" in s["command"]]
    assert roles.count("worker") == 1 and roles.count("web") == 2


def test_the_proxy_spreads_over_both_replicas_and_hides_metrics(compose: dict) -> None:
    proxy = compose["services"]["proxy"]
    assert proxy["image"].startswith("caddy:")
    source = next(v.split(":")[0] for v in proxy["volumes"] if v.startswith("./"))
    text = (ROOT / source).read_text(encoding="utf-8")
    assert "reverse_proxy web-1:8000 web-2:8000" in text and "health_uri /ready" in text
    assert "respond @metrics 404" in text
    assert {"web-1", "web-2"} <= set(proxy["depends_on"])
    assert "ports" not in compose["services"]["web-1"]  # only the proxy is published


def test_compose_environment_starts_the_service(compose: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset optional variables arrive as empty strings; the settings must take them as unset."""
    from nucleo.settings import load_settings

    for name, value in compose["services"]["worker"]["environment"].items():
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
