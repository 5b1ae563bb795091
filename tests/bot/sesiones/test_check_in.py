"""The bot's check-in (bot/sesiones/flow.py): /start a<token> inside the window records the
attendance once; consent comes first; a forged, cancelled or out-of-window link says why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import messages as bot_messages
from bot.core.engine import DialogueCore
from bot.core.types import TELEGRAM, WEB, WHATSAPP, PersonRef
from bot.sesiones import actions, messages
from bot.sesiones.flow import register
from bot.sesiones.models import Attendance
from nucleo.services import Services
from tests.bot.consultas.desk import Clock
from tests.bot.helpers import Chat, count_rows, onboard
from tests.bot.sesiones.helpers import START, add_session, parameter


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(START)
    services.clock = clock
    register(services)
    return clock


async def _rows(services: Services) -> list[Attendance]:
    async with services.db.session() as session:
        return list((await session.execute(select(Attendance))).scalars())


async def test_check_in_once_inside_the_window(services, chat: Chat, clock: Clock) -> None:
    row = await add_session(services)
    await onboard(chat)
    clock.now = START + timedelta(minutes=20)
    await chat.send(f"/start {parameter(services, row.id)}")
    assert "Registramos su asistencia a «Honestidad en lo público»" in chat.last
    await chat.send(f"/start {parameter(services, row.id)}")
    assert "Ya registramos su asistencia" in chat.last
    [attended] = await _rows(services)
    assert attended.channel == TELEGRAM and attended.checked_in_at == clock.now
    assert attended.session_id == row.id and attended.person_id is not None


@pytest.mark.parametrize(("offset", "recorded"), [
    (timedelta(hours=-1, minutes=-1), False), (timedelta(hours=-1), True),
    (timedelta(hours=6), True), (timedelta(hours=6, seconds=1), False)])
async def test_window_is_an_hour_before_to_four_after(services, chat: Chat, clock: Clock,
                                                      offset: timedelta, recorded: bool) -> None:
    row = await add_session(services)  # 9:00–11:00: open from 8:00 to 15:00
    await onboard(chat)
    clock.now = START + offset
    await chat.send(f"/start {parameter(services, row.id)}")
    assert await count_rows(services, Attendance) == (1 if recorded else 0)
    if not recorded:
        assert ("se abre una hora antes" in chat.last) if offset < timedelta(0) \
            else ("se cerró el" in chat.last)


async def test_consent_first_then_check_in(services, chat: Chat, clock: Clock) -> None:
    row = await add_session(services)
    await chat.send(f"/start {parameter(services, row.id)}")
    assert any("primero necesitamos su autorización" in t for t in chat.texts())
    assert await count_rows(services, Attendance) == 0
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:si:{code}")
    assert any("Registramos su asistencia" in t for t in chat.texts())
    assert await count_rows(services, Attendance) == 1
    await chat.tap("inicio:tipo:servidor")  # onboarding goes on as usual
    assert "Registramos su asistencia" not in chat.last


async def test_no_consent_records_nothing(services, chat: Chat, clock: Clock) -> None:
    row = await add_session(services)
    await chat.send(f"/start {parameter(services, row.id)}")
    for code in ("campanas", "estadisticas", "seguimiento"):
        await chat.tap(f"inicio:no:{code}")
    assert any("tampoco registramos su asistencia" in t for t in chat.texts())
    assert await count_rows(services, Attendance) == 0
    # «We keep nothing of yours» is said once, then what it means for the check-in.
    said = [t for t in chat.texts() if t in (bot_messages.NO_CONSENT_GIVEN, messages.NO_CONSENT)
            or "no guardamos datos" in t]
    assert said == [bot_messages.NO_CONSENT_GIVEN, messages.NO_CONSENT]


async def test_forged_unknown_and_cancelled_links(services, chat: Chat, clock: Clock) -> None:
    row = await add_session(services)
    await onboard(chat)
    good = parameter(services, row.id)
    for bad in (good[:-3] + "xyz", parameter(services, 999),
                "a" + services.signer.sign_start("bot.dependencia", row.id)):
        await chat.send(f"/start {bad}")
        assert "no es válido" in chat.last
    async with services.db.session() as session:
        await actions.cancel_session(session, row.id, staff=None, now=START)
    await chat.send(f"/start {good}")
    assert "fue cancelada" in chat.last
    assert await count_rows(services, Attendance) == 0


async def test_web_chat_link_and_my_data(services, core: DialogueCore, clock: Clock) -> None:
    from api.wiring import register_personal_data

    register_personal_data(services)
    row = await add_session(services)
    web = Chat(core, PersonRef(WEB, "web-session-1", None))
    await onboard(web)
    await web.send(f"/start {parameter(services, row.id)}")
    [attended] = await _rows(services)
    assert attended.channel == WEB
    await web.send("/misdatos")
    assert "Sesiones de sensibilización a las que asistió" in web.last
    assert "Honestidad en lo público" in web.last


async def test_forget_keeps_the_count_without_the_person(services, chat: Chat,
                                                         clock: Clock) -> None:
    row = await add_session(services)
    await onboard(chat)
    await chat.send(f"/start {parameter(services, row.id)}")
    await chat.send("/olvidarme")
    await chat.tap("datos:borrar:si")
    [attended] = await _rows(services)
    assert attended.person_id is None and attended.session_id == row.id


async def test_a_retired_person_is_not_checked_in(services, chat: Chat, clock: Clock) -> None:
    """As the manual add refuses them, an inactive (retired) person gets no attendance row."""
    from nucleo.models import Person, PersonStatus

    row = await add_session(services)
    await onboard(chat)
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        person.status = PersonStatus.INACTIVA.value
        await session.commit()
    clock.now = START + timedelta(minutes=20)
    await chat.send(f"/start {parameter(services, row.id)}")
    assert "figura como retirado" in chat.last
    assert await count_rows(services, Attendance) == 0


async def test_whatsapp_has_no_start_link_but_the_same_route(services, core: DialogueCore,
                                                             clock: Clock) -> None:
    """WhatsApp has no deep-link parameter; «/start a<token>» typed there goes through the
    same start route and records the attendance on the WhatsApp channel."""
    row = await add_session(services)
    whatsapp = Chat(core, PersonRef(WHATSAPP, "573001234567", None))
    await onboard(whatsapp)
    await whatsapp.send(f"/start {parameter(services, row.id)}")
    [attended] = await _rows(services)
    assert attended.channel == WHATSAPP
    assert "Registramos su asistencia" in whatsapp.last
