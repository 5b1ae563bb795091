"""Score the engine (and a plain BM25 reference) on a labelled question set."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np
import yaml

from nucleo.errors import InvalidInput

from .answer import ACTIONS
from .engine import ConsultationEngine
from .knowledge import KnowledgeBase


@dataclass(frozen=True)
class Item:
    """One labelled question: what counts as right (entry ids and/or actions)."""

    question: str
    expect: frozenset[str]
    split: str


@dataclass(frozen=True)
class Outcome:
    """What a system did with one question (``text``: the reply with its sources, for reference checks)."""

    action: str
    entry_id: str | None
    candidates: tuple[str, ...] = ()
    text: str = ""


@dataclass
class Tally:
    """What every evaluation counts: totals, confident wrong answers, out of scope, latency, failures."""

    name: str
    total: int = 0
    confident_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_ok: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @staticmethod
    def ratio(hits: int, total: int) -> float:
        """hits / total, or 1.0 when there is nothing to count."""
        return hits / total if total else 1.0

    @property
    def confident_wrong_rate(self) -> float:
        return self.ratio(self.confident_wrong, self.total) if self.total else 0.0

    @property
    def out_of_scope_recall(self) -> float:
        return self.ratio(self.out_of_scope_ok, self.out_of_scope)

    @property
    def p95_ms(self) -> float:
        return float(np.percentile(self.latencies_ms, 95)) if self.latencies_ms else 0.0


@dataclass
class Report(Tally):
    """Figures for one system on one set of items of eval.yaml."""

    answerable: int = 0
    top1: int = 0
    answered_right: int = 0
    resolved: int = 0
    clarified: int = 0
    escalations: int = 0
    escalations_ok: int = 0
    memory_kib: float = 0.0

    @property
    def top1_accuracy(self) -> float:
        """The engine's first choice (answered entry, or first button when it asks) is right."""
        return self.ratio(self.top1, self.answerable)

    @property
    def answered_right_rate(self) -> float:
        """Replied with the right entry's text (an answer, or guidance plus escalation)."""
        return self.ratio(self.answered_right, self.answerable)

    @property
    def escalation_recall(self) -> float:
        return self.ratio(self.escalations_ok, self.escalations)


def load_items(path: Path, kb: KnowledgeBase) -> list[Item]:
    """Read the labelled set and check every expected id exists."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    items = []
    for row in data:
        expect = frozenset(row["expect"])
        unknown = [e for e in expect if e not in ACTIONS and e not in kb]
        if unknown:
            raise InvalidInput(f"Etiquetas desconocidas en el conjunto de evaluación: {unknown}")
        items.append(Item(str(row["q"]), expect, str(row.get("split", "tune"))))
    return items


def score(name: str, items: list[Item], kb: KnowledgeBase, run: Callable[[str], Outcome]) -> Report:
    """Run every item through ``run`` and count the figures of the issue."""
    report = Report(name)
    for item in items:
        start = time.perf_counter()
        outcome = run(item.question)
        report.latencies_ms.append((time.perf_counter() - start) * 1000)
        report.total += 1
        entry_ids = {e for e in item.expect if e in kb}
        kinds = {kb.get(e).kind for e in entry_ids}
        right = outcome.entry_id in item.expect or (outcome.action in item.expect and outcome.action != "answer")
        if "answer" in kinds:
            report.answerable += 1
            first = outcome.entry_id or (outcome.candidates[0] if outcome.candidates else None)
            report.top1 += first in entry_ids
            report.answered_right += outcome.entry_id in entry_ids
            report.resolved += outcome.entry_id in entry_ids or bool(entry_ids & set(outcome.candidates))
            report.clarified += outcome.action == "clarify"
        if item.expect == {"out_of_scope"}:
            report.out_of_scope += 1
            report.out_of_scope_ok += outcome.action == "out_of_scope"
        if item.expect == {"escalate"}:
            report.escalations += 1
            report.escalations_ok += outcome.action == "escalate"
        if outcome.action == "answer" and outcome.entry_id not in item.expect:
            report.confident_wrong += 1
        if not right:
            report.failures.append((item.question[:90], ",".join(sorted(item.expect)), f"{outcome.action}:{outcome.entry_id}"))
    return report


def engine_runner(engine: ConsultationEngine) -> Callable[[str], Outcome]:
    """Adapt the engine to ``score``."""
    def run(question: str) -> Outcome:
        answer = engine.answer(question)
        return Outcome(answer.action, answer.entry_id, tuple(c.entry_id for c in answer.candidates),
                       answer.plain_text + "\n" + "\n".join(answer.sources))
    return run


class PlainBM25:
    """The reference: bm25s with its default tokenizer over title, phrasings and answer; always answers top-1."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.entries = kb.active()
        corpus = [" ".join([e.title, *e.phrasings, e.answer]) for e in self.entries]
        self.index = bm25s.BM25()
        self.index.index(bm25s.tokenize(corpus, stopwords=None, show_progress=False), show_progress=False)

    def __call__(self, question: str) -> Outcome:
        tokens = bm25s.tokenize([question or "."], stopwords=None, show_progress=False, return_ids=False)[0]
        scores = self.index.get_scores(tokens) if tokens else np.zeros(len(self.entries))
        entry = self.entries[int(np.argmax(scores))]
        action = {"answer": "answer", "out_of_scope": "out_of_scope", "escalate": "escalate"}[entry.kind]
        return Outcome(action, entry.id, text=entry.answer + "\n" + "\n".join(entry.sources))


def measure_build(factory: Callable[[], object]) -> tuple[object, float]:
    """Build something (after one warm-up build for lazy imports) and return it with the peak traced memory in KiB."""
    factory()
    tracemalloc.start()
    built = factory()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return built, peak / 1024
