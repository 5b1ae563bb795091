"""The modules that define models, so Alembic and the tests see every table, and the features'
own settings classes, so a bad variable is caught when the service starts.

Each package adds its models module here when it gains tables, and its settings class when it
reads variables of its own.
"""

import importlib
from typing import Any

MODEL_MODULES = (
    "nucleo.models",
    "nucleo.directory.models",
    "foro.models",
    "nucleo.web.console.models",
    "bot.encuestas.models",
    "bot.consultas.tables",
    "campañas.models",
    "bot.models",
    "informe.models",
    "bot.whatsapp.models",
    "nucleo.whatsapp_kept",
    "nucleo.throttle_store",
    "bot.declaraciones.models",
    "bot.sesiones.models",
)


def import_all_models() -> None:
    for module in MODEL_MODULES:
        importlib.import_module(module)


SETTINGS_CLASSES = (
    "bot.consultas.settings:ConsultationSettings",
    "bot.declaraciones.settings:DeclarationSettings",
    "bot.whatsapp.settings:WhatsAppSettings",
)


def settings_classes() -> list[Any]:
    """The feature settings classes, imported."""
    found = []
    for path in SETTINGS_CLASSES:
        module, name = path.split(":")
        found.append(getattr(importlib.import_module(module), name))
    return found
