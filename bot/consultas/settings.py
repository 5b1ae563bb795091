"""Settings of the consultation desk (environment, prefix ``VALOR_CONSULTAS_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsultationSettings(BaseSettings):
    """Due dates, reminders and the per-person ticket limit of escalated consultations.

    The default of 10 business days is the entity's service target (DOMAIN.md §5.7), well inside
    the 30 days CPACA (Ley 1755 de 2015, art. 14) allows for a formal *consulta*.
    """

    model_config = SettingsConfigDict(env_prefix="VALOR_CONSULTAS_", extra="ignore")

    due_business_days: int = Field(default=10, ge=1, le=30)
    reminder_business_days: int = Field(default=2, ge=0, le=10)
    reminder_hour: int = Field(default=8, ge=0, le=23)
    max_tickets_per_day: int = Field(default=5, ge=1, le=100)
    reload_seconds: float = Field(default=60.0, ge=1.0, le=3600.0)
