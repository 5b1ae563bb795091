"""In-memory retrieval over the knowledge base: BM25 on stemmed terms plus keyword boosts."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import bm25s
import numpy as np

from .analysis import Analysis, Analyzer, words
from .models import Entry


@dataclass(frozen=True)
class RetrievalWeights:
    """How the three BM25 views of an entry and its keywords add up."""

    questions: float = 1.0  # title + all phrasings + keywords, one document per entry
    phrasing: float = 1.0  # best single phrasing (or the title)
    answer: float = 0.35  # the answer text
    keyword: float = 4.0  # bonus when one of the entry's keywords is in the question
    no_keyword: float = 0.5  # factor for out-of-scope/escalation entries none of whose keywords is there
    k1: float = 1.2
    b: float = 0.75


@dataclass(frozen=True)
class Hit:
    """One entry's score for a question."""

    entry_id: str
    score: float
    coverage: float
    agreement: int = 0  # how many of the three views (questions, best phrasing, answer) rank it first
    keyword: bool = False  # one of the entry's keywords is in the question
    about: float = 1.0  # how much of the question (weighted as coverage) its title and keywords explain


NEGATION = "no"


def _keyword_in(keyword: tuple[str, ...], present: set[str], negated: set[str]) -> bool:
    """Every term of the keyword is in the question, and a «no» in it negates, in the question
    too, the word that follows it («no tengo jefe» is not «mi jefe no ha resuelto»)."""
    if not set(keyword) <= present:
        return False
    return all(after in negated for before, after in pairwise(keyword) if before == NEGATION)


def entry_vocabulary(entries: list[Entry]) -> set[str]:
    """Every folded word the entries use (for typo correction)."""
    vocabulary: set[str] = set()
    for entry in entries:
        for text in (entry.title, entry.answer, *entry.phrasings, *entry.keywords):
            vocabulary.update(words(text))
    return vocabulary


def _index(corpus: list[list[str]], weights: RetrievalWeights) -> bm25s.BM25:
    index = bm25s.BM25(k1=weights.k1, b=weights.b)
    # bm25s cannot index an empty document; an impossible token keeps positions aligned.
    index.index([doc or ["\x00"] for doc in corpus], show_progress=False)
    return index


class Retriever:
    """Scores every active entry for an analysed question."""

    def __init__(
        self, entries: list[Entry], analyzer: Analyzer, weights: RetrievalWeights | None = None
    ) -> None:
        self.weights = weights or RetrievalWeights()
        self.entries = entries
        self.ids = [e.id for e in entries]

        def analyze(text: str) -> list[str]:
            return analyzer.analyze(text).terms

        question_docs, phrase_docs, self._phrase_owner, answer_docs = [], [], [], []
        self._keywords: list[list[tuple[str, ...]]] = []
        self._doc_terms: list[frozenset[str]] = []
        self._about_terms: list[frozenset[str]] = []  # title and keywords: what the entry is about
        self._phrasing_terms: list[list[frozenset[str]]] = []  # each phrasing's terms, per entry
        for position, entry in enumerate(entries):
            title = analyze(entry.title)
            phrasings = [analyze(p) for p in entry.phrasings]
            keywords = [analyze(k) for k in entry.keywords]
            question_docs.append(title + [t for p in phrasings for t in p] + [t for k in keywords for t in k])
            for doc in (title, *phrasings):
                phrase_docs.append(doc)
                self._phrase_owner.append(position)
            answer_docs.append(analyze(entry.answer))
            self._keywords.append([tuple(k) for k in keywords if k])
            self._doc_terms.append(frozenset(question_docs[-1]) | frozenset(answer_docs[-1]))
            self._about_terms.append(frozenset(title) | frozenset(t for k in keywords for t in k))
            self._phrasing_terms.append([frozenset(p) for p in phrasings])
        self._groups = analyzer.compared_terms()
        self._question_index = _index(question_docs, self.weights)
        self._phrase_index = _index(phrase_docs, self.weights)
        self._answer_index = _index(answer_docs, self.weights)
        self._phrase_owner_arr = np.asarray(self._phrase_owner)
        self._idf = self._compute_idf(self._doc_terms)
        self._position = {entry_id: position for position, entry_id in enumerate(self.ids)}

    @staticmethod
    def _compute_idf(docs: list[frozenset[str]]) -> dict[str, float]:
        total = len(docs)
        frequency: dict[str, int] = {}
        for doc in docs:
            for term in doc:
                frequency[term] = frequency.get(term, 0) + 1
        return {t: float(np.log(1 + (total - n + 0.5) / (n + 0.5))) for t, n in frequency.items()}

    def known(self, terms: list[str]) -> list[str]:
        """The terms that occur somewhere in the knowledge base."""
        return [t for t in terms if t in self._idf]

    def joint_coverage(self, terms: list[str], entry_ids: list[str]) -> float:
        """How much of the question (weighted as in ``Hit.coverage``) these entries explain together."""
        present = set(terms)
        known: set[str] = set()
        for entry_id in entry_ids:
            known |= self._doc_terms[self.ids.index(entry_id)]
        mass = sum(self._idf.get(t, 0.0) for t in present) or 1.0
        return sum(self._idf.get(t, 0.0) for t in present & known) / mass

    def phrasing_coverage(self, terms: list[str], entry_id: str) -> float:
        """How much of the question (weighted as in ``Hit.coverage``) the entry's closest single
        phrasing explains: 1.0 when HR added the very words people use."""
        present = set(terms)
        mass = sum(self._idf.get(t, 0.0) for t in present) or 1.0
        phrasings = self._phrasing_terms[self._position[entry_id]]
        return max((sum(self._idf.get(t, 0.0) for t in present & p) / mass for p in phrasings), default=0.0)

    def search(self, analysis: Analysis) -> list[Hit]:
        """Entries ordered by score, best first (entries with no shared term are left out)."""
        terms = analysis.terms
        if not terms or not self.entries:
            return []
        w = self.weights
        question_scores = self._question_index.get_scores(terms)
        phrase_scores = self._phrase_index.get_scores(terms)
        best_phrase = np.zeros(len(self.entries))
        np.maximum.at(best_phrase, self._phrase_owner_arr, phrase_scores)
        answer_scores = self._answer_index.get_scores(terms)
        firsts = [
            int(np.argmax(view)) for view in (question_scores, best_phrase, answer_scores) if view.max() > 0
        ]
        scores = w.questions * question_scores + w.phrasing * best_phrase + w.answer * answer_scores
        present = set(terms)
        negated = {after for before, after in pairwise(terms) if before == NEGATION}
        keyword_hits = set()
        for position, keywords in enumerate(self._keywords):
            if analysis.compares:  # a keyword naming only the compared groups says nothing
                keywords = [k for k in keywords if not set(k) <= self._groups]
            if any(_keyword_in(k, present, negated) for k in keywords):
                scores[position] += w.keyword
                keyword_hits.add(position)
            elif keywords and self.entries[position].kind != "answer":
                scores[position] *= w.no_keyword
        # How much of the question an entry explains is judged only over the words the base knows:
        # greetings, thanks and chat fillers ("una preguntica", "quedo atento") must not dilute it.
        # Questions made only of unknown words never get here (the engine calls them out of scope).
        query_mass = sum(self._idf.get(t, 0.0) for t in present) or 1.0
        hits = []
        for position in np.argsort(-scores):
            if scores[position] <= 0:
                break
            matched = sum(self._idf.get(t, 0.0) for t in present & self._doc_terms[position])
            about = sum(self._idf.get(t, 0.0) for t in present & self._about_terms[position])
            hits.append(
                Hit(
                    self.ids[position],
                    float(scores[position]),
                    matched / query_mass,
                    firsts.count(int(position)),
                    int(position) in keyword_hits,
                    about / query_mass,
                )
            )
        return hits
