"""/bienes in the chat (bot/declaraciones/assets_flow.py): the person says they filed their
asset declaration (self-reported) or hears the deadline."""

from __future__ import annotations

from datetime import date

import pytest

from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    return clock


async def test_self_reported_in_the_chat(chat, services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from bot.declaraciones.flow import register
    from bot.declaraciones.models import AssetFiling
    from tests.bot.helpers import onboard

    register(services)
    [ask] = await chat.send("/bienes")
    assert "registrarse" in ask.text_html
    await onboard(chat)
    [ask] = await chat.send("/bienes")  # 4 December: the deadline passed
    assert "bienes y rentas 2026" in ask.text_html and "venció el" in ask.text_html
    assert "31 de julio" in ask.text_html and "vence el" not in ask.text_html
    [later] = await chat.tap("bienes:ya:no")
    assert "venció el" in later.text_html and "31 de julio" in later.text_html
    assert "antes del" not in later.text_html
    clock.now = bogota(2026, 7, 31, 18)  # the last day: still ahead
    [ask] = await chat.send("/bienes")
    assert "vence el" in ask.text_html and "31 de julio" in ask.text_html
    [later] = await chat.tap("bienes:ya:no")
    assert "antes del" in later.text_html
    clock.now = bogota(2026, 12, 4, 10)
    [odd] = await chat.tap("bienes:ya:1999")
    assert "botones" in odd.text_html
    [done] = await chat.tap("bienes:ya:2026")
    assert "autodeclar" not in done.text_html and "dicho por usted" in done.text_html
    async with services.db.session() as session:
        [row] = (await session.execute(select(AssetFiling))).scalars().all()
    assert (row.year, row.kind, row.source, row.filed_on) == (2026, "bienes_rentas", "chat",
                                                              date(2026, 12, 4))
