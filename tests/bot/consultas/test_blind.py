"""The blind evaluation set of issue #16: its shape, the frozen holdout and the noise suite."""

from __future__ import annotations

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
    HOLDOUT12_SET,
    HOLDOUT_SET,
    TUNE3_SET,
    TUNE_SET,
    BlindItem,
    is_right,
    load_blind,
    noise_variants,
)
from bot.consultas.evaluation import Outcome, engine_runner

# Sets written in wave 15: tune set 15 and holdout 11, helper blind12 (each has its own shape test).
WAVE15 = {"ciegas_ajuste15.yaml", "ciegas_reserva11.yaml"}
# Sets written for wave 16 (tune set 16 and holdout 12, helper blind13), before any engine change.
WAVE16 = {"ciegas_ajuste16.yaml", "ciegas_reserva12.yaml"}
# Sets written in waves 11 to 15 (they compare themselves with every older set in their own test).
WAVE11 = {"ciegas_ajuste12.yaml", "ciegas_reserva7.yaml", "ciegas_reserva8.yaml", "ciegas_ajuste13.yaml",
          "ciegas_reserva9.yaml", "ciegas_ajuste14.yaml", "ciegas_reserva10.yaml", *WAVE15, *WAVE16}
# Sets written in wave 14, after tune set 13 and holdout 9 (which compare themselves with older sets only).
WAVE14 = {"ciegas_ajuste14.yaml", "ciegas_reserva10.yaml"}


def test_the_blind_set_is_large_and_split():
    tune, holdout = load_blind(TUNE_SET), load_blind(HOLDOUT_SET)
    assert len(tune) + len(holdout) >= 250
    assert len(holdout) >= 100
    assert not {i.question for i in tune} & {i.question for i in holdout}
    for items in (tune, holdout):
        assert sum(i.expect == {"out_of_scope"} for i in items) >= 10
        assert sum(i.expect == {"small_talk"} for i in items) >= 5
        assert sum(len(i.question) > 120 for i in items) >= 3


def test_the_holdouts_say_they_are_frozen():
    for path in (
        HOLDOUT_SET,
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
        HOLDOUT12_SET,
    ):
        header = path.read_text(encoding="utf-8").split("\n- ", 1)[0]
        assert "FROZEN" in header and "NEVER" in header, path.name


def test_the_wave_3_holdout_is_large_and_apart_from_every_tune_set():
    """Shape only: the second holdout is never scored by a test."""
    holdout = load_blind(HOLDOUT2_SET)
    assert len(holdout) >= 150
    assert not {i.question for i in holdout} & {i.question for i in load_blind(TUNE3_SET)}
    # Written independently, three short questions happen to equal ones of the first tune set
    # (a greeting, an HR question and a MIPG one); the file is frozen, so they stay and are reported.
    assert len({i.question for i in holdout} & {i.question for i in load_blind(TUNE_SET)}) <= 3
    assert sum(i.expect == {"out_of_scope"} for i in holdout) >= 10
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5


def test_the_wave_5_holdout_is_large_and_apart_from_every_other_set():
    """Shape only (its scores are checked only as a floor, below)."""
    from bot.consultas.blind import OWN_SET, TUNE4_SET, TUNE5_SET

    holdout = load_blind(HOLDOUT3_SET)
    assert len(holdout) >= 110
    others = (TUNE_SET, OWN_SET, TUNE3_SET, TUNE4_SET, TUNE5_SET, HOLDOUT_SET, HOLDOUT2_SET)
    assert not {i.question for i in holdout} & {i.question for p in others for i in load_blind(p)}
    assert sum(i.expect == {"out_of_scope"} for i in holdout) >= 15
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5
    assert len({i.who for i in holdout}) >= 8


def test_the_wave_8_holdout_is_large_and_apart_from_every_other_set():
    """Shape only: holdout 4 was committed before any engine run on it and repeats no other question."""
    from bot.consultas.blind import BENCH

    holdout = load_blind(HOLDOUT4_SET)
    assert len(holdout) >= 120
    later = {
        HOLDOUT4_SET,
        HOLDOUT5_SET,
        HOLDOUT6_SET,
        BENCH / "ciegas_ajuste10.yaml",
        BENCH / "ciegas_ajuste11.yaml",
    }  # waves 9 and 10 compare themselves
    others = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p not in later and p.name not in WAVE11]
    assert len(others) >= 11
    assert not {i.question for i in holdout} & {i.question for p in others for i in load_blind(p)}
    assert sum(i.expect == {"out_of_scope"} for i in holdout) >= 15
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5
    assert sum(len(i.question) > 120 for i in holdout) >= 5
    assert len({i.who for i in holdout}) >= 8


def test_the_wave_9_holdout_is_large_and_apart_from_every_other_set():
    """Shape only: holdout 5 was written by a helper that never saw the engine, the knowledge
    base's phrasings nor the other sets, committed before any engine run on it, and repeats no
    question of any other set."""
    from bot.consultas.blind import BENCH

    holdout = load_blind(HOLDOUT5_SET)
    assert len(holdout) >= 150
    others = [
        p
        for p in sorted(BENCH.glob("ciegas_*.yaml"))
        if p not in {HOLDOUT5_SET, HOLDOUT6_SET, BENCH / "ciegas_ajuste11.yaml"} and p.name not in WAVE11
    ]
    assert len(others) >= 14
    # Written independently, seven short questions happen to equal ones of earlier sets (a
    # thanks, an emoji, the weather, the five values, paternity leave, the year-end party, «q es
    # un conflicto aparente»); the file is frozen, so they stay and are reported.
    shared = {i.question for i in holdout} & {i.question for p in others for i in load_blind(p)}
    assert len(shared) <= 7
    assert sum("out_of_scope" in i.expect for i in holdout) >= 15  # with a fuera_* entry or not
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5
    assert len({i.who for i in holdout}) >= 8


def test_the_wave_10_sets_are_large_and_apart():
    """Shape only: tune set 11 and holdout 6 were written by a helper that never saw the engine,
    the knowledge base's phrasings nor the other sets, each in its own commit (tune first) before
    any engine run on them; holdout 6 shares no question with tune set 11."""
    from bot.consultas.blind import BENCH, TUNE11_SET

    tune, holdout = load_blind(TUNE11_SET), load_blind(HOLDOUT6_SET)
    assert len(tune) >= 150 and len(holdout) >= 150
    assert not {i.question for i in tune} & {i.question for i in holdout}
    earlier = [
        p
        for p in sorted(BENCH.glob("ciegas_*.yaml"))
        if p not in {TUNE11_SET, HOLDOUT6_SET} and p.name not in WAVE11
    ]
    seen = {i.question for p in earlier for i in load_blind(p)}
    assert len({i.question for i in holdout} & seen) <= 7  # short greetings may coincide
    for items in (tune, holdout):
        assert sum("out_of_scope" in i.expect for i in items) >= 15
        assert sum(i.expect == {"small_talk"} for i in items) >= 5
        assert len({i.who for i in items}) >= 8


def test_the_wave_11_tune_set_is_large_and_apart():
    """Shape only: tune set 12 was written by a helper (blind8) that never saw the engine, the
    knowledge base's phrasings nor the other sets, and committed before any engine run on it."""
    from bot.consultas.blind import BENCH, TUNE12_SET

    tune = load_blind(TUNE12_SET)
    assert len(tune) >= 180
    earlier = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p.name not in WAVE11]
    seen = {i.question for p in earlier for i in load_blind(p)}
    # Written independently, eight short ones coincide with earlier sets (greetings, «👍👍», the
    # December bonus, the transport allowance, the compensation fund, the property tax, who goes on
    # once an impedimento is accepted); the file is frozen as written.
    assert len({i.question for i in tune} & seen) <= 8
    assert sum("out_of_scope" in i.expect for i in tune) >= 15
    assert sum(i.expect == {"small_talk"} for i in tune) >= 5
    assert sum("escalate" in i.expect for i in tune) >= 20
    assert len({i.who for i in tune}) >= 8


def _check_shape(path, *, size: int, earlier: list, shared: int, out_of_scope: int, escalate: int) -> None:
    """A blind set's shape: its size, how many questions it shares with the sets written before it
    (short greetings and the usual HR procedures may coincide; each file is frozen as written), and
    enough out-of-scope, small-talk, escalation and speaker variety."""
    items = load_blind(path)
    assert len(items) >= size
    seen = {i.question for p in earlier if p != path for i in load_blind(p)}
    assert len({i.question for i in items} & seen) <= shared
    assert sum("out_of_scope" in i.expect for i in items) >= out_of_scope
    assert sum(i.expect == {"small_talk"} for i in items) >= 5
    assert sum("escalate" in i.expect for i in items) >= escalate
    assert len({i.who for i in items}) >= 8


def test_the_wave_13_and_14_sets_are_large_and_apart():
    """Shape only: tune set 13 and holdout 9 (helper blind10), then tune set 14 and holdout 10
    (helper blind11), were written by helpers that never saw the engine, the knowledge base's
    phrasings nor the other sets, each committed before any engine run on it (the tune set
    first). Tune set 14 is compared with the tune sets only: the wave that tuned on it never
    loaded a holdout."""
    from bot.consultas.blind import BENCH, OWN_SET, TUNE13_SET, TUNE14_SET

    before_14 = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p.name not in WAVE14 | WAVE15 | WAVE16]
    everything = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p.name not in WAVE15 | WAVE16]
    tune_sets = [*(p for p in sorted(BENCH.glob("ciegas_ajuste*.yaml")) if p.name not in WAVE15 | WAVE16),
                 OWN_SET]
    _check_shape(TUNE13_SET, size=150, earlier=before_14, shared=9, out_of_scope=15, escalate=15)
    _check_shape(HOLDOUT9_SET, size=140, earlier=before_14, shared=9, out_of_scope=15, escalate=12)
    _check_shape(TUNE14_SET, size=110, earlier=tune_sets, shared=3, out_of_scope=10, escalate=8)
    _check_shape(HOLDOUT10_SET, size=140, earlier=everything, shared=9, out_of_scope=15, escalate=10)


def test_the_wave_15_holdout_is_large_and_apart():
    """Shape only: holdout 11 was written by a helper (blind12) that never saw the engine, the
    knowledge base's phrasings nor the other sets, committed after tune set 15 and before any
    engine run on either; the engine helper of wave 15 never loaded it. Seven short ones coincide
    with earlier sets (greetings and usual HR procedures); the file is frozen as written."""
    from bot.consultas.blind import BENCH

    earlier = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p.name not in WAVE16]
    _check_shape(HOLDOUT11_SET, size=150, earlier=earlier, shared=7, out_of_scope=15, escalate=20)


def test_the_wave_15_tune_set_has_its_shape():
    """Shape only: tune set 15 was written by a helper (blind12) that never saw the engine, the
    knowledge base's phrasings nor the other sets, committed before any engine run on it. It is
    compared with the tune sets only (the wave that tunes on it never loads a holdout): written
    independently, eight questions coincide with earlier tune sets (the usual HR procedures, «👍👍»,
    «inhabilidad e incompatibilidad es lo mismo?», the Code of Integrity, the perception test, the
    SIGEP deadline); the file is frozen as written."""
    from bot.consultas.blind import BENCH, OWN_SET, TUNE15_SET

    tune_sets = [*(p for p in sorted(BENCH.glob("ciegas_ajuste*.yaml")) if p.name not in WAVE16), OWN_SET]
    _check_shape(TUNE15_SET, size=190, earlier=tune_sets, shared=8, out_of_scope=15, escalate=20)


def test_the_wave_16_sets_are_large_and_apart():
    """Shape only: tune set 16, then holdout 12, were written by a helper (blind13) that never saw
    the engine, the knowledge base's phrasings nor the other sets, each in its own commit, at the
    end of wave 15 and before any engine change of wave 16; neither has been run through the engine.
    Tune set 16 is compared with the tune sets only (the wave that tunes on it must never load a
    holdout); written independently, 13 of its short questions (greetings, the usual HR
    procedures) coincide with earlier tune sets and 6 of holdout 12's with earlier sets. Each file
    is frozen as written."""
    from bot.consultas.blind import BENCH, HOLDOUT12_SET, OWN_SET, TUNE16_SET

    tune_sets = [*sorted(BENCH.glob("ciegas_ajuste*.yaml")), OWN_SET]
    _check_shape(TUNE16_SET, size=180, earlier=tune_sets, shared=13, out_of_scope=15,
                 escalate=20)
    _check_shape(HOLDOUT12_SET, size=170, earlier=sorted(BENCH.glob("ciegas_*.yaml")), shared=6,
                 out_of_scope=15, escalate=20)


def test_the_wave_12_holdout_is_large_and_apart():
    """Shape only: holdout 8 was written by a helper (blind9) that never saw the engine, the
    knowledge base's phrasings nor the other sets, committed before any engine run on it."""
    from bot.consultas.blind import BENCH

    holdout = load_blind(HOLDOUT8_SET)
    assert len(holdout) >= 180
    others = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p != HOLDOUT8_SET and p.name not in WAVE15 | WAVE16]
    seen = {i.question for p in others for i in load_blind(p)}
    assert len({i.question for i in holdout} & seen) <= 8  # short greetings may coincide
    assert sum("out_of_scope" in i.expect for i in holdout) >= 15
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5
    assert sum("escalate" in i.expect for i in holdout) >= 20
    assert len({i.who for i in holdout}) >= 8


def test_the_wave_11_holdout_is_large_and_apart():
    """Shape only: holdout 7 was written by the same blind helper after tune set 12, in its own
    commit, and shares no question with it."""
    from bot.consultas.blind import BENCH, TUNE12_SET

    holdout = load_blind(HOLDOUT7_SET)
    assert len(holdout) >= 180
    assert not {i.question for i in holdout} & {i.question for i in load_blind(TUNE12_SET)}
    earlier = [p for p in sorted(BENCH.glob("ciegas_*.yaml")) if p.name not in WAVE11]
    seen = {i.question for p in earlier for i in load_blind(p)}
    assert len({i.question for i in holdout} & seen) <= 8  # short greetings may coincide
    assert sum("out_of_scope" in i.expect for i in holdout) >= 15
    assert sum(i.expect == {"small_talk"} for i in holdout) >= 5
    assert sum("escalate" in i.expect for i in holdout) >= 20
    assert len({i.who for i in holdout}) >= 8


def test_the_wave_6_tune_sets_are_apart_from_every_holdout():
    """Shape only: the tune sets of wave 6 share no question with any other set."""
    from bot.consultas.blind import OWN_SET, TUNE4_SET, TUNE5_SET, TUNE6_SET, TUNE7_SET

    six, seven = load_blind(TUNE6_SET), load_blind(TUNE7_SET)
    assert len(six) >= 80 and len(seven) >= 50
    others = (
        TUNE_SET,
        OWN_SET,
        TUNE3_SET,
        TUNE4_SET,
        TUNE5_SET,
        HOLDOUT_SET,
        HOLDOUT2_SET,
        HOLDOUT3_SET,
        HOLDOUT4_SET,
    )
    seen = {i.question for p in others for i in load_blind(p)}
    assert not {i.question for i in six + seven} & seen
    assert not {i.question for i in six} & {i.question for i in seven}
    assert sum(i.expect == {"out_of_scope"} for i in six) >= 10
    assert sum(i.expect == {"small_talk"} for i in six) >= 5
    assert len({i.who for i in six}) >= 6


def test_the_wave_7_tune_set_is_apart_from_every_other_set():
    """Shape only: ajuste8 was written before any engine run on it and repeats no other question."""
    from bot.consultas.blind import OWN_SET, TUNE4_SET, TUNE5_SET, TUNE6_SET, TUNE7_SET, TUNE8_SET

    eight = load_blind(TUNE8_SET)
    assert len(eight) >= 80
    others = (
        TUNE_SET,
        OWN_SET,
        TUNE3_SET,
        TUNE4_SET,
        TUNE5_SET,
        TUNE6_SET,
        TUNE7_SET,
        HOLDOUT_SET,
        HOLDOUT2_SET,
        HOLDOUT3_SET,
        HOLDOUT4_SET,
    )
    assert not {i.question for i in eight} & {i.question for p in others for i in load_blind(p)}
    assert sum(i.expect == {"out_of_scope"} for i in eight) >= 12
    assert sum(i.expect == {"small_talk"} for i in eight) >= 5
    assert len({i.who for i in eight}) >= 6


def test_the_wave_8_tune_set_is_apart_from_every_other_set():
    """Shape only: ajuste9 was written before any engine run on it and repeats no other question."""
    from bot.consultas.blind import BENCH, TUNE9_SET

    nine = load_blind(TUNE9_SET)
    assert len(nine) >= 120
    later = {TUNE9_SET, BENCH / "ciegas_ajuste11.yaml", HOLDOUT6_SET}  # wave 10 compares itself
    others = [p for p in sorted(BENCH.glob("*.yaml")) if p not in later and p.name not in WAVE11]
    assert HOLDOUT4_SET in others
    assert not {i.question for i in nine} & {i.question for p in others for i in load_blind(p)}
    assert sum(i.expect == {"out_of_scope"} for i in nine) >= 15
    assert sum(i.expect == {"small_talk"} for i in nine) >= 5
    assert len({i.who for i in nine}) >= 8


def test_the_wave_9_tune_set_is_apart_from_the_other_tune_sets():
    """Shape only: ajuste10 was written by another helper (blind5) and committed before any engine
    run on it. Two short questions («hola» and one about the December bonus) happen to equal ones
    of earlier tune sets, and one emoji question («👍👍») one of holdout 2 (a shape check, run by
    the lead after the wave; the wave-9 helpers did not open the holdouts)."""
    from bot.consultas.blind import (
        OWN_SET,
        TUNE4_SET,
        TUNE5_SET,
        TUNE6_SET,
        TUNE7_SET,
        TUNE8_SET,
        TUNE9_SET,
        TUNE10_SET,
    )

    ten = load_blind(TUNE10_SET)
    assert len(ten) >= 120
    others = (TUNE_SET, OWN_SET, TUNE3_SET, TUNE4_SET, TUNE5_SET, TUNE6_SET, TUNE7_SET, TUNE8_SET, TUNE9_SET)
    assert len({i.question for i in ten} & {i.question for p in others for i in load_blind(p)}) <= 2
    holdouts = (HOLDOUT_SET, HOLDOUT2_SET, HOLDOUT3_SET, HOLDOUT4_SET, HOLDOUT5_SET)
    assert len({i.question for i in ten} & {i.question for p in holdouts for i in load_blind(p)}) <= 1
    assert sum(i.expect == {"small_talk"} for i in ten) >= 5
    assert sum(len(i.question) > 120 for i in ten) >= 20
    assert len({i.who for i in ten}) >= 8


def test_noise_suite_derives_four_versions_of_every_tune_question():
    tune = load_blind(TUNE_SET)
    variants = noise_variants(tune)
    assert set(variants) == {"relleno", "errores", "sin_tildes", "mayusculas"}
    questions = [i for i in tune if i.expect != {"small_talk"}]
    for name, items in variants.items():
        assert len(items) == len(questions), name
        assert [i.expect for i in items] == [i.expect for i in questions]
    assert all(
        i.question.isupper() or not any(c.isalpha() for c in i.question) for i in variants["mayusculas"]
    )
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


def test_engine_does_not_regress_on_the_tuning_sets(kb, engine):
    """Regression floors on the sets the engine is tuned on (the tune half and the wave-2 own
    questions), a little below what they measured. The frozen holdouts are not scored here; their
    figures come from ``bench/consultas_eval.py --blind --holdout``, run once at the end of a wave
    and reported in docs/consultas.md, and only a floor below them is checked (the next test). The noise check measures robustness to noise, not quality.
    ajuste8 predicted wave 8 with its first run (83.8 % / 2.0 %) and was then printed on every
    tuning run of wave 8, so it is a tune set like the others, with a floor below its last run
    (90.9 % / 1.0 %). ajuste9 was written in wave 8 (first run 82.8 % / 6.6 %) and then tuned on:
    it has a floor a little below its last run. ajuste10 was written in wave 9 by another helper:
    its first run (85.0 % / 3.3 %) was wave 9's out-of-sample check; it was then tuned on (87.5 % /
    0 %) and has a floor 2 points below. ajuste11 (wave 10, written blind by another helper) first
    measured 81.9 % / 2.0 %, was then tuned on (83.9 % / 2.0 %). Wave 9 also raised the floors of
    ajuste8 (92.9 % / 0 % measured) and ajuste9 (92.1 % / 0.7 %). Wave 11 (motor12) measured
    ajuste11 at 88.4 % / 2.0 % (floor 86.4 % / 4 %), ajuste8 at 96.0 % / 0 % (floor 94 %) and the
    tune half at 98.0 % (floor 96 %); ajuste12 (written blind by blind8) first measured 78.9 % /
    1.5 % with the wave-10 engine and 79.9 % / 1.5 % with wave 11's first change, then was tuned
    on (80.9 % / 1.0 %): floor 78.9 % / 3 %. Wave 12 (motor13) measured ajuste12 at 83.3 % / 1.0 %
    (floor 81.3 %) and ajuste10 at 95.0 % / 0.8 % (floor 93 %). Wave 13 (motor14) first measured
    ajuste13 (written blind by blind10) at 89.2 % / 3.0 % with the wave-12 engine, then tuned on
    it: 91.0 % / 1.2 % (floor 89 % / 3.2 %); ajuste2 94.9 % (floor 92.9 %), ajuste9 93.4 % (floor
    91.4 %). Wave 14 (motor15) first measured ajuste14 (written blind by blind11) at 82.8 % / 2.6 %
    with the wave-13 engine and 83.6 % / 0.9 % with wave 14's first two changes, then was tuned on
    (85.3 % / 0.9 %, floor 83.3 % / 2.9 %); ajuste11 88.9 % (floor 86.9 %), ajuste12 84.3 % (floor
    82.3 %), ajuste13 91.6 % / 0.6 % (floor 89.6 % / 2.6 %). Wave 15 (motor16) first measured
    ajuste15 (written blind by blind12) at 85.6 % / 4.1 % with the wave-14 engine, then tuned on it
    (87.6 % / 2.1 %, floor 85.6 % / 4.1 %); ajuste14 87.1 % (floor 85.1 %), ajuste13 92.2 % / 0 %
    (floor 90.2 % / 2 %), ajuste12 85.3 % / 0.5 % (floor 83.3 %). The only blind sets are the frozen
    holdouts."""
    from bot.consultas.blind import (
        OWN_SET,
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
        score_blind,
    )

    run = engine_runner(engine)
    tune = load_blind(TUNE_SET)
    clean = score_blind("tune", [i for i in tune if i.expect != {"small_talk"}], kb, run)
    own = score_blind("own", load_blind(OWN_SET), kb, run)
    wave3 = score_blind("ajuste2", load_blind(TUNE3_SET), kb, run)
    wave4 = score_blind("ajuste4", load_blind(TUNE4_SET), kb, run)
    wave4b = score_blind("ajuste5", load_blind(TUNE5_SET), kb, run)
    assert wave3.right_rate >= 0.929 and wave3.confident_wrong_rate <= 0.02, "ajuste2 floor"
    assert wave3.out_of_scope_recall >= 0.85, "ajuste2 out-of-scope floor"
    assert wave4.right_rate >= 0.93 and wave4.confident_wrong_rate <= 0.03, "ajuste4 floor"
    wave6 = score_blind("ajuste6", load_blind(TUNE6_SET), kb, run)
    wave6b = score_blind("ajuste7", load_blind(TUNE7_SET), kb, run)
    assert wave4b.right_rate >= 0.93 and wave4b.confident_wrong_rate <= 0.04, "ajuste5 floor"
    assert wave6.right_rate >= 0.96 and wave6.confident_wrong_rate <= 0.02, "ajuste6 floor"
    assert wave6.out_of_scope_recall >= 0.95 and wave6.small_talk_recall >= 0.95, "ajuste6 scope and chat"
    assert wave6b.right_rate >= 0.91 and wave6b.confident_wrong_rate <= 0.02, "ajuste7 floor"
    wave7 = score_blind("ajuste8", load_blind(TUNE8_SET), kb, run)
    assert wave7.right_rate >= 0.94 and wave7.confident_wrong_rate <= 0.02, "ajuste8 floor"
    wave8 = score_blind("ajuste9", load_blind(TUNE9_SET), kb, run)
    assert wave8.right_rate >= 0.914 and wave8.confident_wrong_rate <= 0.02, "ajuste9 floor"
    assert wave8.small_talk_recall >= 0.95, "ajuste9 chat"
    wave9 = score_blind("ajuste10", load_blind(TUNE10_SET), kb, run)
    assert wave9.right_rate >= 0.93 and wave9.confident_wrong_rate <= 0.02, "ajuste10 floor"
    assert wave9.small_talk_recall >= 0.95 and wave9.out_of_scope_recall >= 0.75, "ajuste10 scope and chat"
    wave10 = score_blind("ajuste11", load_blind(TUNE11_SET), kb, run)
    assert wave10.right_rate >= 0.869 and wave10.confident_wrong_rate <= 0.04, "ajuste11 floor"
    wave11 = score_blind("ajuste12", load_blind(TUNE12_SET), kb, run)
    assert wave11.right_rate >= 0.833 and wave11.confident_wrong_rate <= 0.03, "ajuste12 floor"
    wave13 = score_blind("ajuste13", load_blind(TUNE13_SET), kb, run)
    assert wave13.right_rate >= 0.902 and wave13.confident_wrong_rate <= 0.02, "ajuste13 floor"
    assert wave13.small_talk_recall >= 0.95, "ajuste13 chat"
    wave14 = score_blind("ajuste14", load_blind(TUNE14_SET), kb, run)
    assert wave14.right_rate >= 0.851 and wave14.confident_wrong_rate <= 0.029, "ajuste14 floor"
    wave15 = score_blind("ajuste15", load_blind(TUNE15_SET), kb, run)
    assert wave15.right_rate >= 0.856 and wave15.confident_wrong_rate <= 0.041, "ajuste15 floor"
    assert wave15.small_talk_recall >= 0.95 and wave15.out_of_scope_recall >= 0.95, "ajuste15 scope and chat"
    assert clean.right_rate >= 0.96 and clean.confident_wrong_rate <= 0.02, clean
    assert own.right_rate >= 0.95 and own.confident_wrong_rate <= 0.02, own
    assert clean.out_of_scope_recall >= 0.95 and own.out_of_scope_recall >= 0.95
    for name, items in noise_variants(tune).items():
        noisy = score_blind(name, items, kb, run)
        assert noisy.right_rate >= clean.right_rate - 0.03, name


def test_engine_keeps_its_floor_on_the_frozen_holdouts(kb, engine):
    """A REGRESSION FLOOR, NOT THE TARGET. Issue #16 asks for right action >= 90 % and confident
    wrong <= 2 % on the holdouts; on 6 December 2026 the engine measured 87.8 / 87.3 / 87.8 % right
    and 4.3 / 1.8 / 2.3 % confident wrong (holdouts 1, 2, 3; wave 5), then 87.0 / 86.1 / 89.0 % and
    4.3 / 2.4 / 2.9 % (wave 6), then 87.0 / 86.1 / 89.5 % and 4.3 / 1.8 / 1.7 % (wave 7, the title
    check). Each floor is the best measurement minus 2 points (plus 2 for confident wrong): in wave 7
    the third holdout's floors moved to 87.5 % and 3.7 %. Wave 8 (7 December 2026) measured
    86.1 / 87.3 / 91.3 % and 4.3 / 1.8 / 1.7 % on holdouts 1-3 (seen by earlier reports) and, on the
    fourth holdout, the only one still blind, 87.5 % and 2.5 %: the third holdout's floor moves to
    89.3 % and the fourth gets 85.5 % and 4.5 %. Wave 9 measured, on the fifth holdout (the only
    blind one, written by a helper that never saw the engine), 73.1 % and 2.5 %: it gets 71.1 %
    and 4.5 %. Wave 10 measured, on the sixth holdout (written blind like the fifth, run once on
    7 December 2026 at 12:26 UTC after the wave's engine changes), 77.0 % and 2.6 %: it gets 75.0 %
    and 4.6 %; the fifth measured 73.1 % and 3.1 % in that run. Wave 11 measured, on the seventh
    holdout (written blind by helper blind8, run once on 7 December 2026 at 14:27 UTC after the
    wave's engine changes), 83.2 % and 0.9 %: it gets 81.2 % and 2.9 %. In that run holdouts 1-6
    measured 90.4 / 90.9 / 93.0 / 90.0 / 75.6 / 78.5 % right and 2.6 / 2.4 / 1.7 / 1.9 / 3.1 / 2.6 %
    confident wrong; their floors move to the best right minus 2 points. Wave 12 measured, on the
    eighth holdout (written blind by helper blind9, run once on 7 December 2026 at 14:53 UTC after
    the wave's engine changes), 80.7 % and 3.8 %: it gets 78.7 % and 5.8 %. Wave 13 measured, on
    the ninth holdout (written blind by helper blind10, run once on 7 December 2026 at 17:17 UTC
    after the wave's engine changes), 84.8 % and 2.6 %: it gets 82.8 % and 4.6 %. Wave 14 measured,
    on the tenth holdout (written blind by helper blind11, run once on 7 December 2026 at 17:57 UTC
    after the wave's engine changes), 76.9 % and 5.4 %: it gets 74.9 % and 7.4 %. Wave 15 measured, on
    the eleventh holdout (written blind by helper blind12, run once on 7 December 2026 at 20:55 UTC
    after the wave's engine changes), 84.1 % and 2.6 %: it gets 82.1 % and 4.6 %. A change that loses
    ground on unseen questions fails CI. Never tune to this test: it only reports a
    total, and its failures are not listed."""
    from bot.consultas.blind import score_blind

    run = engine_runner(engine)
    floors = {
        HOLDOUT_SET: (0.884, 0.063),
        HOLDOUT2_SET: (0.889, 0.038),
        HOLDOUT3_SET: (0.910, 0.037),
        HOLDOUT4_SET: (0.880, 0.045),
        HOLDOUT5_SET: (0.736, 0.045),
        HOLDOUT6_SET: (0.765, 0.046),
        HOLDOUT7_SET: (0.812, 0.029),
        HOLDOUT8_SET: (0.787, 0.058),
        HOLDOUT9_SET: (0.828, 0.046),
        HOLDOUT10_SET: (0.749, 0.074),
        HOLDOUT11_SET: (0.821, 0.046),
    }
    for path, (right, wrong) in floors.items():
        report = score_blind(path.stem, load_blind(path), kb, run)
        assert report.right_rate >= right, f"{path.name}: right action below its floor"
        assert report.confident_wrong_rate <= wrong, f"{path.name}: confident wrong above its ceiling"
