"""Survey definitions: question kinds, validation, and the starter survey shipped with the code."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeGuard, get_args

import yaml
from pydantic import BaseModel, Field

from bot.encuestas import messages
from nucleo.errors import InvalidInput
from nucleo.text import clean_text
from nucleo.values import CODE_VALUES
from nucleo.web.ids import BodyId

QuestionKind = Literal["likert", "likert_acuerdo", "choice", "dilemma", "text"]
VALUES = {*CODE_VALUES, "general"}
MAX_TEXT_ANSWER = 1000
STARTER_FILE = Path(__file__).with_name("starter.yaml")


class QuestionIn(BaseModel):
    kind: QuestionKind
    text: str = Field(max_length=2000)
    value: str | None = None
    options: list[str] = Field(default_factory=list, max_length=20)
    required: bool | None = None


Kind = Literal["servidor", "contratista"]  # the kinds of engagement a survey can target
KINDS: tuple[Kind, ...] = get_args(Kind)


def is_kind(value: str) -> TypeGuard[Kind]:
    """Whether ``value`` is one of ``KINDS``."""
    return value in KINDS


class AudienceIn(BaseModel):
    all: bool = False
    department_ids: list[BodyId] = Field(default_factory=list, max_length=500)
    kinds: list[Kind] = Field(default_factory=list)
    person_ids: list[BodyId] = Field(default_factory=list, max_length=1000)


class SurveyIn(BaseModel):
    title: str = Field(max_length=2000)
    period_label: str = Field(min_length=1, max_length=40)
    opens_on: date
    closes_on: date
    intro: str = Field(default="", max_length=2000)
    results_where: str = Field(default="", max_length=1000)
    audience: AudienceIn = Field(default_factory=lambda: AudienceIn(all=True))
    questions: list[QuestionIn] = Field(max_length=200)
    max_reminders: int = Field(default=2, ge=0, le=10)
    reminder_every_hours: int = Field(default=72, ge=1, le=24 * 30)
    previous_id: int | None = None


def normalized_questions(questions: list[QuestionIn]) -> list[dict[str, Any]]:
    """Validate the questions and give each its options as [{key, label}]."""
    if not 1 <= len(questions) <= 60:
        raise InvalidInput(messages.NO_QUESTIONS)
    result = []
    for n, question in enumerate(questions, start=1):
        text = clean_text(question.text, keep_newlines=True)
        if not text or len(text) > 500:
            raise InvalidInput(messages.QUESTION_TEXT.format(n=n))
        value = (question.value or "general").strip().lower()
        if value not in VALUES:
            raise InvalidInput(messages.QUESTION_VALUE.format(n=n, value=(question.value or "")[:40]))
        if question.kind in ("likert", "likert_acuerdo"):
            pairs = messages.LIKERT if question.kind == "likert" else messages.LIKERT_AGREE
            options = [{"key": k, "label": label} for k, label in pairs]
        elif question.kind == "text":
            options = []
        else:
            labels = [clean_text(o) for o in question.options]
            if (not 2 <= len(labels) <= 8 or any(not lb or len(lb) > 60 for lb in labels)
                    or len({lb.casefold() for lb in labels}) != len(labels)):
                raise InvalidInput(messages.QUESTION_OPTIONS.format(n=n))
            options = [{"key": chr(ord("a") + i), "label": lb} for i, lb in enumerate(labels)]
        required = question.required if question.required is not None else question.kind != "text"
        result.append({"position": n, "kind": question.kind, "text": text, "value": value,
                       "options": options, "required": required})
    return result


def starter_survey(opens_on: date, closes_on: date, period_label: str) -> SurveyIn:
    """The team's starter perception survey (see starter.yaml)."""
    data = yaml.safe_load(STARTER_FILE.read_text(encoding="utf-8"))
    return SurveyIn(**data, opens_on=opens_on, closes_on=closes_on, period_label=period_label)
