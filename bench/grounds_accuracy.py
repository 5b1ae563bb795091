"""How often the suggested ground of CPACA art. 11 is the one a reader would pick, and how long
the reading takes (issue #18).

Reads the labelled answers of ``tests/bot/declaraciones/ground_cases.yaml`` («tune» and
«holdout»), prints the share ``grounds.suggest`` gets right in each and every miss. Then times
the reading of one 4,000-character answer (the most the chat takes) and of 10,000 characters,
each against a reference measured in the same run: folding the same text with
``nucleo.text.normalize_key``, which every reading starts with.

Usage: .venv/bin/python bench/grounds_accuracy.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bot.declaraciones import ground_reading, grounds
from nucleo.text import normalize_key

CASES = Path(__file__).resolve().parents[1] / "tests/bot/declaraciones/ground_cases.yaml"


def accuracy() -> None:
    sets = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    for name, cases in sets.items():
        read = [(n, grounds.suggest(facts), facts) for n, facts in cases]
        misses = [(n, got, facts) for n, got, facts in read if got != n]
        right = len(cases) - len(misses)
        print(f"{name}: {right}/{len(cases)} = {right / len(cases):.0%}")
        for expected, got, facts in misses:
            print(f"  esperada {expected}, sugerida {got}: {facts}")


def timed(call: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def speed(rounds: int) -> None:
    sentence = ("Mi hermano es el representante legal de la empresa que se presentó, pero no "
                "tengo deudas con él ni somos socios; sin embargo el gerente me recomendó. ")
    for size in (4_000, 10_000):
        text = (sentence * (size // len(sentence) + 1))[:size]
        ground_reading._spelled.cache_clear()
        reading = timed(lambda text=text: grounds.suggest(text), rounds)
        reference = timed(lambda text=text: normalize_key(text), rounds)
        print(f"{size} caracteres: lectura {reading:.2f} ms p50, referencia (normalize_key) "
              f"{reference:.2f} ms, × {reading / reference:.0f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    accuracy()
    speed(args.rounds)
