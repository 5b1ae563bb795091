"""The guided answers and the ground they suggest (bot/declaraciones/interest.py)."""

from __future__ import annotations

import pytest

from bot.declaraciones import interest, messages
from bot.declaraciones.interest import Answers
from nucleo.errors import InvalidInput

PLAIN = "Lo supe ayer, cuando llegó la propuesta al comité."


def test_answers_drop_forged_values():
    answers = Answers.of({"t": "contrato", "r": "jefe", "h": "pariente", "p": "bisabuelos"})
    assert answers == Answers("contrato", None, "pariente", None)
    assert Answers.of({"h": "yo", "p": "tios"}).relation is None  # a relation needs «pariente»
    assert Answers.of({"t": ["contrato"], "h": 3}) == Answers()
    assert Answers.of({"h": "pariente", "p": "tios"}).degree == 3


@pytest.mark.parametrize(("answers", "facts", "ground"), [
    (Answers(holder="yo"), PLAIN, 1),
    (Answers(holder="conyuge"), PLAIN, 1),
    (Answers(holder="socio"), PLAIN, 1),
    (Answers(holder="pariente", relation="primos"), PLAIN, 1),
    (Answers(holder="pariente", relation="otro"), PLAIN, 1),
    (Answers(holder="pariente", relation="hijos_primo"), PLAIN, None),
    (Answers(holder="pariente", relation="pareja_hermano"), PLAIN, None),
    (Answers(holder="otra"), PLAIN, None),
    (Answers(holder="otra"), "Es mi compadre y mejor amigo.", 8),
    (Answers(holder="pariente", relation="hermanos"), "Mi hermano le debe plata al oferente.", 9),
    (Answers(holder="pariente", relation="primos"), "Mi primo le debe plata al oferente.", 1),
    (Answers(holder="pariente", relation="sobrinos_pareja"),
     "El sobrino de mi esposa le debe plata al oferente.", None),
    (Answers(), "Tengo un pleito con el solicitante.", 5),  # a draft from before: facts alone
    (Answers(), PLAIN, 1),
])
def test_the_suggested_ground(answers: Answers, facts: str, ground):
    assert interest.suggest(answers, facts).ground == ground


def test_the_notes():
    process = interest.suggest(Answers(matter_type="proceso", holder="yo"), PLAIN)
    assert process.notes == (messages.NOTE_PROCESS,)
    hiring = Answers(matter_type="vinculacion", role="decide", holder="pariente",
                     relation="cunados")
    assert messages.NOTE_ART_126 in interest.suggest(hiring, PLAIN).notes
    beyond = Answers(matter_type="vinculacion", role="decide", holder="pariente",
                     relation="sobrinos_pareja")
    assert messages.NOTE_ART_126 not in interest.suggest(beyond, PLAIN).notes
    assert interest.suggest(Answers(matter_type="contrato", role="evalua", holder="conyuge"),
                            PLAIN).notes == ()


def test_holder_and_degree_in_words():
    assert interest.holder_text("pariente", "tios") == (
        "Un pariente: Tío/a (3.º grado de consanguinidad)")
    assert interest.holder_text("pariente", "pareja_hermano").endswith("(sin parentesco)")
    assert interest.holder_text("pariente", "otro").endswith("(grado por precisar)")
    assert interest.holder_text("pariente", None) == "Un pariente"
    assert interest.holder_text("yo", None) == "Quien declara"
    assert interest.holder_text(None, None) == ""
    assert interest.degree_text("adopcion") == "1.º grado civil"


def test_matter_type_check():
    assert interest.check_matter_type("permiso") == "permiso"
    assert interest.check_matter_type("") is None and interest.check_matter_type(None) is None
    with pytest.raises(InvalidInput):
        interest.check_matter_type("contrato'; DROP TABLE declarations;--")
