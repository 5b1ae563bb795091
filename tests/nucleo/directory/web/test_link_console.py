"""The person's page in the console (#17): «Enviar invitación» through the campaign engine and
a real SMTP server, confirmed first, role-checked, audited, never «en cola» unless it is; the
printed invitation for people without e-mail; and «Anular invitaciones y códigos»."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from campañas.models import Delivery, Run
from campañas.runtime import CampaignRuntime
from nucleo.directory import link
from nucleo.directory.models import LinkCode
from nucleo.directory.web import messages
from nucleo.errors import InvalidToken
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.fakes.mail import settings_for
from tests.web.console import LoginAs

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


async def directory_person(services: Services, *, email: str | None = "ana@alcaldia.gov.co",
                           document: str = "1001") -> int:
    async with services.db.session() as session:
        person = Person(full_name="Ana <Muñoz>", document_id=document, email=email,
                        source="directorio")
        session.add(person)
        await session.commit()
        return person.id


def configure(services: Services, controller) -> None:  # type: ignore[no-untyped-def]
    services.settings = settings_for(services.settings, smtp=controller).model_copy(
        update={"telegram_bot_username": "valor_bot"})
    services.clock = lambda: NOW


async def deliveries(services: Services) -> list[Delivery]:
    async with services.db.session() as session:
        return list((await session.execute(select(Delivery))).scalars())


async def test_invite_from_the_person_page(login_as: LoginAs, services: Services,
                                          smtp_server) -> None:
    controller, inbox = smtp_server
    configure(services, controller)
    pid = await directory_person(services)
    user = await login_as("talento_humano")
    path = f"/consola/directorio/personas/{pid}"
    page = (await user.get(path)).text
    assert 'id="invitar"' in page and messages.LINK_NOT_LINKED in page
    assert messages.LINK_NO_INVITATION in page
    # First the confirmation page: nothing queued yet.
    asked = await user.post(path + "/invitar")
    assert asked.status_code == 200 and "¿Enviar la invitación personal a Ana &lt;Muñoz&gt;?" \
        in asked.text and "<Muñoz>" not in asked.text
    assert await deliveries(services) == []
    done = await user.post(path + "/invitar", {"confirmado": "1"})
    assert done.status_code == 303
    page = (await user.get(path)).text
    assert messages.INVITE_QUEUED in page and "en cola, aún sin enviar" in page
    [queued] = await deliveries(services)
    assert queued.state == "pendiente" and queued.person_id == pid and queued.channel == "correo"
    # Again the same day: nothing new, and it says so.
    await user.post(path + "/invitar", {"confirmado": "1"})
    assert messages.INVITE_ALREADY in (await user.get(path)).text
    assert len(await deliveries(services)) == 1
    # The engine sends it through the SMTP server; the page then says «enviada».
    runtime = CampaignRuntime(services, worker="w")
    try:
        await runtime.engine.drain()
    finally:
        await runtime.close()
    [message] = inbox.to("ana@alcaldia.gov.co")
    assert "t.me/valor_bot?start=v" in message.get_body(preferencelist=("html",)).get_content()
    assert "Última invitación por correo: enviada el" in (await user.get(path)).text
    async with services.db.session() as session:
        entries = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    mine = [(e.action, e.target_id, e.details) for e in entries
            if e.action == "directorio.invitar_persona"]
    assert mine == [("directorio.invitar_persona", str(pid), {"ronda": "consola 2026-03-02",
                                                              "en_cola": True}),
                    ("directorio.invitar_persona", str(pid), {"ronda": "consola 2026-03-02",
                                                              "en_cola": False})]
    assert all(e.actor_id is not None for e in entries if e.action.startswith("directorio."))
    assert not any("ana@" in repr(e.details) or "Ana" in repr(e.details) for e in entries)
    # Next day: a new console round, a new invitation.
    services.clock = lambda: NOW + timedelta(days=1)
    user = await login_as("talento_humano")  # the console session of yesterday ended
    await user.post(path + "/invitar", {"confirmado": "1"})
    assert messages.INVITE_QUEUED in (await user.get(path)).text
    assert len(await deliveries(services)) == 2


async def test_no_invitation_without_smtp_or_email_or_after_a_cancelled_round(
        login_as: LoginAs, services: Services, smtp_server) -> None:
    services.clock = lambda: NOW
    pid = await directory_person(services)
    without = await directory_person(services, email=None, document="2002")
    user = await login_as("talento_humano")
    path = f"/consola/directorio/personas/{pid}"
    page = (await user.get(path)).text
    assert 'id="invitar"' not in page and "VALOR_TELEGRAM_BOT_USERNAME" in page
    refused = await user.post(path + "/invitar", {"confirmado": "1"})
    assert refused.status_code == 409 and messages.INVITE_QUEUED not in refused.text
    controller, _inbox = smtp_server
    configure(services, controller)
    assert messages.INVITE_NO_EMAIL in (await user.get(
        f"/consola/directorio/personas/{without}")).text
    refused = await user.post(f"/consola/directorio/personas/{without}/invitar",
                              {"confirmado": "1"})
    assert refused.status_code == 409 and messages.INVITE_NO_EMAIL in refused.text
    await user.post(path + "/invitar", {"confirmado": "1"})
    async with services.db.session() as session:  # HR cancels today's round in Campañas
        await session.execute(update(Run).values(state="cancelada"))
        await session.commit()
    other = await directory_person(services, email="otra@alcaldia.gov.co", document="3003")
    refused = await user.post(f"/consola/directorio/personas/{other}/invitar",
                              {"confirmado": "1"})
    assert refused.status_code == 409 and "cancelada" in refused.text
    assert messages.INVITE_QUEUED not in refused.text
    assert [d.person_id for d in await deliveries(services)] == [pid]


@pytest.mark.parametrize("role", ["auditor", "asesor"])
async def test_other_roles_may_not_invite_or_revoke(login_as: LoginAs, services: Services,
                                                    role: str) -> None:
    pid = await directory_person(services)
    user = await login_as(role)
    for action in ("invitar", "anular", "invitacion.pdf"):
        response = await user.post(f"/consola/directorio/personas/{pid}/{action}",
                                   {"confirmado": "1"})
        assert response.status_code == 403
    async with services.db.session() as session:
        person = await session.get(Person, pid)
        assert person is not None and person.token_nonce is None


async def test_revoke_invitations_and_codes(login_as: LoginAs, services: Services) -> None:
    services.clock = lambda: NOW
    pid = await directory_person(services)
    async with services.db.session() as session:
        person = await session.get(Person, pid)
        assert person is not None
        token = await link.issue_token(session, services.signer, person)
        await session.commit()
        request = await link.request_code(session, secret="s" * 32, chat_key="k" * 64,
                                          email="ana@alcaldia.gov.co", now=NOW, throttle=link.address_throttle(lambda: NOW.timestamp()))
        await session.commit()
        assert request.code is not None
    user = await login_as("admin")
    path = f"/consola/directorio/personas/{pid}"
    asked = await user.post(path + "/anular")
    assert asked.status_code == 200 and messages.REVOKE_CONFIRM in asked.text
    async with services.db.session() as session:
        assert await link.check_token(session, services.signer, token) == pid  # not yet
    assert (await user.post(path + "/anular", {"confirmado": "1"})).status_code == 303
    assert messages.REVOKED.format(codes=1) in (await user.get(path)).text
    async with services.db.session() as session:
        with pytest.raises(InvalidToken, match="anulada"):
            await link.check_token(session, services.signer, token)
        code = await session.get(LinkCode, request.code_id)
        assert code is not None and code.used_at is not None
        [entry] = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.anular_invitaciones"))).scalars().all()
    assert entry.target_id == str(pid) and entry.details == {"codigos": 1}
    assert entry.actor_id is not None


async def test_printed_invitation_without_smtp(login_as: LoginAs, services: Services,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """No SMTP server and no e-mail: HR prints the invitation. Its codes carry the person's
    one-use token (Telegram and the web chat), the print is audited, and only an active
    directory person gets one."""
    import campañas.invitations

    drawn: list = []
    real = campañas.invitations.poster_pdf
    monkeypatch.setattr(campañas.invitations, "poster_pdf",
                        lambda poster: drawn.append(poster) or real(poster))
    services.settings = services.settings.model_copy(update={
        "telegram_bot_username": "valor_bot", "public_url": "https://integridad.example.gov.co"})
    services.clock = lambda: NOW
    pid = await directory_person(services, email=None)
    async with services.db.session() as session:  # an invitation given before
        person = await session.get(Person, pid)
        assert person is not None
        earlier = await link.issue_token(session, services.signer, person)
        await session.commit()
    user = await login_as("talento_humano")
    path = f"/consola/directorio/personas/{pid}"
    page = (await user.get(path)).text
    assert 'id="imprimir-invitacion"' in page and 'id="invitar"' not in page
    asked = await user.post(path + "/invitacion.pdf")
    assert asked.status_code == 200 and messages.PRINT_CONFIRM in asked.text and drawn == []
    done = await user.post(path + "/invitacion.pdf", {"confirmado": "1"})
    assert done.status_code == 200 and done.content.startswith(b"%PDF")
    assert done.headers["content-type"] == "application/pdf"
    assert done.headers["cache-control"] == "no-store"
    [poster] = drawn
    telegram, web = (door.url for door in poster.doors)
    assert poster.name == "Ana <Muñoz>" and "antes del 1 de abril de 2026" in poster.footer
    token = telegram.split("?start=v", 1)[1]
    assert web == f"https://integridad.example.gov.co/chat?v={token}"
    async with services.db.session() as session:
        assert await link.check_token(session, services.signer, token) == pid
        with pytest.raises(InvalidToken, match="anulada"):  # only the latest paper works
            await link.check_token(session, services.signer, earlier)
        [entry] = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.invitacion_impresa"))).scalars().all()
        assert entry.target_id == str(pid) and entry.actor_id is not None
        await session.execute(update(Person).where(Person.id == pid).values(retired_at=NOW))
        await session.commit()
    refused = await user.post(path + "/invitacion.pdf", {"confirmado": "1"})
    assert refused.status_code == 422 and "persona activa" in refused.text and len(drawn) == 1


async def test_no_printed_invitation_without_the_bot(login_as: LoginAs,
                                                     services: Services) -> None:
    pid = await directory_person(services)
    user = await login_as("talento_humano")
    path = f"/consola/directorio/personas/{pid}"
    assert 'id="imprimir-invitacion"' not in (await user.get(path)).text
    refused = await user.post(path + "/invitacion.pdf", {"confirmado": "1"})
    assert refused.status_code == 409 and "VALOR_TELEGRAM_BOT_USERNAME" in refused.text
