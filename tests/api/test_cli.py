"""The ``valor`` command as a newcomer runs it, in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fakes.net import free_port

VALOR = [sys.executable, "-m", "api.cli"]
ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VALOR_")}
    env.update({"VALOR_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT), **extra})
    return env


def _run(tmp_path: Path, *args: str, stdin: str = "", **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*VALOR, *args], capture_output=True, text=True, input=stdin,
                          env=_env(tmp_path, **extra), cwd=tmp_path, timeout=60)


def test_help_is_spanish(tmp_path: Path) -> None:
    result = _run(tmp_path, "--help")
    assert result.returncode == 0
    assert "Inicia el servicio completo" in result.stdout


@pytest.mark.parametrize("args,said", [
    (("staff", "add"), "Falta el argumento «email»."),
    (("staff", "add", "a@alcaldia.gov.co"), "Falta la opción «--nombre»."),
    (("staff", "add", "--inventada", "x"), "No existe la opción --inventada."),
    (("nada",), "No existe el comando «nada»."),
    (("people", "import", "/no/existe.csv"), "no existe el archivo /no/existe.csv"),
])
def test_usage_errors_are_spanish(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    result = _run(tmp_path, *args, COLUMNS="200")
    assert result.returncode == 2
    assert said in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.lstrip().startswith("Uso: ")


def test_bad_setting_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = _run(tmp_path, "db", "upgrade", VALOR_PORT="ochenta")
    assert result.returncode == 2
    assert result.stderr.strip() == "Configuración inválida: VALOR_PORT debe ser un número entero"


def test_bad_feature_setting_is_one_line_too(tmp_path: Path) -> None:
    result = _run(tmp_path, "db", "upgrade", VALOR_CONSULTAS_DUE_BUSINESS_DAYS="cuarenta")
    assert result.returncode == 2
    assert result.stderr.strip() == ("Configuración inválida: VALOR_CONSULTAS_DUE_BUSINESS_DAYS "
                                     "debe ser un número entero")


def test_run_refuses_smtp_without_sender_address(tmp_path: Path) -> None:
    result = _run(tmp_path, "run", VALOR_SMTP_HOST="smtp.alcaldia.gov.co")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuración inválida: VALOR_SMTP_HOST está definida pero falta VALOR_SMTP_FROM (la "
        "dirección que envía los correos); defínala o quite VALOR_SMTP_HOST para apagar el correo")


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = _run(tmp_path, "run", VALOR_DATABASE_URL="postgresql://u:secreta@127.0.0.1:1/x")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("No se pudo conectar a la base de datos")
    assert "secreta" not in result.stderr and "Traceback" not in result.stderr


def test_staff_add_and_people_import(tmp_path: Path) -> None:
    result = _run(tmp_path, "staff", "add", "jefa@alcaldia.gov.co", "--nombre", "Jefa",
                  "--rol", "admin", "--contrasena-stdin", stdin="clave-segura-123\n")
    assert result.returncode == 0, result.stderr
    assert "Cuenta creada: jefa@alcaldia.gov.co (admin)." in result.stdout
    again = _run(tmp_path, "staff", "add", "jefa@alcaldia.gov.co", "--nombre", "Jefa",
                 "--contrasena-stdin", stdin="clave-segura-123\n")
    assert again.returncode == 1 and "Ya existe" in again.stderr
    keeper = _run(tmp_path, "staff", "add", "juridica@alcaldia.gov.co", "--nombre", "Jurídica",
                  "--rol", "juridica", "--contrasena-stdin", stdin="clave-segura-123\n")
    assert "Cuenta creada: juridica@alcaldia.gov.co (juridica)." in keeper.stdout, keeper.stderr
    csv = tmp_path / "directorio.csv"
    csv.write_bytes("nombre;correo;dependencia;tipo\nAna;ana@x.co;Hacienda;servidor\n"
                    "Beto;beto@x.co;Hacienda;jefe\n".encode("latin-1"))
    imported = _run(tmp_path, "people", "import", str(csv), "--crear-dependencias")
    assert imported.returncode == 0, imported.stderr
    assert "1 nuevas" in imported.stdout and "Línea 3: Tipo no reconocido" in imported.stderr


def test_run_serves_health_and_ready_on_sqlite(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*VALOR, "run", "--port", str(port)], env=_env(tmp_path), cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120  # a loaded machine imports slowly
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("el servicio no inició")
                time.sleep(0.2)
        assert ready.status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/health").json() == {"status": "ok"}
        assert (tmp_path / "data" / "valor.db").exists()
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "valor staff add" in output  # the hint to create the first admin
    assert "Traceback" not in output


def test_run_refuses_an_unknown_role(tmp_path: Path) -> None:
    result = _run(tmp_path, "run", "--role", "jefe")
    assert result.returncode == 2
    assert "--role debe ser web, worker o all" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_starts_without_the_chart_and_workbook_libraries() -> None:
    """matplotlib and openpyxl load with the first chart or workbook, not when the service starts
    (they are seconds of import a refusal or a start-up would otherwise wait for)."""
    probe = ("import sys, api.app, api.wiring; "
             "print(sorted({'matplotlib', 'openpyxl'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
