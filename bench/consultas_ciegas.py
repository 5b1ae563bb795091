"""Blind evaluation (issue #16): tune, noise suite and frozen holdout, engine and plain BM25 side by side.

Run from the repository root:
    python bench/consultas_ciegas.py              # tune set and its noise suite only
    python bench/consultas_ciegas.py --failures   # ... listing the tune questions the engine got wrong
    python bench/consultas_ciegas.py --holdout    # also the frozen holdout (report only, never tune on it)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.consultas.blind import (  # noqa: E402
    HOLDOUT_SET, TUNE_SET, BlindReport, engine_reply, load_blind, noise_variants, plain_reply, score_blind,
    unknown_ids,
)
from bot.consultas.engine import ConsultationEngine  # noqa: E402
from bot.consultas.evaluation import measure_build  # noqa: E402
from bot.consultas.knowledge import KnowledgeBase  # noqa: E402

TARGETS = ("targets (holdout): right action >= 90%, confident wrong <= 2%, key reference >= 90%, "
           "out of scope >= 95%; noise loses <= 3 points against clean tune; p95 <= 20 ms")


def _row(report: BlindReport) -> str:
    return (f"{report.name:<28} {report.total:>4} {report.right_rate:>7.1%} {report.confident_wrong_rate:>9.1%} "
            f"{report.ref_rate:>7.1%} {report.out_of_scope_recall:>7.1%} {report.small_talk_recall:>7.1%} "
            f"{report.p95_ms:>7.2f}")


def main() -> None:
    """Print the figures, split by split."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--failures", action="store_true", help="list the tune questions the engine got wrong")
    parser.add_argument("--holdout", action="store_true", help="also run the frozen holdout (report only)")
    args = parser.parse_args()
    kb = KnowledgeBase.from_directory()
    engine, engine_kib = measure_build(lambda: ConsultationEngine(kb))
    ours, plain = engine_reply(engine), plain_reply(kb)
    tune = load_blind(TUNE_SET)
    splits = {"tune": tune, "tune-sin-charla": [i for i in tune if i.expect != {"small_talk"}]}
    splits.update({f"ruido/{name}": items for name, items in noise_variants(tune).items()})
    if args.holdout:
        splits["holdout"] = load_blind(HOLDOUT_SET)
    missing = unknown_ids(tune + splits.get("holdout", []), kb)
    print(f"{len(kb)} entries, build {engine_kib:.0f} KiB; {TARGETS}")
    if missing:
        print(f"expected ids not in the base (count as misses): {', '.join(sorted(missing))}")
    print(f"{'system/split':<28} {'n':>4} {'right':>7} {'conf.wrong':>9} {'ref':>7} {'oos':>7} {'chat':>7} {'p95 ms':>7}")
    for name, items in splits.items():
        report = score_blind(f"engine/{name}", items, kb, ours)
        print(_row(report))
        print(_row(score_blind(f"plain-bm25/{name}", items, kb, plain)))
        if args.failures and name == "tune":
            for question, expected, got in report.failures:
                print(f"   ✗ {got:<42} want {expected:<50} {question}")


if __name__ == "__main__":
    main()
