"""Question analysis: folding, slang, typos, stemming (bot/consultas/analysis.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.consultas.analysis import Analyzer, Lexicon, fold, read, words


@pytest.fixture(scope="module")
def analyzer(engine) -> Analyzer:
    return engine._state.analyzer


def test_fold_strips_accents_and_case():
    assert fold("CUÑADO Recusación") == "cunado recusacion"
    assert words("¿Qué es un IMPEDIMENTO?") == ["que", "es", "un", "impedimento"]


# «impedimiento» already has the stem of «impedido» (same term as «impedimento»): it is kept as
# an inflection of a known word, not «corrected» (so «recuso» does not become «recurso»).
@pytest.mark.parametrize(
    "typo, right, corrected",
    [
        ("conflito", "conflicto", True),
        ("impedimiento", "impedimento", False),
        ("inabilidad", "inhabilidad", True),
        ("recusasion", "recusacion", True),
    ],
)
def test_typos_corrected_against_the_base_vocabulary(analyzer, typo, right, corrected):
    assert analyzer.analyze(typo).terms == analyzer.analyze(right).terms
    assert analyzer.analyze(typo).corrected == ({typo: right} if corrected else {})


@pytest.mark.parametrize("word", ["placas", "PLACAS"])
def test_a_word_two_edits_from_a_short_known_word_is_not_a_typo_of_it(analyzer, word):
    """«placas» is not «palancas» (two letters missing): a slip of the finger is one edit in a
    short word (a letter missing, doubled, swapped or wrong); swapped letters still count as one."""
    assert analyzer.analyze(word).corrected == {} and "recomend" not in analyzer.analyze(word).terms
    assert analyzer.analyze("demnada").corrected == {"demnada": "demanda"}


def test_a_typo_inside_a_set_phrase_does_not_hide_the_phrase(analyzer):
    """«en cuánto tiempo» is a deadline; typed «en cunto tiiempo» it still is."""
    assert (
        analyzer.analyze("en cunto tiiempo respondo").terms
        == analyzer.analyze("en cuanto tiempo respondo").terms
    )


def test_nobody_says_anything_is_read_as_has_not_said_anything(analyzer):
    """«nadie dice nada» negates the verb like «no ha dicho nada»; «dice» and «dicho» meet."""
    assert analyzer.analyze("y nadie dice nada").terms == analyzer.analyze("y no ha dicho nada").terms


@pytest.mark.parametrize(
    "slang, meaning",
    [
        ("mi cuñis", "cuñado"),
        ("palanca", "recomendación"),
        ("rosca", "favoritismo"),
        ("enchufe", "favoritismo"),
        ("la moza", "pareja sentimental"),
        ("serrucho", "soborno"),
        ("mi cucha", "madre"),
    ],
)
def test_slang_maps_to_the_words_of_the_base(analyzer, slang, meaning):
    assert set(analyzer.analyze(meaning).terms) <= set(analyzer.analyze(slang).terms)


def test_cousin_and_payroll_bonus_do_not_collide(analyzer):
    assert "primo" in analyzer.analyze("mi prima se presentó").terms
    assert "prima" in analyzer.analyze("cuándo pagan la prima").terms
    assert "prim" not in analyzer.analyze("primero el primo").terms


def test_impedido_and_impedimento_share_a_term(analyzer):
    assert analyzer.analyze("impedido").terms == analyzer.analyze("impedimento").terms


def test_ordinals_become_degree_numbers(analyzer):
    assert analyzer.analyze("cuarto grado").terms == analyzer.analyze("4.º grado").terms


def test_english_questions_are_detected_and_mapped(analyzer):
    analysis = analyzer.analyze("Can I accept a gift from a contractor?")
    assert analysis.english
    assert "regal" in analysis.terms and "can" not in analysis.terms


def test_short_english_like_words_do_not_flip_language(analyzer):
    assert not analyzer.analyze("a mi me dieron un regalo").english


@pytest.mark.parametrize(
    "text", ["", "   ", "😀🙏🔥", "hola, buenas tardes, gracias", "<b></b><i>", "¿?¡!...", "\x00\u200b\u202e"]
)
def test_inputs_without_content_give_no_terms(analyzer, text):
    assert analyzer.analyze(text).terms == []


def test_long_input_is_truncated(analyzer):
    huge = "conflicto " * 5000
    assert len(analyzer.analyze(huge).terms) <= 300


def test_lexicon_loads_from_a_custom_file(tmp_path):
    path = tmp_path / "lexico.yaml"
    path.write_text('palabras:\n  parcero: amigo\nfrases:\n  "la vuelta": tramite\n', encoding="utf-8")
    lexicon = Lexicon.from_yaml(path)
    analyzer = Analyzer(lexicon, {"amigo", "tramite"})
    assert analyzer.surface_words(read("el parcero y la vuelta"))[0] == ["el", "amigo", "tramite"]


def test_every_lexicon_word_is_text():
    """YAML reads bare no/on/yes as booleans, which would silently drop those words."""
    import yaml

    from bot.consultas.analysis import DEFAULT_LEXICON

    def scalars(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from scalars(value)
        elif isinstance(node, list):
            for value in node:
                yield from scalars(value)
        else:
            yield node

    data = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    assert [w for w in scalars(data) if not isinstance(w, str)] == []


def test_a_huge_message_is_read_only_up_to_its_first_characters(analyzer):
    from bot.consultas.analysis import MAX_CHARS

    question = "mi primo se presentó a la licitación que evalúo "
    head = (question * (MAX_CHARS // len(question) + 1))[:MAX_CHARS]
    assert analyzer.analyze(head + "regalo " * 2000).terms == analyzer.analyze(head).terms
    courtesy = analyzer.courtesy(read("hola " * 3000))
    assert courtesy.kind == "hello" and courtesy.only


@pytest.mark.parametrize(
    ("question", "reading"),
    [
        ("puedo trabajar en otra entidad también?", ["dos", "emple"]),
        ("puedo tener un puesto en la alcaldía y otro en el hospital", ["dos", "emple"]),
        (
            "tengo contrato OPS y me salió un nombramiento, ¿puedo tener las dos cosas?",
            ["servidor", "contrat"],
        ),
    ],
)
def test_two_posts_at_once_said_in_a_roundabout_way_read_as_such(analyzer, question, reading):
    terms = analyzer.question(read(question)).terms
    assert terms[-len(reading) :] == reading
    assert analyzer.analyze(question).terms == terms[: -len(reading)]  # the base's texts: without


@pytest.mark.parametrize(
    "question",
    [
        "mi hermano también trabaja en la alcaldía",
        "Soy contratista OPS, ¿a mí también me aplica o solo a los de planta?",
    ],
)
def test_one_workplace_or_a_contrast_is_not_two_posts(analyzer, question):
    assert analyzer.question(read(question)).terms == analyzer.analyze(question).terms


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("¿Un contratista y un servidor de planta declaran lo mismo?", True),
        ("¿los contratistas reciben la misma capacitación que los funcionarios?", True),
        ("diferencia entre un contratista ops y un empleado de carrera", True),
        ("puedo ser contratista y funcionario al mismo tiempo", False),  # two posts at once
        ("¿el contratista y el supervisor tienen el mismo deber?", False),  # one group only
        ("¿es lo mismo inhabilidad que incompatibilidad?", False),
        ("", False),
    ],
)
def test_a_question_that_compares_two_groups_is_flagged(analyzer, question, compares):
    analysis = analyzer.question(read(question))
    assert analysis.compares is compares
    if compares:  # never read as holding both posts
        assert analysis.terms == analyzer.analyze(question).terms


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("el jefe adjudicó el contrato a su sobrino", True),
        ("una compañera es la novia de un proponente y no ha dicho nada", True),
        ("mi compañera está evaluando a su propio primo y no dijo nada", True),
        ("mi primo se presentó a la licitación que superviso", False),
        ("¿un funcionario puede contratar a su primo?", False),
        ("yo evalúo la propuesta de su hermano", False),
        ("quiero recusar al funcionario porque es cuñado de la otra parte y no dijo nada", False),
        (
            "el coordinador firmó la adjudicación a una empresa donde tiene acciones y no se declaró impedido",
            True,
        ),
        ("si un funcionario no se declaró impedido, qué consecuencias tiene", False),
        ("yo no me declaré impedido a tiempo, qué me pasa", False),
    ],
)
def test_someone_elses_conflict_is_told_from_ones_own(analyzer, text, theirs):
    assert analyzer.someone_elses(read(text)) is theirs


def test_the_words_that_tell_someone_elses_conflict_live_in_the_lexicon(analyzer):
    """«mi», «propio», «de / del» and «él / ella» are lexicon lists (``ajeno``), not code: a
    lexicon without «mios» no longer takes «mi» as one's own relative."""
    others = analyzer.lexicon.others
    assert {"mios", "enfasis", "de", "pronombres"} <= set(others)
    assert "mi" in others["mios"] and "del" in others["de"] and "el" in others["pronombres"]
    text = read("el jefe adjudicó el contrato a la esposa del nuevo coordinador y no dijo nada")
    assert analyzer.someone_elses(text)
    mine = read("el jefe adjudicó el contrato a mi sobrino y no dijo nada")
    assert not analyzer.someone_elses(mine)
    lexicon = replace(analyzer.lexicon, others={k: v for k, v in others.items() if k != "mios"})
    assert Analyzer(lexicon).someone_elses(mine)


def test_read_keeps_only_the_head_without_tags_and_is_the_start_of_every_reading(analyzer):
    assert read("<b>Hola</b> mi PRIMO") == ("hola", "mi", "primo")
    assert read("") == ()
    assert analyzer.analyze("mi primo evalúa") == analyzer.analyze_words(read("mi primo evalúa"))


def test_the_engine_reads_a_question_once(engine, monkeypatch):
    """The question is cleaned and tokenised once per answer; every reading gets those words."""
    import bot.consultas.analysis as analysis

    calls = []
    real = analysis._head
    monkeypatch.setattr(analysis, "_head", lambda text: calls.append(text) or real(text))
    engine.answer("buenas, mi compañero no declaró que el contratista es su cuñado, a quién le cuento?")
    assert len(calls) == 1


def test_phone_abbreviations_are_written_out_before_the_phrases(analyzer, engine):
    """«q significa» meets the phrase «que significa»; the base's own texts are read as written."""
    assert analyzer.read("q significa pa q") == ("que", "significa", "para", "que")
    assert analyzer.question(analyzer.read("q significa conflicto de interes")).terms == (
        analyzer.analyze("que significa conflicto de interes").terms
    )
    assert read("q es x") == ("q", "es", "x")  # the base's texts: no abbreviations
    assert engine.answer("q significa conflicto de interes").entry_id == "conflicto_que_es"


def test_a_typo_corrected_into_an_abbreviation_is_written_out(analyzer):
    """«kto» is corrected to the abbreviation «cto», which is then written out as «contrato»."""
    words, _english, _typos = analyzer.surface_words(analyzer.read("tengo un kto"))
    assert "contrato" in words and "cto" not in words
