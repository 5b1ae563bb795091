"""Kinship degrees (Código Civil art. 47, DOMAIN.md §2.6): the relative a /declarar button
names, its line (consanguinidad, afinidad, civil) and degree, and whether a numeral of CPACA
art. 11 reaches them.

The knowledge base (``bot/consultas/base/parentesco.yaml``) explains the same table in words
for people; it has no table a program can read, so the degrees live here once (the tests check
that both say the same degree for each relative). Affinity runs to one's own spouse's
relatives: a sibling's spouse is no kin at all (Función Pública, Concepto 34941 de 2020), so
«cuñado/a» is two buttons. A relative beyond the degrees is said plainly and never blocks the
declaration: it may still be a conflict of interest to declare."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Line(enum.StrEnum):
    CONSANGUINIDAD = "consanguinidad"
    AFINIDAD = "afinidad"
    CIVIL = "civil"


@dataclass(frozen=True)
class Kin:
    """A relative's line and degree; both none: no kinship (a sibling's spouse) or unknown
    («otro pariente»)."""

    line: Line | None
    degree: int | None


C, A, V = Line.CONSANGUINIDAD, Line.AFINIDAD, Line.CIVIL
OTHER = "otro"  # «otro pariente»: the person says which in the facts; the degree is unknown
# the /declarar buttons, in this order (labels in messages.RELATIVE_NAMES). With «Cancelar»
# they are 19: two WhatsApp lists of at most 10 rows, as before the spouse's grandparents and
# grandchildren were added (a 21st button would need a third list)
RELATIVES: dict[str, Kin] = {
    "padres": Kin(C, 1), "hijos": Kin(C, 1), "hermanos": Kin(C, 2), "abuelos": Kin(C, 2),
    "nietos": Kin(C, 2), "tios": Kin(C, 3), "sobrinos": Kin(C, 3), "primos": Kin(C, 4),
    "suegros": Kin(A, 1), "yernos": Kin(A, 1), "cunados": Kin(A, 2),
    "abuelos_pareja": Kin(A, 2), "nietos_pareja": Kin(A, 2),
    "pareja_hermano": Kin(None, None), "adopcion": Kin(V, 1),
    "hijos_primo": Kin(C, 5), "sobrinos_pareja": Kin(A, 3), OTHER: Kin(None, None),
}
GENERAL = 1  # art. 11 num. 1 (and Ley 1952 art. 44): the degrees the law reaches in general
# The numerals that count relatives within other degrees (DOMAIN.md §2.3): the highest degree
# per line; a line left out is not reached. The rest reach «the servant's circle» of num. 1 or
# speak of the servant alone.
REACH: dict[int, dict[Line, int]] = {
    GENERAL: {C: 4, A: 2, V: 1},
    6: {C: 2, A: 2, V: 1},
    7: {C: 2, A: 2, V: 1},
    9: {C: 2, A: 1, V: 1},
    10: {C: 2, A: 1, V: 1},
    13: {C: 2, V: 1},
}


def kin(relation: str | None) -> Kin | None:
    """The line and degree of a relation key (none: not a relation of the table)."""
    return RELATIVES.get(relation or "")


def reaches(relation: str | None, numeral: int = GENERAL) -> bool | None:
    """Whether the numeral reaches this relative: true, false, or none when the degree is
    unknown («otro pariente», or no relation)."""
    found = kin(relation)
    if found is None or relation == OTHER:
        return None
    if found.line is None or found.degree is None:
        return False  # a sibling's spouse: no kinship
    window = REACH.get(numeral, REACH[GENERAL])
    return found.degree <= window.get(found.line, 0)
