"""The ground of CPACA art. 11 that the facts a person wrote point to (``grounds.suggest``).

A plain reading, not understanding: the facts are folded (no accents, no case, no HTML), cut
into clauses, spelled right where a word is one typing slip from a clue («sosios», «demanada»),
stemmed with the Snowball Spanish stemmer (PyStemmer, already used by the consultas search),
so «socio», «socias», «demandó», «demandaron», «herederas» are one word each, and matched
against clue phrases per numeral, in a fixed order. A clue in a clause that says no does not
count (see ``_affirmed``). The person always confirms the suggestion or picks another numeral.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from nucleo.text import by_initial, normalize_key, slip_of

MAX_CHARS = 20_000  # the chat takes 4,000; beyond this the reading stops (it stays linear anyway)
_STEMMER = Stemmer.Stemmer("spanish")
_GAP = "…"  # in a clue phrase: up to three words of any kind


def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


# The clues, checked in this order; the first with a match in an affirmed clause gives the
# numeral. A "stems" clue is a list of phrases written as people write them: each word is
# stemmed, so a phrase also finds its plurals, feminine forms and other tenses («socio» finds
# «somos socias», «demanda» «me demandaron»). Words that would say too much alone go in
# phrases: «amigo» alone is also «un amigo me contó», «concepto» also «por concepto de aseo»,
# «candidato» also «candidato en el concurso». A "words" clue is a regular expression on the
# clause's words (folded, spelled right) for what the stem would blur: who filed a criminal
# complaint against whom (6: against the servant or their circle; 7: by them), the first person
# of a verb («asesoré», not «asesor», a job title), «le debo» not followed by an infinitive
# («le debo plata», not «le debo informar»), «le presté» but not «le presto servicios».
_READING: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (12, "stems", ("heredero", "herencia", "legatario", "sucesion", "testamento")),
    (3, "stems", ("curador", "tutor")),  # «tutela» stems to «tutel», «tutoría» to «tutori»
    (6, "words", (r"(?:me|nos) (?:\w+ )?denunci\w*", r"denunciad[oa]s?",
                  r"denuncia\w* (?:\w+ ){0,4}contra (?:mi|mis|nosotros)")),
    (7, "words", (r"denuncie", r"denunciamos",
                  r"(?:puse|pusimos|presente|presentamos|interpuse|interpuso|interpusieron|"
                  r"radique|instaure) (?:\w+ ){0,2}denuncias?",
                  r"denuncia\w* (?:\w+ ){0,4}contra (?:el|la|los|las|ese|esa|este|esta|un|una|"
                  r"dicho|dicha|su|sus)")),
    (6, "words", (r"denuncias?",)),  # a complaint with no direction: most often against one
    (5, "stems", ("demanda", "pleito", "litigio", "proceso judicial", "accion de tutela",
                  "tutela contra", "proceso … juzgado", "proceso … tribunal")),
    (9, "stems", ("acreedor", "deudor", "deuda", "prestamo", "letra de cambio",
                  "credito personal", "credito con")),
    (9, "words", (r"(?:le|les|me|nos|te) (?:debo|debe|deben|debemos|debia|debian)"
                  r"(?! \w+(?:ar|er|ir)\b)",
                  r"(?:le|les|me|nos) (?:preste|presto|prestamos|prestaron)(?! (?:\w+ )?servicios?)")),
    (10, "stems", ("socio", "sociedad", "sociedades")),
    (8, "stems", ("enemistad", "enemigo", "amistad", "amigo intimo", "amigo cercano",
                  "mejor amigo", "amigo de toda la vida", "amigo personal", "somos amigos",
                  "amigo del alma", "compadre", "comadre", "padrino", "madrina")),
    (16, "stems", ("sindicato", "gremio", "junta directiva", "agremiacion", "asociacion",
                   "cooperativa")),
    (14, "stems", ("lista de candidatos", "candidato al concejo", "candidato a la asamblea",
                   "candidato al congreso", "candidato a la camara", "candidato al senado",
                   "candidato a la junta administradora", "lista … concejo",
                   "lista … asamblea", "lista … congreso", "lista … senado",
                   "lista … junta administradora")),
    (15, "stems", ("recomendacion", "recomendo", "mi referencia", "referencia para",
                   "referencia laboral", "referencia personal")),
    (11, "stems", ("concepto tecnico", "concepto juridico", "concepto previo", "perito",
                   "peritaje", "testigo", "opinion tecnica", "opinion juridica", "asesoria")),
    (11, "words", (r"(?:di|dimos|emiti|rendi|firme|elabore|hice) (?:un|mi|el|ese|este|aquel) "
                   r"concepto", r"(?:di|emiti|rendi) (?:una|mi) opinion", r"asesore",
                   r"asesoramos", r"actue como (?:apoderad[oa]|perito|testigo)")),
    (4, "stems", ("mi apoderado", "mi empleado", "empleado mio", "mandatario")),
    (2, "words", (r"ya (?:\w+ ){0,2}(?:conoci|conocio|tramite|tramito|tramitado|actue|actuo|"
                  r"decidi|decidio|estudie|revise|evalue)", r"conoci del asunto",
                  r"(?:ya )?(?:habia|habiamos) (?:conocido|tramitado|actuado|decidido|estudiado|"
                  r"revisado|evaluado)")),
    (13, "stems", ("misma cuestion", "mismo problema juridico",
                   "pendiente … decision administrativa", "decision administrativa … pendiente")),
)
_WORD = re.compile(r"[a-z]+")
_TAG = re.compile(r"<[^<>]{0,200}>")
# A clause runs between punctuation marks and the words that join two statements, and a
# relative clause is a clause of its own: «no soy socio, pero mi esposa es socia», «el oferente
# no sabe que soy su socio», «soy socio de la firma que no fue adjudicataria» all count the partner.
_CLAUSE_BREAK = re.compile(r"[.,;:!?¡¿()\[\]\n\-–—/|]+|\b(?:pero|sino|aunque|porque|pues|ya que|"
                           r"mientras|sin embargo|no obstante|ademas|tambien|y|e|o|que|"
                           r"quien(?:es)?|cual(?:es)?|donde|cuando|cuanto)\b")
_CARRIED = frozenset({"que", "o"})  # a denial opening the clause before still holds after these
_NUMBER_SIGN = re.compile(r"\b(?:no|n)\s*[.ºo°]{0,2}\s*(?=\d)")  # «contrato No. 45» is a number
_NEGATION = frozenset({"no", "ni", "nunca", "jamas", "tampoco", "ningun", "ninguno", "ninguna",
                       "ningunos", "ningunas", "nadie", "nada"})
# «no» that does not deny the facts: «no solo… sino», «no sé cuánto le debo», «no recuerdo la
# fecha del préstamo», «no lo había informado».
_NOT_DENIAL = re.compile(
    r"\bno (?:solo|solamente|unicamente)\b"
    r"|\bno (?:(?:me|lo|la|le|les|nos|se) )?(?:(?:he|ha|habia|habiamos|hemos) )?"
    r"(?:sab\w*|se(?= (?:exactamente|bien|si|el|la|cuanto|cuando|como|donde)\b|$)|"
    r"recuerd\w*|record\w*|acuerd\w*|estoy segur[oa]|tengo clar[oa]|inform\w*|declar\w*|"
    r"mencion\w*|report\w*|dich[oa]|dije|conte|niego|negamos|oculto|"
    r"(?:hay|cabe|queda|existe) (?:ninguna )?duda)")
# What ties a clue to the matter in a predicate: being, having, taking part, or the parties.
_RELATION = re.compile(
    r"\b(?:es|son|era|eran|fue|fueron|sera|seran|sea|sean|sido|ser|esta|estan|estaba|estuvo|"
    r"tiene|tienen|tengo|tenemos|tenia|tuvo|tuve|hay|habia|hubo|exist\w*|particip\w*|"
    r"present\w*|ofert\w*|contrat\w*|gan\w*|aspir\w*|interv\w*|actu\w*|trabaj\w*|"
    r"oferente\w*|proponente\w*|solicitante\w*|interesad\w*|empresa\w*|firma\w*|proceso\w*|"
    r"tramite\w*|licitacion\w*|asunto\w*|debe\w*|debo)\b")
# «sin» denies only the word it governs: «sin ser su socio», «sin deudas ni pleitos».
_WITHOUT_SKIP = frozenset({"ser", "estar", "tener", "haber", "su", "sus", "mi", "mis", "un",
                           "una", "el", "la", "los", "las", "ningun", "ninguna", "algun",
                           "alguna", "ninguno"})


def _phrase_pattern(phrase: str) -> str:
    parts = [r"(?:\S+ ){0,3}" if word == _GAP else re.escape(_stem(word)) + " "
             for word in phrase.split(" ")]
    return "".join(parts).strip().replace("{0,3} ", "{0,3}")


@dataclass(frozen=True)
class _Clue:
    numeral: int
    on_stems: bool  # matched on the stemmed clause, else on its words
    pattern: re.Pattern[str]


def _clues() -> tuple[_Clue, ...]:
    clues = []
    for numeral, kind, entries in _READING:
        parts = [_phrase_pattern(e) for e in entries] if kind == "stems" else list(entries)
        clues.append(_Clue(numeral, kind == "stems",
                           re.compile(r"(?<!\S)(?:" + "|".join(parts) + r")(?!\S)")))
    return tuple(clues)


_CLUES = _clues()
# Every spelling a clue word takes (singular, plural, feminine), what a slip is corrected to.
_CLUE_WORDS = sorted({form for _n, kind, ps in _READING if kind == "stems" for p in ps
                      for w in p.split(" ")
                      if len(w) >= 5 and w != _GAP
                      for form in (w, w + "s", w + "es", w[:-1] + "a", w[:-1] + "as")}
                     | {"denuncia", "denuncias", "denuncie", "denuncio", "asesore", "preste"})
_CLUE_STEMS = frozenset(_stem(w) for w in _CLUE_WORDS)
# A slip is looked for among the clue words with the same first letter, one edit away (a letter
# missing, added, changed or two swapped), in words of six letters or more: shorter words and
# other first letters have too many real words one edit apart («meritos», «peritos»).
_BY_INITIAL = by_initial(_CLUE_WORDS)
_MIN_SLIP = 6
_SLIP_CUTOFF = 80  # fuzz.ratio of one edit in six letters is 83: no slip is left out
# Real words one edit away from a clue word: never corrected («trabajadora social» is not a
# partner, «renuncia» not a complaint, «premio» not a guild).
_REAL_WORDS = frozenset({
    "social", "sociales", "suciedad", "socializo", "socializar", "renuncia", "renuncias",
    "renuncie", "renuncio", "anuncia", "anuncias", "anuncie", "anuncio", "premio", "premios",
    "sindicado", "sindicada", "sindicados", "tutoria", "tutorias", "meritos",
    "merito", "curados", "gremial", "gremiales",
})


@lru_cache(maxsize=4096)
def _spelled(word: str) -> str:
    """The clue word a typing slip stands for, or the word itself."""
    if len(word) < _MIN_SLIP or word in _REAL_WORDS or _stem(word) in _CLUE_STEMS:
        return word
    return slip_of(word, _BY_INITIAL, edits=1, cutoff=_SLIP_CUTOFF) or word


def _affirmed(words: list[str]) -> list[str] | None:
    """The clause's words with the ones denied blanked out («sin» and what it governs), or none
    when a negation denies the whole clause: one before the clue («no soy socio», «nunca le
    presté dinero», «ningún pleito», «nadie me denunció»), or one after it whose predicate ties
    the clue to the matter (``_RELATION``: «mi socio no es el oferente», «la empresa de mi socio
    nunca se presentó»). A denial after the clue that does not («mi socio no vino a la reunión»)
    keeps the words before it."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        if words[i] != "sin":
            kept.append(words[i])
            i += 1
            continue
        i += 1
        while i < len(words) and words[i] in _WITHOUT_SKIP:
            i += 1
        if i < len(words):  # the word governed, then each «ni» and the word after it
            kept.append("_")
            i += 1
        while i + 1 < len(words) and words[i] == "ni":
            kept += ["_", "_"]
            i += 2
    text = _NOT_DENIAL.sub(lambda m: " ".join("_" for _w in m.group().split()),
                           " ".join(kept)).split()
    first = next((n for n, word in enumerate(text) if word in _NEGATION), None)
    if first is None:
        return kept
    if _RELATION.search(" ".join(text[first:])):
        return None
    return kept[:first]  # «mi socio no vino a la reunión»: the denial does not touch the partner


def _leading_denial(words: list[str]) -> bool:
    """Whether the clause opens with a denial (its first or second word, after «yo», «ella»…):
    «no es cierto», «no tengo deudas», «yo nunca fui»."""
    text = _NOT_DENIAL.sub(lambda m: " ".join("_" for _w in m.group().split()),
                           " ".join(words)).split()
    return any(word in _NEGATION for word in text[:2])


def _parts(folded: str) -> list[tuple[str, str]]:
    """The text cut at each clause break, each piece with the break that ends it."""
    parts, start = [], 0
    for found in _CLAUSE_BREAK.finditer(folded):
        parts.append((folded[start:found.start()], found.group()))
        start = found.end()
    parts.append((folded[start:], ""))
    return parts


def _clauses(facts: str) -> list[list[str]]:
    """The affirmed clauses of the facts, each as its words (folded, spelled right). A denial
    that opens a clause also denies what «que» or «o» add to it: «no es cierto que sea su
    socio», «no tengo deudas o préstamos»."""
    text = html.unescape(_TAG.sub(" ", facts[:MAX_CHARS]))
    folded = _NUMBER_SIGN.sub("numero ", normalize_key(text))
    clauses = []
    denied = False  # by a denial that opened an earlier clause, carried over «que» / «o»
    for part, joiner in _parts(folded):
        words = [_spelled(w) for w in _WORD.findall(part)]
        kept = _affirmed(words) if words and not denied else None
        if kept:
            clauses.append(kept)
        denied = (denied or (bool(words) and not kept and _leading_denial(words))) \
            and joiner in _CARRIED
    return clauses


def suggest(facts: str, default: int) -> int:
    """The numeral the facts point to, ``default`` when no clue appears in an affirmed clause."""
    clauses = [(" ".join(words), " ".join(_stem(w) for w in words))
               for words in _clauses(facts)]
    for clue in _CLUES:
        for words, stems in clauses:
            if clue.pattern.search(stems if clue.on_stems else words):
                return clue.numeral
    return default
