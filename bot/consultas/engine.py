"""The consultation engine: question in, decision out (answer, clarify, escalate, out of scope)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import messages, render
from .analysis import Analysis, Analyzer, Lexicon
from .answer import Answer
from .knowledge import KnowledgeBase
from .models import Entry
from .retrieval import Hit, RetrievalWeights, Retriever, entry_vocabulary


@dataclass(frozen=True)
class EngineConfig:
    """Thresholds of the decision, tuned only on bench/consultas/ciegas_ajuste.yaml (never on the
    frozen holdout ciegas_reserva.yaml), trading right answers against confident wrong ones."""

    weights: RetrievalWeights = field(default_factory=RetrievalWeights)
    min_score: float = 4.0  # below this combined score nothing is answered
    min_coverage: float = 0.35  # share of the question's known words (weighted) the entry must explain
    clarify_ratio: float = 0.93  # second-best at or above this share of the best: ask which one
    split_clarify_ratio: float = 0.8  # ... or at or above this share when the views disagree
    min_agreement: int = 3  # views (questions, phrasing, answer) that should rank the best first
    escalate_min_score: float = 3.0  # weaker matches to report/human entries still escalate
    off_topic_min_coverage: float = 0.6  # a question with no topic word needs this much to be answered
    impediment_min_score: float = 4.0  # a possible impediment below the usual confidence still gets the rule
    impediment_min_about: float = (
        0.2  # ... if its title and keywords explain this much of the question (wave 13)
    )
    coverage_rerank: float = 0.0  # rank by score * coverage ** this (0: by score alone)
    off_topic_min_score: float = 6.0  # a question with no topic word also needs this score to be answered
    check_situations: bool = True  # the best entry must fit the situations the question names
    fit_min_ratio: float = (
        0.4  # an entry that fits, offered beside one that does not, needs this share of its score
    )
    fit_depth: int = 5  # how many of the next candidates are looked at for one that fits
    full_coverage: float = (
        0.9  # an entry explaining this much of the question may be about more than it names
    )
    pair_min_ratio: float = 0.5  # two situations at once: the second entry needs this share of the best score
    pair_gain: float = 0.15  # ... and must explain this much more of the question than the best alone
    # Wave 7, calibrated on held-out phrasings of the base (never on ajuste8 or the holdouts): an
    # entry found only through how people phrase things, whose title and keywords barely touch the
    # question, is not answered with confidence unless all three retrieval views rank it first.
    min_about: float = 0.2  # share of the question (weighted) its title and keywords must explain
    about_max_agreement: int = 3  # ... unless this many retrieval views rank it first
    # ... or one of its phrasings explains full_coverage of the question (HR added those very words)
    # ... else it asks between that entry and the next one or, with none, gives the general rule and an advisor
    # Wave 8: one keyword of the best entry should not, alone, decide between two close entries
    # («recomendar» in a question about a relative; «almuerzo» in one about where to eat).
    keyword_lead_check: bool = True  # ask between the two when the keyword bonus makes the lead
    other_channel_about: float = (
        0.5  # an HR procedure named by its keyword explaining this much wins over a bare match
    )
    courtesy_max_terms: int = (
        2  # an unhandled message of this few words, as many courtesy ones, is small talk
    )
    # Wave 10: a report of someone else's conflict (lexicon «ajeno») gets this reporting entry (its
    # channels, without accusing, and Control Interno Disciplinario for one's superior), never the
    # advice on one's own impediment.
    others_conflict_entry: str = "reportar_conflicto_ajeno"
    # Wave 10: asking between two entries when one clearly dominates only costs the person a tap.
    # Answer the best one, with the other as «también le puede servir», when two retrieval views
    # rank it first and either the next entry scores at most ``dominant_ratio`` of it (and it
    # explains ``dominant_min_coverage`` of the question), or it explains ``dominant_coverage_gap``
    # more of the question than the next one, or its title and keywords alone explain
    # ``dominant_about`` of the question. Not for a misfit, a relative's own rule or a report.
    dominant_agreement: int = 2
    dominant_ratio: float = 0.5
    dominant_min_coverage: float = 0.4
    dominant_coverage_gap: float = 0.45
    dominant_about: float = 0.6
    # Wave 11: the title-and-keywords way to dominate also needs the next entry's title and
    # keywords to explain at least this much less of the question (two entries whose titles both
    # say «declararse impedido» are close, whatever their phrasings say).
    dominant_about_gap: float = 0.1
    # Wave 14: leading only by how much more of the question it explains (scores close) does not
    # dominate when the best entry's title and keywords explain less than this share of it («¿en
    # qué consiste exactamente?» is no topic at all).
    gap_min_about: float = 0.1
    # Wave 11: rather than «no encontré una respuesta segura», an answer entry that two retrieval
    # views rank first is offered beside the next answer entry («¿a cuál se refiere?», with the
    # button to a person); an HR procedure found by its keyword, explaining ``weak_out_of_scope_coverage``
    # of the question, with the next entry at most ``weak_out_of_scope_ratio`` of its score, says
    # where to go. Neither ever gives a rule with confidence.
    weak_clarify_agreement: int = 2
    weak_out_of_scope_coverage: float = 0.2
    weak_out_of_scope_ratio: float = 0.8
    # ... and a question without any topic word, whose best answer entry still scores this much
    # (above every other-channel question of the tune sets, 5.7 at most) with a retrieval view
    # ranking it first, is offered that entry beside the next rather than turned away.
    off_topic_unsure_score: float = 7.0
    off_topic_unsure_agreement: int = 1


# Grounds of impediment (CPACA art. 11) and the degrees of kinship they use (Código Civil art. 47).
IMPEDIMENT_SOURCE_PREFIXES = ("Ley 1437 de 2011 (CPACA), art. 11", "Código Civil, art. 47")


def cites_impediment(entry: Entry) -> bool:
    """Whether the entry is about a ground of impediment or the kinship degrees it uses."""
    return any(s.startswith(IMPEDIMENT_SOURCE_PREFIXES) for s in entry.sources)


@dataclass(frozen=True)
class _State:
    kb: KnowledgeBase
    analyzer: Analyzer
    retriever: Retriever
    topics: frozenset[str]
    close_people: frozenset[str]
    handling: frozenset[str]
    interests: frozenset[str]  # one's own stake (lexicon «impedimento.intereses»)
    covers: dict[str, frozenset[str]]  # entry id -> situations its text speaks to
    about: dict[str, frozenset[str]]  # entry id -> situations its title (and keywords) are about
    kin: frozenset[str]  # entries about given relatives: a keyword of theirs is only close-person words
    hr: tuple[frozenset[str], ...]  # HR procedures (lexicon «fuera_de_alcance»), each a set of stems
    core: tuple[frozenset[str], ...]  # integrity words or phrases that keep a question in this channel


class ConsultationEngine:
    """Answers conflict-of-interest questions from a knowledge base, fully in memory."""

    def __init__(
        self, kb: KnowledgeBase, *, lexicon: Lexicon | None = None, config: EngineConfig | None = None
    ) -> None:
        self.lexicon = lexicon or Lexicon.from_yaml()
        self.config = config or EngineConfig()
        self._state = self._build(kb)

    def _build(self, kb: KnowledgeBase) -> _State:
        entries = kb.active()
        analyzer = Analyzer(self.lexicon, entry_vocabulary(entries))
        retriever = Retriever(entries, analyzer, self.config.weights)

        def situations(text: str) -> frozenset[str]:
            return analyzer.situations(analyzer.analyze(text))

        covers = {e.id: situations(" ".join([e.title, *e.phrasings, *e.keywords])) for e in entries}
        about = {e.id: situations(" ".join([e.title, *e.keywords])) for e in entries}
        close_people, handling = analyzer.impediment_terms()
        kin = frozenset(
            e.id
            for e in entries
            if e.kind == "answer"
            and any((terms := analyzer.analyze(k).terms) and set(terms) <= close_people for k in e.keywords)
        )
        hr, core = analyzer.scope_terms()
        return _State(
            kb,
            analyzer,
            retriever,
            analyzer.topic_terms(),
            close_people,
            handling,
            analyzer.interest_terms(),
            covers,
            about,
            kin,
            hr,
            core,
        )

    def reload(self, kb: KnowledgeBase) -> None:
        """Rebuild the index for a new base (e.g. after HR edits); questions in flight keep the old one."""
        self._state = self._build(kb)

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base currently searched."""
        return self._state.kb

    def rank(self, question: str) -> tuple[Analysis, list[Hit]]:
        """The analysed question and every matching entry, best first (for tools and benchmarks)."""
        state = self._state
        return self._rank(state, state.analyzer.read(question if isinstance(question, str) else ""))

    @staticmethod
    def _rank(state: _State, message: tuple[str, ...]) -> tuple[Analysis, list[Hit]]:
        analysis = state.analyzer.question(message)
        return analysis, state.retriever.search(analysis)

    def answer(self, question: str) -> Answer:
        """Decide what to reply to one question."""
        state = self._state  # one snapshot, so a concurrent reload cannot mix two bases
        text = question if isinstance(question, str) else ""
        message = state.analyzer.read(text)  # read once; every reading below starts from these words
        courtesy = state.analyzer.courtesy(message)
        if courtesy.only:
            return render.small_talk_reply(courtesy.kind)
        analysis, hits = self._rank(state, message)
        if not analysis.terms:
            return render.small_talk_reply("empty")
        words, terms = set(analysis.terms), len(analysis.terms)
        # «ay muchísimas gracias, me salvó el día», «mil gracias, muy clara la respuesta»: mostly
        # courtesy around a word or two is a thanks or a greeting, not a question to turn away or
        # to answer, unless it asks something or names the channel's topics.
        mostly_courtesy = courtesy.count >= max(terms, 1) and terms <= self.config.courtesy_max_terms
        if (
            mostly_courtesy
            and "?" not in text
            and not words & state.topics
            and not (hits and hits[0].keyword)
        ):
            return render.small_talk_reply(courtesy.kind)
        if not hits or not state.retriever.known(analysis.terms):
            decision = render.out_of_scope_reply(None, 0.0)
        else:
            close = self._handles_close_person(state, words)
            if close:
                # «¿puedo evaluar el desempeño de mi hermana?»: a possible impediment, not an HR procedure.
                hits = [h for h in hits if state.kb.get(h.entry_id).kind != "out_of_scope"] or hits
            decision = self._decide(state, analysis, hits, others=state.analyzer.someone_elses(message),
                                    close_person=close)
            if decision.reason == "low_confidence" and self._sweeps(state.kb, hits):
                decision = self._entry_reply(state, analysis, hits[0])
            elif decision.reason == "low_confidence":
                decision = self._unsure(state.kb, hits) or decision
            named = hits[0].keyword and state.kb.get(hits[0].entry_id).kind == "answer"  # «dos sueldos»
            if self._unsure_reply(decision) and not named and self._human_resources(state, words, close):
                decision = render.out_of_scope_reply(self._procedure(state.kb, hits), hits[0].score)
        # «muchísimas gracias por la información, me sirvió un montón»: a thanks that says no more
        # than that (no question mark nor word, no topic of the channel nor an HR procedure).
        thanking = (
            courtesy.kind == "thanks"
            and "?" not in text
            and not set(message) & state.analyzer.lexicon.asking
            and not words & state.topics
            and not self._names_hr(state, words)
        )
        if decision.action == "out_of_scope" and decision.entry_id is None and (mostly_courtesy or thanking):
            return render.small_talk_reply(courtesy.kind)
        return decision

    @staticmethod
    def _unsure_reply(decision: Answer) -> bool:
        """«¿A o B?» or «no encontré una respuesta segura»: no entry given with confidence."""
        return decision.action == "clarify" or (
            decision.action == "escalate" and decision.reason == "low_confidence"
        )

    @staticmethod
    def _names_hr(state: _State, words: set[str]) -> bool:
        """The question names an HR procedure (payroll, leave, certificates…, lexicon
        «fuera_de_alcance»)."""
        return any(concept <= words for concept in state.hr)

    @staticmethod
    def _human_resources(state: _State, words: set[str], close: bool) -> bool:
        """The question names an HR procedure and none of the channel's core words, nor a close
        person in a matter the servant handles (``close``): it is for Talento Humano, not a guess
        between two integrity rules."""
        return (
            ConsultationEngine._names_hr(state, words)
            and not any(concept <= words for concept in state.core)
            and not close
        )

    @staticmethod
    def _handles_close_person(state: _State, words: set[str]) -> bool:
        """A close person, or one's own stake (lexicon «impedimento.intereses»), and a matter the
        servant handles (the signals of a possible impediment): on topic, never an HR procedure."""
        return bool(words & (state.close_people | state.interests) and words & state.handling)

    def _procedure(self, kb: KnowledgeBase, hits: list[Hit]) -> Entry | None:
        """The HR procedure entry found by one of its keywords among the first hits, if any."""
        for hit in hits[: 1 + self.config.fit_depth]:
            if hit.keyword and kb.get(hit.entry_id).kind == "out_of_scope":
                return kb.get(hit.entry_id)
        return None

    def _close_report(self, kb: KnowledgeBase, hits: list[Hit]) -> Entry | None:
        """A corruption or harassment report scoring close to the best entry: a person must see it."""
        for hit in hits[1:3]:
            entry = kb.get(hit.entry_id)
            if entry.escalate_reason == "report" and hit.score >= self.config.clarify_ratio * hits[0].score:
                return entry
        return None

    @staticmethod
    def _possible_impediment(state: _State, analysis: Analysis, entry: Entry) -> bool:
        """A close person and a matter the servant handles, matched to an impediment entry."""
        terms = set(analysis.terms)
        return (
            entry.kind == "answer"
            and bool(terms & state.close_people)
            and bool(terms & state.handling)
            and cites_impediment(entry)
        )

    def _fits(self, state: _State, analysis: Analysis, named: frozenset[str], hit: Hit) -> bool:
        """The entry speaks to every situation the question names and is about none it does not name
        (unless it explains the whole question, as when HR adds the very phrasing people use), and
        it is not about other relatives than the ones the question names (``_other_relatives``)."""
        return self._fits_situations(state, named, hit) and not self._other_relatives(state, analysis, hit)

    def _fits_situations(self, state: _State, named: frozenset[str], hit: Hit) -> bool:
        about = state.about.get(hit.entry_id, frozenset())
        return named <= state.covers.get(hit.entry_id, frozenset()) and (
            about <= named or hit.coverage >= self.config.full_coverage
        )

    @staticmethod
    def _other_relatives(state: _State, analysis: Analysis, hit: Hit) -> bool:
        """An entry about given relatives (cousins, in-laws) for a question that names a relative
        none of its keywords names: «mi hija» is not a cousin; «el hermano de mi esposa» is a
        brother-in-law (the keyword «hermano cónyuge»)."""
        return (
            hit.entry_id in state.kin and not hit.keyword and bool(set(analysis.terms) & state.close_people)
        )

    def _misfit(
        self, state: _State, analysis: Analysis, hits: list[Hit], *, impediment: bool = False
    ) -> Answer | None:
        """When the best entry does not fit the question's situations (a lawsuit asked about, a
        spouse answered): offer it beside the best candidate that fits, or an advisor; never the
        wrong rule with confidence. A relative in a matter the servant handles («mi hermano tiene un
        trámite que yo reviso»), matched to the entry of other relatives, gets the ground that covers
        every relative (CPACA art. 11 num. 1) with the steps, if that entry fits."""
        cfg, kb = self.config, state.kb
        named = state.analyzer.situations(analysis)
        top = hits[0]
        if self._fits(state, analysis, named, top):
            return None
        if (
            impediment
            and self._other_relatives(state, analysis, top)
            and self._fits_situations(state, named, top)
        ):
            for hit in hits[1:]:
                rule = kb.get(hit.entry_id)
                if (
                    messages.RELATIVES_GROUND_SOURCE in rule.sources
                    and messages.KINSHIP_SOURCE not in rule.sources
                    and hit.entry_id not in state.kin
                    and self._fits(state, analysis, named, hit)
                ):
                    return render.impediment_reply(rule, kb, top.score)
        alternatives = [
            h
            for h in hits[1 : 1 + cfg.fit_depth]
            if kb.get(h.entry_id).kind == "answer" and h.score >= cfg.fit_min_ratio * top.score
        ]
        for hit in alternatives:
            if self._fits(state, analysis, named, hit):
                return render.clarify_reply(kb.get(hit.entry_id), kb.get(top.entry_id), top.score)
        # No single entry fits: the question may combine two situations, each with its own rule.
        pair = self._pair(state, analysis, hits, named)
        if pair is None and top.coverage >= cfg.min_coverage:
            pair = self._close_second(kb, hits)  # asking between two close entries is never a wrong rule
        return pair or render.low_confidence_reply(top.score, english=analysis.english)

    def _pair(
        self, state: _State, analysis: Analysis, hits: list[Hit], named: frozenset[str]
    ) -> Answer | None:
        """Two entries that together explain a question neither explains alone (a relative AND a
        contract): ask which one the person means, rather than answer one half or escalate."""
        cfg, kb = self.config, state.kb
        top = hits[0]
        if kb.get(top.entry_id).kind != "answer" or top.score < cfg.escalate_min_score:
            return None
        close = [h for h in hits[1 : 1 + cfg.fit_depth] if h.score >= cfg.pair_min_ratio * top.score]
        if any(kb.get(h.entry_id).kind != "answer" for h in close):
            return None  # a report or a request for a person is as close: a person must see it
        best: tuple[float, Hit] | None = None
        for hit in close:
            covers = state.covers.get(top.entry_id, frozenset()) | state.covers.get(hit.entry_id, frozenset())
            about = state.about.get(top.entry_id, frozenset()) | state.about.get(hit.entry_id, frozenset())
            if not named <= covers or not about <= named:
                continue
            joint = state.retriever.joint_coverage(analysis.terms, [top.entry_id, hit.entry_id])
            if (
                joint >= cfg.min_coverage
                and joint >= top.coverage + cfg.pair_gain
                and (best is None or joint > best[0])
            ):
                best = (joint, hit)
        if best is None:
            return None
        return render.clarify_reply(kb.get(top.entry_id), kb.get(best[1].entry_id), top.score)

    def _other_channel(self, kb: KnowledgeBase, hits: list[Hit]) -> Entry | None:
        """An HR procedure named by one of its keywords, whose title and keywords explain far more
        of the question than the best answer entry's, found by no keyword («actualizar la hoja de
        vida en el SIGEP» is not the asset declaration made there)."""
        top = hits[0]
        if kb.get(top.entry_id).kind != "answer" or top.keyword:
            return None
        for hit in hits[1 : 1 + self.config.fit_depth]:
            if (
                kb.get(hit.entry_id).kind == "out_of_scope"
                and hit.keyword
                and hit.score >= self.config.fit_min_ratio * top.score
                and hit.about >= max(self.config.other_channel_about, 2 * top.about)
            ):
                return kb.get(hit.entry_id)
        return None

    def _relative_aside(self, state: _State, hits: list[Hit]) -> Answer | None:
        """A possible impediment whose best rule is not the named relative's own entry, while that
        entry (found by its keyword: «mi tío») is close: ask between the two rules rather than give
        one ground with confidence («una demanda que puso mi tío» is a lawsuit, or the uncle's rule)."""
        top = hits[0]
        if top.entry_id in state.kin:
            return None
        for hit in hits[1 : 1 + self.config.fit_depth]:
            if (
                hit.entry_id in state.kin
                and hit.keyword
                and hit.score >= self.config.pair_min_ratio * top.score
            ):
                return render.clarify_reply(state.kb.get(top.entry_id), state.kb.get(hit.entry_id), top.score)
        return None

    @staticmethod
    def _ask(kb: KnowledgeBase, hits: list[Hit]) -> Answer | None:
        """«¿A o B?» between the best entry and a second answer entry; None when the next entry is
        a report or a request for a person (then a person must see it, not a button)."""
        top = hits[0]
        for hit in hits[1:]:
            kind = kb.get(hit.entry_id).kind
            if kind == "answer":
                return render.clarify_reply(kb.get(top.entry_id), kb.get(hit.entry_id), top.score)
            if kind != "out_of_scope":
                return None
        return None

    def _close_second(self, kb: KnowledgeBase, hits: list[Hit]) -> Answer | None:
        """Close scores, or retrieval views that disagree on the best entry: ask, do not guess."""
        cfg, top = self.config, hits[0]
        if len(hits) < 2:
            return None
        ratio = self._weight(hits[1]) / self._weight(top)
        if (
            ratio >= cfg.clarify_ratio
            or top.agreement == 0
            or (ratio >= cfg.split_clarify_ratio and top.agreement < cfg.min_agreement)
        ):
            return self._ask(kb, hits)
        return None

    def _keyword_lead(self, kb: KnowledgeBase, hits: list[Hit]) -> Answer | None:
        """The best entry leads only through one of its keywords (without the bonus the next entry
        would be first) and the retrieval views do not all rank it first: ask between the two."""
        cfg = self.config
        if not cfg.keyword_lead_check or len(hits) < 2:
            return None
        top, second = hits[0], hits[1]
        if (
            not top.keyword
            or second.keyword
            or top.agreement >= cfg.about_max_agreement
            or top.score - cfg.weights.keyword >= second.score
        ):
            return None
        return self._ask(kb, hits)

    @staticmethod
    def _relatives_ground(entry: Entry) -> bool:
        """The ground that covers every relative (CPACA art. 11 num. 1), not a kinship table: its
        title names no relative, so a question about one never shares its title's words."""
        return messages.RELATIVES_GROUND_SOURCE in entry.sources and messages.KINSHIP_SOURCE not in entry.sources

    def _off_topic_title(self, state: _State, analysis: Analysis, top: Hit) -> bool:
        """The best entry's title and keywords barely touch the question (``EngineConfig.min_about``),
        not every retrieval view ranks it first, and none of its phrasings explains the question."""
        cfg = self.config
        return (
            top.about < cfg.min_about
            and top.agreement < cfg.about_max_agreement
            and state.retriever.phrasing_coverage(analysis.terms, top.entry_id) < cfg.full_coverage
        )

    @classmethod
    def _off_title(cls, kb: KnowledgeBase, analysis: Analysis, hits: list[Hit]) -> Answer:
        """The best entry matched on how people phrase things, not on what it is about (its title and
        keywords barely touch the question): ask between it and the next answer entry; with none,
        give the general rule and an advisor rather than one rule with confidence."""
        return cls._ask(kb, hits) or render.low_confidence_reply(hits[0].score, english=analysis.english)

    def _weight(self, hit: Hit) -> float:
        """The ranking key: the score, discounted when the entry explains little of the question."""
        return hit.score * max(hit.coverage, 0.05) ** self.config.coverage_rerank

    def _someone_elses(self, kb: KnowledgeBase, hits: list[Hit]) -> Answer | None:
        """The reporting entry for a report of someone else's conflict, unless the best entry is
        already one that a person handles (a corruption report, a request for a person)."""
        target = self.config.others_conflict_entry
        if target not in kb or not kb.get(target).active or kb.get(hits[0].entry_id).kind == "escalate":
            return None
        return render.escalation_entry_reply(kb.get(target), hits[0].score)

    def _decide(self, state: _State, analysis: Analysis, hits: list[Hit], *, others: bool = False,
                close_person: bool = False) -> Answer:
        """``close_person``: the question handles a close person's matter (``_handles_close_person``, worked
        out once by ``reply``)."""
        cfg, kb = self.config, state.kb
        if cfg.coverage_rerank:
            hits = sorted(hits, key=self._weight, reverse=True)
        top = hits[0]
        entry = kb.get(top.entry_id)
        confident = top.score >= cfg.min_score and top.coverage >= cfg.min_coverage
        impediment = self._possible_impediment(state, analysis, entry)
        if entry.kind == "escalate" and top.score >= cfg.escalate_min_score:
            return render.escalation_entry_reply(entry, top.score)
        report = self._close_report(kb, hits)
        if report is not None:
            return render.escalation_entry_reply(report, top.score)
        reporting = self._someone_elses(kb, hits) if others else None
        if reporting is not None:
            return reporting
        if entry.kind == "out_of_scope" and confident:
            return render.out_of_scope_reply(entry, top.score)
        other_channel = self._other_channel(kb, hits)
        if other_channel is not None:
            return render.out_of_scope_reply(other_channel, top.score)
        # A keyword of the best answer entry in the question («dos sueldos») also puts it on topic.
        on_topic = (
            bool(set(analysis.terms) & state.topics)
            or (top.keyword and entry.kind == "answer")
            or close_person
        )
        if not on_topic and (
            top.coverage < cfg.off_topic_min_coverage or top.score < cfg.off_topic_min_score
        ):
            unsure = (
                self._ask(kb, hits)
                if entry.kind == "answer"
                and top.score >= cfg.off_topic_unsure_score
                and top.agreement >= cfg.off_topic_unsure_agreement
                else None
            )
            return unsure or render.out_of_scope_reply(None, top.score)
        if cfg.check_situations and entry.kind == "answer" and (confident or impediment):
            misfit = self._misfit(state, analysis, hits, impediment=impediment)
            if misfit is not None:
                return misfit
        lead = self._keyword_lead(kb, hits) if entry.kind == "answer" else None
        if impediment and top.score >= cfg.impediment_min_score:
            if lead is not None and all(cites_impediment(kb.get(c.entry_id)) for c in lead.candidates):
                lead = None  # two rules of impediment: the relative's one, with the steps, serves both
            # Wave 13: below the usual confidence, an entry whose title and keywords barely touch the
            # question is not given as the rule: ask between it and the next one. Not for the entries
            # about given relatives (their title names the kinship, not the relative the person names).
            # Wave 15: with the usual confidence too, the wave-7 check of the answers (``min_about``)
            # applies: a ground found only through how people phrase things is asked, not given.
            weak = (
                top.entry_id not in state.kin
                and not (confident and self._relatives_ground(entry))
                and (
                    (not confident and top.about < cfg.impediment_min_about)
                    or (confident and self._off_topic_title(state, analysis, top))
                )
                and self._ask(kb, hits)
            )
            return (
                lead
                or self._relative_aside(state, hits)
                or weak
                or render.impediment_reply(entry, kb, top.score)
            )
        if not confident or entry.kind != "answer":
            if not on_topic:
                return render.out_of_scope_reply(None, top.score)
            pair = (
                self._pair(state, analysis, hits, state.analyzer.situations(analysis))
                if cfg.check_situations
                else None
            )
            return pair or render.low_confidence_reply(top.score, english=analysis.english)
        close = self._close_second(kb, hits) or lead
        if close is None and self._off_topic_title(state, analysis, top):
            close = self._off_title(kb, analysis, hits)
        also: Entry | None = None
        if close is not None:
            if (
                close.action != "clarify"
                or close.candidates[0].entry_id != top.entry_id
                or not self._dominates(hits)
            ):
                return close
            also = kb.get(close.candidates[1].entry_id)
        reply = (
            render.judgement_reply(entry, kb, top.score)
            if entry.needs_judgement
            else render.answer_reply(entry, kb, top.score, english=analysis.english)
        )
        return render.with_also(reply, also, kb) if also is not None else reply

    def _unsure(self, kb: KnowledgeBase, hits: list[Hit]) -> Answer | None:
        """What to say instead of «no encontré una respuesta segura» when the best entry still has
        support (``EngineConfig.weak_*``): the HR procedure named by its keyword and clearly ahead
        says where to go; an answer entry that two retrieval views rank first is offered beside
        the next answer entry (the channel adds «ninguno», which offers a person). None keeps the
        escalation, also when a report or a request for a person comes next."""
        cfg, top = self.config, hits[0]
        entry = kb.get(top.entry_id)
        if entry.kind == "out_of_scope":
            second = hits[1].score if len(hits) > 1 else 0.0
            if (
                top.keyword
                and top.coverage >= cfg.weak_out_of_scope_coverage
                and top.score >= cfg.min_score
                and second <= cfg.weak_out_of_scope_ratio * top.score
            ):
                return render.out_of_scope_reply(entry, top.score)
            return None
        if (
            entry.kind == "answer"
            and top.agreement >= cfg.weak_clarify_agreement
            and top.score >= cfg.min_score
        ):
            return self._ask(kb, hits)
        return None

    def _sweeps(self, kb: KnowledgeBase, hits: list[Hit]) -> bool:
        """Rather than «no encontré una respuesta segura»: an answer entry that every retrieval view
        ranks first, found by one of its keywords, at least twice the score of the next entry."""
        top = hits[0]
        return (
            kb.get(top.entry_id).kind == "answer"
            and top.keyword
            and top.agreement >= self.config.about_max_agreement
            and (len(hits) < 2 or hits[1].score <= self.config.dominant_ratio * top.score)
        )

    def _entry_reply(self, state: _State, analysis: Analysis, hit: Hit) -> Answer:
        """The reply that gives one entry: its rule with the steps for a possible impediment, the
        rule and an advisor when it needs judgement, else the answer."""
        entry = state.kb.get(hit.entry_id)
        if self._possible_impediment(state, analysis, entry):
            return render.impediment_reply(entry, state.kb, hit.score)
        if entry.needs_judgement:
            return render.judgement_reply(entry, state.kb, hit.score)
        return render.answer_reply(entry, state.kb, hit.score, english=analysis.english)

    def _dominates(self, hits: list[Hit]) -> bool:
        """The best entry clearly leads the next one (see ``EngineConfig.dominant_*``)."""
        cfg, top = self.config, hits[0]
        if top.agreement < cfg.dominant_agreement or len(hits) < 2:
            return False
        return (
            (hits[1].score <= cfg.dominant_ratio * top.score and top.coverage >= cfg.dominant_min_coverage)
            or (top.coverage - hits[1].coverage >= cfg.dominant_coverage_gap and top.about >= cfg.gap_min_about)
            or (top.about >= cfg.dominant_about and top.about - hits[1].about >= cfg.dominant_about_gap)
        )
