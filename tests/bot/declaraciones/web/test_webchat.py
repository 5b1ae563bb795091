"""/declarar in the web chat (the same flow as Telegram, through /chat/api/messages)."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from bot.core.flood import FloodControl
from bot.declaraciones.flow import register
from bot.declaraciones.models import Declaration
from bot.service import dialogue_core
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota


async def say(api: httpx.AsyncClient, **body: str) -> list[dict]:
    response = await api.post("/chat/api/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()["messages"]


async def test_a_declaration_from_the_web_chat(api: httpx.AsyncClient, services: Services) -> None:
    services.clock = Clock(bogota(2026, 12, 4, 10))
    register(services)  # as api.wiring does in the service
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)  # a quick test
    await say(api, text="/start")
    for data in ("inicio:si:campanas", "inicio:no:estadisticas", "inicio:si:seguimiento"):
        await say(api, button=data)
    [ask] = await say(api, text="/declarar")
    assert "Declaración de impedimento" in ask["html"]
    await say(api, button="decl:tipo:impedimento")
    await say(api, button="decl:clase:permiso")
    await say(api, text="Licencia de construcción 12 de 2026")
    await say(api, button="decl:papel:decide")
    await say(api, button="decl:interes:pariente")
    [kin] = await say(api, button="decl:pariente:hermanos")
    assert "2.º grado de consanguinidad" in kin["html"]
    [ground] = await say(api, text="Mi hermano es el socio mayoritario de la constructora que "
                                    "pide la licencia.")
    assert "Num. 10" in ground["html"]  # «socio»: numeral 10, confirmed with one tap
    await say(api, button=ground["buttons"][0][0]["data"])
    [summary] = await say(api, text="Secretaría de Planeación — Secretario de despacho")
    assert "Revise su declaración" in summary["html"]
    [done] = await say(api, button="decl:radicar")
    assert "DI-2026-0001" in done["html"] and "suspendida" in done["html"]
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.ground == 10 and saved.radicado == "DI-2026-0001"
    assert (saved.matter_type, saved.role, saved.interest_holder, saved.relation,
            saved.kinship_degree) == ("permiso", "decide", "pariente", "hermanos", 2)
