"""Risk zones: how many declarations (per kind) and cross-check flags each dependencia has in a
period — where conflicts of interest concentrate. Counts only; a dependencia with fewer than
``MIN_GROUP`` of them is named without numbers (one declaration in a small office would point
at its author) and left out of the totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones.actions import concerned_person_id, filed_bounds
from bot.declaraciones.models import ContractFlag, Declaration, DeclarationKind
from nucleo.models import Department, Person

MIN_GROUP = 5
KINDS = tuple(k.value for k in DeclarationKind)


@dataclass
class Zone:
    department: str | None  # None: people without a dependencia
    counts: dict[str, int] = field(default_factory=dict)  # per kind, and "alertas"
    total: int = 0

    @property
    def hidden(self) -> bool:
        return self.total < MIN_GROUP


@dataclass
class Zones:
    shown: list[Zone]
    small: list[Zone]  # named, never counted

    @property
    def totals(self) -> dict[str, int]:
        sums: dict[str, int] = defaultdict(int)
        for zone in self.shown:
            for key, n in zone.counts.items():
                sums[key] += n
        return dict(sums)


async def risk_zones(session: AsyncSession, *, since: date | None = None,
                     until: date | None = None, tz: ZoneInfo) -> Zones:
    """Declarations by the dependencia of whom they concern (the recused official for a
    recusal, the declarant otherwise) and kind, plus flags by the supervisor's dependencia,
    for declarations filed / flags raised from ``since`` to ``until`` (local days)."""
    start, end = filed_bounds(since, until, tz)
    concerned = concerned_person_id()
    declarations = (select(Department.name, Declaration.kind, func.count())
                    .select_from(Declaration)
                    .outerjoin(Person, Person.id == concerned)
                    .outerjoin(Department, Department.id == Person.department_id)
                    .group_by(Department.name, Declaration.kind))
    flags = (select(Department.name, func.count()).select_from(ContractFlag)
             .outerjoin(Person, Person.id == ContractFlag.person_id)
             .outerjoin(Department, Department.id == Person.department_id)
             .group_by(Department.name))
    if start:
        declarations = declarations.where(Declaration.created_at >= start)
        flags = flags.where(ContractFlag.created_at >= start)
    if end:
        declarations = declarations.where(Declaration.created_at < end)
        flags = flags.where(ContractFlag.created_at < end)
    zones: dict[str | None, Zone] = {}
    for name, kind, n in await session.execute(declarations):
        zone = zones.setdefault(name, Zone(name))
        zone.counts[kind] = zone.counts.get(kind, 0) + n
        zone.total += n
    for name, n in await session.execute(flags):
        zone = zones.setdefault(name, Zone(name))
        zone.counts["alertas"] = n
        zone.total += n
    ordered = sorted(zones.values(), key=lambda z: (-z.total, z.department or "\uffff"))
    return Zones(shown=[z for z in ordered if not z.hidden],
                 small=sorted((z for z in ordered if z.hidden),
                              key=lambda z: z.department or "\uffff"))
