"""How many SQL statements the heaviest console pages issue, on both engines (each card and cut
reads grouped figures, not a statement per row): Inicio with every card (admin) and a closed
survey's results page (its counters read once for the three cuts)."""

from __future__ import annotations

import httpx

from nucleo.services import Services
from tests.bot.encuestas.web.test_console import _closed_starter
from tests.campañas.test_whatsapp_campaign import Statements
from tests.web.console import ConsoleUser, LoginAs

INICIO = 31  # the session, its account and 29 for the cards
RESULTS = 9


async def counted(user: ConsoleUser, path: str) -> int:
    """The statements one GET of ``path`` issues (an executemany is one)."""
    statements = Statements(user.services.db)
    try:
        page: httpx.Response = await user.get(path)
    finally:
        statements.detach()
    assert page.status_code == 200, page.text
    return statements.count


async def test_inicio_and_a_surveys_results_issue_at_most_a_known_number_of_statements(
        login_as: LoginAs, services: Services) -> None:
    user = await login_as("admin")
    survey_id = await _closed_starter(services, user)  # 17 people answered, then closed
    await user.get("/consola/")  # shows the closing notice once (one more statement)
    assert await counted(user, "/consola/") <= INICIO
    assert await counted(user, f"/consola/encuestas/{survey_id}/resultados") <= RESULTS
