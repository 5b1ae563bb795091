"""The design card's layout: top-level folders, NFC package name, importable packages, and the
layers (import-linter's contracts in pyproject.toml)."""

import importlib
import os
import unicodedata
from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_top_level_layout_exists() -> None:
    for name in ("bot", "foro", "campañas", "api", "tests", "nucleo",
                 "docker-compose.yml", "pyproject.toml", "README.md"):
        assert (ROOT / name).exists(), name


def test_campanas_folder_is_nfc_and_imports() -> None:
    names = [n for n in os.listdir(ROOT) if n.startswith("campa")]
    assert names and all(unicodedata.is_normalized("NFC", n) for n in names)
    module = importlib.import_module(unicodedata.normalize("NFC", "campañas"))
    assert module.__name__ == "campañas"


def test_every_file_name_is_nfc() -> None:
    for path in ROOT.rglob("*"):
        if ".venv" in path.parts or ".git" in path.parts:
            continue
        assert unicodedata.is_normalized("NFC", path.name), path


def test_layers_hold() -> None:
    """api above bot | foro | campañas above nucleo; nucleo and the features never import api,
    and the features never import each other (see the contracts in pyproject.toml)."""
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                          no_logo=True)
    assert status == EXIT_STATUS_SUCCESS, "an import breaks the layers: see the report above"
