"""Rows for the report's tests: people in dependencies and what the modules store about them
(inserted directly: the measures only read)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas.tables import ConsultationTicket
from bot.encuestas.models import Survey, SurveyParticipation
from campañas.models import Campaign, Delivery, Piece, Run
from foro.models import Suggestion, SuggestionAnswer
from nucleo.models import Department, Person

UTC = UTC
NOON = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)  # 10 March 2026, 12:00 in Bogotá


async def people(session: AsyncSession, sizes: dict[str, int]) -> dict[str, list[int]]:
    """Active people per new dependency; returns their ids by dependency name."""
    ids: dict[str, list[int]] = {}
    for name, n in sizes.items():
        department = Department(name=name, normalized_name=name.lower())
        session.add(department)
        await session.flush()
        rows = [Person(full_name=f"{name} {i}", department_id=department.id) for i in range(n)]
        session.add_all(rows)
        await session.flush()
        ids[name] = [p.id for p in rows]
    await session.commit()
    return ids


async def deliveries(session: AsyncSession, person_ids: list[int], *, at: datetime = NOON,
                     state: str = "enviada") -> None:
    campaign = Campaign(name="Valor de la semana")
    session.add(campaign)
    await session.flush()
    piece = Piece(campaign_id=campaign.id, value_key="honestidad", phrase="Frase",
                  caption_html="Frase", image_sha256="0" * 64, image_path="x.png",
                  image_mime="image/png")
    session.add(piece)
    await session.flush()
    run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=at)
    session.add(run)
    await session.flush()
    session.add_all(Delivery(run_id=run.id, piece_id=piece.id, person_id=p, channel="telegram",
                             state=state, sent_at=at if state == "enviada" else None)
                    for p in person_ids)
    await session.commit()


async def survey(session: AsyncSession, statuses: dict[int, str], *,
                 opens_on: date = date(2026, 3, 1), status: str = "abierta",
                 closed_at: datetime | None = None) -> int:
    """A survey planned for 30 days from ``opens_on``, launched that day at noon (Bogotá)
    unless it is a draft, and closed at ``closed_at`` when given."""
    launched = datetime.combine(opens_on, time(17), UTC) if status != "borrador" else None
    row = Survey(title="Percepción", period_label="2026", opens_on=opens_on,
                 closes_on=opens_on + timedelta(days=30), status=status,
                 launched_at=launched, closed_at=closed_at)
    session.add(row)
    await session.flush()
    session.add_all(SurveyParticipation(survey_id=row.id, person_id=p, status=s)
                    for p, s in statuses.items())
    await session.commit()
    return row.id


async def ticket(session: AsyncSession, *, created: datetime = NOON, due: date = date(2026, 3, 20),
                 answered: datetime | None = None) -> None:
    session.add(ConsultationTicket(question="¿Puedo contratar a mi primo?", created_at=created,
                                   due_on=due, answered_at=answered))
    await session.commit()


async def suggestion(session: AsyncSession, *, status: str = "recibida", published: bool = False,
                     created: datetime = NOON, hidden: bool = False) -> None:
    row = Suggestion(ref=f"s{created.timestamp()}{status}{published}{hidden}"[:32], title="Idea",
                     text="Una idea", source="chat", status=status, created_at=created,
                     hidden_at=created if hidden else None)
    session.add(row)
    await session.flush()
    if published:
        session.add(SuggestionAnswer(suggestion_id=row.id, revision=1, status=status,
                                     text="Respuesta", published_at=created))
    await session.commit()
