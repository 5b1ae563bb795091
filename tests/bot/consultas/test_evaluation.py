"""Regression floors on the team's labelled set (bench/consultas/eval.yaml).

The engine was tuned on these 304 questions (failures were fed back into the phrasings, so even its
"holdout" splits are lexically overfit): passing here says nothing changed for the worse, not how
well the engine answers unseen questions. That is measured on the blind set (test_blind.py and
bench/consultas_eval.py --blind). Speed is reported by the bench, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.consultas.evaluation import PlainBM25, engine_runner, load_items, score

EVAL_SET = Path(__file__).resolve().parents[3] / "bench" / "consultas" / "eval.yaml"


@pytest.fixture(scope="module")
def items(kb):
    return load_items(EVAL_SET, kb)


def test_the_set_is_large_and_varied(items, kb):
    assert len(items) >= 150
    assert sum(i.expect == {"out_of_scope"} for i in items) >= 15
    assert sum(i.expect == {"escalate"} for i in items) >= 10
    assert sum(len(i.question) > 200 for i in items) >= 3
    assert {i.split for i in items} == {"tune", "holdout1", "holdout2"}


def test_engine_keeps_its_floors_on_the_tuned_set(items, kb, engine):
    report = score("engine", items, kb, engine_runner(engine))
    # Since issue #16 the thresholds are tuned on the blind set (bench/consultas/ciegas_ajuste.yaml),
    # trading some top-1 on this lexically overfit set for far fewer confident wrong answers on
    # unseen questions; this set now guards against regressions only.
    assert report.top1_accuracy >= 0.85, report.failures
    assert report.confident_wrong_rate <= 0.03, report.failures
    assert report.out_of_scope_recall >= 0.90
    assert report.escalation_recall >= 0.90


def test_engine_beats_plain_bm25(items, kb, engine):
    ours = score("engine", items, kb, engine_runner(engine))
    plain = score("plain", items, kb, PlainBM25(kb))
    assert ours.top1_accuracy > plain.top1_accuracy
    assert ours.confident_wrong_rate < plain.confident_wrong_rate
