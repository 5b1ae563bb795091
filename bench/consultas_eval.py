"""Evaluate the consultation engine against plain BM25, both in the same run.

Run from the repository root:
    python bench/consultas_eval.py [--failures] [--split tune|holdout1|holdout2]   # the team's 304 (eval.yaml)
    python bench/consultas_eval.py --blind [--failures]   # blind tune set and its noise suite (issue #16)
    python bench/consultas_eval.py --blind --holdout      # ... also the frozen holdouts (report only, never tune on them)

The blind run scores the engine beside plain BM25 (the same-run reference). The sentence-encoder
experiment of wave 5 (not adopted) lives in commit e3200e3 only: see docs/consultas.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.consultas.blind import (
    HOLDOUT2_SET,
    HOLDOUT3_SET,
    HOLDOUT4_SET,
    HOLDOUT5_SET,
    HOLDOUT6_SET,
    HOLDOUT7_SET,
    HOLDOUT8_SET,
    HOLDOUT9_SET,
    HOLDOUT10_SET,
    HOLDOUT11_SET,
    HOLDOUT_SET,
    OWN_SET,
    TUNE3_SET,
    TUNE4_SET,
    TUNE5_SET,
    TUNE6_SET,
    TUNE7_SET,
    TUNE8_SET,
    TUNE9_SET,
    TUNE10_SET,
    TUNE11_SET,
    TUNE12_SET,
    TUNE13_SET,
    TUNE14_SET,
    TUNE15_SET,
    TUNE_SET,
    BlindReport,
    load_blind,
    noise_variants,
    score_blind,
    unknown_ids,
)
from bot.consultas.engine import ConsultationEngine, EngineConfig
from bot.consultas.evaluation import PlainBM25, Report, engine_runner, load_items, measure_build, score
from bot.consultas.knowledge import KnowledgeBase

EVAL_SET = Path(__file__).with_name("consultas") / "eval.yaml"
TARGETS = "targets: top-1 >= 90%, confident wrong <= 3%, out of scope >= 90%, p95 <= 20 ms"
BLIND_TARGETS = ("targets (holdout): right action >= 90%, confident wrong <= 2%, key reference >= 90%, "
                 "out of scope >= 95%; noise loses <= 3 points against clean tune; p95 <= 20 ms")


def _row(report: Report) -> str:
    return (f"{report.name:<22} {report.total:>4} {report.top1_accuracy:>7.1%} {report.answered_right_rate:>8.1%} {report.ratio(report.resolved, report.answerable):>9.1%} "
            f"{report.confident_wrong_rate:>9.1%} {report.out_of_scope_recall:>8.1%} {report.escalation_recall:>9.1%} "
            f"{report.p95_ms:>8.2f} {report.memory_kib:>9.0f}")


def main() -> None:
    """Print the figures for each split, engine and reference side by side."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--failures", action="store_true", help="list the questions the engine got wrong")
    parser.add_argument("--split", default=None, help="only this split of eval.yaml")
    parser.add_argument("--blind", action="store_true", help="the blind set of issue #16 instead of eval.yaml")
    parser.add_argument("--holdout", action="store_true", help="with --blind, also the frozen holdout (report only)")
    args = parser.parse_args()
    if args.holdout and not args.blind:
        parser.error("--holdout goes with --blind")
    if args.blind:
        blind(failures=args.failures, holdout=args.holdout)
        return
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


def _blind_row(report: BlindReport) -> str:
    return (f"{report.name:<34} {report.total:>4} {report.right_rate:>7.1%} {report.confident_wrong_rate:>9.1%} "
            f"{report.ref_rate:>7.1%} {report.out_of_scope_recall:>7.1%} {report.small_talk_recall:>7.1%} "
            f"{report.p95_ms:>7.2f} {report.ratio(report.clarified, report.total):>7.1%}")


def blind(*, failures: bool, holdout: bool) -> None:
    """The blind evaluation: tune set, its noise suite and (only when asked) the frozen holdouts."""
    kb = KnowledgeBase.from_directory()
    engine, engine_kib = measure_build(lambda: ConsultationEngine(kb))
    # The engine without the wave-8 keyword-lead check in the same run, to compare with and without it.
    no_lead = ConsultationEngine(kb, config=EngineConfig(keyword_lead_check=False))
    systems = {"engine": engine_runner(engine), "engine-sin-desempate": engine_runner(no_lead),
               "plain-bm25": PlainBM25(kb)}
    tune = load_blind(TUNE_SET)
    splits = {"tune": tune, "tune-sin-charla": [i for i in tune if i.expect != {"small_talk"}]}
    splits["propias"] = load_blind(OWN_SET)
    splits["ajuste2"] = load_blind(TUNE3_SET)
    splits["ajuste4"] = load_blind(TUNE4_SET)
    splits["ajuste5"] = load_blind(TUNE5_SET)
    splits["ajuste6"] = load_blind(TUNE6_SET)
    splits["ajuste7"] = load_blind(TUNE7_SET)
    splits["ajuste8"] = load_blind(TUNE8_SET)
    splits["ajuste9"] = load_blind(TUNE9_SET)
    splits["ajuste10"] = load_blind(TUNE10_SET)  # wave 9: its first run was the out-of-sample check
    splits["ajuste11"] = load_blind(TUNE11_SET)  # wave 10: its first run was the out-of-sample check
    splits["ajuste12"] = load_blind(TUNE12_SET)  # wave 11: written blind by another helper
    splits["ajuste13"] = load_blind(TUNE13_SET)  # wave 13: written blind by another helper (blind10)
    splits["ajuste14"] = load_blind(TUNE14_SET)  # wave 14: written blind by another helper (blind11)
    splits["ajuste15"] = load_blind(TUNE15_SET)  # wave 15: written blind by another helper (blind12)
    splits.update({f"ruido/{name}": items for name, items in noise_variants(tune).items()})
    if holdout:
        splits["holdout"] = load_blind(HOLDOUT_SET)
        splits["holdout2"] = load_blind(HOLDOUT2_SET)
        splits["holdout3"] = load_blind(HOLDOUT3_SET)
        splits["holdout4"] = load_blind(HOLDOUT4_SET)  # wave 8 (seen by the wave-8 report)
        splits["holdout5"] = load_blind(HOLDOUT5_SET)  # wave 9 (seen by the wave-9 report)
        splits["holdout6"] = load_blind(HOLDOUT6_SET)  # wave 10 (seen by the wave-10 report)
        splits["holdout7"] = load_blind(HOLDOUT7_SET)  # wave 11 (seen by the wave-11 report)
        splits["holdout8"] = load_blind(HOLDOUT8_SET)  # wave 12 (seen by the wave-12 report)
        splits["holdout9"] = load_blind(HOLDOUT9_SET)  # wave 13 (seen by the wave-13 report)
        splits["holdout10"] = load_blind(HOLDOUT10_SET)  # wave 14 (seen by the wave-14 report)
        splits["holdout11"] = load_blind(HOLDOUT11_SET)  # wave 15: the only holdout still unseen
    missing = unknown_ids(tune + splits["propias"] + splits["ajuste2"] + splits["ajuste4"]
                           + splits["ajuste5"] + splits["ajuste6"]
                           + splits["ajuste7"] + splits["ajuste8"] + splits["ajuste9"] + splits["ajuste10"] + splits["ajuste11"]
                           + splits["ajuste12"] + splits["ajuste13"] + splits["ajuste14"] + splits["ajuste15"], kb)
    print(f"{len(kb)} entries, build {engine_kib:.0f} KiB; {BLIND_TARGETS}")
    if holdout:
        print("holdout11 is the only holdout measured blind (holdouts 1-10 were seen by earlier waves' reports)")
    if missing:
        print(f"expected ids not in the base (count as misses): {', '.join(sorted(missing))}")
    print(f"{'system/split':<34} {'n':>4} {'right':>7} {'conf.wrong':>9} {'ref':>7} {'oos':>7} {'chat':>7} {'p95 ms':>7} {'asks':>7}")
    for name, items in splits.items():
        for system, run in systems.items():
            report = score_blind(f"{system}/{name}", items, kb, run)
            print(_blind_row(report))
            if failures and system == "engine" and not name.startswith("holdout"):  # never the holdouts
                for question, expected, got in report.failures:
                    print(f"   ✗ {got:<42} want {expected:<50} {question}")
    stress(engine)


def stress(engine: ConsultationEngine) -> None:
    """Latency on hostile inputs: 10,000-character rambles, emoji floods, HTML."""
    import random
    import time
    words = ["mi", "primo", "hermano", "contrato", "regalo", "jefe", "impedimento", "cuñado", "palanca", "😀", "<b>x</b>", "conflito"]
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
    import os
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak memory {peak:.0f} MiB; load average {os.getloadavg()[0]:.1f} (shared machine)")


if __name__ == "__main__":
    main()
