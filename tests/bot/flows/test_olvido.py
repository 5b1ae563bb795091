"""/olvidarme for a person of HR's directory: the directory row and the records the entity keeps
by law stay; everything the bot collected or linked goes, and old invitations stop working."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot import messages
from bot.consultas.tables import ConsultationTicket
from bot.core.types import TELEGRAM, WEB, PersonRef
from bot.declaraciones.models import Declaration
from bot.encuestas.models import Survey, SurveyDraft, SurveyParticipation
from bot.models import Conversation, OutboxMessage, WebMessage
from bot.notify import OutboxNotifier
from bot.people import DIRECTORY_POLICY, EMAIL_POLICY
from campañas.models import Campaign, Delivery, Piece, Reaction, Run
from campañas.unsubscribe import LinkState, check_token, make_token
from foro.models import ForumPost, PortalSession, Suggestion
from foro.portal.auth import portal_login_link, redeem_login_token
from nucleo.directory import coverage, link
from nucleo.directory.models import LinkCode, LinkTokenUse
from nucleo.errors import InvalidInput
from nucleo.models import AuditEntry, Consent, Person
from nucleo.services import Services
from tests.bot.flows.test_vinculo import EMAIL, directory_person, invitation
from tests.bot.helpers import Chat, count_rows, onboard

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_every_table_that_points_to_people_has_a_decision() -> None:
    assert set(DIRECTORY_POLICY) == {(t.name, c.name) for t, c in link._people_references()}


def test_every_plain_email_column_has_a_decision() -> None:
    """Not only foreign keys: a column that stores an address outside ``people`` may hold a
    person's, so a new one has to decide what /olvidarme does with it."""
    from sqlalchemy import String

    from nucleo.db import Base
    from nucleo.registry import import_all_models

    import_all_models()
    found = {(t.name, c.name) for t in Base.metadata.sorted_tables if t.name != "people"
             for c in t.columns if isinstance(c.type, String)
             and (c.name == "email" or c.name.endswith("_email"))}
    assert ("declarations", "link_email") in found
    assert set(EMAIL_POLICY) == found


async def _linked(chat: Chat, services: Services) -> tuple[int, str]:
    """A directory person linked to the chat by an invitation, with all three purposes
    granted; returns the person id and a second invitation issued before forgetting."""
    services.clock = lambda: NOW
    person_id = await directory_person(services, department_id=None, kind="servidor")
    await chat.send(f"/start {await invitation(services, person_id)}")
    await chat.tap("vinculo:si")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:si:{code}")
    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None and person.linked_at is not None
        # An invitation issued later (a reminder round), a minute later.
        services.clock = lambda: NOW + timedelta(minutes=1)
        token = await link.issue_token(session, services.signer, person)
        await session.commit()
    return person_id, link.start_parameter(token)


async def _records_of(services: Services, person_id: int) -> dict[str, int]:
    """Ids of rows of each kind the person has outside the bot's own tables."""
    async with services.db.session() as session:
        session.add(Declaration(radicado="DI-2026-0001", year=2026, number=1, person_id=person_id,
                                kind="preventiva", matter="Contrato", description="Mi hermano",
                                deciding_office="Secretaría General"))
        session.add(ConsultationTicket(question="¿Puedo?", person_id=person_id,
                                       due_on=date(2026, 3, 20)))
        suggestion = Suggestion(ref="s1", title="Idea", text="Texto", source="bot",
                                author_person_id=person_id)
        session.add(suggestion)
        await session.flush()
        session.add(ForumPost(suggestion_id=suggestion.id, body="De acuerdo",
                              author_person_id=person_id, author_label="Servidor/a"))
        open_, done = (Survey(title=t, period_label="2026", opens_on=date(2026, 3, 1),
                              closes_on=date(2026, 3, 30), status="abierta") for t in ("A", "B"))
        session.add_all([open_, done])
        await session.flush()
        session.add_all([
            SurveyParticipation(survey_id=open_.id, person_id=person_id, status="en_curso"),
            SurveyDraft(survey_id=open_.id, person_id=person_id, position=1, answers={"1": "4"}),
            SurveyParticipation(survey_id=done.id, person_id=person_id, status="terminada")])
        invite, news = (Campaign(name=n, kind=k) for n, k in (("Ronda", "vinculo"),
                                                              ("Valor", "valor")))
        session.add_all([invite, news])
        await session.flush()
        pieces = [Piece(campaign_id=c.id, value_key="honestidad", phrase="Frase",
                        caption_html="Texto", image_sha256="0" * 64, image_path="x.png",
                        image_mime="image/png") for c in (invite, news, invite)]
        runs = [Run(campaign_id=c.id, scheduled_for=NOW) for c in (invite, news)]
        runs.append(Run(campaign_id=invite.id, scheduled_for=NOW + timedelta(days=7)))
        session.add_all(pieces + runs)
        await session.flush()
        session.add_all([Delivery(run_id=runs[0].id, piece_id=pieces[0].id, person_id=person_id,
                                  channel="correo", state="enviada"),
                         # a second invitation round still waiting in the queue
                         Delivery(run_id=runs[2].id, piece_id=pieces[2].id, person_id=person_id,
                                  channel="correo", state="pendiente"),
                         Delivery(run_id=runs[1].id, piece_id=pieces[1].id, person_id=person_id,
                                  channel="telegram", state="pendiente"),
                         Reaction(piece_id=pieces[1].id, person_id=person_id, button="me_gusta")])
        session.add(PortalSession(token_hash="h" * 64, person_id=person_id, csrf_secret="c",
                                  created_at=NOW, expires_at=NOW + timedelta(hours=8)))
        session.add(LinkCode(chat_key="otro-chat", person_id=person_id, code_hash="x" * 64,
                             created_at=NOW, expires_at=NOW + timedelta(minutes=15)))
        await OutboxNotifier().notify(session, person_id, "Aviso pendiente")
        await session.commit()
        return {"survey_done": done.id, "survey_open": open_.id}


async def _count(services: Services, model: type, *where: object) -> int:
    async with services.db.session() as session:
        return int((await session.execute(
            select(func.count()).select_from(model).where(*where))).scalar_one())


async def test_my_data_lists_what_every_feature_keeps(chat: Chat, services: Services) -> None:
    """/misdatos: channels, consents with dates, tickets, suggestions, whether (not what) they
    answered surveys, the campaign messages they received and their declarations."""
    from api.wiring import register_personal_data

    register_personal_data(services)  # the modules' sections, as the app registers them
    person_id, _later = await _linked(chat, services)
    await _records_of(services, person_id)
    shown = (await chat.send("/misdatos"))[0].text_html
    for needed in ("Chats vinculados: Telegram",
                   "Consultas a Talento Humano: 1; preguntas pendientes: 0",
                   "Sugerencias: 1; comentarios en el foro: 1",
                   "Encuestas terminadas: 1 (qué respondió no se guarda",
                   # the pending invitation and news piece are not «received»
                   "Mensajes de campañas recibidos: 1 por correo",
                   "Avisos del asistente por enviarle: 1",
                   "Declaraciones y recusaciones: 1", "aviso 2025-1"):
        assert needed in shown, (needed, shown)
    assert "Mi hermano" not in shown and "¿Puedo?" not in shown  # counts, never contents
    await chat.tap("datos:olvidar")
    await chat.tap("datos:borrar:si")
    # What stays for the entity is listed to whoever asks again (HR keeps the row).
    assert (await chat.send("/misdatos"))[0].text_html == messages.NO_DATA_STORED


async def test_a_linked_directory_person_forgets_and_hr_keeps_the_directory_row(
        chat: Chat, services: Services) -> None:
    person_id, later_invitation = await _linked(chat, services)
    web = Chat(chat.core, PersonRef(WEB, "sesion-web"))
    await web.send(f"/start {later_invitation}")
    await web.tap("vinculo:si")  # the web chat is linked too (uses that invitation)
    services.clock = lambda: NOW + timedelta(minutes=2)
    async with services.db.session() as session:  # one the person never opened
        person = await session.get(Person, person_id)
        assert person is not None
        unused = await link.issue_token(session, services.signer, person)
        await session.commit()
        portal = portal_login_link(services.settings, services.signer, person_id,
                                   nonce=person.portal_nonce).split("t=")[1]
        unsubscribe_link = make_token(services.signer, person_id, person.unsubscribe_nonce)
    web_key = chat.core.keys.key(web.ref)
    surveys = await _records_of(services, person_id)
    async with services.db.session() as session:
        session.add(WebMessage(conversation_key=web_key, text_html="Un aviso", buttons=[]))
        await session.commit()
    assert await _count(services, LinkTokenUse, LinkTokenUse.person_id == person_id) == 2
    async with services.db.session() as session:
        linked = await session.get(Person, person_id)
        assert linked is not None
        assert await link.linked_channels(session, linked) == [TELEGRAM, WEB]

    replies = await chat.send("/olvidarme")
    assert replies[0].text_html == messages.FORGET_CONFIRM_DIRECTORY
    assert "Talento Humano" in replies[0].text_html and "por ley" in replies[0].text_html
    replies = await chat.tap("datos:borrar:si")
    assert replies[0].text_html == messages.FORGOTTEN_DIRECTORY

    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None  # HR's directory record stays, with HR's fields
        assert (person.full_name, person.email, person.document_id, person.kind) == (
            "Ana Muñoz", EMAIL, "1001", "servidor")
        assert person.telegram_chat_id is None and person.telegram_blocked_at is None
        assert person.linked_at is None and not person.subscribed
        _, total = await coverage.coverage_by_department(session)
        assert (total.people, total.linked, total.consenting, total.telegram, total.web) == (
            1, 0, 0, 0, 0)
        assert await link.linked_channels(session, person) == []
    for model, where in ((Consent, Consent.person_id == person_id),
                         (Conversation, Conversation.person_id == person_id),
                         (Conversation, Conversation.key == web_key),
                         (WebMessage, WebMessage.conversation_key == web_key),
                         (OutboxMessage, OutboxMessage.person_id == person_id),
                         (LinkTokenUse, LinkTokenUse.person_id == person_id),
                         (LinkCode, LinkCode.person_id == person_id),
                         (PortalSession, PortalSession.person_id == person_id),
                         (Reaction, Reaction.person_id == person_id),
                         (SurveyDraft, SurveyDraft.person_id == person_id),
                         (ConsultationTicket, ConsultationTicket.person_id == person_id),
                         (Suggestion, Suggestion.author_person_id == person_id),
                         (ForumPost, ForumPost.author_person_id == person_id)):
        assert await _count(services, model, where) == 0, model.__name__
    # Tickets and suggestions stay, without the person.
    assert await count_rows(services, ConsultationTicket) == 1
    assert await count_rows(services, Suggestion) == 1
    # The declaration is a legal record: it stays, with its declarant.
    assert await _count(services, Declaration, Declaration.person_id == person_id) == 1
    # Surveys: a finished participation stays (no answer, keeps the count and stops a second
    # answer); the unfinished one and its draft go.
    assert await _count(services, SurveyParticipation,
                        SurveyParticipation.person_id == person_id) == 1
    assert await _count(services, SurveyParticipation,
                        SurveyParticipation.survey_id == surveys["survey_done"],
                        SurveyParticipation.status == "terminada") == 1
    # Only HR's e-mail invitations stay (a round does not invite twice); the one still waiting
    # is cancelled, not sent.
    async with services.db.session() as session:
        left = sorted((d.channel, d.state) for d in (await session.execute(
            select(Delivery).where(Delivery.person_id == person_id))).scalars())
    assert left == [("correo", "cancelada"), ("correo", "enviada")]
    # The audit entry: the id and counts, nothing personal.
    async with services.db.session() as session:
        entry = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "persona.olvidar"))).scalars().one()
    assert entry.target_id == str(person_id)
    assert entry.details == {"directorio": True, "tiquetes": 1, "sugerencias": 1,
                             "respuestas_foro": 1}
    assert EMAIL not in repr(entry.details) and "Ana" not in repr(entry.details)

    # The same chat starts again: fresh onboarding, not linked to the directory row.
    replies = await chat.send("/start")
    assert "inicio:si:campanas" in [b.data for r in replies[-1].buttons for b in r]
    await chat.tap("inicio:si:campanas")
    await chat.tap("inicio:no:estadisticas")
    await chat.tap("inicio:no:seguimiento")
    async with services.db.session() as session:
        rows = list((await session.execute(select(Person).order_by(Person.id))).scalars())
    assert [(p.id, p.source, p.telegram_chat_id, p.linked_at) for p in rows] == [
        (person_id, "directorio", None, None), (person_id + 1, "bot", 1001, None)]
    # An invitation sent before forgetting no longer links.
    other = Chat(chat.core, PersonRef(TELEGRAM, "3003"))
    replies = await other.send(f"/start {link.start_parameter(unused)}")
    assert "anulada" in replies[-1].text_html
    async with services.db.session() as session:
        kept = await session.get(Person, person_id)
        assert kept is not None and kept.linked_at is None and kept.telegram_chat_id is None
    # Nor does a portal login link handed out before.
    async with services.db.session() as session:
        with pytest.raises(InvalidInput):
            await redeem_login_token(session, services.signer, portal,
                                     NOW + timedelta(minutes=3))
    # Nor an unsubscribe link e-mailed before (its nonce rotated).
    async with services.db.session() as session:
        assert await check_token(session, services.signer, services.settings,
                                 unsubscribe_link) is LinkState.STALE


async def test_a_directory_person_linked_from_the_web_chat_forgets(
        core, services: Services) -> None:
    web = Chat(core, PersonRef(WEB, "sesion-olvido"))
    services.clock = lambda: NOW
    person_id = await directory_person(services)
    await web.send(f"/start {await invitation(services, person_id)}")
    await web.tap("vinculo:si")
    await web.tap("inicio:si:campanas")
    await web.send("/olvidarme")
    assert (await web.tap("datos:borrar:si"))[0].text_html == messages.FORGOTTEN_DIRECTORY
    assert await count_rows(services, Conversation) == 0
    assert await count_rows(services, Consent) == 0
    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None and person.linked_at is None
    assert (await web.send("/misdatos"))[0].text_html == messages.NO_DATA_STORED


async def test_a_bot_person_is_still_deleted_and_declarations_stay_without_them(
        chat: Chat, services: Services) -> None:
    await onboard(chat)
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        session.add(Declaration(radicado="DI-2026-0002", year=2026, number=2,
                                person_id=person.id, kind="preventiva", matter="Contrato",
                                description="Mi prima", deciding_office="Secretaría General"))
        await session.commit()
    replies = await chat.send("/olvidarme")
    assert replies[0].text_html == messages.FORGET_CONFIRM
    assert (await chat.tap("datos:borrar:si"))[0].text_html == messages.FORGOTTEN
    assert await count_rows(services, Person) == 0
    assert await count_rows(services, Consent) == 0
    async with services.db.session() as session:
        declaration = (await session.execute(select(Declaration))).scalars().one()
        entry = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "persona.olvidar"))).scalars().one()
    assert declaration.person_id is None
    assert entry.details == {"directorio": False}


async def test_a_forgotten_persons_id_is_never_given_to_someone_new(
        chat: Chat, services: Services) -> None:
    """The newest person forgets and somebody else registers: the new person gets a new id
    (SQLite AUTOINCREMENT; PostgreSQL's sequence), so nothing that named the old id names
    them."""
    await onboard(chat)
    async with services.db.session() as session:
        forgotten = (await session.execute(select(Person.id))).scalar_one()
    await chat.send("/olvidarme")
    await chat.tap("datos:borrar:si")
    assert await count_rows(services, Person) == 0
    other = Chat(chat.core, PersonRef(TELEGRAM, "2002"))
    await onboard(other)
    async with services.db.session() as session:
        assert (await session.execute(select(Person.id))).scalar_one() > forgotten


async def test_a_bot_persons_finished_surveys_stay_counted_without_them(
        chat: Chat, services: Services) -> None:
    """Someone who exists only in the bot forgets: their finished participations stay without
    the person (so «terminadas» still equals the responses counted), the unfinished ones and
    drafts go, and people who join later are still found as newcomers of the survey."""
    from bot.encuestas.audience import newcomers
    from bot.encuestas.results import participation

    await onboard(chat)
    async with services.db.session() as session:
        person_id = (await session.execute(select(Person.id))).scalar_one()
    surveys = await _records_of(services, person_id)
    await chat.send("/olvidarme")
    await chat.tap("datos:borrar:si")
    assert await count_rows(services, Person) == 0
    assert await count_rows(services, SurveyDraft) == 0
    async with services.db.session() as session:
        rows = (await session.execute(select(
            SurveyParticipation.survey_id, SurveyParticipation.person_id,
            SurveyParticipation.status))).all()
        assert rows == [(surveys["survey_done"], None, "terminada")]
        done = await participation(session, surveys["survey_done"])
        assert (done.invited, done.finished) == (1, 1)
    other = Chat(chat.core, PersonRef(TELEGRAM, "2002"))
    await onboard(other)
    async with services.db.session() as session:
        survey = await session.get(Survey, surveys["survey_done"])
        assert survey is not None
        survey.audience = {"all": True}
        newcomer = (await session.execute(select(Person.id))).scalar_one()
        assert await newcomers(session, survey) == [newcomer]


async def test_a_forgotten_persons_address_leaves_the_decision_links(
        chat: Chat, services: Services) -> None:
    """The superior forgets: the declarations keep the link (and the name it was made for) but
    not their address, matched by the address in any case or by the directory routing; another
    superior's address stays."""
    person_id, _later = await _linked(chat, services)
    rows = {"typed": (EMAIL.upper(), None), "routed": ("otra@alcaldia.gov.co", person_id),
            "other": ("luz@alcaldia.gov.co", None)}
    async with services.db.session() as session:
        for n, (key, (address, routed)) in enumerate(rows.items(), start=3):
            session.add(Declaration(
                radicado=f"DI-2026-000{n}", year=2026, number=n, kind="impedimento",
                matter=key, description="Hechos", deciding_office="Secretaría General",
                link_nonce=1, link_name="Ana", link_email=address, link_person_id=routed,
                link_email_state="reintento", link_email_attempts=1,
                link_email_retry_at=NOW))
        await session.commit()
    await chat.send("/olvidarme")
    await chat.tap("datos:borrar:si")
    async with services.db.session() as session:
        kept = {d.matter: d for d in (await session.scalars(select(Declaration))).all()}
    for key in ("typed", "routed"):
        d = kept[key]
        assert (d.link_email, d.link_email_state, d.link_email_retry_at) == (None, None, None)
        assert d.link_nonce == 1 and d.link_name == "Ana"
    assert kept["other"].link_email == "luz@alcaldia.gov.co"
    assert kept["other"].link_email_state == "reintento"
