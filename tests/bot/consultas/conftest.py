"""Shared fixtures for the consultation engine tests: the packaged base, built once."""

from __future__ import annotations

import pytest

from bot.consultas.engine import ConsultationEngine
from bot.consultas.knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_directory()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> ConsultationEngine:
    return ConsultationEngine(kb)


def entry_data(**changes) -> dict:
    """A valid entry as a mapping, with some fields changed."""
    data = {
        "id": "prueba_entrada",
        "title": "Entrada de prueba",
        "value": "honestidad",
        "phrasings": ["pregunta uno", "pregunta dos", "pregunta tres", "pregunta cuatro", "pregunta cinco"],
        "answer": "Una respuesta suficientemente larga para la prueba.",
        "sources": ["Ley 1952 de 2019 (Código General Disciplinario), art. 44"],
    }
    data.update(changes)
    return data
