"""One suggestion: text (inert), author as the privacy rules allow, history, official answer,
forum sync state and moderation. ``show`` also renders the page again after a refused form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from sqlalchemy import select
from starlette.responses import Response

from foro import actions
from foro import messages as foro_messages
from foro.actions import MAX_ANSWER
from foro.links import suggestion_path
from foro.models import Suggestion, SuggestionAnswer
from foro.queries import link_of, outbox_of, posts_of, published_answer
from foro.states import ALLOWED, Status
from foro.web import messages
from foro.web.console.listing import labels
from nucleo.models import AuditEntry, Department, Person
from nucleo.outbox import OutboxState
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)
SuggestionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def author_label(console: Console, s: Suggestion) -> str:
    """What the JSON API tells HR about the author: the person's name, the forum username, or
    that the suggestion is anonymous (nothing links it to anyone)."""
    if s.author_person_id is not None:
        person = await console.db.get(Person, s.author_person_id)
        if person is not None:
            return person.full_name or messages.AUTHOR_FORUM_UNKNOWN
    if s.source == "forum":
        return (messages.AUTHOR_FORUM.format(name=s.forum_username) if s.forum_username
                else messages.AUTHOR_FORUM_UNKNOWN)
    return messages.AUTHOR_ANONYMOUS


def _describe(details: dict[str, Any]) -> str:
    status = foro_messages.STATUS_LABELS
    if "de" in details and "a" in details:
        return messages.HISTORY_CHANGE.format(source=status.get(details["de"], details["de"]),
                                              target=status.get(details["a"], details["a"]))
    if "revision" in details:
        return messages.HISTORY_REVISION.format(
            n=details["revision"], status=status.get(str(details.get("estado")), "—"))
    if "motivo" in details:
        return messages.HISTORY_REASON.format(
            reason=foro_messages.MODERATION_REASONS.get(details["motivo"], details["motivo"]))
    if "escrituras" in details:
        return messages.HISTORY_RETRIED.format(n=details["escrituras"])
    return ""


async def history(console: Console, s: Suggestion) -> list[tuple[Any, str, str]]:
    """(when, what, detail): its arrival, then what the audit log recorded about it (no staff
    names and never the text)."""
    entries = await console.db.scalars(select(AuditEntry).where(
        AuditEntry.target_type == "suggestion", AuditEntry.target_id == str(s.id),
        AuditEntry.action.startswith("foro.")).order_by(AuditEntry.id))
    source = foro_messages.SOURCE_LABELS.get(s.source, s.source).lower()
    events = [(s.created_at, messages.HISTORY_RECEIVED.format(source=source), "")]
    events += [(e.at, messages.HISTORY_EVENTS.get(e.action, e.action), _describe(e.details or {}))
               for e in entries]
    return events


def _form_values(s: Suggestion, latest: SuggestionAnswer | None) -> dict[str, str]:
    """The answer form filled with the latest revision (draft or published)."""
    if latest is None:
        first = Status.EN_ANALISIS if s.status == Status.RECIBIDA else Status(s.status)
        return {"estado": first.value}
    return {"estado": latest.status, "texto": latest.text, "plan": latest.action_plan or "",
            "fecha": latest.action_due.isoformat() if latest.action_due else "",
            "motivo": latest.reason or "",
            "original": str(latest.duplicate_of_id) if latest.duplicate_of_id else ""}


async def show(console: Console, suggestion_id: int, *, error: str | None = None,
               typed: dict[str, str] | None = None, status: int = 200) -> Response:
    """Render the suggestion's page (404 page when it does not exist)."""
    s = await actions.load_suggestion(console.db, suggestion_id)
    latest = s.answers[-1] if s.answers else None
    draft = latest if latest is not None and latest.published_at is None else None
    department = await console.db.get(Department, s.department_id) if s.department_id else None
    writes = await outbox_of(console.db, s.id)
    targets = [(st.value, foro_messages.STATUS_LABELS[st]) for st in Status
               if st in ALLOWED[Status(s.status)]]
    return await console.render(
        "suggestions_detail.html", status=status, error=error, s=s, labels=labels(),
        author=await author_label(console, s), department=department,
        published=published_answer(s), draft=draft, targets=targets,
        form=typed if typed is not None else _form_values(s, latest),
        history=await history(console, s),
        posts=await posts_of(console.db, s.id, include_hidden=True),
        link=await link_of(console.db, s.id), writes=writes,
        failed=sum(1 for w in writes if w.state == OutboxState.FALLIDA),
        discourse=console.services.settings.discourse_enabled,
        portal_path=suggestion_path(s.id), max_answer=MAX_ANSWER,
        reasons=list(foro_messages.MODERATION_REASONS.items()))


@router.get("/consola/sugerencias/{suggestion_id}")
async def suggestion(console: Annotated[Console, page("sugerencias")],
                     suggestion_id: SuggestionId) -> Response:
    """One suggestion with everything HR needs to decide and answer."""
    console.only_params()
    return await show(console, suggestion_id)
