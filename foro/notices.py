"""What the author reads in the chat and what the forum shows for an official answer."""

from __future__ import annotations

from html import escape

from foro import messages
from foro.models import Suggestion, SuggestionAnswer
from nucleo.formats import date_text


def _due(answer: SuggestionAnswer) -> str:
    return date_text(answer.action_due) if answer.action_due else ""


def answer_notice_html(suggestion: Suggestion, answer: SuggestionAnswer, *,
                       url: str | None, duplicate_title: str | None) -> str:
    """The chat message (Telegram HTML) telling the author about HR's answer."""
    details = ""
    if answer.action_plan:
        details = messages.NOTICE_PLAN.format(plan=escape(answer.action_plan), due=_due(answer))
    elif answer.reason:
        details = messages.NOTICE_REASON.format(reason=escape(answer.reason))
    elif duplicate_title:
        details = messages.NOTICE_DUPLICATE.format(title=escape(duplicate_title))
    return messages.NOTICE_ANSWER.format(
        title=escape(suggestion.title), status=messages.STATUS_LABELS[answer.status],
        answer=escape(answer.text), details=details,
        link=messages.NOTICE_LINK.format(url=escape(url)) if url else "")


def answer_marker(suggestion: Suggestion, answer: SuggestionAnswer) -> str:
    """A visible reference that identifies this answer's post (to never post it twice)."""
    return messages.FORUM_ANSWER_REF.format(ref=f"VSY-{suggestion.ref}-R{answer.revision}")


def reply_marker(suggestion: Suggestion, post_id: int) -> str:
    """A visible reference that identifies a portal reply's post."""
    return messages.FORUM_ANSWER_REF.format(ref=f"VSY-{suggestion.ref}-P{post_id}")


def answer_markdown(suggestion: Suggestion, answer: SuggestionAnswer, *,
                    duplicate_url: str | None) -> str:
    """The official answer as the forum post's Markdown."""
    parts = [messages.FORUM_ANSWER_HEADER.format(status=messages.STATUS_LABELS[answer.status]),
             answer.text]
    if answer.action_plan:
        parts.append(messages.FORUM_ANSWER_PLAN.format(plan=answer.action_plan, due=_due(answer)))
    if answer.reason:
        parts.append(messages.FORUM_ANSWER_REASON.format(reason=answer.reason))
    if duplicate_url:
        parts.append(messages.FORUM_ANSWER_DUPLICATE.format(url=duplicate_url))
    parts.append(answer_marker(suggestion, answer))
    return "\n\n".join(parts)


def topic_markdown(suggestion: Suggestion) -> str:
    """The first post of a suggestion's topic."""
    value = messages.VALUE_LABELS.get(suggestion.value or "", messages.FORUM_NO_VALUE)
    return suggestion.text + messages.FORUM_TOPIC_FOOTER.format(
        value=value, source=messages.SOURCE_LABELS.get(suggestion.source, suggestion.source),
        ref=f"VSY-{suggestion.ref}")


def status_tag(status: str) -> str:
    """The Discourse tag of a status ("en-analisis")."""
    return status.replace("_", "-")


STATUS_TAGS = frozenset(status_tag(s) for s in messages.STATUS_LABELS)
