"""Opt-out by word over WhatsApp («BAJA», «STOP», «cancelar suscripción»): the bot's own
unsubscribe, a confirmation in Spanish, idempotent, a replay answered once; and «olvidarme»
erases the stored number with the person. Both engines."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from bot.whatsapp.translate import is_opt_out
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.whatsapp.conftest import say
from tests.bot.whatsapp.test_notices import register
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"


@pytest.mark.parametrize("text", ["BAJA", "baja", " Baja. ", "¡BAJA!", "STOP", "stop 🛑",
                                  "cancelar suscripción", "CANCELAR SUSCRIPCION",
                                  "Cancelar la suscripción", "darme de baja", "báJA"])
def test_opt_out_words_are_recognised(text: str) -> None:
    assert is_opt_out(text)


@pytest.mark.parametrize("text", ["¿Me pueden dar de baja del contrato?", "bajar", "cancelar",
                                  "/cancelar", "baja baja", "stopp", ""])
def test_other_texts_are_not_an_opt_out(text: str) -> None:
    assert not is_opt_out(text)


async def subscribed(services: Services) -> bool:
    async with services.db.session() as session:
        return bool((await session.execute(select(Person.subscribed))).scalar_one())


async def test_baja_unsubscribes_once_and_is_idempotent(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await register(wa, double, ANA)
    assert await subscribed(services)

    signed = double.text_from(ANA, "BAJA")
    [confirmation] = await say(wa, double, ANA, signed)
    assert "ya no le enviaremos campañas" in confirmation.text
    assert not await subscribed(services)
    assert await say(wa, double, ANA, signed) == []  # the same webhook again: answered once

    for word in ("Stop", "cancelar suscripción"):
        [again] = await say(wa, double, ANA, double.text_from(ANA, word))
        assert "no está recibiendo campañas" in again.text
        assert not await subscribed(services)
    assert double.violations == [] and double.window_violations == []


async def test_baja_from_someone_not_registered_stores_nothing(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    [reply] = await say(wa, double, ANA, double.text_from(ANA, "baja"))
    assert "no está recibiendo campañas" in reply.text
    async with services.db.session() as session:
        assert (await session.execute(select(func.count()).select_from(Person))).scalar() == 0


async def test_forgetting_the_person_erases_the_stored_number(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await register(wa, double, ANA)
    async with services.db.session() as session:
        assert (await session.execute(
            select(func.count()).select_from(WhatsAppContact))).scalar() == 1
    await say(wa, double, ANA, double.text_from(ANA, "/olvidarme"))
    await say(wa, double, ANA, double.tap_from(ANA, "datos:borrar:si"))
    async with services.db.session() as session:
        assert (await session.execute(select(func.count()).select_from(Person))).scalar() == 0
        assert (await session.execute(
            select(func.count()).select_from(WhatsAppContact))).scalar() == 0
