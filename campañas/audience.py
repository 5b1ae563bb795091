"""Audiences (all subscribers, by dependencia, by kind, a test list, or those who must file an
asset declaration and have not) and turning one into delivery rows with a single
``INSERT … SELECT … ON CONFLICT DO NOTHING``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.models import Delivery
from campañas.states import DeliveryState
from nucleo import asset_filings
from nucleo.db import rows_changed, upsert
from nucleo.directory.coverage import CAMPAIGN_PURPOSE
from nucleo.directory.models import WhatsAppContact
from nucleo.errors import InvalidInput
from nucleo.models import Consent, Department, Person, PersonKind, PersonStatus

TELEGRAM = "telegram"
EMAIL = "correo"
WHATSAPP = "whatsapp"
CHANNELS = (TELEGRAM, EMAIL, WHATSAPP)
_CHANNEL_ALIASES = {"telegram": TELEGRAM, "correo": EMAIL, "email": EMAIL, "e-mail": EMAIL,
                    "whatsapp": WHATSAPP}
PENDING_ASSETS = "pendientes_bienes"  # must file an asset declaration that year and has not
_TYPE_ALIASES = {
    "todos": "todos", "all": "todos",
    "dependencia": "dependencia", "department": "dependencia",
    "tipo": "tipo", "kind": "tipo",
    "lista": "lista", "list": "lista", "prueba": "lista",
    PENDING_ASSETS: PENDING_ASSETS,
}
MAX_TEST_LIST = 200
INVITED = "invitados"  # internal audience of a survey invitation; never parsed from input


def parse_channels(channels: object, *, allow_none: bool = False) -> list[str]:
    """Normalised, de-duplicated channel names; InvalidInput when unknown, or when none and
    not ``allow_none`` (a draft may be prepared before any channel is chosen)."""
    if isinstance(channels, str):
        channels = [channels]
    if allow_none and (channels is None or channels == [] or channels == ()):
        return []
    if not isinstance(channels, (list, tuple)) or not channels:
        raise InvalidInput(msg.CHANNELS_REQUIRED, code="canales_requeridos")
    out: list[str] = []
    for raw in channels:
        name = _CHANNEL_ALIASES.get(raw.strip().lower()) if isinstance(raw, str) else None
        if name is None:
            raise InvalidInput(msg.CHANNEL_UNKNOWN.format(channel=str(raw)[:30]),
                               code="canal_desconocido")
        if name not in out:
            out.append(name)
    return out


def _int_list(values: object) -> list[int] | None:
    if not isinstance(values, (list, tuple)):
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return None
    return sorted(set(values))


def _pending_assets(spec: dict[str, Any], today: date | None) -> dict[str, Any]:
    """``{"type": "pendientes_bienes", "year": AAAA, "declaracion": "bienes_rentas"}``: the
    year from FIRST_YEAR (Ley 2013 de 2019) to next year; the declaration bienes y rentas
    unless it says ley_2013."""
    year = spec.get("year", spec.get("anio"))
    if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit():
        year = int(year.strip())
    last = asset_filings.last_year(today.year) if today else None
    if year is None or year == "":
        raise InvalidInput(msg.AUDIENCE_YEAR_REQUIRED, code="anio_requerido")
    if (not isinstance(year, int) or isinstance(year, bool) or year < asset_filings.FIRST_YEAR
            or (last is not None and year > last)):
        text = (msg.AUDIENCE_YEAR_BAD.format(first=asset_filings.FIRST_YEAR, last=last)
                if last else msg.AUDIENCE_YEAR_FROM.format(first=asset_filings.FIRST_YEAR))
        raise InvalidInput(text, code="anio_invalido")
    kind = str(spec.get("declaracion") or asset_filings.BIENES_RENTAS).strip().lower()
    if kind not in asset_filings.KINDS:
        raise InvalidInput(msg.AUDIENCE_DECLARATION_UNKNOWN.format(kind=kind[:30]),
                           code="declaracion_desconocida")
    return {"type": PENDING_ASSETS, "year": year, "declaracion": kind}


async def parse_audience(session: AsyncSession, spec: object, *,
                         today: date | None = None) -> dict[str, Any]:
    """Validate an audience spec against the directory; returns its normal form. ``today``
    (the entity's local date) bounds the year of «pendientes_bienes»."""
    spec = spec if isinstance(spec, dict) else {"type": "todos"} if spec is None else {}
    kind = _TYPE_ALIASES.get(str(spec.get("type", "")).strip().lower())
    if kind is None:
        raise InvalidInput(msg.AUDIENCE_TYPE_UNKNOWN.format(kind=str(spec.get("type"))[:30]),
                           code="audiencia_invalida")
    if kind == "todos":
        return {"type": "todos"}
    if kind == PENDING_ASSETS:
        return _pending_assets(spec, today)
    if kind == "tipo":
        person_kind = str(spec.get("kind", spec.get("tipo", ""))).strip().lower()
        if person_kind not in {k.value for k in PersonKind}:
            raise InvalidInput(msg.AUDIENCE_KIND_UNKNOWN.format(kind=person_kind[:30]),
                               code="tipo_desconocido")
        return {"type": "tipo", "kind": person_kind}
    if kind == "dependencia":
        ids = _int_list(spec.get("department_ids", spec.get("dependencias")))
        if not ids:
            raise InvalidInput(msg.AUDIENCE_DEPARTMENTS_REQUIRED, code="dependencias_requeridas")
        known = set(await session.scalars(select(Department.id).where(Department.id.in_(ids))))
        missing = [i for i in ids if i not in known]
        if missing:
            raise InvalidInput(msg.AUDIENCE_DEPARTMENT_UNKNOWN.format(department_id=missing[0]),
                               code="dependencia_desconocida", details={"faltan": missing})
        return {"type": "dependencia", "department_ids": ids}
    ids = _int_list(spec.get("person_ids", spec.get("personas")))
    if not ids:
        raise InvalidInput(msg.AUDIENCE_LIST_REQUIRED, code="lista_requerida")
    if len(ids) > MAX_TEST_LIST:
        raise InvalidInput(msg.AUDIENCE_LIST_TOO_LONG.format(limit=MAX_TEST_LIST))
    known = set(await session.scalars(select(Person.id).where(Person.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise InvalidInput(msg.AUDIENCE_PERSON_UNKNOWN.format(ids=", ".join(map(str, missing[:10]))),
                           code="personas_desconocidas")
    return {"type": "lista", "person_ids": ids}


def reachable(channel: str) -> ColumnElement[bool]:
    """People a channel can reach: known address, not blocked or bouncing."""
    if channel == TELEGRAM:
        return and_(Person.telegram_chat_id.is_not(None), Person.telegram_blocked_at.is_(None))
    if channel == WHATSAPP:  # a stored number and the campaigns' consent (Ley 1581)
        return and_(
            exists(select(WhatsAppContact.person_id)
                   .where(WhatsAppContact.person_id == Person.id)),
            exists(select(Consent.id).where(Consent.person_id == Person.id,
                                            Consent.purpose == CAMPAIGN_PURPOSE,
                                            Consent.granted.is_(True))))
    return and_(Person.email.is_not(None), Person.email_unreachable_at.is_(None))


def audience_filter(spec: dict[str, Any]) -> ColumnElement[bool]:
    """SQL condition for the people of an audience who are subscribed and active (the reminder
    window of «pendientes_bienes» is checked apart: ``window_closed``)."""
    base = and_(Person.subscribed.is_(True), Person.status == PersonStatus.ACTIVA.value)
    kind = spec.get("type", "todos")
    if kind == "dependencia":
        return and_(base, Person.department_id.in_(spec["department_ids"]))
    if kind == "tipo":
        return and_(base, Person.kind == spec["kind"])
    if kind == "lista":
        return and_(base, Person.id.in_(spec["person_ids"]))
    if kind == PENDING_ASSETS:
        declaration = spec.get("declaracion", asset_filings.BIENES_RENTAS)
        return and_(base, asset_filings.pending(spec["year"], declaration))
    if kind == INVITED:  # a survey's invitees: given by id, subscription to pieces not needed
        return Person.status == PersonStatus.ACTIVA.value
    return and_(base, true())


async def window_closed(session: AsyncSession, spec: dict[str, Any], day: date | None) -> bool:
    """Whether a send on ``day`` (the entity's local date) of a «pendientes_bienes» audience
    falls outside the reminder window of its declaration and year, so it reaches nobody
    (``asset_filings.reminder_window``, the one rule). False for other audiences or no day."""
    if day is None or spec.get("type") != PENDING_ASSETS:
        return False
    window = await asset_filings.reminder_window(
        session, year=spec["year"], kind=spec.get("declaracion", asset_filings.BIENES_RENTAS))
    return not window.open_on(day)


async def count_audience(session: AsyncSession, spec: dict[str, Any],
                         channels: Sequence[str], *, on: date | None = None) -> int:
    """How many people the audience reaches on at least one of the channels; ``on``, the local
    date of the send, counts as the send will (nobody outside a reminder window)."""
    if await window_closed(session, spec, on):
        return 0
    reach = or_(*(reachable(c) for c in channels))
    query = select(func.count()).select_from(Person).where(audience_filter(spec), reach)
    return int(await session.scalar(query) or 0)


async def materialise(session: AsyncSession, *, run_id: int, piece_id: int,
                      spec: dict[str, Any], channels: Sequence[str], now: datetime,
                      person_ids: Sequence[int] | None = None, today: date | None = None,
                      condition: ColumnElement[bool] | None = None) -> int:
    """Insert one pending delivery per reachable person and channel; existing ones are kept
    (the unique key run × person × channel makes this idempotent). Returns rows added.
    ``today``, the local date of the send, bounds a reminder to its window (``window_closed``).
    ``condition``: a further condition on ``Person``, evaluated again for each channel (so one
    that a row of this run makes false, a reminder round's, gives one channel each)."""
    if await window_closed(session, spec, today):
        return 0
    added = 0
    for channel in channels:
        where = and_(audience_filter(spec), reachable(channel))
        if person_ids is not None:
            where = and_(where, Person.id.in_(list(person_ids)))
        if condition is not None:
            where = and_(where, condition)
        rows = select(
            literal(run_id), literal(piece_id), Person.id, literal(channel),
            literal(DeliveryState.PENDIENTE.value), literal(0), literal(now, Delivery.next_attempt_at.type),
            literal(now, Delivery.created_at.type),
        ).where(where)
        statement = upsert(session, Delivery).from_select(
            ["run_id", "piece_id", "person_id", "channel", "state", "attempts",
             "next_attempt_at", "created_at"], rows,
        ).on_conflict_do_nothing(index_elements=["run_id", "person_id", "channel"])
        added += await rows_changed(session, statement)
    return added
