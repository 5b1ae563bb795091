"""The declarations table: one row per declared impediment or conflict of interest, and per
recusal filed against an official (the same register, state machine and decision path)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from nucleo import asset_filings
from nucleo.db import Base, UTCDateTime, utcnow


class DeclarationKind(enum.StrEnum):
    IMPEDIMENTO = "impedimento"
    CONFLICTO = "conflicto"
    RECUSACION = "recusacion"
    PREVENTIVA = "preventiva"  # a potential conflict declared before any matter exists


class DeclarationState(enum.StrEnum):
    POR_RESPONDER = "por_responder"  # a recusal waiting for the recused official's answer
    RADICADA = "radicada"
    EN_ESTUDIO = "en_estudio"
    DECIDIDA = "decidida"
    DESISTIDA = "desistida"
    REGISTRADA = "registrada"  # a preventive declaration: kept on record, nothing to decide


class DeclarationOutcome(enum.StrEnum):
    ACEPTADA = "aceptada"
    RECHAZADA = "rechazada"


class Declaration(Base):
    """A declared impediment or conflict of interest (radicado ``DI-2026-0001``) or a recusal
    (``RC-2026-0001``), numbered per series and year, and the superior's decision.

    For a recusal ``person_id`` is who filed it from the chat (or none when the staff registered
    one received on paper, with ``recusant_name``); the recused official is ``recused_person_id``
    when the directory knows them, and ``recused_name`` always."""

    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("series", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    radicado: Mapped[str] = mapped_column(String(20), unique=True)
    series: Mapped[str] = mapped_column(String(4), default="DI")
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    matter: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    deciding_office: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), default=DeclarationState.RADICADA.value,
                                       index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)  # none: preventive
    studied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # recusals (CPACA art. 12: the recused answers within 5 business days, then the superior
    # decides within 10)
    recused_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    recused_name: Mapped[str | None] = mapped_column(String(200))
    recusant_name: Mapped[str | None] = mapped_column(String(200))
    filed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    answer_due_on: Mapped[date | None] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recused_accepts: Mapped[bool | None] = mapped_column(Boolean)
    recused_answer: Mapped[str | None] = mapped_column(Text)
    # the signed decision link for a superior without a console account (a new link revokes
    # the old one by changing the nonce); who decided through it
    link_nonce: Mapped[int | None] = mapped_column(Integer)
    link_name: Mapped[str | None] = mapped_column(String(200))
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    # the directory's jefe inmediato the link was routed to (#18: the daily reminders reach
    # them without a console account); none when the link was made by hand (decl9_001)
    link_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    # the address the current link was e-mailed to (by hand or from the directory) and what
    # became of that e-mail: ``link_retries`` (enviado / reintento / fallido), how many sends
    # were tried and when the next one is due (decl15_001)
    link_email: Mapped[str | None] = mapped_column(String(254))
    link_email_state: Mapped[str | None] = mapped_column(String(12))
    link_email_attempts: Mapped[int | None] = mapped_column(Integer)
    link_email_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # the declarant's download link of the constancia (``constancia_link``): a download bumps
    # it, so each link the chat handed out opens once (decl13_001)
    constancia_nonce: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # preventive declarations: who holds the interest and with whom (a company, a contractor)
    interest_holder: Mapped[str | None] = mapped_column(String(20))
    counterparty: Mapped[str | None] = mapped_column(String(200))
    # the ground of CPACA art. 11 (numeral 1-16, ``grounds.py``) the person confirmed; none:
    # not sure, a preventive declaration, or filed before it was asked (decl008_ground)
    ground: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    # the guided answers of /declarar (#18, ``interest.py``; decl12_001): the type of matter
    # (also on a recusal registered by the staff), the declarant's role in it and, with
    # ``interest_holder`` (now also "otra"), which relative holds the interest and the degree
    # (``kinship.py``; the line follows from the relation). None: not asked (filed before).
    matter_type: Mapped[str | None] = mapped_column(String(20), index=True)
    role: Mapped[str | None] = mapped_column(String(20))
    relation: Mapped[str | None] = mapped_column(String(20))
    kinship_degree: Mapped[int | None] = mapped_column(SmallInteger)


class DeclarationNotice(Base):
    """A reminder already given, by a unique key, so a daily job never repeats one: the staff
    digest of a day (``digest:2026-12-14``), the overdue notice to a declarant
    (``overdue:<id>``), the last-day reminder to a recused official (``answer:<id>``)."""

    __tablename__ = "declaration_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Contract(Base):
    """A contract of the entity imported by HR from a CSV export (SECOP or the entity's own),
    keyed by its number: importing again updates the row, never duplicates it."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    contractor_name: Mapped[str] = mapped_column(String(200))
    contractor_key: Mapped[str] = mapped_column(String(200), index=True)  # folded, no S.A.S.
    contractor_document: Mapped[str | None] = mapped_column(String(20), index=True)
    object: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    signed_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    department: Mapped[str | None] = mapped_column(String(200))
    supervisor_name: Mapped[str | None] = mapped_column(String(200))
    supervisor_document: Mapped[str | None] = mapped_column(String(20))
    # the directory person the supervisor was matched to (by cédula, or by a name only one
    # person has); none when no one or several people match
    supervisor_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    # the company's legal representative when the file has it (SECOP's «Nombre / Identificación
    # Representante Legal»), and the directory people the contractor and the representative
    # are (by cédula, or by a name only one person has): their own preventive declarations
    # name the companies they own or work for (decl14_001)
    representative_name: Mapped[str | None] = mapped_column(String(200))
    representative_key: Mapped[str | None] = mapped_column(String(200))
    representative_document: Mapped[str | None] = mapped_column(String(20))
    contractor_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    representative_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContractFlag(Base):
    """A possible conflict for a person to review, never an accusation: the contract's
    supervisor named its contractor in a preventive declaration. Re-running the cross-check
    keeps the flags and their review notes."""

    __tablename__ = "contract_flags"
    __table_args__ = (UniqueConstraint("contract_id", "declaration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    declaration_id: Mapped[int] = mapped_column(
        ForeignKey("declarations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    # "nombre" | "documento" (the contractor), "representante" | "representante_doc" (its
    # legal representative), "empresa" (a company the contractor or representative declared
    # as theirs, in ``via_declaration_id``)
    reason: Mapped[str] = mapped_column(String(20))
    via_declaration_id: Mapped[int | None] = mapped_column(
        ForeignKey("declarations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AssetFilingKind(enum.StrEnum):
    BIENES_RENTAS = asset_filings.BIENES_RENTAS  # every servant, yearly (Ley 190 de 1995)
    LEY_2013 = asset_filings.LEY_2013  # publication of assets, income and conflicts (Ley 2013)
    PREVENTIVA = asset_filings.PREVENTIVA  # the yearly preventive declaration or «sin novedad»


class AssetFiling(Base):
    """One person's obligation and filing of one declaration for one year: ``required`` when HR
    marked them as obliged (every active servant owes bienes y rentas without a row), and
    ``filed_on`` when it was filed — from the console or API (``consola``), an imported list
    (``importado``) or the person in the chat (``chat``, self-reported)."""

    __tablename__ = "asset_filings"
    __table_args__ = (UniqueConstraint("person_id", "year", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    filed_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssetReminderWindow(Base):
    """The dates between which the reminder campaigns of one declaration and year reach those
    who have not filed (``nucleo.asset_filings.reminder_window``); HR sets them in the
    console. Without a row, 1 June to 31 July (the territorial window, DOMAIN.md §2.8)."""

    __tablename__ = "asset_reminder_windows"
    __table_args__ = (UniqueConstraint("year", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
