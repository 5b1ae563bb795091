"""A year of data for a 3,000-person entity, for the console and report benchmarks (#19).

Fills a fresh database (migrated with the project's migrations first) with fixed seeds and fixed
dates (52 weeks ending on Monday 2026-11-30; the service clock of the benches is 2026-12-06):
25 dependencias, 3,000 people of the directory (2,600 linked to a Telegram chat, 2,880
consenting to campaigns), 52 weekly value campaigns delivered to the consenting people
(~150,000 deliveries) with reactions, 2 closed perception surveys of 2,000 respondents each
(counted by the survey's own closing code), 1,000 consultation tickets, 500 suggestions with
official answers, 300 declarations, ~20,000 audit entries and the plan de acción of 2026.

Bulk inserts with SQLAlchemy Core (executemany) against the models; the surveys go through
``create_survey`` / ``launch_survey`` / ``close_survey`` with the pool filled in bulk.

Usage: .venv/bin/python bench/seed_year.py [--db PATH] [--pg URL --schema NAME]
The admin account is ``admin@bench.gov.co`` / ``ADMIN_PASSWORD`` below.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bot.consultas.tables import ConsultationTicket
from bot.declaraciones.models import Declaration
from bot.encuestas import actions as survey_actions
from bot.encuestas.definition import starter_survey
from bot.encuestas.models import SurveyParticipation, SurveyPool
from bot.encuestas.tally import pool_entries
from bot.privacy import CAMPAIGNS, FOLLOW_UP, NOTICE_VERSION, STATISTICS
from campañas.models import Campaign, Delivery, Piece, Reaction, Run
from foro.models import Suggestion, SuggestionAnswer
from informe.actions import seed_plan
from nucleo.db import Database
from nucleo.directory.keys import search_key, sort_key
from nucleo.migrate import upgrade_database
from nucleo.models import AuditEntry, Consent, Department, Person, StaffAccount
from nucleo.staff import create_staff
from nucleo.text import normalize_key
from nucleo.values import CODE_VALUES

SEED = 20261206
PEOPLE = 3000
LINKED = 2600  # with a Telegram chat (and consent)
CONSENTING = 2880  # LINKED + 280 by e-mail only
DEPARTMENTS = 25
WEEKS = 52
FIRST_MONDAY = datetime(2025, 12, 8, 13, 0, tzinfo=UTC)  # 08:00 in Bogotá
TICKETS = 1000
SUGGESTIONS = 500
DECLARATIONS = 300
AUDIT = 20_000
RESPONDENTS = 2000
ADMIN_EMAIL = "admin@bench.gov.co"
ADMIN_PASSWORD = "Banco-de-pruebas-2026!"
CHUNK = 5000

DEPARTMENT_NAMES = (
    "Despacho del Alcalde", "Secretaría General", "Secretaría de Hacienda",
    "Secretaría de Gobierno", "Secretaría de Planeación", "Secretaría de Educación",
    "Secretaría de Salud", "Secretaría de Infraestructura", "Secretaría de Movilidad",
    "Secretaría de Desarrollo Económico", "Secretaría de Cultura", "Secretaría de la Mujer",
    "Secretaría de Ambiente", "Secretaría Jurídica", "Secretaría de Tecnologías de la Información",
    "Secretaría de Seguridad y Convivencia", "Secretaría de Vivienda",
    "Secretaría de Desarrollo Social", "Secretaría de Agricultura", "Oficina de Control Interno",
    "Oficina de Control Interno Disciplinario", "Oficina de Comunicaciones",
    "Oficina de Talento Humano", "Oficina de Contratación", "Oficina de Gestión del Riesgo",
)
FIRST = ("Ana", "Luis", "María", "Carlos", "Diana", "Jorge", "Paola", "Andrés", "Luz", "Óscar",
         "Sandra", "Julián", "Ángela", "Camilo", "Natalia", "Felipe", "Yolanda", "Iván", "Érika",
         "Sebastián")
LAST = ("Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Muñoz", "Sánchez",
        "Ramírez", "Torres", "Díaz", "Vargas", "Castro", "Ruiz", "Ortiz", "Peña", "Suárez",
        "Rojas", "Moreno", "Jiménez", "Núñez", "Ospina", "Zuluaga", "Cárdenas")
VALUE_KEYS = tuple(CODE_VALUES)


def at(day: date | datetime, hour: int = 15) -> datetime:
    if isinstance(day, datetime):
        return day
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def bulk(db: Database, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """executemany in chunks, each chunk in its own transaction."""
    for start in range(0, len(rows), CHUNK):
        async with db.engine.begin() as connection:
            await connection.execute(insert(model), list(rows[start:start + CHUNK]))


async def ids(db: Database, column: Any) -> list[int]:
    async with db.engine.connect() as connection:
        return list((await connection.execute(select(column).order_by(column))).scalars())


async def seed_staff(db: Database) -> dict[str, list[int]]:
    accounts = [(ADMIN_EMAIL, "Administración Banco", "admin")]
    accounts += [(f"th{n}@bench.gov.co", f"Talento Humano {n}", "talento_humano") for n in (1, 2)]
    accounts += [(f"asesor{n}@bench.gov.co", f"Asesor {n}", "asesor") for n in (1, 2, 3)]
    accounts += [("auditor@bench.gov.co", "Auditoría", "auditor")]
    async with db.session() as session:
        for email, name, role in accounts:
            await create_staff(session, email=email, full_name=name, role=role,
                               password=ADMIN_PASSWORD)
        await session.commit()
        rows = (await session.execute(select(StaffAccount.id, StaffAccount.role))).all()
    by_role: dict[str, list[int]] = {}
    for staff_id, role in rows:
        by_role.setdefault(role, []).append(staff_id)
    return by_role


async def seed_people(db: Database, rng: random.Random) -> tuple[list[int], dict[int, int]]:
    created = datetime(2025, 11, 20, 14, tzinfo=UTC)
    await bulk(db, Department, [{"name": name, "normalized_name": normalize_key(name),
                                 "active": True, "created_at": created}
                                for name in DEPARTMENT_NAMES[:DEPARTMENTS]])
    departments = await ids(db, Department.id)
    weights = [rng.randint(3, 20) for _ in departments]
    rows = []
    for n in range(PEOPLE):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        document = str(10_000_000 + n * 37)
        email = f"persona{n:04d}@bench.gov.co"
        linked = n < LINKED
        rows.append({
            "full_name": name, "document_id": document, "email": email,
            "kind": "servidor" if rng.random() < 0.7 else "contratista",
            "department_id": rng.choices(departments, weights)[0],
            "telegram_chat_id": 900_000_000 + n if linked else None,
            "subscribed": n < CONSENTING, "status": "activa", "source": "directorio",
            "search_key": search_key(name, document, email), "sort_key": sort_key(name),
            "linked_at": created + timedelta(days=rng.randint(1, 40)) if linked else None,
            "token_nonce": 1, "created_at": created, "updated_at": created})
    await bulk(db, Person, rows)
    async with db.engine.connect() as connection:
        people = (await connection.execute(select(Person.id, Person.department_id)
                                           .order_by(Person.id))).all()
    person_ids = [p for p, _d in people]
    consents = []
    for pid in person_ids[:CONSENTING]:
        recorded = created + timedelta(days=rng.randint(1, 40))
        for purpose in (CAMPAIGNS, STATISTICS, FOLLOW_UP):
            consents.append({"person_id": pid, "purpose": purpose,
                             "granted": purpose == CAMPAIGNS or rng.random() < 0.8,
                             "notice_version": NOTICE_VERSION, "channel": "telegram",
                             "recorded_at": recorded})
    await bulk(db, Consent, consents)
    return person_ids, dict(people)


async def seed_campaigns(db: Database, rng: random.Random, people: list[int],
                         creator: int) -> None:
    campaigns, pieces = [], []
    for week in range(WEEKS):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        value = VALUE_KEYS[week % len(VALUE_KEYS)]
        campaigns.append({
            "name": f"Valor de la semana {week + 1}: {CODE_VALUES[value]}", "kind": "valor",
            "value_key": value, "rotation": False, "status": "finalizada",
            "audience": {"all": True}, "channels": ["telegram", "email"], "schedule_kind": "once",
            "send_at": monday, "timezone": "America/Bogota", "version": 3,
            "created_by": creator, "created_at": monday - timedelta(days=4),
            "updated_at": monday + timedelta(hours=1)})
    await bulk(db, Campaign, campaigns)
    campaign_ids = await ids(db, Campaign.id)
    for week, cid in enumerate(campaign_ids):
        value = VALUE_KEYS[week % len(VALUE_KEYS)]
        phrase = f"{CODE_VALUES[value]}: lo que hago cuando nadie me ve (semana {week + 1})."
        pieces.append({
            "campaign_id": cid, "position": 0, "value_key": value, "phrase": phrase,
            "author": "Talento Humano", "caption_html": f"<b>{CODE_VALUES[value]}</b>\n{phrase}",
            "image_sha256": f"{week:064x}", "image_path": f"bench/{week:064x}.png",
            "image_mime": "image/png", "image_generated": True,
            "buttons": [{"key": "identifica", "label": "👍 Me identifica"},
                        {"key": "comentar", "label": "💬 Comentar"}],
            "created_at": FIRST_MONDAY + timedelta(weeks=week, days=-4)})
    await bulk(db, Piece, pieces)
    piece_ids = await ids(db, Piece.id)
    await bulk(db, Run, [{
        "campaign_id": cid, "piece_id": pid, "scheduled_for": FIRST_MONDAY + timedelta(weeks=w),
        "state": "finalizada", "missed": False, "targeted": CONSENTING,
        "started_at": FIRST_MONDAY + timedelta(weeks=w),
        "finished_at": FIRST_MONDAY + timedelta(weeks=w, minutes=9)}
        for w, (cid, pid) in enumerate(zip(campaign_ids, piece_ids, strict=True))])
    run_ids = await ids(db, Run.id)
    deliveries, reactions = [], []
    for week, (rid, pid) in enumerate(zip(run_ids, piece_ids, strict=True)):
        sent = FIRST_MONDAY + timedelta(weeks=week)
        for n, person in enumerate(people[:CONSENTING]):
            roll = rng.random()
            state = ("enviada" if roll < 0.96 else "fallida" if roll < 0.98 else "bloqueada")
            moment = sent + timedelta(seconds=n // 5)
            deliveries.append({
                "run_id": rid, "piece_id": pid, "person_id": person,
                "channel": "telegram" if n < LINKED else "email", "state": state,
                "attempts": 1, "next_attempt_at": moment, "sent_at": moment
                if state == "enviada" else None, "last_error": None if state == "enviada"
                else "bench", "created_at": sent})
            if state == "enviada" and n < LINKED and rng.random() < 0.15:
                reactions.append({"piece_id": pid, "person_id": person,
                                  "button": "identifica" if rng.random() < 0.85 else "comentar",
                                  "created_at": moment + timedelta(minutes=rng.randint(1, 3000))})
    await bulk(db, Delivery, deliveries)
    await bulk(db, Reaction, reactions)


async def seed_surveys(db: Database, rng: random.Random, people: dict[int, int]) -> None:
    kinds = {}
    async with db.engine.connect() as connection:
        for pid, kind in (await connection.execute(select(Person.id, Person.kind))).all():
            kinds[pid] = kind

    async def invite(*_args: object) -> None:
        return None

    for label, opens, closes in (("2026-I", date(2026, 3, 2), date(2026, 3, 27)),
                                 ("2026-II", date(2026, 9, 7), date(2026, 10, 2))):
        async with db.session() as session:
            survey = await survey_actions.create_survey(
                session, starter_survey(opens, closes, label), None)
            survey_id = survey.id
            await survey_actions.launch_survey(session, survey_id, None, at(opens, 13), invite)
            survey = await survey_actions.get_survey(session, survey_id)
            questions = [(q.id, q.kind, [o["key"] if isinstance(o, dict) and "key" in o
                                         else str(o) for o in (q.options or [])])
                         for q in survey.questions]
            invited = list(await session.scalars(select(SurveyParticipation.person_id).where(
                SurveyParticipation.survey_id == survey_id)))
        respondents = sorted(rng.sample(invited, min(RESPONDENTS, len(invited))))
        async with db.engine.begin() as connection:
            for start in range(0, len(respondents), 900):
                await connection.execute(update(SurveyParticipation).where(
                    SurveyParticipation.survey_id == survey_id,
                    SurveyParticipation.person_id.in_(respondents[start:start + 900]))
                    .values(status="terminada"))
        pool = []
        for n, pid in enumerate(respondents):
            choices: dict[int, str] = {}
            texts: dict[int, str] = {}
            for qid, kind, options in questions:
                if kind == "text":
                    if rng.random() < 0.1:
                        texts[qid] = f"Comentario de prueba {n}: más capacitación sobre conflictos."
                elif options:
                    choices[qid] = rng.choices(options, [1, 2, 4, 6, 5][:len(options)]
                                               if len(options) <= 5 else None)[0]
                else:  # likert without listed options
                    choices[qid] = str(rng.choices((1, 2, 3, 4, 5), (1, 2, 4, 6, 5))[0])
            for entry in pool_entries(people.get(pid), kinds.get(pid), choices, texts):
                pool.append({"key": uuid.UUID(int=rng.getrandbits(128)).hex,
                             "survey_id": survey_id, **entry})
        await bulk(db, SurveyPool, pool)
        async with db.session() as session:
            await survey_actions.close_survey(session, survey_id, None, at(closes, 23))


async def seed_tickets(db: Database, rng: random.Random, people: dict[int, int],
                       staff: dict[str, list[int]]) -> None:
    advisors = staff["asesor"] + staff["talento_humano"]
    person_ids = list(people)
    rows = []
    for n in range(TICKETS):
        created = FIRST_MONDAY + timedelta(days=rng.randint(0, 358), hours=rng.randint(0, 9))
        anonymous = rng.random() < 0.3
        person = None if anonymous else rng.choice(person_ids)
        age = (datetime(2026, 12, 6, tzinfo=UTC) - created).days
        status = ("abierto" if age < 20 and rng.random() < 0.6 else
                  "respondido" if rng.random() < 0.3 else "cerrado")
        answered = created + timedelta(days=rng.randint(1, 14)) if status != "abierto" else None
        answerer = rng.choice(advisors)
        rows.append({
            "question": f"¿Puedo participar en la contratación si mi primo es oferente? ({n})",
            "anonymous": anonymous, "person_id": person,
            "department_id": None if anonymous else people[person],
            "code_hash": f"{rng.getrandbits(256):064x}" if anonymous else None,
            "reason": rng.choice(("sin_respuesta", "caso_personal", "baja_confianza")),
            "route": rng.choice(("talento_humano", "talento_humano", "control_interno_disciplinario",
                                 "juridica")),
            "assigned_to_id": rng.choice([None, *advisors]),
            "status": status, "created_at": created,
            "due_on": (created + timedelta(days=15)).date(),
            "answer": "Según la Ley 1437 de 2011, art. 11, debe declararse impedido."
            if answered else None,
            "answered_by_id": answerer if answered else None, "answered_at": answered,
            "notified_at": answered, "closed_at": answered + timedelta(days=2)
            if status == "cerrado" and answered else None})
    await bulk(db, ConsultationTicket, rows)


async def seed_suggestions(db: Database, rng: random.Random, people: dict[int, int],
                           staff: dict[str, list[int]]) -> None:
    person_ids = list(people)
    rows = []
    for n in range(SUGGESTIONS):
        created = FIRST_MONDAY + timedelta(days=rng.randint(0, 358), hours=rng.randint(0, 9))
        anonymous = rng.random() < 0.4
        person = None if anonymous else rng.choice(person_ids)
        status = rng.choices(("recibida", "en_analisis", "adoptada", "no_adoptada", "ya_existe"),
                             (10, 15, 35, 30, 10))[0]
        rows.append({
            "ref": f"{rng.getrandbits(128):032x}", "title": f"Sugerencia {n + 1} sobre integridad",
            "text": "Propongo que cada dependencia tenga un espacio mensual para hablar de los "
                    f"valores del código y de casos reales de conflicto de intereses ({n}).",
            "value": rng.choice(VALUE_KEYS), "department_id": people[person] if person else None,
            "author_person_id": person, "source": rng.choice(("bot", "portal")),
            "status": status, "created_at": created, "updated_at": created})
    await bulk(db, Suggestion, rows)
    async with db.engine.connect() as connection:
        suggestions = (await connection.execute(select(
            Suggestion.id, Suggestion.status, Suggestion.created_at).order_by(Suggestion.id))).all()
    hr = staff["talento_humano"]
    answers = []
    for sid, status, created in suggestions:
        if status == "recibida":
            continue
        when = created + timedelta(days=rng.randint(3, 20))
        answers.append({
            "suggestion_id": sid, "revision": 1, "status": status,
            "text": "Gracias por su sugerencia; el comité la revisó.",
            "action_plan": "Incluirla en el plan de acción del próximo trimestre."
            if status == "adoptada" else None,
            "action_due": (when + timedelta(days=90)).date() if status == "adoptada" else None,
            "reason": "No es competencia de la entidad." if status == "no_adoptada" else None,
            "duplicate_of_id": suggestions[0][0] if status == "ya_existe" else None,
            "drafted_by": hr[0], "drafted_at": when,
            "published_by": hr[0] if status != "en_analisis" else None,
            "published_at": when if status != "en_analisis" else None})
    await bulk(db, SuggestionAnswer, answers)


async def seed_declarations(db: Database, rng: random.Random, people: dict[int, int],
                            staff: dict[str, list[int]]) -> None:
    person_ids = list(people)
    numbers: dict[str, int] = {}
    rows = []
    for _n in range(DECLARATIONS):
        created = FIRST_MONDAY + timedelta(days=rng.randint(0, 358), hours=rng.randint(0, 9))
        kind = rng.choices(("impedimento", "conflicto", "recusacion", "preventiva"),
                           (40, 30, 10, 20))[0]
        series = {"impedimento": "DI", "conflicto": "DI", "recusacion": "RC",
                  "preventiva": "DP"}[kind]
        year = created.year
        numbers[f"{series}{year}"] = number = numbers.get(f"{series}{year}", 0) + 1
        decided = kind != "preventiva" and rng.random() < 0.8
        state = ("registrada" if kind == "preventiva" else "decidida" if decided
                 else rng.choice(("radicada", "en_estudio")))
        rows.append({
            "radicado": f"{series}-{year}-{number:04d}", "series": series, "year": year,
            "number": number, "person_id": rng.choice(person_ids), "kind": kind,
            "matter": "Proceso de contratación de suministros de oficina",
            "description": "Mi cónyuge es socio de uno de los oferentes del proceso.",
            "deciding_office": "Secretaría General", "state": state, "created_at": created,
            "due_on": None if kind == "preventiva" else (created + timedelta(days=14)).date(),
            "outcome": rng.choice(("aceptada", "rechazada")) if decided else None,
            "decision": "Se acepta el impedimento y se designa a otro servidor."
            if decided else None,
            "decided_by_id": staff["admin"][0] if decided else None,
            "decided_at": created + timedelta(days=rng.randint(2, 12)) if decided else None,
            "recused_name": "Servidor recusado" if kind == "recusacion" else None,
            "recusant_name": "Ciudadano recusante" if kind == "recusacion" else None,
            "interest_holder": "conyuge" if kind == "preventiva" else None,
            "counterparty": "Suministros S.A.S." if kind == "preventiva" else None})
    await bulk(db, Declaration, rows)


async def seed_audit(db: Database, rng: random.Random, staff: dict[str, list[int]]) -> None:
    actions = ("login.ok", "campaign.created", "campaign.scheduled", "consulta.responder",
               "consulta.asignar", "consulta.cerrar", "foro.respuesta.publicada",
               "foro.sugerencia.analisis", "declaraciones.decidir", "people.update",
               "survey.launch", "informe.actividad.editar", "directorio.invitar_persona")
    accounts = [(sid, role) for role, members in staff.items() for sid in members]
    rows = []
    for n in range(AUDIT):
        actor, _role = rng.choice(accounts)
        action = rng.choice(actions)
        rows.append({"at": FIRST_MONDAY + timedelta(seconds=n * 1550 + rng.randint(0, 900)),
                     "actor_id": actor, "actor_email": f"staff{actor}@bench.gov.co",
                     "action": action, "target_type": action.split(".")[0],
                     "target_id": str(rng.randint(1, 1000)),
                     "details": {"via": "consola"} if action == "login.ok" else {"n": n},
                     "summary": None})
    await bulk(db, AuditEntry, rows)


async def seed(db: Database) -> dict[str, float]:
    """Migrate and fill ``db``; returns the seconds each part took."""
    rng = random.Random(SEED)
    took: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        took[name] = now - clock
        clock = now
        print(f"  {name:14s} {took[name]:6.1f} s", flush=True)

    await upgrade_database(db)
    lap("migrate")
    staff = await seed_staff(db)
    person_ids, people = await seed_people(db, rng)
    lap("people")
    await seed_campaigns(db, rng, person_ids, staff["talento_humano"][0])
    lap("campaigns")
    await seed_surveys(db, rng, people)
    lap("surveys")
    await seed_tickets(db, rng, people, staff)
    await seed_suggestions(db, rng, people, staff)
    await seed_declarations(db, rng, people, staff)
    lap("tickets etc.")
    await seed_audit(db, rng, staff)
    async with db.session() as session:
        await seed_plan(session, None, 2026)
        await session.commit()
    lap("audit, plan")
    if db.engine.dialect.name == "sqlite":
        async with db.engine.connect() as connection:
            await connection.exec_driver_sql("ANALYZE")
    else:
        async with db.engine.connect() as connection:
            await connection.exec_driver_sql("ANALYZE")
            await connection.commit()
    return took


async def main(path: str, pg_url: str | None, schema: str | None) -> None:
    if pg_url:
        db = Database(pg_url, schema=schema)
        target = f"{pg_url} schema {schema}"
    else:
        if Path(path).exists():
            sys.exit(f"{path} exists: the seed needs a fresh database")
        db = Database(f"sqlite+aiosqlite:///{path}")
        target = path
    print(f"seeding a year for {PEOPLE} people into {target}")
    start = time.perf_counter()
    try:
        await seed(db)
    finally:
        await db.dispose()
    print(f"done in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="data/bench-year.db", help="SQLite file (fresh)")
    parser.add_argument("--pg", help="asyncpg SQLAlchemy URL: seed a PostgreSQL schema instead")
    parser.add_argument("--schema", help="the (existing, empty) PostgreSQL schema")
    args = parser.parse_args()
    asyncio.run(main(args.db, args.pg, args.schema))
