"""The modules that define models, so Alembic and the tests see every table.

Each package adds its models module here when it gains tables.
"""

import importlib

MODEL_MODULES = (
    "nucleo.models",
    "foro.models",
    "api.console.models",
    "bot.encuestas.models",
    "bot.consultas.tables",
    "campañas.models",
    "bot.models",
)


def import_all_models() -> None:
    for module in MODEL_MODULES:
        importlib.import_module(module)
