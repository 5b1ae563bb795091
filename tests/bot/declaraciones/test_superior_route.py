"""/declarar with the jefe inmediato from the directory (#18): straight to the summary, the
decision link queued in the superior's chat, «Cambiar quién decide», and the art. 12 route by
hand when the directory has no superior who can decide. Both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.declaraciones.flow import register
from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.models import Person, PersonStatus
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_official, guided
from tests.bot.helpers import Chat, count_rows, onboard

FACTS = "Mi hermano es el representante legal del proponente desde 2025."


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    services.settings = services.settings.model_copy(update={"public_url": "https://valor.alcaldia.gov.co"})
    register(services)
    ensure_notifier(services)
    return clock


async def _with_superior(services: Services, chat_id: int | None = 98765) -> int:
    """The chat's person gets «Luz <Ríos>» (Hacienda) as jefe inmediato."""
    superior = await add_official(services, "Luz <Ríos>", chat_id=chat_id, department="Hacienda")
    async with services.db.session() as session:
        await session.execute(
            update(Person).where(Person.telegram_chat_id == 1001).values(superior_id=superior)
        )
        await session.commit()
    return superior


async def _to_summary(chat: Chat) -> str:
    await guided(chat)
    [ask] = await chat.send(FACTS)
    [summary] = await chat.tap(ask.buttons[0][0].data)
    return summary.text_html


async def test_the_directory_superior_decides_and_gets_the_link(
    chat: Chat, services: Services, clock: Clock
) -> None:
    await onboard(chat)
    superior = await _with_superior(services)
    summary = await _to_summary(chat)
    assert "Revise su declaración" in summary and "¿Quién debe decidir?" not in summary
    assert "Luz &lt;Ríos&gt;, jefe inmediato (Hacienda)" in summary
    assert "según el directorio" in summary
    [filed] = await chat.tap("decl:radicar")
    assert "DI-2026-0001" in filed.text_html and "quedó en cola" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
        [notice] = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == superior))
        ).all()
    assert saved.deciding_office == "Luz <Ríos>, jefe inmediato (Hacienda)"
    assert saved.link_nonce == 1 and saved.link_name == "Luz <Ríos>"
    assert 'href="https://valor.alcaldia.gov.co/declaraciones/decidir/' in notice.text_html
    assert "hermano" not in notice.text_html  # never the facts


async def test_changing_who_decides_asks_by_hand_and_sends_nothing(
    chat: Chat, services: Services, clock: Clock
) -> None:
    await onboard(chat)
    await _with_superior(services)
    await _to_summary(chat)
    [ask] = await chat.tap("decl:otro")
    assert "¿Quién debe decidir?" in ask.text_html
    [summary] = await chat.send("Despacho del alcalde")
    assert "según el directorio" not in summary.text_html
    [filed] = await chat.tap("decl:radicar")
    assert "jefe inmediato" not in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
    assert saved.deciding_office == "Despacho del alcalde" and saved.link_nonce is None
    assert await count_rows(services, OutboxMessage) == 0


async def test_a_superior_without_chat_is_left_to_the_register(
    chat: Chat, services: Services, clock: Clock
) -> None:
    await onboard(chat)
    await _with_superior(services, chat_id=None)
    await _to_summary(chat)
    [filed] = await chat.tap("decl:radicar")
    assert "Quienes llevan el registro" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
    assert saved.link_nonce is None and await count_rows(services, OutboxMessage) == 0


async def test_a_retired_superior_falls_back_to_the_art_12_route(
    chat: Chat, services: Services, clock: Clock
) -> None:
    await onboard(chat)
    superior = await _with_superior(services)
    async with services.db.session() as session:
        await session.execute(
            update(Person).where(Person.id == superior).values(status=PersonStatus.INACTIVA.value)
        )
        await session.commit()
    ask = await _to_summary(chat)
    assert "¿Quién debe decidir?" in ask and "Procuraduría Regional" in ask


async def test_a_recusal_offers_the_recused_officials_superior(
    chat: Chat, services: Services, clock: Clock
) -> None:
    await onboard(chat)
    luz = await add_official(services, "Luz Ríos", department="Hacienda")
    pedro = await add_official(services, "Pedro Gómez Ruiz")
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == pedro).values(superior_id=luz))
        await session.commit()
    await chat.send("/recusar")
    await chat.send("Pedro Gómez Ruiz")
    await chat.tap(f"recu:es:{pedro}")
    await chat.tap("recu:clase:contrato")
    await chat.send("Contrato de obra 012 de 2026")
    [ground] = await chat.send(FACTS)
    [ask] = await chat.tap(ground.buttons[0][0].data)
    assert ask.buttons[0][0].label == "Su jefe inmediato: Luz Ríos"
    [summary] = await chat.tap("recu:jefe")
    assert "Luz Ríos, jefe inmediato (Hacienda)" in summary.text_html
    [filed] = await chat.tap("recu:radicar")
    assert "RC-2026-0001" in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
    assert saved.deciding_office == "Luz Ríos, jefe inmediato (Hacienda)"


async def test_a_superior_without_chat_gets_the_link_by_email(
    chat: Chat, services: Services, clock: Clock, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    from tests.fakes.mail import settings_for
    from tests.fakes.waiting import eventually

    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller).model_copy(
        update={"public_url": "https://valor.alcaldia.gov.co"}
    )
    await onboard(chat)
    superior = await _with_superior(services, chat_id=None)
    async with services.db.session() as session:
        await session.execute(
            update(Person).where(Person.id == superior).values(email="luz.rios@alcaldia.gov.co")
        )
        await session.commit()
    await _to_summary(chat)
    [filed] = await chat.tap("decl:radicar")
    assert "intentará enviarle por correo" in filed.text_html
    [mail] = await eventually(lambda: inbox.to("luz.rios@alcaldia.gov.co"), what="the e-mail")
    body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "https://valor.alcaldia.gov.co/declaraciones/decidir/" in body
    assert "hermano" not in body  # never the facts
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
    assert saved.link_nonce == 1 and await count_rows(services, OutboxMessage) == 0


async def test_without_the_public_address_the_declarant_is_told_so(
    chat: Chat, services: Services, clock: Clock
) -> None:
    """The superior uses the chat, but VALOR_PUBLIC_URL is unset: no link can be made, and the
    declarant is told that (not that the superior cannot be reached)."""
    services.settings = services.settings.model_copy(update={"public_url": None})
    await onboard(chat)
    await _with_superior(services)
    await _to_summary(chat)
    [filed] = await chat.tap("decl:radicar")
    assert "dirección pública del servicio no está configurada" in filed.text_html
    assert "no usa el chat" not in filed.text_html
    async with services.db.session() as session:
        [saved] = (await session.scalars(select(Declaration))).all()
    assert saved.link_nonce is None and await count_rows(services, OutboxMessage) == 0


async def test_the_declarant_does_not_wait_for_the_superiors_email(
    chat: Chat, services: Services, clock: Clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The superior's e-mail (a full SMTP round trip) goes out in a tracked background task:
    the radicado reply arrives while the send is still held."""
    import asyncio

    from bot.declaraciones import decision_link
    from nucleo.background import background

    services.settings = services.settings.model_copy(
        update={"smtp_host": "smtp.invalid", "smtp_from": "valor@alcaldia.gov.co"}
    )
    release, sent = asyncio.Event(), []

    async def held(_settings, declaration, *, to, url):  # type: ignore[no-untyped-def]
        await release.wait()
        sent.append((declaration.radicado, to))
        return True

    monkeypatch.setattr(decision_link, "email_link", held)
    await onboard(chat)
    superior = await _with_superior(services, chat_id=None)
    async with services.db.session() as session:
        await session.execute(
            update(Person).where(Person.id == superior).values(email="luz.rios@alcaldia.gov.co")
        )
        await session.commit()
    await _to_summary(chat)
    [filed] = await chat.tap("decl:radicar")
    assert "intentará enviarle por correo" in filed.text_html
    assert sent == [] and background(services).running == 1
    assert await _mail_audit(services) == []  # nothing said sent before it was
    release.set()
    await background(services).drain()
    assert sent == [("DI-2026-0001", "luz.rios@alcaldia.gov.co")]
    assert await _mail_audit(services) == [{"radicado": "DI-2026-0001", "enviado": True}]


async def _mail_audit(services: Services) -> list[dict[str, object]]:
    from nucleo.models import AuditEntry

    async with services.db.session() as session:
        return list((await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "declaraciones.enlace.correo").order_by(AuditEntry.id))).all())


@pytest.mark.parametrize("failure", ["refused", "raised"])
async def test_a_failed_email_is_audited_as_not_sent(
    chat: Chat, services: Services, clock: Clock, monkeypatch, failure: str
) -> None:  # type: ignore[no-untyped-def]
    from bot.declaraciones import decision_link
    from nucleo.background import background

    services.settings = services.settings.model_copy(
        update={"smtp_host": "smtp.invalid", "smtp_from": "valor@alcaldia.gov.co"}
    )

    async def broken(_settings, _declaration, *, to, url):  # type: ignore[no-untyped-def]
        if failure == "raised":
            raise OSError("connection refused by " + to)
        return False

    monkeypatch.setattr(decision_link, "email_link", broken)
    await onboard(chat)
    superior = await _with_superior(services, chat_id=None)
    async with services.db.session() as session:
        await session.execute(
            update(Person).where(Person.id == superior).values(email="luz.rios@alcaldia.gov.co")
        )
        await session.commit()
    await _to_summary(chat)
    await chat.tap("decl:radicar")
    await background(services).drain()
    assert await _mail_audit(services) == [{"radicado": "DI-2026-0001", "enviado": False}]
