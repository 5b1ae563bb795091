"""The signed decision link (bot/declaraciones/decision_link.py, web/link.py): made in the
console, opened without an account, decided once, revoked by a new link, expired after 30
days, refused when forged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_one, file_recusal
from tests.fakes.mail import settings_for
from tests.web.console import LoginAs

URL = "/consola/declaraciones"


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 7, 9))
    services.clock = clock
    ensure_notifier(services)
    return clock


async def _make_link(user, declaration_id: int, name: str = "Dra. <b>Luz</b> Ríos, Secretaria") -> str:  # type: ignore[no-untyped-def]
    page = await user.post(f"{URL}/{declaration_id}/enlace", {"superior": name})
    assert page.status_code == 200, page.text
    start = page.text.index('id="enlace" type="text" readonly value="') + 40
    url = page.text[start:page.text.index('"', start)]
    assert url.startswith("/declaraciones/decidir/")
    return url


async def test_superior_decides_once_through_the_link(services, clock, login_as: LoginAs, api):
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10),
                           description="Mi hermano <script>x</script> es el proponente.")
    user = await login_as("asesor")
    url = await _make_link(user, filed.id)
    page = await api.get(url)  # no login
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "Enlace para: Dra. &lt;b&gt;Luz&lt;/b&gt; Ríos" in page.text
    assert "&lt;script&gt;x&lt;/script&gt;" in page.text and "<script>x" not in page.text
    form = {"resultado": "aceptada", "decision": "Se acepta; asume el Jefe de Jurídica."}
    confirm = await api.post(url, data=form)
    assert confirm.status_code == 200 and "Sí, decidir" in confirm.text
    async with services.db.session() as session:
        assert (await session.get(Declaration, filed.id)).state == "radicada"  # type: ignore[union-attr]
    done = await api.post(url, data={**form, "confirmar": "si"})
    assert done.status_code == 200 and "quedó aceptada" in done.text
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        [queued] = (await session.execute(select(OutboxMessage))).scalars().all()
        logged = list((await session.execute(select(AuditEntry.action, AuditEntry.actor_id).where(
            AuditEntry.action.like("declaraciones.%")).order_by(AuditEntry.id))).all())
    assert saved is not None and saved.state == "decidida" and saved.decided_by_id is None
    assert saved.decided_by_name == "Dra. <b>Luz</b> Ríos, Secretaria"
    assert queued.person_id == person and "aceptada" in queued.text_html
    assert [a for a, _ in logged] == ["declaraciones.enlace", "declaraciones.leer",
                                      "declaraciones.enlace.leer", "declaraciones.decidir"]
    assert logged[-1][1] is None  # decided by the link, not by a staff account
    again = await api.get(url)  # opened twice: nothing more to decide
    assert again.status_code == 200 and "ya está decidida" in again.text and "hechos" not in again.text
    twice = await api.post(url, data={**form, "confirmar": "si"})
    assert twice.status_code == 409 and "ya está decidida" in twice.text
    detail = await user.get(f"{URL}/{filed.id}")
    assert "Dra. &lt;b&gt;Luz&lt;/b&gt; Ríos" in detail.text


async def test_new_link_revokes_old_expiry_and_forgery(services, clock, login_as: LoginAs, api):
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    user = await login_as("talento_humano")
    old = await _make_link(user, filed.id)
    new = await _make_link(user, filed.id, name="Otro superior")
    assert (await api.get(old)).status_code == 404
    assert (await api.get(new)).status_code == 200
    assert (await api.get(new[:-3] + "abc")).status_code == 404
    forged = services.signer.sign("campañas.baja", [filed.id, 2])  # another purpose
    assert (await api.get(f"/declaraciones/decidir/{forged}")).status_code == 404
    clock.now = clock.now + timedelta(days=31)
    expired = await api.get(new)
    assert expired.status_code == 404 and "Pida un enlace nuevo" in expired.text
    assert (await api.post(new, data={"resultado": "aceptada", "decision": "x" * 20,
                                      "confirmar": "si"})).status_code == 404


async def test_link_waits_for_the_recused_answer_and_checks_input(services, clock,
                                                                  login_as: LoginAs, api):
    recused = await add_official(services, "Pedro Gómez")
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    user = await login_as("asesor")
    url = await _make_link(user, filed.id)
    early = await api.post(url, data={"resultado": "aceptada", "decision": "Se acepta ya."})
    assert early.status_code == 409 and "para responder" in early.text
    clock.now = bogota(2026, 12, 15, 9)
    short = await api.post(url, data={"resultado": "aceptada", "decision": "ok"})
    assert short.status_code == 422 and "caracteres" in short.text
    person = await add_person(services, name="Otra", chat_id=5)
    closed = await file_one(services, person, bogota(2026, 12, 4, 10))
    async with services.db.session() as session:
        row = await session.get(Declaration, closed.id)
        assert row is not None
        row.state = "desistida"
        await session.commit()
    user = await login_as("asesor")  # a session of the new day
    refused = await user.post(f"{URL}/{closed.id}/enlace", {"superior": "Alguien"})
    assert refused.status_code == 409


async def test_the_link_is_emailed_to_the_superior(services, clock, login_as: LoginAs, api,
                                                   smtp_server):
    """With the superior's address, the service e-mails the link (radicado, kind and deadline,
    never the facts); a bad address changes nothing; without SMTP the page says to copy it."""
    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller).model_copy(
        update={"public_url": "https://valor.alcaldia.gov.co"})
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10),
                           description="Mi hermano es el proponente del contrato.")
    user = await login_as("asesor")
    path = f"{URL}/{filed.id}/enlace"
    bad = await user.post(path, {"superior": "Dra. Luz Ríos", "correo": "luz en alcaldia"})
    assert bad.status_code == 422 and "Escriba un correo válido" in bad.text
    async with services.db.session() as session:
        assert (await session.get(Declaration, filed.id)).link_nonce is None  # type: ignore[union-attr]
    superior = await add_official(services, "Luz Ríos", chat_id=98765)  # she uses the bot
    async with services.db.session() as session:
        luz = await session.get(Person, superior)
        assert luz is not None
        luz.email = "luz.rios@alcaldia.gov.co"
        await session.commit()
    page = await user.post(path, {"superior": "Dra. Luz Ríos, Secretaria",
                                  "correo": "Luz.Rios@Alcaldia.gov.co"})
    assert page.status_code == 200 and "Se lo enviamos por correo a luz.rios@alcaldia.gov.co" \
        in page.text and "También quedó en cola para llegarle por el chat del bot" in page.text
    async with services.db.session() as session:
        [chat] = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == superior))).all()
    assert filed.radicado in chat.text_html and "hermano" not in chat.text_html
    assert 'href="https://valor.alcaldia.gov.co/declaraciones/decidir/' in chat.text_html
    [sent] = inbox.to("luz.rios@alcaldia.gov.co")
    body = sent.get_content()
    assert sent["Subject"] == f"Le corresponde decidir la {filed.radicado}"
    assert "declaración de impedimento" in body and "lunes 21 de diciembre de 2026" in body
    assert "https://valor.alcaldia.gov.co/declaraciones/decidir/" in body
    assert "hermano" not in body  # the facts stay behind the link
    url = body[body.index("https://"):].split()[0]
    assert (await api.get(url.removeprefix("https://valor.alcaldia.gov.co"))).status_code == 200
    async with services.db.session() as session:
        entries = (await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.enlace"))).all()
        mails = (await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.enlace.correo"))).all()
    assert len(entries) == 1 and "por_correo" not in entries[0].details
    assert [e.details["enviado"] for e in mails] == [True]  # after the server accepted it
    assert "alcaldia" not in str(entries[0].details) + str(mails[0].details)
    inbox.refuse["luz@alcaldia.gov.co"] = "452 4.2.2 Mailbox full"
    again = await user.post(path, {"superior": "Dra. Luz Ríos", "correo": "luz@alcaldia.gov.co"})
    assert again.status_code == 200 and "No se pudo enviar el correo" in again.text
    async with services.db.session() as session:
        sent = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.enlace.correo").order_by(AuditEntry.id))).all()
    assert [d["enviado"] for d in sent] == [True, False]  # the failure is recorded as such
    page = await user.get(f"{URL}/{filed.id}")  # the retries (link_retries) are shown
    assert "lo intenta de nuevo (1 de 4 intentos hechos)" in page.text
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        assert saved is not None and saved.link_email == "luz@alcaldia.gov.co"
    assert "chat del bot" not in again.text  # nobody in the directory with that address
    # Without SMTP no mail could ever go: nothing is kept for retrying, and the page says so.
    services.settings = services.settings.model_copy(update={"smtp_host": None})
    off = await user.post(path, {"superior": "Dra. Luz Ríos", "correo": "luz@alcaldia.gov.co"})
    assert off.status_code == 200 and "no tiene configurado el envío de correo" in off.text
    assert "No se pudo enviar el correo" not in off.text and "hasta 3 veces" not in off.text
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id, populate_existing=True)
        assert saved is not None and (saved.link_email, saved.link_email_state,
                                      saved.link_email_attempts) == (None, None, None)
        sent = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.enlace.correo"))).all()
    assert len(sent) == 2  # no attempt, so no attempt audited
    page = await user.get(f"{URL}/{filed.id}")
    assert 'id="enlace-estado"' not in page.text
    # Without the public address no mail goes, and the page says that, not the mail server.
    services.settings = services.settings.model_copy(update={"smtp_host": "127.0.0.1",
                                                             "public_url": None})
    relative = await user.post(path, {"superior": "Dra. Luz Ríos", "correo": "luz@alcaldia.gov.co"})
    assert relative.status_code == 200 and "VALOR_PUBLIC_URL" in relative.text
    assert "No se pudo enviar el correo" not in relative.text
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        assert saved is not None and saved.link_email is None and saved.link_email_state is None
