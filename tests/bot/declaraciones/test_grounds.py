"""The grounds of CPACA art. 11 and the one suggested from the facts (bot/declaraciones/grounds.py)."""

from __future__ import annotations

import pytest

from bot.declaraciones import grounds, messages
from bot.declaraciones.models import DeclarationKind
from nucleo.errors import InvalidInput


@pytest.mark.parametrize(("facts", "numeral"), [
    ("Mi hermano es el representante legal del proponente.", 1),
    ("Ya conocí del asunto como jefe de la oficina en 2024.", 2),
    ("Soy curadora de mi tía, que es la solicitante.", 3),
    ("El proponente tiene una demanda contra mí en el juzgado.", 5),
    ("Él me denunció penalmente hace dos años.", 6),
    ("Yo puse una denuncia contra el contratista.", 7),
    ("Tengo una amistad de toda la vida con el oferente.", 8),
    ("Le debo dinero al solicitante por un préstamo.", 9),
    ("Mi esposa es socia del contratista en una sociedad limitada.", 10),
    ("Di un concepto sobre este trámite cuando era asesor externo.", 11),
    ("Soy heredero del dueño del predio.", 12),
    ("Estuve en la misma lista de candidatos al concejo.", 14),
    ("El oferente me recomendó para este cargo.", 15),
    ("Fui miembro de la junta directiva del gremio interesado.", 16),
])
def test_the_suggestion_reads_the_facts(facts: str, numeral: int):
    assert grounds.suggest(facts) == numeral


@pytest.mark.parametrize(("facts", "numeral"), [
    ("Mi prima es trabajadora social en la empresa proponente.", 1),  # not «socia»
    ("La asociación de padres presentó la solicitud.", 16),
    ("Fui candidato en el concurso de méritos con el aspirante.", 1),  # no list of candidates
    ("Fuimos candidatos al concejo por el mismo partido.", 14),
    ("El contrato se paga por concepto de aseo y mi cuñado es el proveedor.", 1),
    ("Emití un concepto técnico sobre esta licencia.", 11),
    ("No soy socio de la empresa, pero mi hermano sí trabaja allí.", 1),
    ("No soy socio, pero mi esposa es socia de la empresa.", 10),
    ("No tengo deudas con el oferente; es mi socio.", 10),
    ("Los socios de la firma son mis primos.", 10),
])
def test_loose_words_do_not_suggest_a_ground(facts: str, numeral: int):
    assert grounds.suggest(facts) == numeral


@pytest.mark.parametrize(("facts", "numeral"), [
    # a clue in a clause that says no does not count, wherever the negation stands in it
    ("Mi socio no es el oferente; el oferente es mi primo.", 1),
    ("Mi socio no es el oferente.", 1),
    ("El oferente no es mi socio.", 1),
    ("Nunca he sido socio de esa empresa.", 1),
    ("Jamás tuve una sociedad con el contratista.", 1),
    ("Tampoco somos socios; solo lo conozco del barrio.", 1),
    ("No tengo ningún préstamo con el solicitante.", 1),
    ("Con el proponente no hay ninguna demanda pendiente.", 1),
    ("Ningún pleito tengo con el solicitante.", 1),
    ("Nadie me denunció; mi cuñado es el proponente.", 1),
    ("Ni le debo nada ni me debe.", 1),
    ("La empresa de mi socio nunca se presentó al proceso.", 1),
    # the next clause still counts
    ("Mi socio no es el oferente, pero mi esposa sí es socia del oferente.", 10),
    ("No le debo dinero y tengo una demanda contra él.", 5),
    ("No actúo en el trámite porque soy su socio.", 10),
    ("No tengo deudas con él: somos socios desde 2019.", 10),
    ("El oferente, que no es mi socio, me recomendó para el cargo.", 15),
    # a negation inside a relative clause stays there
    ("Mi esposa es socia de la firma que no fue adjudicataria.", 10),
    ("Soy socio de la empresa que no ha pagado los impuestos.", 10),
    ("No soy socio de la empresa que ganó el contrato.", 1),
    # «No.» before a number is a number, not a negation
    ("Soy socio del contratista del contrato No. 45 de 2026.", 10),
    ("Contrato Nº 12: el supervisor es mi socio.", 10),
])
def test_a_clue_negated_in_its_clause_does_not_count(facts: str, numeral: int):
    assert grounds.suggest(facts) == numeral


def test_tutela_is_not_a_tutor():
    assert grounds.suggest("Presentó una acción de tutela contra mí") == 5
    assert grounds.suggest("Mi primo presentó la solicitud; no hay tutela") == 1


def test_names_and_checks():
    assert len(messages.GROUND_NAMES) == 16 == len(grounds.NUMERALS)
    assert grounds.name(None) == "Sin precisar"
    assert grounds.name(9) == "Num. 9 — Acreedor o deudor de un interesado"
    assert grounds.check(None) is None and grounds.check(16) == 16
    for bad in (0, 17, -1):
        with pytest.raises(InvalidInput):
            grounds.check(bad)


def test_only_the_preventive_declaration_has_no_ground():
    assert [k.value for k in DeclarationKind if grounds.applies(k)] == [
        "impedimento", "conflicto", "recusacion"]
    assert not grounds.applies("preventiva") and not grounds.applies("")


def test_the_choices_of_a_select():
    options = grounds.choices(none="0")
    assert len(options) == 17 and options[0] == ("0", "Sin precisar")
    assert options[5] == ("5", "Num. 5 — Pleito pendiente con un interesado")
    assert grounds.choices(none="")[0] == ("", "Sin precisar")


@pytest.mark.parametrize(("facts", "numeral"), [
    # plurals, feminine forms and other tenses are one word
    ("Las socias de la panadería son mi esposa y la solicitante.", 10),
    ("Me demandaron los dueños de la empresa interesada.", 5),
    ("Mis hijas son herederas de la solicitante.", 12),
    ("Somos enemigas desde hace años.", 8),
    # a typing slip one letter from a clue word is read as that word...
    ("Somos sosios en un taller.", 10),
    ("Tengo una demanada contra el proponente.", 5),
    ("soy heredrera de la señora que pide la licencia", 12),
    # ...but a real word one letter away is not
    ("Presenté la renuncia al cargo y mi primo es el oferente.", 1),
    ("Fui candidato en el concurso de méritos con el aspirante.", 1),
    ("Mi sobrino ganó un premio de la empresa proponente.", 1),
    # «sin» denies only what it governs; «no solo», «no sé», «no recuerdo» deny nothing
    ("Sin ser su socio, le presté plata al oferente.", 9),
    ("Sin deudas ni pleitos con él; es mi cuñado.", 1),
    ("No solo soy su socio, también soy su amigo.", 10),
    ("No sé exactamente cuánto le debo al contratista.", 9),
    ("No recuerdo el monto del préstamo que le hice al oferente.", 9),
    ("el oferente no sabe que soy su socio", 10),
    # a denial after the clue counts only when it ties the clue to the matter
    ("Mi socio no vino a la reunión de evaluación.", 10),
    ("Le debo plata al oferente y él no me ha cobrado.", 9),
    ("Mi socio no tiene nada que ver con el oferente.", 1),
    ("El préstamo nunca existió.", 1),
    # criminal complaints: against the servant (6) or by them (7)
    ("El solicitante puso una denuncia penal contra mi hermano.", 6),
    ("Mi hermana interpuso una denuncia contra el solicitante.", 7),
    ("Denunciamos con mi esposa al proponente por estafa.", 7),
    # modal «deber» and «prestar servicios» are not debts
    ("Le debo informar que mi hermano es el proponente.", 1),
    ("Le presto servicios al oferente como contador y es mi primo.", 1),
])
def test_the_reading_takes_forms_slips_and_scoped_negations(facts: str, numeral: int):
    assert grounds.suggest(facts) == numeral


@pytest.mark.parametrize(("facts", "numeral"), [
    ("", 1), ("   \n\t ", 1), (".,;:!?¿¡", 1), ("no", 1), ("\x00\x01socio\x02", 10),
    ("🤝 Soy socio 🤝 del oferente 😬", 10), ("👨‍👩‍👧" * 500, 1),
    ("<b>Soy socio</b> del <i>oferente</i>", 10), ("<script>alert('socio')</script>", 10),
    ("&lt;p&gt;Le debo plata al oferente&lt;/p&gt;", 9), ("<no>Soy socio</no>", 10),
    ("So\u200bcio del oferente: SOY YO", 10),  # a zero-width space inside the word
    ("ＳＯＣＩＯ del oferente", 10),  # full-width letters
    ("سلام 你好 socio", 10), ("Contrato No. 7; No. 8; No. 9: soy su socio", 10),
])
def test_nasty_input_gets_an_answer(facts: str, numeral: int):
    assert grounds.suggest(facts) == numeral


def test_ten_thousand_characters_are_read_to_the_end():
    filler = "El oferente presentó su propuesta a tiempo y cumplió los requisitos. " * 150
    tail = " Soy su socio."
    facts = filler[:10_000 - len(tail)] + tail
    assert len(facts) == 10_000 and grounds.suggest(facts) == 10
    assert grounds.suggest("socio " + "x" * 10_000) == 10
    assert grounds.suggest("a" * 10_000) == grounds.DEFAULT
    assert grounds.suggest("no " * 3_000 + ". soy socio") == 10
