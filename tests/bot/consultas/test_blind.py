"""The blind evaluation set of issue #16: its shape, the frozen holdout and the noise suite."""

from __future__ import annotations

from bot.consultas.blind import (
    HOLDOUT_SET, TUNE_SET, BlindItem, is_right, load_blind, noise_variants,
)
from bot.consultas.evaluation import Outcome, engine_runner


def test_the_blind_set_is_large_and_split():
    tune, holdout = load_blind(TUNE_SET), load_blind(HOLDOUT_SET)
    assert len(tune) + len(holdout) >= 250
    assert len(holdout) >= 100
    assert not {i.question for i in tune} & {i.question for i in holdout}
    for items in (tune, holdout):
        assert sum(i.expect == {"out_of_scope"} for i in items) >= 10
        assert sum(i.expect == {"small_talk"} for i in items) >= 5
        assert sum(len(i.question) > 120 for i in items) >= 3


def test_the_holdout_says_it_is_frozen():
    header = HOLDOUT_SET.read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert "FROZEN" in header and "NEVER" in header


def test_noise_suite_derives_four_versions_of_every_tune_question():
    tune = load_blind(TUNE_SET)
    variants = noise_variants(tune)
    assert set(variants) == {"relleno", "errores", "sin_tildes", "mayusculas"}
    questions = [i for i in tune if i.expect != {"small_talk"}]
    for name, items in variants.items():
        assert len(items) == len(questions), name
        assert [i.expect for i in items] == [i.expect for i in questions]
    assert all(i.question.isupper() or not any(c.isalpha() for c in i.question) for i in variants["mayusculas"])
    assert not any(c in "áéíóú" for i in variants["sin_tildes"] for c in i.question)
    assert all("gracias" in i.question.lower() for i in variants["relleno"])
    assert noise_variants(tune)["errores"] == variants["errores"]  # seeded: same every run


def test_right_action_rules():
    item = BlindItem("q", frozenset({"regalos"}))
    assert is_right(item, Outcome("answer", "regalos"))
    assert is_right(item, Outcome("clarify", None, candidates=("trato_preferencial", "regalos")))
    assert not is_right(item, Outcome("escalate", None))
    assert not is_right(item, Outcome("small_talk", None))
    scope = BlindItem("q", frozenset({"out_of_scope"}))
    assert is_right(scope, Outcome("out_of_scope", "fuera_nomina"))
    assert not is_right(scope, Outcome("answer", "regalos"))


def test_engine_does_not_regress_on_the_blind_set(kb, engine):
    """Regression floors, not a measure: the holdout's figures are the ones bench/consultas_eval.py
    --blind --holdout reports (docs/consultas.md), and the floors sit a little below them (issue #16
    targets, 90 % right and 2 % confident wrong, are not met yet). If this fails, look for the cause
    on the tune set or in the domain; never change an entry, a lexicon word or a threshold towards a
    holdout question, and never lower a floor to make a tuning change pass. The noise check runs on
    the tune set only, which the engine was tuned on, so it measures robustness to noise, not quality."""
    from bot.consultas.blind import score_blind

    run = engine_runner(engine)
    tune = load_blind(TUNE_SET)
    clean = score_blind("tune", [i for i in tune if i.expect != {"small_talk"}], kb, run)
    holdout = score_blind("holdout", load_blind(HOLDOUT_SET), kb, run)
    assert holdout.right_rate >= 0.80 and holdout.confident_wrong_rate <= 0.09, holdout.failures
    assert holdout.small_talk_recall == 1.0 and holdout.out_of_scope_recall >= 0.90
    for name, items in noise_variants(tune).items():
        noisy = score_blind(name, items, kb, run)
        assert noisy.right_rate >= clean.right_rate - 0.03, name
