"""How long HR's edit takes to reach the bot: rebuilding the in-memory engine with overrides,
against reading the YAML files and building the engine from scratch (same run).

Run: .venv/bin/python bench/consultas_reload.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.consultas.engine import ConsultationEngine
from bot.consultas.knowledge import KnowledgeBase
from bot.consultas.store import KnowledgeStore

ROUNDS = 20


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    cold = [timed(lambda: ConsultationEngine(KnowledgeBase.from_directory()))
            for _ in range(5)]
    store = KnowledgeStore(KnowledgeBase.from_directory())
    edited = store.kb.get("recusacion_que_es").model_dump(mode="json")
    edited["answer"] = "Texto editado por Talento Humano para la prueba de recarga."
    overrides = {f"nueva_{i}": {**edited, "id": f"nueva_{i}", "related": []} for i in range(20)}
    overrides["recusacion_que_es"] = edited
    reload_ms = [timed(lambda: store.apply(overrides)) for _ in range(ROUNDS)]
    reference = statistics.median(cold)
    median = statistics.median(reload_ms)
    print(f"entries after edits: {len(store.kb)} ({len(overrides)} overrides)")
    print(f"cold start (files + engine): median {reference:.1f} ms (reference = 1.00)")
    print(f"reload with overrides:       median {median:.1f} ms ({median / reference:.2f}x)")


if __name__ == "__main__":
    main()
