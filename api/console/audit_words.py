"""The audit log in Spanish: an entry's action, target and details as words a person reads
(never ``True``, ``None`` nor an English code when the catalogue knows it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from api.console import messages
from campañas import messages as campaign_texts
from foro import messages as forum_texts
from nucleo.formats import number, sheet_datetime
from nucleo.models import AuditEntry
from nucleo.web.console import messages as ui

STATUSES = {**forum_texts.STATUS_LABELS, **campaign_texts.STATUS_NAMES}


def action(code: str) -> str:
    """The action in Spanish (the code itself when the catalogue does not know it)."""
    return messages.AUDIT_ACTIONS.get(code, code)


def target(entry: AuditEntry) -> str:
    if not entry.target_type:
        return "—"
    name = messages.AUDIT_TARGETS.get(entry.target_type, entry.target_type)
    return f"{name} n.º {entry.target_id}" if entry.target_id else name


def value(key: str, raw: Any, tz: ZoneInfo) -> str:
    """One detail value in words: yes/no, a dash, numbers with Colombian separators, local
    times, role, status and channel names."""
    if raw is None or raw == "" or raw == []:
        return "—"
    if isinstance(raw, bool):
        return ui.YES if raw else ui.NO
    if isinstance(raw, int | float):
        if key == "weekday" and isinstance(raw, int) and 0 <= raw < 7:
            return messages.AUDIT_WEEKDAYS[raw]
        return number(raw)
    if isinstance(raw, list | tuple):
        return ", ".join(value(key, item, tz) for item in raw)
    if isinstance(raw, dict):
        return "; ".join(f"{field(k)}: {value(k, v, tz)}" for k, v in raw.items())
    text = str(raw)
    if key in ("role", "previous") and text in ui.ROLE_NAMES:
        return ui.ROLE_NAMES[text]
    if key in ("de", "a", "estado") and text in STATUSES:
        return STATUSES[text]
    if key == "motivo" and text in forum_texts.MODERATION_REASONS:
        return forum_texts.MODERATION_REASONS[text]
    if key == "send_at" or (len(text) >= 19 and text[4:5] == "-" and text[10:11] == "T"):
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return text
        if when.tzinfo is not None:
            return sheet_datetime(when, tz)
    return messages.AUDIT_VALUES.get(text, text)


def field(key: str) -> str:
    return messages.AUDIT_FIELDS.get(key, key.replace("_", " "))


def details(entry: AuditEntry, tz: ZoneInfo) -> list[tuple[str, str]]:
    """(field, value) pairs in Spanish, in the order they were recorded."""
    return [(field(k), value(k, v, tz)) for k, v in (entry.details or {}).items()]


def details_text(entry: AuditEntry, tz: ZoneInfo) -> str:
    return "; ".join(f"{k}: {v}" for k, v in details(entry, tz))
