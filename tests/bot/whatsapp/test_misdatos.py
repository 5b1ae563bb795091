"""«mis datos» on WhatsApp shows the number the bot keeps (masked) and, for a person linked to
the directory, unlinking WhatsApp removes the number too: no notice or campaign follows it.
Both engines."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from nucleo.directory import link
from nucleo.directory.models import WhatsAppContact
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.whatsapp.conftest import say
from tests.bot.whatsapp.test_link import ANA, directory_person
from tests.bot.whatsapp.test_notices import register
from tests.fakes.whatsapp import WhatsAppDouble


async def test_my_data_shows_the_whatsapp_number_masked(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await register(wa, double, ANA)
    [shown] = await say(wa, double, ANA, double.text_from(ANA, "mis datos"))
    assert "WhatsApp (número *** ***2233)" in shown.text
    assert ANA not in shown.text and "3001112233" not in shown.text
    assert "De WhatsApp guardamos su número" in shown.text
    assert "ni teléfono" not in shown.text  # it would not be true


async def test_without_a_whatsapp_number_nothing_changes(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    [shown] = await say(wa, double, ANA, double.text_from(ANA, "mis datos"))
    assert "número" not in shown.text  # nobody registered: nothing stored at all


async def test_unlinking_whatsapp_removes_the_number(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    target = await directory_person(services)
    await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    await say(wa, double, ANA, double.tap_from(ANA, "vinculo:si"))
    async with services.db.session() as session:
        assert await session.get(WhatsAppContact, target) is not None

    [shown] = await say(wa, double, ANA, double.text_from(ANA, "mis datos"))
    assert "WhatsApp (número *** ***2233)" in shown.text and "Chats vinculados: WhatsApp" \
        in shown.text
    assert "datos:desv:whatsapp" in [option for option, _ in shown.options()]
    [ask] = await say(wa, double, ANA, double.tap_from(ANA, "datos:desv:whatsapp"))
    assert "desvincular *WhatsApp*" in ask.text
    replies = await say(wa, double, ANA, double.tap_from(ANA, "datos:quitar:si"))
    assert "WhatsApp quedó desvinculado" in replies[0].text
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppContact))).scalars().all() == []
        person = await session.get(Person, target)
        assert person is not None and person.linked_at is None  # no channel left
        assert await link.linked_channels(session, person) == []
        [entry] = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.desvincular"))).scalars().all()
        assert entry.details == {"canal": "whatsapp", "quedan": 0}
    # The chat is anonymous now and writing again stores nothing.
    [again] = await say(wa, double, ANA, double.text_from(ANA, "mis datos"))
    assert "No tenemos ningún dato suyo guardado" in again.text
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppContact))).scalars().all() == []
