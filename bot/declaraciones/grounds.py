"""The grounds (causales) of impediment and recusal of CPACA art. 11, numerals 1 to 16
(DOMAIN.md §2.3), and the one suggested from what the person wrote.

A ground is stored as its numeral (``Declaration.ground``); none means the person was not sure
(a conflict of interest may rest on the general duty of art. 11's opening and Ley 1952 art. 44
rather than on a numeral). The suggestion is a plain reading of the facts for a handful of
words; the person always confirms it or picks another, so a wrong guess costs one tap."""

from __future__ import annotations

import re

from bot.declaraciones import messages
from nucleo.errors import InvalidInput
from nucleo.text import normalize_key

NUMERALS = tuple(range(1, 17))
DEFAULT = 1  # a particular and direct interest: the ground every other one specialises

# Checked in this order on the facts without accents and case-folded; the first that matches
# is suggested. Word starts only ("\b"), so «tutor» does not match «tutela».
_CLUES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (12, ("heredero", "heredera", "herencia", "legatari", "sucesion")),
    (3, ("curador", "curadora", "tutor", "tutora")),
    (7, ("denuncie", "denunciamos", "puse una denuncia", "presente una denuncia",
         "interpuse una denuncia")),
    (6, ("me denuncio", "me denunciaron", "denuncia contra mi", "denuncia penal")),
    (5, ("demanda", "pleito", "litigio", "proceso judicial", "accion de tutela")),
    (9, ("acreedor", "acreedora", "deudor", "deudora", "deuda", "prestamo", "le debo",
         "me debe")),
    (8, ("enemist", "amistad", "amigo intimo", "amiga intima", "mejor amig")),
    (16, ("sindicato", "gremio", "junta directiva", "agremiacion", "asociacion")),
    (14, ("lista de candidatos", "candidat")),
    (15, ("recomendo", "recomendacion", "me recomend", "referencia para el cargo")),
    (11, ("concepto", "perito", "testigo", "asesore", "di mi opinion")),
    (4, ("mi apoderad", "es mi empleado", "es mi empleada", "mandatari")),
    (10, ("socio", "socia", "sociedad")),
    (2, ("ya conoci", "ya tramite", "ya actue", "ya decidi", "conoci del asunto")),
    (13, ("misma cuestion", "mismo problema juridico")),
)
_PATTERNS = tuple((numeral, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")"))
                  for numeral, words in _CLUES)


def suggest(facts: str) -> int:
    """The numeral the facts point to (``DEFAULT`` when no clue appears)."""
    folded = normalize_key(facts)
    for numeral, pattern in _PATTERNS:
        if pattern.search(folded):
            return numeral
    return DEFAULT


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
