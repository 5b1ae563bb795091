"""A WhatsApp user who changes number (Meta's ``system`` message ``user_changed_number``): the
old number leaves the person (it may go to somebody else), the person moves to the new one
(whoever else held it is detached: Meta vouches for the move), history stays, nothing is
answered. Both engines."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select

from bot.models import Conversation
from bot.notify import OutboxNotifier, OutboxWorker
from bot.whatsapp.notices import WhatsAppNotices
from nucleo.directory.models import WhatsAppContact
from nucleo.models import AuditEntry, Consent, Person
from nucleo.services import Services
from tests.bot.whatsapp.conftest import Clock, deliver, say
from tests.bot.whatsapp.test_link import chat_key, directory_person
from tests.bot.whatsapp.test_notices import ANA, person_id, register
from tests.fakes.whatsapp import WhatsAppDouble

NEW = "573157778899"  # Ana's new number
STRANGER = "573118887766"


async def contacts(services: Services) -> list[tuple[int, str]]:
    async with services.db.session() as session:
        return [(c.person_id, c.wa_id) for c in (await session.execute(
            select(WhatsAppContact).order_by(WhatsAppContact.person_id))).scalars()]


async def person_of_chat(services: Services, wa_id: str) -> int | None:
    async with services.db.session() as session:
        return (await session.execute(select(Conversation.person_id).where(
            Conversation.key == chat_key(services, wa_id)))).scalar()


async def test_the_person_moves_to_the_new_number_and_the_old_one_is_nobody(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    ana = await person_id(services)
    sent = len(double.sent)
    changed = double.number_changed(ANA, NEW)
    response = await deliver(wa, changed)
    assert response.status_code == 200 and response.json()["mensajes"] == 1
    assert len(double.sent) == sent  # nothing answered, to either number
    assert await contacts(services) == [(ana, NEW)]
    assert await person_of_chat(services, ANA) is None
    assert await person_of_chat(services, NEW) == ana
    async with services.db.session() as session:
        assert (await session.execute(select(Consent).where(Consent.person_id == ana))
                ).scalars().all() != []  # her consents and history stay
        [entry] = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "whatsapp.numero_cambiado"))).scalars().all()
    assert entry.target_id == str(ana) and entry.details == {"movido": True}
    assert ANA not in str(entry.details) and NEW not in str(entry.details)

    assert (await deliver(wa, changed)).status_code == 200  # a replay changes nothing
    assert await contacts(services) == [(ana, NEW)]

    # Whoever gets the old number next is a stranger to the bot...
    [shown] = await say(wa, double, ANA, double.text_from(ANA, "mis datos", name="Pedro"))
    assert "No tenemos ningún dato suyo guardado" in shown.text
    # ... while Ana, writing from her new number, is herself.
    [mine] = await say(wa, double, NEW, double.text_from(NEW, "mis datos"))
    assert "WhatsApp (número *** ***8899)" in mine.text
    # Her notices follow her to the new number.
    async with services.db.transaction() as session:
        await OutboxNotifier(clock).notify(session, ana, "Su consulta fue respondida.")
    await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
    assert double.to(NEW)[-1].text == "Su consulta fue respondida."
    assert "Su consulta fue respondida." not in [m.text for m in double.to(ANA)]


async def test_a_new_number_somebody_else_still_holds_is_taken_from_them(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    """Meta says Ana's user now owns STRANGER: whoever the service still had on that number
    holds a stale link (Meta recycled it to Ana). Keeping them there would send their notices
    to Ana's phone and take Ana, writing from it, for them; so they are detached (as the old
    number is) and Ana moves there, her chat at its first step."""
    await register(wa, double, ANA)
    await register(wa, double, STRANGER)
    async with services.db.session() as session:
        ana, stranger = (await session.execute(select(Person.id).order_by(Person.id))
                         ).scalars().all()
    await say(wa, double, STRANGER, double.text_from(STRANGER, "mis datos"))  # mid-dialogue
    await deliver(wa, double.number_changed(ANA, STRANGER))
    assert await contacts(services) == [(ana, STRANGER)]
    assert await person_of_chat(services, ANA) is None
    assert await person_of_chat(services, STRANGER) == ana
    async with services.db.session() as session:
        assert await session.get(Person, stranger) is not None  # kept, just not reachable
        chat = (await session.execute(select(Conversation).where(
            Conversation.key == chat_key(services, STRANGER)))).scalar_one()
        assert chat.flow is None and chat.step is None and chat.data == {}
        entries = (await session.execute(select(AuditEntry.action, AuditEntry.target_id)
                                         .order_by(AuditEntry.id))).all()
    assert ("whatsapp.numero_reasignado", str(stranger)) in entries
    # The stranger's notices no longer reach Ana's phone.
    async with services.db.transaction() as session:
        await OutboxNotifier(clock).notify(session, stranger, "Aviso para otra persona")
    await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
    assert "Aviso para otra persona" not in [m.text for m in double.sent]


async def test_an_anonymous_chat_on_the_new_number_starts_over(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await register(wa, double, ANA)
    ana = await person_id(services)
    await say(wa, double, NEW, double.text_from(NEW, "hola"))  # anonymous, mid-menu
    await deliver(wa, double.number_changed(ANA, NEW))
    assert await contacts(services) == [(ana, NEW)]
    async with services.db.session() as session:
        chat = (await session.execute(select(Conversation).where(
            Conversation.key == chat_key(services, NEW)))).scalar_one()
    assert chat.person_id == ana and chat.flow is None and chat.step is None
    assert chat.data == {}


async def test_a_directory_person_left_without_chats_is_no_longer_linked(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    target = await directory_person(services, mobile="+" + STRANGER)
    await say(wa, double, STRANGER, double.text_from(STRANGER, "/vincular"))
    await say(wa, double, STRANGER, double.tap_from(STRANGER, "vinculo:si"))
    await register(wa, double, ANA)
    await deliver(wa, double.number_changed(ANA, STRANGER))  # the holder of STRANGER leaves
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.linked_at is None
        assert person.full_name == "Ana Muñoz"  # the directory row itself stays
    assert target not in [p for p, _ in await contacts(services)]


async def test_other_system_notices_and_odd_shapes_are_answered_with_nothing(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    ana = await person_id(services)
    sent = len(double.sent)
    for system in ({"type": "user_changed_user_id", "body": "User changed id",
                    "user_id": "CO.123", "previous_user_id": "CO.122"},
                   {"type": "customer_identity_changed", "body": "Identity changed",
                    "identity": "abc123"},
                   {"type": "some_new_kind"}):
        body = double.notification({"messages": [{
            "from": ANA, "id": f"wamid.sys.{system['type']}", "type": "system",
            "timestamp": str(int(clock.now.timestamp())), "system": system}]})
        assert (await deliver(wa, double.signed(body))).status_code == 200
    assert len(double.sent) == sent and await contacts(services) == [(ana, ANA)]

    # A number change without the new number (or an odd one): the old number still leaves.
    clock.advance(timedelta(minutes=1))
    body = double.notification({"messages": [{
        "from": ANA, "id": "wamid.sys.nonumber", "type": "system",
        "timestamp": str(int(clock.now.timestamp())),
        "system": {"type": "user_changed_number", "body": "User Ana changed", "wa_id": "x1"}}]})
    assert (await deliver(wa, double.signed(body))).status_code == 200
    assert await contacts(services) == [] and await person_of_chat(services, ANA) is None
    assert len(double.sent) == sent


async def test_a_system_notice_does_not_open_the_window(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    clock.advance(timedelta(days=2))
    await deliver(wa, double.number_changed(ANA, NEW))
    async with services.db.transaction() as session:
        await OutboxNotifier(clock).notify(session, await person_id(services), "Aviso")
    await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
    assert double.window_violations == []  # outside the window: refused here, not sent


async def test_a_number_change_that_races_another_write_looks_again_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        monkeypatch) -> None:
    from sqlalchemy.exc import IntegrityError

    from bot.whatsapp.contacts import Contacts

    await register(wa, double, ANA)
    ana = await person_id(services)
    move, calls = Contacts._move, []

    async def racing(self, session, person_id, new, now):
        calls.append(new)
        if len(calls) == 1:
            raise IntegrityError("INSERT", {}, Exception("duplicate key"))
        return await move(self, session, person_id, new, now)

    monkeypatch.setattr(Contacts, "_move", racing)
    response = await deliver(wa, double.number_changed(ANA, NEW))
    assert response.status_code == 200 and calls == [NEW, NEW]
    assert await contacts(services) == [(ana, NEW)]


async def test_a_number_change_that_conflicts_twice_is_logged_without_the_number(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        monkeypatch, caplog) -> None:
    from sqlalchemy.exc import IntegrityError

    from bot.whatsapp.contacts import Contacts

    await register(wa, double, ANA)
    ana = await person_id(services)

    async def always(self, session, person_id, new, now):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(Contacts, "_move", always)
    with caplog.at_level("INFO"):
        response = await deliver(wa, double.number_changed(ANA, NEW))
    assert response.status_code == 200  # no 500: nothing half-applied, nothing to redo now
    assert await contacts(services) == [(ana, ANA)]  # both attempts rolled back
    assert "conflicted twice" in caplog.text
    assert ANA not in caplog.text and NEW not in caplog.text
