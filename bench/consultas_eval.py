"""Evaluate the consultation engine against plain BM25 on bench/consultas/eval.yaml.

Run from the repository root:  python bench/consultas_eval.py [--failures] [--split tune|holdout]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.consultas.engine import ConsultationEngine  # noqa: E402
from bot.consultas.evaluation import PlainBM25, Report, engine_runner, load_items, measure_build, score  # noqa: E402
from bot.consultas.knowledge import KnowledgeBase  # noqa: E402

EVAL_SET = Path(__file__).with_name("consultas") / "eval.yaml"
TARGETS = "targets: top-1 >= 90%, confident wrong <= 3%, out of scope >= 90%, p95 <= 20 ms"


def _row(report: Report) -> str:
    return (f"{report.name:<22} {report.total:>4} {report.top1_accuracy:>7.1%} {report.answered_right_rate:>8.1%} {report.ratio(report.resolved, report.answerable):>9.1%} "
            f"{report.confident_wrong_rate:>9.1%} {report.out_of_scope_recall:>8.1%} {report.escalation_recall:>9.1%} "
            f"{report.p95_ms:>8.2f} {report.memory_kib:>9.0f}")


def main() -> None:
    """Print the figures for each split, engine and reference side by side."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--failures", action="store_true", help="list the questions the engine got wrong")
    parser.add_argument("--split", default=None, help="only this split")
    args = parser.parse_args()
    kb = KnowledgeBase.from_directory()
    engine, engine_kib = measure_build(lambda: ConsultationEngine(kb))
    plain, plain_kib = measure_build(lambda: PlainBM25(kb))
    items = load_items(EVAL_SET, kb)
    splits = [args.split] if args.split else sorted({i.split for i in items}) + ["all"]
    print(f"{len(kb)} entries, {len(items)} questions; {TARGETS}")
    print(f"{'system/split':<22} {'n':>4} {'top-1':>7} {'direct':>8} {'resolved':>9} {'conf.wrong':>9} {'oos':>8} {'escalate':>9} {'p95 ms':>8} {'build KiB':>9}")
    for split in splits:
        chosen = [i for i in items if split in ("all", i.split)]
        ours = score(f"engine/{split}", chosen, kb, engine_runner(engine))
        ref = score(f"plain-bm25/{split}", chosen, kb, plain)
        ours.memory_kib, ref.memory_kib = engine_kib, plain_kib
        print(_row(ours))
        print(_row(ref))
        print(f"{'':<22} p95 ratio engine/plain = {ours.p95_ms / max(ref.p95_ms, 1e-9):.1f}x, "
              f"memory ratio = {engine_kib / max(plain_kib, 1e-9):.1f}x, clarified {ours.clarified}")
        if args.failures:
            for question, expected, got in ours.failures:
                print(f"   ✗ {got:<40} want {expected:<45} {question}")
    stress(engine)


def stress(engine: ConsultationEngine) -> None:
    """Latency on hostile inputs: 10,000-character rambles, emoji floods, HTML."""
    import random
    import time
    words = "mi primo hermano contrato regalo jefe impedimento cuñado palanca 😀 <b>x</b> conflito".split()
    rng = random.Random(5)
    inputs = [" ".join(rng.choice(words) for _ in range(1500))[:10_000] for _ in range(40)]
    inputs += ["😀" * 5000, "<script>" * 1200, "a" * 10_000]
    times = []
    for text in inputs:
        start = time.perf_counter()
        engine.answer(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"hostile inputs ({len(inputs)}, up to 10,000 chars): p95 {times[int(len(times) * 0.95)]:.2f} ms, max {times[-1]:.2f} ms")


if __name__ == "__main__":
    main()
