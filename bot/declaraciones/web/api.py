"""The declarations register as JSON: list, read (audited), study and decide.

Errors have the service's shape ``{"error": {code, message, details}}``: an illegal transition
is a 409 with a Spanish message, a missing declaration a 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, cast

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot.declaraciones import (
    actions,
    assets,
    contracts,
    grounds,
    interest,
    recusal_routing,
    recusals,
)
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.interest import MatterType, Role
from bot.declaraciones.models import Declaration
from bot.declaraciones.states import OPEN
from nucleo import asset_filings
from nucleo.asset_filings import AssetKind
from nucleo.business_days import business_calendar
from nucleo.directory.reader import MAX_BYTES
from nucleo.formats import local_day
from nucleo.models import Department, Person, StaffAccount
from nucleo.ports import NOTIFIER
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.errors import error_responses
from nucleo.web.ids import Id, Offset

router = APIRouter(prefix="/api/v1/declarations", tags=["declaraciones"])
State = Literal["por_responder", "radicada", "en_estudio", "decidida", "desistida",
                "registrada"]
Kind = Literal["impedimento", "conflicto", "recusacion", "preventiva"]
Outcome = Literal["aceptada", "rechazada"]


class DeclarationOut(BaseModel):
    id: int
    radicado: str
    person_id: int | None
    person: str | None
    department: str | None
    kind: Kind
    matter: str
    description: str
    deciding_office: str
    state: State
    created_at: datetime
    due_on: date | None = Field(description="Fecha límite para decidir (ninguna: preventiva)")
    business_days_left: int | None
    overdue: bool
    studied_at: datetime | None
    outcome: Outcome | None
    decision: str | None
    decided_by: str | None
    decided_at: datetime | None
    withdrawn_at: datetime | None
    recused_person_id: int | None = None
    recused: str | None = Field(None, description="La persona recusada (solo recusaciones)")
    recusant: str | None = Field(None, description="Quien recusa, si la registró el personal")
    answer_due_on: date | None = None
    answer_overdue: bool = False
    answered_at: datetime | None = None
    recused_accepts: bool | None = None
    recused_answer: str | None = None
    link_name: str | None = Field(None, description="Para quién es el enlace de decisión vigente")
    link_email_state: str | None = Field(None, description=(
        "El correo del enlace vigente: enviado, reintento o fallido (tras 4 intentos); vacío: "
        "no se envió por correo"))
    link_email_attempts: int | None = Field(None, description="Intentos de ese correo")
    interest_holder: str | None = Field(None, description=(
        "Quién tiene el interés: yo, conyuge, pariente, socio u otra (otra: solo impedimentos "
        "y conflictos)"))
    counterparty: str | None = Field(None, description="Preventiva: la empresa o persona")
    ground: int | None = Field(None, ge=1, le=grounds.NUMERALS[-1], description=(
        "Causal del art. 11 de la Ley 1437 de 2011 (numeral 1 a 16) que confirmó quien declara "
        "o que se alega en la recusación; vacía: sin precisar"))
    ground_name: str = Field("", description="La causal en palabras («Sin precisar» si no hay)")
    matter_type: MatterType | None = Field(None, description="Clase de asunto (#18)")
    matter_type_name: str = Field("", description="La clase de asunto en palabras")
    role: Role | None = Field(None, description="Papel de quien declara en el asunto")
    role_name: str = Field("", description="El papel en palabras")
    relation: str | None = Field(None, description=(
        "Qué pariente tiene el interés (cuando es un pariente): padres, hijos, hermanos, "
        "abuelos, nietos, tios, sobrinos, primos, suegros, yernos, cunados, pareja_hermano, "
        "adopcion, hijos_primo, sobrinos_pareja u otro"))
    kinship_degree: int | None = Field(None, description="Grado de parentesco (la línea sale "
                                       "de relation)")
    interest_name: str = Field("", description="Quién tiene el interés, con el pariente y el "
                               "grado, en palabras")


class DeclarationPage(BaseModel):
    total: int
    items: list[DeclarationOut]


class DecideIn(BaseModel):
    outcome: Outcome
    decision: str = Field(min_length=1, max_length=actions.DECISION[1],
                          description="La decisión y sus razones; si se acepta, quién asume")


class RecusalIn(BaseModel):
    matter: str = Field(min_length=1, max_length=actions.MATTER[1])
    description: str = Field(min_length=1, max_length=actions.DESCRIPTION[1],
                             description="Los hechos y la causal que se alegan")
    deciding_office: str = Field(min_length=1, max_length=actions.OFFICE[1])
    recused_name: str = Field(min_length=1, max_length=actions.NAME[1])
    recused_person_id: int | None = Field(None, ge=1, le=2_147_483_647,
                                          description="La persona del directorio, si se sabe")
    recusant_name: str | None = Field(None, max_length=actions.NAME[1],
                                      description="Quien presentó la recusación")
    ground: int | None = Field(None, ge=1, le=grounds.NUMERALS[-1],
                               description="Causal del art. 11 que se alega (numeral), si se sabe")
    matter_type: MatterType | None = Field(None, description="Clase de asunto, si se sabe")


class RecusalFiledOut(BaseModel):
    declaration: DeclarationOut
    recused_notified: bool


class AnswerIn(BaseModel):
    accepts: bool
    answer: str = Field(min_length=1, max_length=actions.ANSWER[1])


class DecidedOut(BaseModel):
    declaration: DeclarationOut
    notified: bool


async def views(session: SessionDep, services: ServicesDep,
                rows: list[Declaration]) -> list[DeclarationOut]:
    """The rows as the API shows them (names looked up in three queries, not per row)."""
    person_ids = {d.person_id for d in rows if d.person_id} | {
        d.recused_person_id for d in rows if d.recused_person_id}
    staff_ids = {d.decided_by_id for d in rows if d.decided_by_id}
    people: dict[int, tuple[str | None, str | None]] = {}
    if person_ids:
        found = await session.execute(
            select(Person.id, Person.full_name, Department.name)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(Person.id.in_(person_ids)))
        people = {row[0]: (row[1], row[2]) for row in found}
    staff: dict[int, str] = {}
    if staff_ids:
        found_staff = await session.execute(select(StaffAccount.id, StaffAccount.full_name)
                                            .where(StaffAccount.id.in_(staff_ids)))
        staff = {row[0]: row[1] for row in found_staff}
    today = services.today()
    cal = business_calendar(services)
    # counted once per due date, each from the one before (business days add up: today→b is
    # today→a plus a→b), so an export walks the calendar once, not once per date
    days_left: dict[date, int] = {}
    previous, count = today, 0
    for due in sorted({d.due_on for d in rows if d.due_on is not None}):
        count += cal.between(previous, due)
        days_left[due], previous = count, due
    out = []
    for d in rows:
        name, department = people.get(d.person_id, (None, None)) if d.person_id else (None, None)
        left = days_left[d.due_on] if d.due_on is not None else None
        out.append(DeclarationOut(
            id=d.id, radicado=d.radicado, person_id=d.person_id, person=name,
            department=department, kind=cast("Kind", d.kind), matter=d.matter,
            description=d.description, deciding_office=d.deciding_office,
            state=cast("State", d.state), created_at=d.created_at, due_on=d.due_on,
            business_days_left=left, overdue=d.state in OPEN and d.due_on is not None and d.due_on < today,
            studied_at=d.studied_at, outcome=cast("Outcome | None", d.outcome),
            decision=d.decision,
            decided_by=(staff.get(d.decided_by_id) if d.decided_by_id else None)
            or d.decided_by_name,
            decided_at=d.decided_at, withdrawn_at=d.withdrawn_at,
            recused_person_id=d.recused_person_id,
            recused=(people.get(d.recused_person_id, (None, None))[0]
                     if d.recused_person_id else None) or d.recused_name,
            recusant=d.recusant_name, answer_due_on=d.answer_due_on,
            answer_overdue=(d.state == "por_responder" and d.answer_due_on is not None
                            and d.answer_due_on < today),
            answered_at=d.answered_at, recused_accepts=d.recused_accepts,
            recused_answer=d.recused_answer, link_name=d.link_name,
            link_email_state=d.link_email_state, link_email_attempts=d.link_email_attempts,
            interest_holder=d.interest_holder,
            counterparty=d.counterparty, ground=d.ground,
            ground_name=grounds.name(d.ground) if grounds.applies(d.kind) else "",
            matter_type=cast("MatterType | None", d.matter_type),
            matter_type_name=bot_messages.MATTER_TYPE_NAMES.get(d.matter_type or "", ""),
            role=cast("Role | None", d.role),
            role_name=bot_messages.ROLE_NAMES.get(d.role or "", ""),
            relation=d.relation, kinship_degree=d.kinship_degree,
            interest_name=interest.holder_text(d.interest_holder, d.relation)))
    return out


@router.get("", response_model=DeclarationPage,
            summary="Registro de impedimentos y conflictos de intereses, por vencimiento")
async def list_declarations(
    staff: Annotated[StaffAccount, allow("declaraciones")], session: SessionDep,
    services: ServicesDep,
    state: State | None = None,
    kind: Kind | None = None,
    overdue: Annotated[bool, Query(description="Solo las abiertas con el plazo vencido")] = False,
    answer_overdue: Annotated[bool, Query(
        description="Solo recusaciones sin respuesta del recusado después de sus 5 días")] = False,
    filed_from: Annotated[date | None, Query(description="Radicadas desde (AAAA-MM-DD)")] = None,
    filed_until: Annotated[date | None, Query(
        description="Radicadas hasta (AAAA-MM-DD, incluido)")] = None,
    department_id: Annotated[int | None, Query(
        ge=1, le=2**31 - 1, description="Dependencia (id del directorio) de quien concierne: el "
        "recusado en una recusación, el declarante en las demás")] = None,
    ground: Annotated[int | None, Query(
        ge=grounds.NONE, le=grounds.NUMERALS[-1], description="Causal del art. 11 (numeral 1 a 16); 0: las que no "
        "la precisan")] = None,
    matter_type: Annotated[MatterType | None, Query(description="Clase de asunto")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> DeclarationPage:
    today = services.today()
    start, end = actions.filed_bounds(filed_from, filed_until, services.settings.tz)
    total, rows = await actions.list_declarations(
        session, state=state, kind=kind, overdue_on=today if overdue else None,
        answer_overdue_on=today if answer_overdue else None, filed_from=start,
        filed_until=end, department_id=department_id, ground=ground, matter_type=matter_type,
        limit=limit, offset=offset)
    items = await views(session, services, rows)
    await actions.record_listing(session, staff, shown=len(items), filters={
        "via": "api", "estado": state, "tipo": kind,
        "vencidas": "si" if overdue else "respuesta" if answer_overdue else "",
        "desde": filed_from.isoformat() if filed_from else None,
        "hasta": filed_until.isoformat() if filed_until else None,
        "dependencia": department_id, "causal": ground, "clase": matter_type}, total=total,
        offset=offset)
    return DeclarationPage(total=total, items=items)


@router.get("/{declaration_id}", response_model=DeclarationOut,
            summary="Una declaración (cada lectura queda en la auditoría)")
async def get_declaration(declaration_id: Id,
                          staff: Annotated[StaffAccount, allow("declaraciones")],
                          session: SessionDep, services: ServicesDep) -> DeclarationOut:
    declaration = await actions.read_declaration(session, declaration_id, staff=staff)
    return (await views(session, services, [declaration]))[0]


@router.post("/{declaration_id}/study", response_model=DeclarationOut,
             summary="Pasar una declaración radicada a estudio")
async def study_declaration(declaration_id: Id,
                            staff: Annotated[StaffAccount, allow("declaraciones.decidir")],
                            session: SessionDep, services: ServicesDep) -> DeclarationOut:
    declaration = await actions.start_study(session, declaration_id, staff=staff,
                                            now=services.clock())
    return (await views(session, services, [declaration]))[0]


@router.post("/{declaration_id}/decide", response_model=DecidedOut,
             summary="Decidir una declaración (la persona recibe la decisión por el chat)")
async def decide_declaration(declaration_id: Id, body: DecideIn,
                             staff: Annotated[StaffAccount, allow("declaraciones.decidir")],
                             session: SessionDep, services: ServicesDep) -> DecidedOut:
    done = await actions.decide(session, declaration_id, outcome=body.outcome,
                                decision=body.decision, staff=staff, now=services.clock(),
                                notifier=services.get(NOTIFIER), tz=services.settings.tz)
    return DecidedOut(declaration=(await views(session, services, [done.declaration]))[0],
                      notified=done.notified)


@router.post("/recusals", response_model=RecusalFiledOut, status_code=201,
             responses=error_responses(404),  # a recused_person_id the directory does not have
             summary="Registrar una recusación recibida (la persona recusada recibe el aviso)")
async def file_recusal(body: RecusalIn,
                       staff: Annotated[StaffAccount, allow("declaraciones.decidir")],
                       session: SessionDep, services: ServicesDep) -> RecusalFiledOut:
    filed = await recusals.file_recusal(
        session, matter=body.matter, description=body.description, office=body.deciding_office,
        recused_name=body.recused_name, recused_person_id=body.recused_person_id,
        recusant_name=body.recusant_name or None, staff=staff, now=services.clock(),
        ground=body.ground, matter_type=body.matter_type,
        tz=services.settings.tz, calendar=business_calendar(services), notifier=services.get(NOTIFIER))
    return RecusalFiledOut(declaration=(await views(session, services, [filed.declaration]))[0],
                           recused_notified=filed.recused_notified)


@router.post("/{declaration_id}/answer", response_model=DeclarationOut,
             summary="Registrar la respuesta de la persona recusada (acepta o no la causal)")
async def answer_recusal(declaration_id: Id, body: AnswerIn,
                         staff: Annotated[StaffAccount, allow("declaraciones.decidir")],
                         session: SessionDep, services: ServicesDep) -> DeclarationOut:
    done = await recusals.answer_recusal(
        session, declaration_id, accepts=body.accepts, answer=body.answer, staff=staff,
        now=services.clock(), tz=services.settings.tz, calendar=business_calendar(services))
    await recusal_routing.route_recusal(  # the superior gets the decision link
        session, done, recusal_routing.Routing.of(services),
        today=services.today())
    fresh = await actions.get_declaration(session, declaration_id)  # a rollback expires `done`
    return (await views(session, services, [fresh]))[0]


# -- asset declarations (bienes y rentas, Ley 2013) ------------------------------------------


class ComplianceRow(BaseModel):
    department: str | None
    obliged: int
    filed: int
    pending: int


class ComplianceOut(BaseModel):
    year: int
    kind: AssetKind
    total: ComplianceRow
    departments: list[ComplianceRow]


class FiledIn(BaseModel):
    document_id: str = Field(max_length=40)
    year: int
    kind: AssetKind = "bienes_rentas"
    filed_on: date
    required: bool | None = Field(
        None, description="true/false: marcar u omitir a la persona como obligada ese año")


class FiledOut(BaseModel):
    person_id: int
    year: int
    kind: AssetKind
    required: bool
    filed_on: date | None
    source: str | None


def _row(c: assets.Compliance) -> ComplianceRow:
    return ComplianceRow(department=c.department, obliged=c.obliged, filed=c.filed,
                         pending=c.pending)


@router.get("/assets/compliance", response_model=ComplianceOut,
            summary="Cumplimiento de la declaración de bienes y rentas o de la Ley 2013")
async def asset_compliance(
    _staff: Annotated[StaffAccount, allow("declaraciones.bienes")], session: SessionDep,
    services: ServicesDep, year: Annotated[int, Query(ge=assets.FIRST_YEAR, le=2100)],
    kind: AssetKind = "bienes_rentas",
) -> ComplianceOut:
    """Who must file and who filed, per dependencia (counts only)."""
    assets.check(kind, year, services.today())
    people = await assets.obliged(session, year=year, kind=kind)
    groups, total = assets.by_department(people)
    return ComplianceOut(year=year, kind=kind, total=_row(total),
                         departments=[_row(g) for g in groups])


@router.post("/assets/filed", response_model=FiledOut,
             summary="Registrar que una persona (por cédula) presentó su declaración")
async def asset_filed(
    body: FiledIn, staff: Annotated[StaffAccount, allow("declaraciones.bienes.registrar")],
    session: SessionDep, services: ServicesDep,
) -> FiledOut:
    now = services.clock()
    today = local_day(now, services.settings.tz)
    row = await assets.mark_filed(session, document=body.document_id, year=body.year,
                                  kind=body.kind, filed_on=body.filed_on, staff=staff, now=now,
                                  today=today, required=body.required)
    return FiledOut(person_id=row.person_id, year=row.year, kind=body.kind,
                    required=row.required, filed_on=row.filed_on, source=row.source)


class WindowIn(BaseModel):
    year: int
    kind: AssetKind = "bienes_rentas"
    opens_on: date
    closes_on: date


class WindowOut(BaseModel):
    year: int
    kind: AssetKind
    opens_on: date
    closes_on: date
    configured: bool = Field(description="false: la ventana por defecto (nadie la fijó)")
    open_today: bool


def _window_out(year: int, kind: AssetKind, window: asset_filings.ReminderWindow,
                today: date) -> WindowOut:
    return WindowOut(year=year, kind=kind, opens_on=window.opens_on, closes_on=window.closes_on,
                     configured=window.configured, open_today=window.open_on(today))


@router.get("/assets/window", response_model=WindowOut,
            summary="Ventana de los recordatorios a quienes no han presentado la declaración")
async def asset_window(
    _staff: Annotated[StaffAccount, allow("declaraciones.bienes")], session: SessionDep,
    services: ServicesDep, year: Annotated[int, Query(ge=assets.FIRST_YEAR, le=2100)],
    kind: AssetKind = "bienes_rentas",
) -> WindowOut:
    today = services.today()
    assets.check(kind, year, today)
    window = await asset_filings.reminder_window(session, year=year, kind=kind)
    return _window_out(year, kind, window, today)


@router.put("/assets/window", response_model=WindowOut,
            summary="Fijar la ventana de los recordatorios de una declaración y un año")
async def set_asset_window(
    body: WindowIn, staff: Annotated[StaffAccount, allow("declaraciones.bienes.registrar")],
    session: SessionDep, services: ServicesDep,
) -> WindowOut:
    now = services.clock()
    today = local_day(now, services.settings.tz)
    window = await assets.set_reminder_window(
        session, year=body.year, kind=body.kind, opens_on=body.opens_on,
        closes_on=body.closes_on, staff=staff, now=now, today=today)
    return _window_out(body.year, body.kind, window, today)


# -- contracts and the cross-check -----------------------------------------------------------
UPLOADS = {"/api/v1/declarations/contracts/import": MAX_BYTES + FORM_MARGIN}  # body_limit


class RejectedRowOut(BaseModel):
    line: int
    reason: str


class ContractImportOut(BaseModel):
    created: int
    updated: int
    rejected: list[RejectedRowOut]
    ambiguous_supervisor_lines: list[int]
    ambiguous_party_lines: list[int] = Field(description=(
        "Líneas cuyo contratista o representante legal lleva un nombre que comparten varias "
        "personas del directorio (sin cédula que lo distinga): no se unió a nadie"))
    new_flags: int
    summary: str


class FlagOut(BaseModel):
    id: int
    contract_number: str
    contractor_name: str
    contractor_document: str | None
    department: str | None
    supervisor: str | None
    declaration_id: int
    radicado: str
    counterparty: str | None
    reason: str
    # «empresa»: the contractor's (or its representative's) own declaration naming the company
    via_declaration_id: int | None = None
    representative_name: str | None = None
    created_at: datetime
    review_note: str | None
    reviewed_at: datetime | None


class ReviewIn(BaseModel):
    note: str = Field(max_length=8000)


@router.post("/contracts/import", response_model=ContractImportOut,
             summary="Importar los contratos (CSV) y cruzarlos con las declaraciones preventivas")
async def import_contracts(
    staff: Annotated[StaffAccount, allow("declaraciones.contratos")], session: SessionDep,
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="CSV de contratos (SECOP o propio)")],
) -> ContractImportOut:
    data = await file.read(MAX_BYTES + 1)  # decode() refuses more than MAX_BYTES
    report = await contracts.import_contracts(session, data, actor=staff, now=services.clock())
    return ContractImportOut(
        created=report.created, updated=report.updated,
        rejected=[RejectedRowOut(line=r.line, reason=r.reason) for r in report.rejected],
        ambiguous_supervisor_lines=report.ambiguous_lines,
        ambiguous_party_lines=report.ambiguous_party_lines, new_flags=report.new_flags,
        summary=report.summary())


@router.get("/contracts/flags", response_model=list[FlagOut],
            summary="Posibles conflictos del cruce con contratos, para revisar")
async def contract_flags(
    staff: Annotated[StaffAccount, allow("declaraciones.cruce")], session: SessionDep,
    reviewed: bool | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Offset = 0,
) -> list[FlagOut]:
    """The flags name supervisors and their preventive declarations: each read is audited."""
    flags = [FlagOut(
        id=r.flag.id, contract_number=r.contract.number,
        contractor_name=r.contract.contractor_name,
        contractor_document=r.contract.contractor_document, department=r.contract.department,
        supervisor=r.supervisor, declaration_id=r.declaration.id,
        radicado=r.declaration.radicado, counterparty=r.declaration.counterparty,
        reason=r.flag.reason, via_declaration_id=r.flag.via_declaration_id,
        representative_name=r.contract.representative_name,
        created_at=r.flag.created_at, review_note=r.flag.review_note,
        reviewed_at=r.flag.reviewed_at)
        for r in await contracts.flag_rows(session, reviewed=reviewed, limit=limit,
                                           offset=offset)]
    await actions.record_listing(session, staff, shown=len(flags), action="declaraciones.cruce.leer",
                                 filters={"via": "api", "revisadas": reviewed}, offset=offset)
    return flags


class ReviewedOut(BaseModel):
    id: int
    review_note: str | None
    reviewed_at: datetime | None


@router.post("/contracts/flags/{flag_id}/review", response_model=ReviewedOut,
             summary="Registrar la nota de revisión de un posible conflicto")
async def review_flag(flag_id: Id, body: ReviewIn,
                      staff: Annotated[StaffAccount, allow("declaraciones.cruce")],
                      session: SessionDep, services: ServicesDep) -> ReviewedOut:
    flag = await contracts.review_flag(session, flag_id, note=body.note, staff=staff,
                                       now=services.clock())
    return ReviewedOut(id=flag.id, review_note=flag.review_note, reviewed_at=flag.reviewed_at)
