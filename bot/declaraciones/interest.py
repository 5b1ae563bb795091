"""The guided answers of /declarar (#18): the type of matter, the person's role in it, who
holds the interest (and, for a relative, which one), and the ground of CPACA art. 11 they point
to together with the facts.

Each answer is a key (stored on the declaration; labels in ``messages``). The suggestion reads
the answers first and the facts second (``ground_reading``, the fallback): a clue in the facts
names a specific numeral (a lawsuit, a debt, a partnership…) unless the relative is beyond the
degrees that numeral reaches; without a clue the answers decide — the person, their spouse or
partner, a relative within the degrees or a partner holding the interest is numeral 1; a
relative beyond the degrees, or someone else, is «Sin precisar» (the general duty of art. 11's
opening and Ley 1952 art. 44). The person always confirms or changes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from bot.declaraciones import ground_reading, grounds, kinship, messages
from nucleo.errors import InvalidInput

MatterType = Literal["contrato", "permiso", "vinculacion", "proceso", "otro"]
MATTER_TYPES: tuple[str, ...] = get_args(MatterType)
Role = Literal["supervisa", "evalua", "decide", "tramita", "otro"]
ROLES: tuple[str, ...] = get_args(Role)
HOLDERS = ("yo", "conyuge", "pariente", "socio", "otra")
RELATIVE = "pariente"
# Constitution art. 126: whoever decides a hiring or an appointment cannot name a spouse or a
# relative within 4/2/1 (DOMAIN.md §2.6): said as a note, never as a block
_APPOINTING = ("contrato", "vinculacion")


def check_matter_type(value: str | None) -> str | None:
    """A matter type as stored: one of ``MATTER_TYPES``, or none (not asked)."""
    if value in (None, ""):
        return None
    if value not in MATTER_TYPES:
        raise InvalidInput(messages.BAD_MATTER_TYPE, details={"field": "matter_type"})
    return value


@dataclass(frozen=True)
class Answers:
    """What the guided dialogue kept (any may be missing: a draft started before #18)."""

    matter_type: str | None = None
    role: str | None = None
    holder: str | None = None
    relation: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, object]) -> Answers:
        """The answers in a dialogue's data (``t``, ``r``, ``h``, ``p``), forged values dropped."""
        def pick(key: str, allowed: tuple[str, ...] | dict[str, kinship.Kin]) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value in allowed else None

        holder = pick("h", HOLDERS)
        return cls(matter_type=pick("t", MATTER_TYPES), role=pick("r", ROLES), holder=holder,
                   relation=pick("p", kinship.RELATIVES) if holder == RELATIVE else None)

    @property
    def degree(self) -> int | None:
        found = kinship.kin(self.relation)
        return found.degree if found is not None else None


@dataclass(frozen=True)
class Suggested:
    """The numeral suggested (none: «Sin precisar») and the notes that explain it."""

    ground: int | None
    notes: tuple[str, ...] = ()


def suggest(answers: Answers, facts: str) -> Suggested:
    """The ground the answers and the facts point to (see the module's docstring)."""
    if answers.holder is None:  # a draft from before the guided questions: the facts alone
        return Suggested(grounds.suggest(facts))
    notes: list[str] = []
    if answers.matter_type == "proceso":
        notes.append(messages.NOTE_PROCESS)
    within = kinship.reaches(answers.relation) if answers.holder == RELATIVE else True
    if (answers.matter_type in _APPOINTING and answers.role == "decide" and within
            and answers.holder in ("conyuge", RELATIVE)):
        notes.append(messages.NOTE_ART_126)
    read = ground_reading.suggest(facts, grounds.NONE)
    if read != grounds.NONE:
        if answers.holder != RELATIVE or kinship.reaches(answers.relation, read) is not False:
            return Suggested(read, tuple(notes))
        notes.append(messages.NOTE_NUMERAL_REACH.format(n=read))
    if answers.holder == "otra" or within is False:
        return Suggested(None, tuple(notes))
    return Suggested(grounds.DEFAULT, tuple(notes))


def degree_text(relation: str | None) -> str:
    """«3.º grado de consanguinidad», «sin parentesco» or «grado por precisar»."""
    found = kinship.kin(relation)
    if found is None or relation == kinship.OTHER:
        return messages.KIN_UNKNOWN_DEGREE
    if found.line is None or found.degree is None:
        return messages.KIN_NO_KINSHIP
    return messages.KIN_DEGREE.format(degree=found.degree, line=messages.KIN_LINES[found.line])


def holder_text(holder: str | None, relation: str | None,
                names: Mapping[str, str] = messages.INTEREST_HOLDER_NAMES) -> str:
    """Who holds the interest in words («Un pariente: Tío/a (3.º grado de consanguinidad)»);
    empty when not asked."""
    if holder is None:
        return ""
    text = names.get(holder, "")
    if holder != RELATIVE or relation not in kinship.RELATIVES:
        return text
    return messages.HOLDER_WITH_RELATIVE.format(
        holder=text, relative=messages.RELATIVE_NAMES[relation], degree=degree_text(relation))


def said_back(relation: str) -> str:
    """What the chat says once a relative is chosen: the degree and whether the law reaches it."""
    if relation == kinship.OTHER:
        return messages.KIN_UNKNOWN
    relative = messages.RELATIVE_NAMES[relation]
    found = kinship.RELATIVES[relation]
    if found.line is None:
        return messages.KIN_NO_KIN.format(relative=relative)
    template = messages.KIN_WITHIN if kinship.reaches(relation) else messages.KIN_BEYOND
    return template.format(relative=relative, degree=degree_text(relation))
