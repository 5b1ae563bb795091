"""The grounds (causales) of impediment and recusal of CPACA art. 11, numerals 1 to 16
(DOMAIN.md §2.3), and the one suggested from what the person wrote.

A ground is stored as its numeral (``Declaration.ground``); none means the person was not sure
(a conflict of interest may rest on the general duty of art. 11's opening and Ley 1952 art. 44
rather than on a numeral). The suggestion is a plain reading of the facts for a handful of
words; the person always confirms it or picks another, so a wrong guess costs one tap."""

from __future__ import annotations

import re

from bot.declaraciones import messages
from bot.declaraciones.models import DeclarationKind
from nucleo.errors import InvalidInput
from nucleo.text import normalize_key

NUMERALS = tuple(range(1, 17))
NONE = 0  # in a filter or a button: declarations filed without a ground («Sin precisar»)
# the kinds that rest on a ground: all but the preventive declaration (made before any matter)
KINDS = (DeclarationKind.IMPEDIMENTO.value, DeclarationKind.CONFLICTO.value,
         DeclarationKind.RECUSACION.value)
DEFAULT = 1  # a particular and direct interest: the ground every other one specialises

# Checked in this order on the facts without accents and case-folded; the first that matches
# is suggested. Each clue is a regular expression matched on whole words ("\b" on both sides),
# so «tutor» does not match «tutela» nor «socio» «social»; a prefix says so with "\w*".
# Loose words go in phrases: «concepto» alone is also «por concepto de aseo», «candidato» also
# «candidato en el concurso».
_CLUES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (12, ("herencias?", "herederos?", "herederas?", r"legatari\w*", "sucesion(?:es)?")),
    (3, ("curador(?:a|es|as)?", "tutor(?:a|es|as)?")),
    (7, ("denuncie", "denunciamos", "puse una denuncia", "presente una denuncia",
         "interpuse una denuncia")),
    (6, ("me denuncio", "me denunciaron", "denuncia contra mi", "denuncia penal")),
    (5, (r"demanda\w*", "pleitos?", "litigios?", "procesos? judicial(?:es)?", "accion de tutela")),
    (9, ("acreedor(?:a|es|as)?", "deudor(?:a|es|as)?", "deudas?", "prestamos?", "le debo",
         "me deben?")),
    (8, (r"enemist\w*", "amistad(?:es)?", "amig[oa]s? intim[oa]s?", "mejor(?:es)? amig[oa]s?")),
    (16, ("sindicatos?", "gremios?", "junta directiva", "agremiacion(?:es)?",
          "asociacion(?:es)?")),
    (14, (r"listas? de candidat\w*", r"candidat\w* (?:al|a la) (?:concejo|asamblea|congreso|camara|"
          r"senado|junta administradora)")),
    (15, ("recomendo", "recomendacion", r"me recomend\w*", "referencia para el cargo")),
    (11, ("(?:di|emiti|rendi|firme) (?:un|mi|el|ese|este) concepto", "concepto tecnico",
          "peritos?", "testigos?", "asesore", "di mi opinion")),
    (4, ("mi apoderad[oa]", "es mi emplead[oa]", "mandatari[oa]s?")),
    (10, ("socios?", "socias?", "sociedad(?:es)?")),
    (2, ("ya conoci", "ya tramite", "ya actue", "ya decidi", "conoci del asunto")),
    (13, ("misma cuestion", "mismo problema juridico")),
)
_PATTERNS = tuple((numeral, re.compile(r"\b(?:" + "|".join(words) + r")\b"))
                  for numeral, words in _CLUES)
# A clue does not count when its clause says no: «no soy socio», «mi socio no es el oferente»,
# «nunca le presté dinero», «ningún pleito». A clause runs between punctuation marks and the
# words that join two statements («pero», «y», «porque»…), so «no soy socio, pero mi esposa es
# socia» and «no tengo deudas y soy su socio» still count the second half; a relative clause is
# a clause of its own, so «soy socio de la firma que no fue adjudicataria» counts the partner.
_CLAUSE_BREAK = re.compile(r"[.,;:!?¡¿()\[\]\n\-–—]+|\b(?:pero|sino|aunque|porque|pues|ya que|"
                           r"mientras|sin embargo|y|e|que|quien(?:es)?|cual(?:es)?|donde)\b")
_NEGATION = re.compile(r"\b(?:no|ni|nunca|jamas|tampoco|ningun[oa]?s?|nadie|nada)\b")
_NUMBER_SIGN = re.compile(r"\b(?:no|n)\s*[.ºo°]{0,2}\s*(?=\d)")  # «contrato No. 45» is a number


def _clauses(text: str) -> list[str]:
    """The clauses of a text folded like ``normalize_key`` (punctuation kept to split on)."""
    return [c for c in _CLAUSE_BREAK.split(_NUMBER_SIGN.sub("numero ", text)) if c.strip()]


def suggest(facts: str) -> int:
    """The numeral the facts point to (``DEFAULT`` when no clue appears outside a negated
    clause)."""
    affirmed = [c for c in _clauses(normalize_key(facts)) if not _NEGATION.search(c)]
    for numeral, pattern in _PATTERNS:
        if any(pattern.search(clause) for clause in affirmed):
            return numeral
    return DEFAULT


def applies(kind: str) -> bool:
    """Whether a declaration of this kind has a ground of art. 11 to give (``KINDS``)."""
    return kind in KINDS


def check(value: int | None) -> int | None:
    """A ground as stored: a numeral 1 to 16, or none."""
    if value is None:
        return None
    if value not in NUMERALS:
        raise InvalidInput(messages.BAD_GROUND, details={"field": "ground"})
    return value


def name(value: int | None) -> str:
    """«Num. 5 — Pleito pendiente con un interesado», or «Sin precisar»."""
    if value is None:
        return messages.GROUND_NONE
    return messages.GROUND_LABEL.format(n=value, name=messages.GROUND_NAMES[value])


def choices(none: str) -> list[tuple[str, str]]:
    """A select's (value, label) options: «Sin precisar» first, with the value ``none`` (what the
    form sends for it), then every numeral by ``name``."""
    return [(none, name(None))] + [(str(n), name(n)) for n in NUMERALS]
