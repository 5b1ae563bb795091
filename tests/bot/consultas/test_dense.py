"""The sentence encoder's second opinion (issue #16), with a fake encoder that says what it is told."""

from __future__ import annotations

import numpy as np

from bot.consultas.dense import DenseIndex
from bot.consultas.engine import ConsultationEngine
from bot.consultas.knowledge import KnowledgeBase


class PointingEncoder:
    """Every text of an entry maps to that entry's axis; a question maps to the entry it is told."""

    def __init__(self, kb: KnowledgeBase, questions: dict[str, str] | None = None) -> None:
        self.axis = {e.id: i for i, e in enumerate(kb.active())}
        self.owner = {t: e.id for e in kb.active() for t in (e.title, *e.phrasings)}
        self.questions = questions or {}
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded.extend(texts)
        rows = np.zeros((len(texts), len(self.axis) + 1), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            entry_id = self.questions.get(text) or self.owner.get(text)
            row[self.axis[entry_id] if entry_id else -1] = 1.0
        return rows


def test_entry_vectors_are_cached_by_text_across_reloads(kb):
    encoder = PointingEncoder(kb)
    engine = ConsultationEngine(kb, dense=DenseIndex(encoder))
    first = len(encoder.encoded)
    assert first == len({t for e in kb.active() for t in (e.title, *e.phrasings)})
    edited = kb.get("regalos").model_dump() | {"phrasings": [*kb.get("regalos").phrasings, "frase nueva de prueba"]}
    engine.reload(kb.with_overrides([edited]))
    assert encoder.encoded[first:] == ["frase nueva de prueba"]  # only the new text is encoded


def test_rank_gives_each_entry_its_best_text(kb):
    index = DenseIndex(PointingEncoder(kb))
    snapshot = index.build(kb.active())
    ranked = snapshot.rank(index.encode(kb.get("regalos").phrasings[0]))
    assert ranked[0] == ("regalos", 1.0)
    assert len(ranked) == len(kb.active())


def test_agreeing_signals_keep_the_answer(kb, engine):
    question = "mi primo se presentó a una licitación que yo superviso"
    lexical = engine.answer(question)
    assert lexical.entry_id is not None
    both = ConsultationEngine(kb, dense=DenseIndex(PointingEncoder(kb, {question: lexical.entry_id})))
    assert both.answer(question) == lexical


def test_disagreeing_signals_ask_instead_of_answering_with_confidence(kb, engine):
    question = "puedo recibir un regalo de un contratista"
    assert engine.answer(question).entry_id == "regalos"
    both = ConsultationEngine(kb, dense=DenseIndex(PointingEncoder(kb, {question: "uso_recursos_publicos"})))
    reply = both.answer(question)
    assert reply.action == "clarify"
    assert [c.entry_id for c in reply.candidates] == ["regalos", "uso_recursos_publicos"]


def test_a_report_the_encoder_prefers_goes_to_a_person(kb, engine):
    question = "puedo recibir un regalo de un contratista"
    both = ConsultationEngine(kb, dense=DenseIndex(PointingEncoder(kb, {question: "escalar_denuncia_corrupcion"})))
    reply = both.answer(question)
    assert reply.action == "escalate" and reply.entry_id == "escalar_denuncia_corrupcion"


def test_without_an_opinion_on_topic_the_person_is_offered_an_advisor(kb):
    question = "puedo recibir un regalo de un contratista"
    both = ConsultationEngine(kb, dense=DenseIndex(PointingEncoder(kb, {question: "fuera_nomina"})))
    reply = both.answer(question)
    assert reply.action == "escalate" and reply.reason == "low_confidence" and reply.entry_id is None


def test_small_talk_and_out_of_scope_never_ask_the_encoder(kb):
    encoder = PointingEncoder(kb)
    both = ConsultationEngine(kb, dense=DenseIndex(encoder))
    built = len(encoder.encoded)
    assert both.answer("hola").action == "small_talk"
    assert both.answer("cuándo pagan la prima").action == "out_of_scope"
    assert len(encoder.encoded) == built
