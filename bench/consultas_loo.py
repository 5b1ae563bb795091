"""Held-out phrasings: the design set of wave 7 (issue #16), built from the base itself.

Run from the repository root:
    python bench/consultas_loo.py [--folds 4]

In fold k, every entry with more than k + 2 phrasings loses its k-th phrasing; the engine is built
on the rest and asked the phrasings it lost. They are questions people ask that the index has not
seen, so the engine errs on them about as often as on the frozen holdouts, without looking at them.
The engine with and without the wave-7 title check (``min_about``) and the wave-8 keyword-lead
check (``keyword_lead_check``) are scored side by side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.consultas.engine import ConsultationEngine, EngineConfig
from bot.consultas.knowledge import KnowledgeBase
from bot.consultas.models import Entry


def folds(kb: KnowledgeBase, count: int) -> list[tuple[KnowledgeBase, list[tuple[str, Entry]]]]:
    """For each fold, the base without one phrasing per entry and the phrasings left out."""
    out = []
    for k in range(count):
        held, kept = [], []
        for entry in kb.active():
            if len(entry.phrasings) > k + 2:
                held.append((entry.phrasings[k], entry))
                entry = entry.model_copy(update={"phrasings": entry.phrasings[:k] + entry.phrasings[k + 1:]})
            kept.append(entry)
        out.append((KnowledgeBase(kept, catalogue=kb.catalogue), held))
    return out


def score(config: EngineConfig, data: list[tuple[KnowledgeBase, list[tuple[str, Entry]]]]) -> str:
    """Right action, confident wrong and clarifications over every fold."""
    total = right = wrong = clarified = 0
    for kb, held in data:
        engine = ConsultationEngine(kb, config=config)
        for question, entry in held:
            reply = engine.answer(question)
            offered = {c.entry_id for c in reply.candidates}
            if entry.kind == "answer":
                ok = entry.id in offered if reply.action == "clarify" else reply.entry_id == entry.id
            else:
                ok = reply.action == entry.kind or reply.entry_id == entry.id
            guidance = reply.entry_id is not None and kb.get(reply.entry_id).kind == "answer"
            total += 1
            right += ok
            wrong += guidance and reply.action in ("answer", "escalate") and not ok
            clarified += reply.action == "clarify"
    return (f"{total:4} {right / total:7.1%} {wrong / total:9.1%} ({wrong:2}) {clarified / total:9.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args()
    data = folds(KnowledgeBase.from_directory(), args.folds)
    print(f"{'system':<28} {'n':>4} {'right':>7} {'conf.wrong':>14} {'clarified':>9}")
    print(f"{'engine without title check':<28} {score(EngineConfig(min_about=0.0), data)}")
    print(f"{'engine (wave 7)':<28} {score(EngineConfig(keyword_lead_check=False), data)}")
    print(f"{'engine (wave 8)':<28} {score(EngineConfig(), data)}")


if __name__ == "__main__":
    main()
