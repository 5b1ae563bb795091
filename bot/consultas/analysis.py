"""Turn a question, as people type it, into search terms: fold, map slang, fix typos, stem."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import Stemmer
import yaml
from bm25s.stopwords import STOPWORDS_SPANISH

from nucleo.text import by_initial, clean_text, slip_of

DEFAULT_LEXICON = Path(__file__).with_name("lexico.yaml")
MAX_CHARS = 2000
_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^<>]{0,200}>")

# Words the generic Spanish list drops but that change the meaning of a question here.
_KEEP = {"no", "sin", "contra", "antes", "durante", "despues"}
# Laughter and hesitation as people type them: «jajaja», «jejeje», «jsjs», «hahaha», «mmm».
_LAUGH = re.compile(r"(?:j[aeiou]){2,}j?|(?:js){2,}j?|(?:h[aeiou]){2,}h?|m{2,}|x+d+")
_SHORT_WORD = 7  # letters up to which a typo is one edit away from the word meant


def fold(text: str) -> str:
    """Lower-case the text and strip accents (ñ becomes n), keeping only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SPANISH = frozenset(fold(w) for w in STOPWORDS_SPANISH)  # ordinary words, also when used in a greeting


# Spellings people mix up when they write Spanish as it sounds (Colombian Spanish has no distinct
# z/c/s nor b/v nor ll/y; h is silent): each rule maps a spelling to one sound, in order.
_SOUNDS = (
    ("ch", "\x01"),
    ("qu", "k"),
    ("ll", "y"),
    ("h", ""),
    ("v", "b"),
    ("z", "s"),
    ("ce", "se"),
    ("ci", "si"),
    ("c", "k"),
    ("x", "ks"),
    ("\x01", "ch"),
)
_DOUBLE = re.compile(r"(.)\1+")
# Colombian diminutives: «contratico», «regalito», «primita», «almuercito», «preguntica».
_DIMINUTIVE = re.compile(r"^(\w{4,}?)(?:c)?(?:it|ic)([oa]s?)$")


def sound_key(word: str) -> str:
    """How a folded word sounds, so «deveria», «aser» and «conosco» meet «deberia», «hacer» and
    «conozco»; repeated letters collapse («holaaa», «innterés»)."""
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    return _DOUBLE.sub(r"\1", word)


def _head(text: str) -> str:
    """The first ``MAX_CHARS`` characters of the cleaned text; only twice that is cleaned, so a
    10,000-character message costs no more than a long question."""
    return clean_text(text[: MAX_CHARS * 2])[:MAX_CHARS]


def words(text: str) -> list[str]:
    """Folded word tokens of the text."""
    return _WORD.findall(fold(text))


def read(text: str) -> tuple[str, ...]:
    """The words of a message as every reading of it starts: markup tags dropped, only its head
    (``MAX_CHARS``) cleaned and folded. The engine reads a question once and hands these words to
    each reading (courtesy, search terms, two posts, someone else's conflict)."""
    return tuple(words(_TAG.sub(" ", _head(text))))


@dataclass(frozen=True)
class Lexicon:
    """Slang phrases and words, the English glossary and stopwords, read from a YAML file."""

    phrases: dict[tuple[str, ...], tuple[str, ...]]
    words: dict[str, tuple[str, ...]]
    english_stopwords: frozenset[str]
    english: dict[str, tuple[str, ...]]
    stem_equivalents: dict[str, str]
    stopwords: frozenset[str]
    unstemmed: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    thanks: frozenset[str] = frozenset()
    greetings: frozenset[str] = frozenset()
    about_bot: frozenset[str] = frozenset()  # «charla.asistente»: who or what the bot is
    asking_bot: frozenset[str] = frozenset()  # «charla.pregunta_asistente»: «eres», «hablo», «llamas»
    praising: frozenset[str] = frozenset()  # «charla.elogios»: «chévere», «genial», «útil»
    asking: frozenset[str] = frozenset()  # «charla.preguntas»: words that ask («quién», «cuándo», «puedo»)
    close_people: frozenset[str] = frozenset()
    handling: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()  # «impedimento.intereses»: one's own stake (shares, a lot, a lawsuit)
    hr_topics: tuple[str, ...] = ()  # «fuera_de_alcance.temas»: HR procedures this channel does not handle
    core: tuple[str, ...] = ()  # «fuera_de_alcance.nucleo»: integrity words that keep a question here
    situations: dict[str, frozenset[str]] = field(default_factory=dict)
    others: dict[str, frozenset[str]] = field(default_factory=dict)  # «ajeno»: someone else's conflict
    at_once: dict[str, frozenset[str]] = field(default_factory=dict)  # «a_la_vez»: two posts at once
    compare: dict[str, frozenset[str]] = field(default_factory=dict)  # «comparar»: two groups compared
    abbreviations: dict[str, str] = field(default_factory=dict)  # «abreviaturas»: «q» is «que»

    @classmethod
    def from_yaml(cls, path: Path = DEFAULT_LEXICON) -> Lexicon:
        """Load the lexicon file (``lexico.yaml`` beside this module by default)."""
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}

        def mapping(key: str) -> dict[str, tuple[str, ...]]:
            return {fold(str(k)).strip(): tuple(words(str(v))) for k, v in (data.get(key) or {}).items()}

        phrases = {tuple(k.split()): v for k, v in mapping("frases").items()}
        chat = data.get("charla") or {}
        hr = data.get("fuera_de_alcance") or {}
        close = data.get("impedimento") or {}
        thanks = frozenset(fold(str(w)) for w in chat.get("gracias") or [])
        greetings = frozenset(fold(str(w)) for w in chat.get("saludos") or [])
        # Courtesy words are fillers too: written once, in «charla», never again in «relleno».
        fillers = {fold(str(w)) for w in data.get("relleno") or []} | thanks | greetings
        extra = {fold(str(w)) for w in data.get("vacias") or []}
        stop = ({fold(w) for w in STOPWORDS_SPANISH} | extra | fillers) - _KEEP
        return cls(
            phrases=phrases,
            words=mapping("palabras"),
            english_stopwords=frozenset(fold(str(w)) for w in data.get("ingles_vacias") or []),
            english=mapping("ingles"),
            stem_equivalents={
                fold(str(k)): fold(str(v)) for k, v in (data.get("raices_equivalentes") or {}).items()
            },
            stopwords=frozenset(stop),
            unstemmed=frozenset(fold(str(w)) for w in data.get("sin_raiz") or []),
            topics=frozenset(fold(str(w)) for w in data.get("temas") or []),
            thanks=thanks,
            greetings=greetings,
            about_bot=frozenset(fold(str(w)) for w in chat.get("asistente") or []),
            asking_bot=frozenset(fold(str(w)) for w in chat.get("pregunta_asistente") or []),
            praising=frozenset(fold(str(w)) for w in chat.get("elogios") or []),
            asking=frozenset(fold(str(w)) for w in chat.get("preguntas") or []),
            hr_topics=tuple(str(w) for w in hr.get("temas") or []),
            core=tuple(str(w) for w in hr.get("nucleo") or []),
            close_people=frozenset(fold(str(w)) for w in close.get("personas") or []),
            handling=frozenset(fold(str(w)) for w in close.get("gestion") or []),
            interests=frozenset(fold(str(w)) for w in close.get("intereses") or []),
            situations={
                str(name): frozenset(fold(str(w)) for w in listed or [])
                for name, listed in (data.get("situaciones") or {}).items()
            },
            others={
                str(name): frozenset(" ".join(words(str(w))) for w in listed or [])
                for name, listed in (data.get("ajeno") or {}).items()
            },
            abbreviations={fold(str(k)): fold(str(v)) for k, v in (data.get("abreviaturas") or {}).items()},
            at_once={
                str(name): frozenset(" ".join(words(str(w))) for w in listed or [])
                for name, listed in (data.get("a_la_vez") or {}).items()
            },
            compare={
                str(name): frozenset(" ".join(words(str(w))) for w in listed or [])
                for name, listed in (data.get("comparar") or {}).items()
            },
        )


@dataclass(frozen=True)
class Courtesy:
    """What courtesy a message has: ``kind`` is «thanks», «hello», «bot» (who or what answers:
    «¿eres un robot?», «¿con quién hablo?») or «empty» (no words at all)."""

    kind: str
    count: int
    only: bool


@dataclass(frozen=True)
class Analysis:
    """What the analyzer made of one text."""

    terms: list[str]
    surface: list[str]
    english: bool
    corrected: dict[str, str] = field(default_factory=dict)
    compares: bool = False  # the question compares two groups (lexicon «comparar»)


class Analyzer:
    """Text to stemmed search terms, with typo correction against a known vocabulary."""

    def __init__(
        self,
        lexicon: Lexicon,
        vocabulary: set[str] | None = None,
        *,
        fuzzy_cutoff: float = 85.0,
        min_fuzzy_len: int = 5,
    ) -> None:
        self.lexicon = lexicon
        self._stemmer = Stemmer.Stemmer("spanish")
        self._max_phrase = max((len(k) for k in lexicon.phrases), default=1)
        self._phrase_words = frozenset(w for k in lexicon.phrases for w in k)
        self._fuzzy_cutoff = fuzzy_cutoff
        self._min_fuzzy_len = min_fuzzy_len
        self._by_initial: dict[str, list[str]] = {}
        self._vocabulary: frozenset[str] = frozenset()
        self._corrections: dict[str, str | None] = {}
        self._by_sound: dict[str, str] = {}
        self._known_stems: frozenset[str] = frozenset()
        if vocabulary:
            self.set_vocabulary(vocabulary)

    def set_vocabulary(self, vocabulary: set[str]) -> None:
        """Words that typos are corrected towards (the folded words of the knowledge base)."""
        known = (
            {w for w in vocabulary if w not in self.lexicon.stopwords}
            | set(self.lexicon.words)
            | set(self.lexicon.abbreviations)
        )
        self._vocabulary = frozenset(known | self.lexicon.stopwords)
        self._by_initial = by_initial(w for w in sorted(known) if len(w) >= self._min_fuzzy_len - 1)
        self._corrections = {}
        # An inflection of a known word («recuso», «declaré») shares its stem: it is not a typo.
        self._known_stems = frozenset(
            s for s in self._stemmer.stemWords(sorted(known)) if len(s) >= self._min_fuzzy_len - 1
        )
        # One spelling per sound (the shortest, then alphabetical, so the choice is stable).
        self._by_sound = {}
        for word in sorted(self._vocabulary, key=lambda w: (len(w), w)):
            if len(word) >= 3 and not word.isdigit():
                self._by_sound.setdefault(sound_key(word), word)

    def read(self, text: str) -> tuple[str, ...]:
        """``read`` for a person's message: with the lexicon's phone abbreviations written out («q
        es» is «que es»). The knowledge base's texts are read without (there «d» is a literal)."""
        found = read(text)
        spelled = self.lexicon.abbreviations
        return tuple(spelled.get(w, w) for w in found) if spelled else found

    def surface_words(self, found: Sequence[str]) -> tuple[list[str], bool, dict[str, str]]:
        """The words of a message (``read``) after typo, slang, phrase and English mapping; whether
        the message is English; and the typos corrected."""
        tokens = [t for t in found if len(t) > 1 or t.isdigit()]
        english = self._looks_english(tokens)
        if english:
            glossary, drop = self.lexicon.english, self.lexicon.english_stopwords
            tokens = [t for w in tokens if w not in drop for t in glossary.get(w, (w,))]
        corrected: dict[str, str] = {}
        if not english:
            # A typo inside a set phrase («en cunto tiempo») should not hide the phrase: words no
            # phrase uses are corrected first (the phrases' own words, slang included, never are).
            for i, token in enumerate(tokens):
                fixed = token if token in self._phrase_words else self._correct(token)
                # a typo may land on a phone abbreviation («kto» → «cto»): write that out too
                fixed = self.lexicon.abbreviations.get(fixed, fixed)
                if fixed != token:
                    corrected[token] = tokens[i] = fixed
        mapped: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self._max_phrase, len(tokens) - i), 1, -1):
                replacement = self.lexicon.phrases.get(tuple(tokens[i : i + size]))
                if replacement is not None:
                    mapped.extend(replacement)
                    i += size
                    break
            else:
                word = tokens[i]
                single = self.lexicon.phrases.get((word,))
                mapped.extend(single or self.lexicon.words.get(word, (word,)))
                i += 1
        return mapped, english, corrected

    def courtesy(self, found: Sequence[str]) -> Courtesy:
        """The courtesy in the text: its kind, how many courtesy words it has (thanks, and greetings
        that are not also ordinary Spanish words such as «que» or «como») and whether it has nothing
        else (only courtesy and stopwords, or no words at all)."""
        lexicon = self.lexicon
        if not found:
            return Courtesy("empty", 0, only=True)
        laughs = {w for w in found if _LAUGH.fullmatch(w)}
        thanks = sum(w in lexicon.thanks for w in found)
        hello = sum((w in lexicon.greetings and w not in _SPANISH) or w in laughs for w in found)
        rest = [
            w
            for w in found
            if not (w in lexicon.thanks or w in lexicon.greetings or w in lexicon.stopwords or w in laughs)
        ]
        if not rest:
            return Courtesy("thanks" if thanks else "hello", thanks + hello, only=True)
        # «¿eres un robot?», «¿con quién hablo?», «¿cómo te llamas?»: a question about the bot itself,
        # ... or praises it («jajaja qué chévere este bot»).
        about_bot = (
            set(rest) <= lexicon.about_bot | lexicon.asking_bot
            and bool(set(found) & (lexicon.asking_bot | lexicon.praising))
            and bool(set(found) & lexicon.about_bot)
        )
        if about_bot:
            return Courtesy("bot", thanks + hello + len(rest), only=True)
        return Courtesy("thanks" if thanks else "hello", thanks + hello, only=False)

    def analyze(self, text: str) -> Analysis:
        """Search terms for the text (stopwords dropped, typos fixed, Snowball-stemmed)."""
        return self.analyze_words(read(text))

    def analyze_words(self, found: Sequence[str]) -> Analysis:
        """``analyze`` for a message already read (``read``)."""
        surface, english, corrected = self.surface_words(found)
        content: list[str] = []
        for word in surface:
            if word in self.lexicon.stopwords:
                continue
            fixed = self._correct(word)
            if fixed != word:
                corrected[word] = fixed
                fixed_words = self.lexicon.words.get(fixed, (fixed,))
            else:
                fixed_words = (word,)
            content.extend(w for w in fixed_words if w not in self.lexicon.stopwords)
        return Analysis(terms=self.stem(content), surface=content, english=english, corrected=corrected)

    def question(self, found: Sequence[str]) -> Analysis:
        """``analyze`` for a person's question: also the readings of what it says in a roundabout
        way (``_two_posts``); the knowledge base's own texts are analysed without them."""
        analysis = self.analyze_words(found)
        if self.compares(found):
            # «¿un contratista y un servidor declaran igual?» asks how two groups differ: it is
            # not about holding both posts (no «a la vez» reading, no keyword naming both groups).
            return replace(analysis, compares=True)
        extra = self._two_posts(found)
        if not extra:
            return analysis
        return replace(analysis, terms=analysis.terms + self.stem(extra), surface=analysis.surface + extra)

    def compares(self, found: Sequence[str]) -> bool:
        """Whether the message (its words, ``read``) compares two groups (lexicon ``comparar``): it
        names one of each group and a word that compares («igual», «lo mismo», «diferencia»), and
        no word that puts them together («al mismo tiempo», «a la vez»)."""
        lists = self.lexicon.compare
        if not lists:
            return False
        joined = f" {' '.join(found)} "

        def has(name: str) -> bool:
            return any(f" {w} " in joined for w in lists.get(name, ()))

        return has("palabras") and has("grupo_a") and has("grupo_b") and not has("salvo")

    def compared_terms(self) -> frozenset[str]:
        """Stems of the words that name the compared groups (a keyword made only of them names
        both groups and says nothing when the question compares them)."""
        lists = self.lexicon.compare
        named = sorted(w for name in ("grupo_a", "grupo_b") for phrase in lists.get(name, ()) for w in phrase.split())
        return frozenset(self.stem(named))

    def _two_posts(self, found: Sequence[str]) -> list[str]:
        """Words that say «two posts at once» (lexicon ``a_la_vez``) for a text that says it in a
        roundabout way: a post and a state contract at once («tengo un contrato OPS y me salió un
        nombramiento, ¿puedo tener las dos cosas?») read as the servant-contractor keyword, two
        posts («un puesto en la alcaldía y otro en el hospital», «trabajar en otra entidad
        también») as «dos empleos»; one workplace and «también» («mi hermano también trabaja en la
        alcaldía») is not."""
        lists = self.lexicon.at_once
        if not lists:
            return []
        joined = f" {' '.join(found)} "

        def has(name: str) -> bool:
            return any(f" {w} " in joined for w in lists.get(name, ()))

        posts = sum(w in lists.get("servidor", ()) for w in found)
        contracts = sum(w in lists.get("contrato", ()) for w in found)
        places = len({w for w in found if w in lists.get("lugares", ())})
        if not posts + contracts:
            return []
        explicit = has("otro")
        strong = has("fuerte") and posts + contracts >= 2
        weak = has("debil") and places >= 2
        if not (explicit or strong or weak):
            return []
        key = "servidor_contratista" if posts and contracts else "dos_empleos"
        return [w for phrase in sorted(lists.get(key, ())) for w in phrase.split()]

    def stem(self, tokens: list[str]) -> list[str]:
        """Snowball stems, with the lexicon's equivalences applied."""
        equivalents, whole = self.lexicon.stem_equivalents, self.lexicon.unstemmed
        stems = self._stemmer.stemWords(tokens)
        return [t if t in whole else equivalents.get(s, s) for t, s in zip(tokens, stems, strict=True)]

    def topic_terms(self) -> frozenset[str]:
        """Stems of the lexicon's topic words (what makes a question part of this channel)."""
        return frozenset(self.stem(sorted(self.lexicon.topics)))

    def scope_terms(self) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        """The HR procedures of the lexicon (``fuera_de_alcance.temas``) and its integrity core words
        (``nucleo``), each the stems of one word or phrase, all of which a question must name."""

        def concepts(phrases: tuple[str, ...]) -> tuple[frozenset[str], ...]:
            # A word the base does not know would be «corrected» towards one it does: left out.
            read = [self.analyze(phrase) for phrase in phrases]
            return tuple(frozenset(a.terms) for a in read if a.terms and not a.corrected)

        return concepts(self.lexicon.hr_topics), concepts(self.lexicon.core)

    def impediment_terms(self) -> tuple[frozenset[str], frozenset[str]]:
        """Stems of the close-person words and of the handling-a-matter words (lexicon
        ``impedimento``): a question with one of each describes a possible impediment."""
        return (
            frozenset(self.stem(sorted(self.lexicon.close_people))),
            frozenset(self.stem(sorted(self.lexicon.handling))),
        )

    def interest_terms(self) -> frozenset[str]:
        """Stems of the words of one's own stake in a matter (lexicon ``impedimento.intereses``:
        shares, a lot, a loan, a lawsuit, an inheritance): with a handling word, a possible
        impediment said in everyday words."""
        return frozenset(self.stem(sorted(self.lexicon.interests)))

    def someone_elses(self, message: Sequence[str]) -> bool:
        """Whether the message (its words, ``read``) reports someone else's conflict (lexicon
        ``ajeno``, where every word list of this reading lives): a relative who is a third party's
        («su cuñado», «la esposa del jefe», «el evaluador es primo de un proponente … y no dijo
        nada»), while the asker names no relative of their own («mi primo»), does not handle the
        matter («yo superviso», «me designaron») and does not ask a hypothetical or a recusal («¿un
        funcionario puede contratar a su primo?» is a rule, not a report)."""
        lists = self.lexicon.others
        if not lists:
            return False
        found = [self._correct(w) for w in message]  # «mi epsosa» is one's own
        joined = f" {' '.join(found)} "

        def has(name: str) -> bool:
            return any(f" {w} " in joined for w in lists.get(name, ()))

        if has("propios") or has("salvo"):
            return False

        def listed(name: str) -> frozenset[str]:
            return lists.get(name, frozenset())

        coworkers, owners, thirds = listed("colegas"), listed("suyos"), listed("terceros")
        mine, emphasis, of, pronouns = listed("mios"), listed("enfasis"), listed("de"), listed("pronombres")
        relatives = (
            self.lexicon.situations.get("parentesco", frozenset())
            | self.lexicon.close_people
            | listed("parientes")
        ) - coworkers
        theirs = False
        for i, word in enumerate(found):
            if word not in relatives:
                continue
            before, after = found[max(i - 2, 0) : i], found[i + 1 : i + 4]
            if before[-1:] and before[-1] in mine:
                return False  # a relative of one's own: one's own impediment
            owned = bool(before[-1:]) and (
                before[-1] in owners or (before[-1] in emphasis and before[:1] != [] and before[0] in owners)
            )
            # «la hija de él», «el esposo de la jefa», «la esposa del jefe»
            of_third = (
                len(after) > 1
                and after[0] in of
                and (after[1] in pronouns or after[1] in thirds or after[-1] in thirds)
            )
            theirs = theirs or owned or of_third
        third = any(w in thirds for w in found)
        named = third and any(w in relatives for w in found)
        # «el funcionario no se declaró impedido»: a third party who kept quiet, relative or not
        # («si un funcionario no se declaró…, ¿qué consecuencias tiene?» asks the rule)
        quiet = third and has("callado") and not has("hipotesis")
        return (theirs or quiet or (named and has("aviso"))) and (has("aviso") or not has("hipotesis"))

    def situations(self, analysis: Analysis) -> frozenset[str]:
        """The situations (lexicon ``situaciones``) the analysed text names, by its unstemmed words
        (stems would mix «nombre» with «nombrar» or a salary «prima» with a cousin)."""
        present = set(analysis.surface)
        return frozenset(name for name, listed in self.lexicon.situations.items() if present & listed)

    def _correct(self, word: str) -> str:
        if word in self._vocabulary or word.isdigit():
            return word
        if word in self._corrections:
            return self._corrections[word] or word
        sounds_like = self._by_sound.get(sound_key(word)) if len(word) >= 3 else None
        if sounds_like is None and self._stemmer.stemWord(word) in self._known_stems:
            return word
        if sounds_like is None:
            sounds_like = self._undiminish(word)
        if sounds_like is not None or len(word) < self._min_fuzzy_len:
            if len(self._corrections) < 10_000:
                self._corrections[word] = sounds_like
            return sounds_like or word
        # A slip of the finger is one edit (a letter missing, doubled, swapped or wrong) in a short
        # word, two in a long one: «placas» is not «palancas», two letters apart.
        edits = 1 if len(word) <= _SHORT_WORD else 2
        result = slip_of(word, self._by_initial, edits=edits, cutoff=self._fuzzy_cutoff)
        if len(self._corrections) < 10_000:
            self._corrections[word] = result
        return result or word

    def _undiminish(self, word: str) -> str | None:
        """The known word behind a diminutive («contratico» → contrato), if there is one."""
        found = _DIMINUTIVE.match(word)
        if found is None:
            return None
        stem, ending = found.groups()
        for candidate in (stem + ending, stem + ending[:1], stem, stem + "z" + ending):
            known = self._by_sound.get(sound_key(candidate))
            if known is not None and known not in self.lexicon.stopwords:
                return known
        return None

    def _looks_english(self, tokens: list[str]) -> bool:
        if len(tokens) < 3:
            return False
        english = sum(t in self.lexicon.english_stopwords for t in tokens)
        spanish = sum(t in self.lexicon.stopwords for t in tokens)
        return english >= 2 and english > spanish
