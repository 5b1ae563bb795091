"""The blind evaluation of issue #16: right action, confident wrong and key reference, per split.

The labelled questions live in the tune sets bench/consultas/ciegas_ajuste.yaml, ciegas_propias.yaml,
ciegas_ajuste2.yaml, ciegas_ajuste4.yaml, ciegas_ajuste5.yaml, ciegas_ajuste6.yaml, ciegas_ajuste7.yaml, ciegas_ajuste8.yaml,
ciegas_ajuste9.yaml, ciegas_ajuste10.yaml, ciegas_ajuste11.yaml, ciegas_ajuste12.yaml, ciegas_ajuste13.yaml and ciegas_ajuste14.yaml (may guide changes) and the frozen holdouts ciegas_reserva.yaml,
ciegas_reserva2.yaml … ciegas_reserva12.yaml (only ever reported, never tuned on). ``noise_variants`` derives
the noise suite from the tune half.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from nucleo.errors import InvalidInput

from .analysis import fold
from .evaluation import Outcome, Tally
from .knowledge import KnowledgeBase

BENCH = Path(__file__).resolve().parents[2] / "bench" / "consultas"
TUNE_SET = BENCH / "ciegas_ajuste.yaml"
HOLDOUT_SET = BENCH / "ciegas_reserva.yaml"
OWN_SET = BENCH / "ciegas_propias.yaml"  # more tune questions, written in wave 2
TUNE3_SET = BENCH / "ciegas_ajuste2.yaml"  # more tune questions, written in wave 3
HOLDOUT2_SET = BENCH / "ciegas_reserva2.yaml"  # second frozen holdout, written in wave 3
HOLDOUT3_SET = BENCH / "ciegas_reserva3.yaml"  # third frozen holdout, written in wave 5
HOLDOUT4_SET = BENCH / "ciegas_reserva4.yaml"  # fourth frozen holdout, written in wave 8
HOLDOUT5_SET = BENCH / "ciegas_reserva5.yaml"  # fifth frozen holdout, written in wave 9 (blind)
HOLDOUT6_SET = BENCH / "ciegas_reserva6.yaml"  # sixth frozen holdout, written blind in wave 10
HOLDOUT7_SET = BENCH / "ciegas_reserva7.yaml"  # seventh frozen holdout, written blind in wave 11
HOLDOUT8_SET = BENCH / "ciegas_reserva8.yaml"  # eighth frozen holdout, written blind in wave 12
HOLDOUT9_SET = BENCH / "ciegas_reserva9.yaml"  # ninth frozen holdout, written blind in wave 13
HOLDOUT10_SET = BENCH / "ciegas_reserva10.yaml"  # tenth frozen holdout, written blind in wave 14
HOLDOUT11_SET = BENCH / "ciegas_reserva11.yaml"  # eleventh frozen holdout, written blind in wave 15
HOLDOUT12_SET = BENCH / "ciegas_reserva12.yaml"  # twelfth frozen holdout, written blind for wave 16
TUNE4_SET = BENCH / "ciegas_ajuste4.yaml"  # more tune questions (two situations at once), wave 4
TUNE5_SET = BENCH / "ciegas_ajuste5.yaml"  # more tune questions, written after the situation check, wave 4
TUNE6_SET = BENCH / "ciegas_ajuste6.yaml"  # more tune questions on the topics, wave 6
TUNE7_SET = BENCH / "ciegas_ajuste7.yaml"  # more tune questions (causes, kinship, recusal...), wave 6
TUNE8_SET = BENCH / "ciegas_ajuste8.yaml"  # fresh blind tune set of wave 7 (checks generalisation)
TUNE9_SET = BENCH / "ciegas_ajuste9.yaml"  # fresh blind tune set of wave 8
TUNE10_SET = BENCH / "ciegas_ajuste10.yaml"  # fresh blind tune set of wave 9
TUNE11_SET = BENCH / "ciegas_ajuste11.yaml"  # fresh blind tune set of wave 10
TUNE12_SET = BENCH / "ciegas_ajuste12.yaml"  # fresh blind tune set of wave 11
TUNE13_SET = BENCH / "ciegas_ajuste13.yaml"  # fresh blind tune set of wave 13
TUNE14_SET = BENCH / "ciegas_ajuste14.yaml"  # fresh blind tune set of wave 14
TUNE15_SET = BENCH / "ciegas_ajuste15.yaml"  # fresh blind tune set of wave 15
TUNE16_SET = BENCH / "ciegas_ajuste16.yaml"  # fresh blind tune set for wave 16 (not run yet)
LABELS = frozenset({"escalate", "out_of_scope", "small_talk"})


@dataclass(frozen=True)
class BlindItem:
    """One question and what counts as right: entry ids and/or the actions in ``LABELS``."""

    question: str
    expect: frozenset[str]
    refs: tuple[str, ...] = ()
    who: str = ""


@dataclass
class BlindReport(Tally):
    """Figures for one system on one split."""

    right: int = 0
    with_ref: int = 0
    ref_present: int = 0
    small_talk: int = 0
    small_talk_ok: int = 0
    clarified: int = 0  # replies that ask between two entries (right or not)

    @property
    def right_rate(self) -> float:
        """Share of questions where the reply took the right action (and the right entry)."""
        return self.ratio(self.right, self.total)

    @property
    def ref_rate(self) -> float:
        """Among right replies that should cite a key reference, the share that shows it."""
        return self.ratio(self.ref_present, self.with_ref)

    @property
    def small_talk_recall(self) -> float:
        return self.ratio(self.small_talk_ok, self.small_talk)


def load_blind(path: Path) -> list[BlindItem]:
    """Read one half of the blind set (unknown entry ids are allowed: they count as misses)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    items = []
    for row in data:
        if not isinstance(row, dict) or "q" not in row or not row.get("expect"):
            raise InvalidInput(f"Fila inválida en {Path(path).name}: {row!r}")
        refs = row.get("ref") or ()
        items.append(BlindItem(str(row["q"]), frozenset(map(str, row["expect"])),
                               (refs,) if isinstance(refs, str) else tuple(map(str, refs)),
                               str(row.get("who", ""))))
    return items


def unknown_ids(items: list[BlindItem], kb: KnowledgeBase) -> set[str]:
    """Expected entry ids that the base does not have (yet)."""
    return {e for i in items for e in i.expect if e not in LABELS and e not in kb}


def is_right(item: BlindItem, reply: Outcome) -> bool:
    """The reply did what the label asks: the expected entry's guidance, or the expected action."""
    if reply.action == "small_talk":
        return "small_talk" in item.expect
    if reply.action == "clarify":
        return bool(item.expect & set(reply.candidates))
    if reply.entry_id is not None and reply.entry_id in item.expect:
        return True
    return reply.action in item.expect and reply.action in ("escalate", "out_of_scope")


def score_blind(name: str, items: list[BlindItem], kb: KnowledgeBase,
                run: Callable[[str], Outcome]) -> BlindReport:
    """Run every item and count right action, confident wrong, key reference, scope and small talk.

    ``run`` is one of evaluation's systems: ``engine_runner(engine)`` or ``PlainBM25(kb)``."""
    report = BlindReport(name)
    for item in items:
        start = time.perf_counter()
        reply = run(item.question)
        report.latencies_ms.append((time.perf_counter() - start) * 1000)
        report.total += 1
        right = is_right(item, reply)
        report.right += right
        report.clarified += reply.action == "clarify"
        guidance = reply.entry_id is not None and reply.entry_id in kb and kb.get(reply.entry_id).kind == "answer"
        if not right and guidance and reply.action in ("answer", "escalate"):
            report.confident_wrong += 1
        if right and item.refs:
            report.with_ref += 1
            folded = fold(reply.text)
            report.ref_present += any(fold(r) in folded for r in item.refs)
        if item.expect == {"out_of_scope"}:
            report.out_of_scope += 1
            report.out_of_scope_ok += reply.action == "out_of_scope"
        if item.expect == {"small_talk"}:
            report.small_talk += 1
            report.small_talk_ok += reply.action == "small_talk"
        if not right:
            report.failures.append((item.question[:100], ",".join(sorted(item.expect)),
                                    f"{reply.action}:{reply.entry_id}"))
    return report


# -- the noise suite -------------------------------------------------------------------------------

_OPENINGS = ("buenas tardes, una preguntica, ", "Hola buenos días 🙏 disculpe la molestia, ",
             "holaa, qué pena molestar, tengo una duda: ", "Buen día doctora, una consulta: ")
_CLOSINGS = (" gracias!!", " Mil gracias, quedo atento.", " muchas gracias de antemano, bendiciones",
             " 🙏 gracias")
_ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ¿¡", "aeiouunAEIOUUN  ")


def _padded(text: str, rng: random.Random) -> str:
    return rng.choice(_OPENINGS) + text[:1].lower() + text[1:] + rng.choice(_CLOSINGS)


def _typos(text: str, rng: random.Random) -> str:
    out = []
    for word in text.split(" "):
        if len(word) >= 6 and word.isalpha() and rng.random() < 0.35:
            i = rng.randrange(1, len(word) - 2)
            kind = rng.randrange(3)
            if kind == 0:
                word = word[:i] + word[i + 1] + word[i] + word[i + 2:]   # swap two letters
            elif kind == 1:
                word = word[:i] + word[i + 1:]                           # drop one
            else:
                word = word[:i] + word[i] + word[i:]                     # double one
        out.append(word)
    return " ".join(out)


def _unaccented(text: str, _rng: random.Random) -> str:
    return " ".join(text.translate(_ACCENTS).split())


def _upper(text: str, _rng: random.Random) -> str:
    return text.upper()


NOISES: dict[str, Callable[[str, random.Random], str]] = {
    "relleno": _padded, "errores": _typos, "sin_tildes": _unaccented, "mayusculas": _upper,
}


def noise_variants(items: list[BlindItem], *, seed: int = 16) -> dict[str, list[BlindItem]]:
    """For each kind of noise, the tune items rewritten with it (small talk is left out)."""
    rng = random.Random(seed)
    base = [i for i in items if i.expect != {"small_talk"}]
    return {name: [BlindItem(change(i.question, rng), i.expect, i.refs, i.who) for i in base]
            for name, change in NOISES.items()}
