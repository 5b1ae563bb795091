"""The survey forms as HR types them: period, audience and a YAML definition in the format of
``bot/encuestas/starter.yaml``, turned into the ``SurveyIn`` the survey actions take.

Every problem becomes a Spanish sentence for the form (``FormInvalid``); what was typed is kept
in ``SurveyForm`` so the page can show it again. Validation of the survey itself stays in
``bot.encuestas`` (``SurveyIn`` and ``create_survey``); this module only reads the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml
from pydantic import ValidationError

from bot.encuestas.definition import STARTER_FILE, AudienceIn, SurveyIn, is_kind, starter_survey
from bot.encuestas.web import messages
from nucleo.errors import InvalidInput
from nucleo.formats import number
from nucleo.values import CODE_VALUES

MAX_DEFINITION = 60_000
DEFINITION_KEYS = ("title", "intro", "results_where", "questions", "max_reminders",
                   "reminder_every_hours")
FORM_KEYS = ("title", "period_label", "opens_on", "closes_on")  # typed in fields, not the YAML
MAX_PROBLEMS = 8


class FormInvalid(InvalidInput):
    """The form cannot become a survey; ``problems`` lists every reason, in Spanish."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0], details=problems)
        self.problems = problems


@dataclass
class SurveyForm:
    """What HR typed (strings, as the browser sent them)."""

    title: str = ""
    period: str = ""
    opens: str = ""
    closes: str = ""
    audience: str = "todos"
    departments: list[str] = field(default_factory=list)
    kind: str = ""
    definition: str = ""


def default_form(today: date, *, with_definition: bool = False) -> SurveyForm:
    """Today (``Services.today()``, the entity's day) to two weeks later, this half-year's
    label."""
    half = "I" if today.month <= 6 else "II"
    form = SurveyForm(period=f"{today.year}-{half}", opens=today.isoformat(),
                      closes=(today + timedelta(days=14)).isoformat())
    if with_definition:
        form.definition = starter_definition()
        form.title = str(yaml.safe_load(form.definition).get("title", ""))
    return form


def starter_definition() -> str:
    """The starter survey's YAML without its opening comment (the example in the form)."""
    lines = STARTER_FILE.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: ``*x`` could repeat a block exponentially ("billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise FormInvalid([messages.SURVEY_YAML_ALIAS])
        return super().compose_node(parent, index)


def parse_definition(text: str) -> dict[str, Any]:
    """The YAML mapping of the definition, with only the known keys."""
    if not text.strip():
        raise FormInvalid([messages.SURVEY_DEFINITION_EMPTY])
    if len(text) > MAX_DEFINITION:
        raise FormInvalid([messages.SURVEY_DEFINITION_TOO_LONG.format(
            size=number(len(text)), n=number(MAX_DEFINITION))])
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)
    except yaml.reader.ReaderError:
        raise FormInvalid([messages.SURVEY_YAML_CHARACTERS]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise FormInvalid([messages.SURVEY_YAML_SYNTAX.format(line=line, column=column)]) \
            from None
    except (yaml.YAMLError, RecursionError):
        raise FormInvalid([messages.SURVEY_YAML_SYNTAX.format(line=1, column=1)]) from None
    if not isinstance(data, dict):
        raise FormInvalid([messages.SURVEY_YAML_NOT_MAPPING])
    unknown = [str(k)[:40] for k in data if k not in DEFINITION_KEYS]
    if unknown:
        raise FormInvalid([messages.SURVEY_YAML_UNKNOWN_KEYS.format(
            keys=", ".join(unknown[:10]), allowed=", ".join(DEFINITION_KEYS))])
    return data


def _date(value: str, label: str, problems: list[str]) -> date | None:
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    problems.append(messages.SURVEY_BAD_DATE.format(label=label))
    return None


def _audience(form: SurveyForm, problems: list[str]) -> AudienceIn | None:
    if form.audience == "todos":
        return AudienceIn(all=True)
    if form.audience == "dependencia":
        chosen = [d.strip() for d in form.departments if d.strip()]
        if not chosen:
            problems.append(messages.SURVEY_NO_DEPARTMENTS)
            return None
        if len(chosen) > 500 or not all(d.isascii() and d.isdigit() and len(d) < 10
                                        for d in chosen):
            problems.append(messages.SURVEY_BAD_AUDIENCE)
            return None
        return AudienceIn(department_ids=sorted({int(d) for d in chosen}))
    if form.audience == "tipo":
        if not form.kind:
            problems.append(messages.SURVEY_NO_KIND)
        elif is_kind(form.kind):
            return AudienceIn(kinds=[form.kind])
        else:
            problems.append(messages.SURVEY_BAD_AUDIENCE)
        return None
    problems.append(messages.SURVEY_BAD_AUDIENCE)
    return None


def _period(form: SurveyForm, problems: list[str]) -> tuple[date, date, AudienceIn]:
    """Dates and audience; a placeholder stands in for each invalid one (its problem noted),
    so the rest of the form can still be checked and every problem shown at once."""
    opens = _date(form.opens, messages.SURVEY_FIELD_OPENS, problems)
    closes = _date(form.closes, messages.SURVEY_FIELD_CLOSES, problems)
    audience = _audience(form, problems)
    stand_in = opens or closes or date(2000, 1, 1)
    return opens or stand_in, closes or stand_in, audience or AudienceIn(all=True)


def _validated(data: dict[str, Any], typed: set[str], problems: list[str]) -> SurveyIn:
    try:
        survey = SurveyIn.model_validate(data)
    except ValidationError as exc:
        raise FormInvalid(problems + explain(exc, typed)) from None
    if problems:
        raise FormInvalid(problems)
    return survey


def survey_from_form(form: SurveyForm) -> SurveyIn:
    """A survey from a typed definition; the title field, when filled, wins over the YAML's."""
    problems: list[str] = []
    opens, closes, audience = _period(form, problems)
    try:
        data = parse_definition(form.definition)
    except FormInvalid as exc:
        raise FormInvalid(problems + exc.problems) from None
    data.update(period_label=form.period, opens_on=opens, closes_on=closes, audience=audience)
    typed = set(FORM_KEYS)
    if form.title.strip():
        data["title"] = form.title
    else:
        typed.discard("title")
    return _validated(data, typed, problems)


def starter_from_form(form: SurveyForm) -> SurveyIn:
    """The starter survey for the typed period and audience."""
    problems: list[str] = []
    opens, closes, audience = _period(form, problems)
    try:
        survey = starter_survey(opens, closes, form.period)
    except ValidationError as exc:
        raise FormInvalid(problems + explain(exc, set(FORM_KEYS))) from None
    if problems:
        raise FormInvalid(problems)
    return survey.model_copy(update={"audience": audience})


def explain(exc: ValidationError, typed: set[str]) -> list[str]:
    """Pydantic's errors as Spanish sentences naming the question and the YAML key, or the form
    field for the keys in ``typed``."""
    problems = []
    for error in exc.errors()[:MAX_PROBLEMS]:
        loc = error.get("loc", ())
        problems.append(_sentence(str(error.get("type", "")), loc, error.get("ctx") or {},
                                  typed))
    return list(dict.fromkeys(problems)) or [messages.SURVEY_DEFINITION_INVALID]


def _sentence(kind: str, loc: tuple[Any, ...], ctx: dict[str, Any], typed: set[str]) -> str:
    if loc and loc[0] == "audience":
        return messages.SURVEY_BAD_AUDIENCE
    in_question = len(loc) > 1 and loc[0] == "questions" and isinstance(loc[1], int)
    where = (messages.SURVEY_QUESTION_AT.format(n=loc[1] + 1) if in_question
             else messages.SURVEY_FORM_WHERE if loc and loc[0] in typed
             else messages.SURVEY_DEFINITION_WHERE)
    if in_question and len(loc) == 2:
        return messages.SURVEY_ERROR_MAPPING.format(where=where)
    names = [str(p) for p in loc[2 if in_question else 0:] if not isinstance(p, int)]
    name = names[0] if names else "questions"
    name = messages.SURVEY_FIELD_NAMES.get(name, name[:40])
    sentences = {
        "missing": messages.SURVEY_ERROR_MISSING,
        "literal_error": messages.SURVEY_ERROR_CHOICES,
        "string_type": messages.SURVEY_ERROR_TEXT,
        "list_type": messages.SURVEY_ERROR_LIST,
        "string_too_long": messages.SURVEY_ERROR_TOO_LONG,
        "too_long": messages.SURVEY_ERROR_TOO_LONG,
        "string_too_short": messages.SURVEY_ERROR_EMPTY,
    }
    template = sentences.get(kind, messages.SURVEY_ERROR_VALUE)
    return template.format(where=where, field=name, n=ctx.get("max_length", ""),
                           expected=str(ctx.get("expected", ""))[:200])


def value_name(value: str | None) -> str:
    """A question's value as people read it (``general`` when it measures no single value)."""
    if not value or value == "general":
        return messages.SURVEY_GENERAL
    return CODE_VALUES.get(value, value)
