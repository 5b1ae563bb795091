"""The suggested ground against the labelled answers of ground_cases.yaml (bench/grounds_accuracy.py
prints the same figures): it must not fall below what docs/declaraciones.md reports."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.declaraciones import grounds

CASES = yaml.safe_load((Path(__file__).with_name("ground_cases.yaml")).read_text(encoding="utf-8"))


def test_the_labelled_answers_cover_every_numeral():
    labels = {n for cases in CASES.values() for n, _facts in cases}
    assert labels == set(grounds.NUMERALS)
    assert sum(len(cases) for cases in CASES.values()) >= 60


@pytest.mark.parametrize(("name", "least_right"), [("tune", 90), ("holdout", 28)])
def test_the_suggestion_is_right_as_often_as_the_docs_say(name: str, least_right: int):
    misses = [(n, grounds.suggest(facts), facts) for n, facts in CASES[name]
              if grounds.suggest(facts) != n]
    assert len(CASES[name]) - len(misses) >= least_right, misses
