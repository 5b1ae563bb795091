"""Encuestas: create (starter and YAML), launch with confirmation, close, results with small groups
hidden, comments for HR only, the diagnosis export, the dashboard card and nasty input."""

from __future__ import annotations

import html
import io
import re

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.encuestas import actions, answering, results
from bot.encuestas import messages as survey_messages
from bot.encuestas.models import Survey
from bot.encuestas.service import CHAT_UNAVAILABLE
from bot.encuestas.web import messages
from bot.encuestas.web.console.forms import MAX_DEFINITION
from nucleo.models import Department
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.bot.encuestas.conftest import RecordingNotifier, make_people
from tests.web.console import ConsoleUser, LoginAs

# Planeación (6) is big enough but joins "Otras" so that Tránsito (3) cannot be deduced.
LAYOUT = {("Hacienda", "servidor"): 8, ("Planeación", "servidor"): 6,
          ("Tránsito", "contratista"): 3}
PERIOD = {"periodo": "2026-II", "abre": "2026-11-01", "cierra": "2026-11-30"}
DEFINITION = """\
title: Clima de integridad
intro: Dos preguntas.
questions:
  - kind: likert
    value: honestidad
    text: "¿Dicen la verdad?"
  - kind: choice
    text: "¿Conoce el Código?"
    options: ["Sí", "No"]
"""


CONFIRMED = {"confirmado": "1"}


async def _count(services: Services) -> int:
    async with services.db.session() as session:
        return await session.scalar(select(func.count()).select_from(Survey)) or 0


async def _departments(services: Services) -> dict[str, int]:
    async with services.db.session() as session:
        return {n: i for i, n in (await session.execute(
            select(Department.id, Department.name))).all()}


def _survey_id(response: httpx.Response) -> int:
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/consola/encuestas/(\d+)", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


async def _answer_all(services: Services, survey_id: int, people: list[int]) -> None:
    """Everyone answers through the real answering actions (as the chat does)."""
    async with services.db.session() as session:
        survey = await actions.get_survey(session, survey_id)
        questions = {q.id: (q.kind, q.position, [o["key"] for o in q.options])
                     for q in survey.questions}
    for n, person in enumerate(people):
        async with services.db.session() as session:
            step = await answering.start(session, survey_id, person)
            while not step.finished:
                kind, position, keys = questions[step.question_id]
                if kind == "text":
                    value = f"Comentario {n} <b>sobre</b> Tránsito"
                elif kind in ("likert", "likert_acuerdo"):
                    value = str(1 + (n + position) % 5)
                else:
                    value = keys[n % len(keys)]
                step = await answering.answer(session, survey_id, person, step.question_id,
                                              value)


async def _closed_starter(services: Services, user: ConsoleUser, answered: bool = True) -> int:
    """The starter survey, launched to LAYOUT, answered by everyone (or no one) and closed."""
    services.extras[NOTIFIER] = RecordingNotifier()
    people = await make_people(services.db, LAYOUT)
    survey_id = _survey_id(await user.post("/consola/encuestas/inicial", PERIOD))
    assert (await user.post(f"/consola/encuestas/{survey_id}/lanzar")).status_code == 303
    if answered:
        await _answer_all(services, survey_id, people)
    assert (await user.post(f"/consola/encuestas/{survey_id}/cerrar", CONFIRMED)).status_code == 303
    return survey_id


@pytest.mark.slow
async def test_starter_survey_from_creation_to_results(login_as: LoginAs,
                                                       services: Services) -> None:
    notifier = RecordingNotifier()
    services.extras[NOTIFIER] = notifier
    people = await make_people(services.db, LAYOUT)
    user = await login_as("talento_humano")
    listing = await user.get("/consola/encuestas")
    assert listing.status_code == 200 and messages.SURVEYS_NONE in listing.text
    assert 'href="/consola/encuestas/retroalimentacion"' in listing.text
    assert messages.SURVEYS_FEEDBACK_LINK in listing.text
    survey_id = _survey_id(await user.post("/consola/encuestas/inicial", PERIOD))
    detail = await user.get(f"/consola/encuestas/{survey_id}")
    assert messages.SURVEY_CREATED.format(title="Encuesta de percepción de integridad") \
        in html.unescape(detail.text)
    assert "Borrador" in detail.text and messages.SURVEY_RESULTS_LATER in detail.text
    early = await user.get(f"/consola/encuestas/{survey_id}/resultados")
    assert early.status_code == 200 and survey_messages.RESULTS_NOT_READY in early.text
    assert "<svg" not in early.text

    confirm = await user.get(f"/consola/encuestas/{survey_id}/lanzar")
    assert messages.SURVEY_LAUNCH_COUNT.format(n=17) in confirm.text
    assert notifier.sent == []  # asking sends nothing
    launched = await user.post(f"/consola/encuestas/{survey_id}/lanzar")
    assert launched.status_code == 303 and len(notifier.sent) == 17
    page = await user.get(launched.headers["location"])
    assert messages.SURVEY_LAUNCHED.format(n=17) in page.text
    again = await user.post(f"/consola/encuestas/{survey_id}/lanzar")
    assert again.status_code == 409 and "no se puede lanzar" in again.text
    assert len(notifier.sent) == 17
    still_open = await user.get(f"/consola/encuestas/{survey_id}/resultados")
    assert survey_messages.RESULTS_NOT_READY in still_open.text

    await _answer_all(services, survey_id, people)
    asked = await user.post(f"/consola/encuestas/{survey_id}/cerrar")
    assert asked.status_code == 200 and messages.SURVEY_CLOSE_CONFIRM in asked.text
    assert "se borran los borradores sin terminar (0)" in asked.text
    assert messages.SURVEY_CLOSE_SUBMIT in (await user.get(f"/consola/encuestas/{survey_id}")).text
    assert (await user.post(f"/consola/encuestas/{survey_id}/cerrar", CONFIRMED)).status_code == 303
    closing_twice = await user.post(f"/consola/encuestas/{survey_id}/cerrar", CONFIRMED)
    assert closing_twice.status_code == 409 and "no se puede cerrar" in closing_twice.text

    listing = await user.get("/consola/encuestas")
    row = listing.text.split('id="encuestas"', 1)[1].split("</tr>", 2)[1]
    assert "Cerrada" in row and ">17<" in row and "100%" in row
    page = await user.get(f"/consola/encuestas/{survey_id}/resultados")
    assert page.status_code == 200
    text = page.text
    assert messages.SURVEY_GROUP_HEADING.format(label=messages.SURVEY_GROUP_TOTAL, n=17) in text
    assert text.count('<svg class="chart') == 1 + 16  # values + every non-text question
    assert text.count("<details>") == 17  # a data table for each chart
    async with services.db.session() as session:
        survey = await actions.get_survey(session, survey_id)
        overall = await results.survey_results(session, survey)
    honesty = f"{overall.overall.values['honestidad']:.2f}".replace(".", ",")
    assert f'<th scope="row" class="wrap">Honestidad</th><td class="num">{honesty}</td>' in text
    first = overall.overall.questions[0]
    for key, count in first.counts.items():
        assert f">{first.labels[key]}</th><td class=\"num\">{count}</td>" in text
    departments = text.split(messages.SURVEY_GROUPS_DEPARTMENT, 1)[1].split("</table>", 1)[0]
    assert ">Hacienda</th><td class=\"num\">8</td>" in departments
    assert ">Otras</th><td class=\"num\">9</td>" in departments
    assert "Planeación" not in departments and "Tránsito" not in departments
    assert "Comentario" not in text  # free text never on the results page


@pytest.mark.slow
async def test_groups_of_five_or_more_comments_and_exports(login_as: LoginAs,
                                                           services: Services) -> None:
    user = await login_as("talento_humano")
    survey_id = await _closed_starter(services, user)
    auditor = await login_as("auditor")
    ids = await _departments(services)
    url = f"/consola/encuestas/{survey_id}/resultados"

    hacienda = await auditor.get(f"{url}?dependencia={ids['Hacienda']}")
    assert messages.SURVEY_GROUP_HEADING.format(label="Hacienda", n=8) in hacienda.text
    assert hacienda.text.count('<svg class="chart') == 17
    for name in ("Planeación", "Tránsito"):  # 6 is merged too: complementary suppression
        page = await auditor.get(f"{url}?dependencia={ids[name]}")
        assert page.status_code == 200
        notice = page.text.split('id="supresion">', 1)[1].split("</p>", 1)[0]
        assert html.unescape(notice) == messages.SURVEY_SUPPRESSED.format(label=name)
        assert 'id="grupo"' not in page.text and "<svg" not in page.text
    contractors = await auditor.get(f"{url}?tipo=contratista")
    assert 'id="supresion"' in contractors.text and "<svg" not in contractors.text
    servants = await auditor.get(f"{url}?tipo=servidor")  # 14, but 17 - 14 would give the 3
    assert 'id="supresion"' in servants.text and "<svg" not in servants.text
    crossed = await auditor.get(f"{url}?dependencia={ids['Hacienda']}&tipo=servidor")
    assert crossed.status_code == 200 and 'id="grupo"' not in crossed.text
    assert html.unescape(messages.SURVEY_NOT_CROSSED) in html.unescape(crossed.text)
    for query in ("orden=nombre", "dependencia=abc", "dependencia=999999", "tipo=gerente",
                  "dependencia=-1", "tipo=%3Cscript%3E", "por=persona"):
        bad = await auditor.get(f"{url}?{query}")
        assert bad.status_code == 400, query
        assert "<script>" not in bad.text
    assert (await auditor.get("/consola/encuestas/999999/resultados")).status_code == 404

    # free text: HR only, never with a group (same closed survey, to keep the test fast)
    comments = await user.get(f"/consola/encuestas/{survey_id}/comentarios")
    assert comments.status_code == 200
    assert comments.text.count("<li class=\"wrap\">Comentario") == 17
    assert "&lt;b&gt;sobre&lt;/b&gt;" in comments.text and "<b>sobre" not in comments.text
    for forbidden in ("Hacienda", "Planeación"):
        assert forbidden not in comments.text  # never with a group
    denied = await auditor.get(f"/consola/encuestas/{survey_id}/comentarios")
    assert denied.status_code == 403
    results_page = await auditor.get(f"/consola/encuestas/{survey_id}/resultados")
    assert messages.SURVEY_COMMENTS_LINK not in results_page.text
    assert messages.SURVEY_DIAGNOSIS_XLSX in results_page.text
    chart_link = f"/api/v1/surveys/{survey_id}/chart.svg"
    assert f'href="{chart_link}"' in results_page.text
    chart = await auditor.get(chart_link)  # the API accepts the console session for reads
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"

    workbook = await auditor.get(f"/consola/encuestas/{survey_id}/diagnostico.xlsx")
    assert workbook.status_code == 200
    assert "attachment" in workbook.headers["content-disposition"]
    book = load_workbook(io.BytesIO(workbook.content))
    summary = {r[0]: r[1] for r in book["Resumen"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Invitadas"] == 17 and summary["Terminaron"] == 17
    groups = {r[0] for r in book["Por dependencia"].iter_rows(min_row=2, values_only=True)
              if r and r[1]}
    assert groups == {"Hacienda", "Otras"}
    assert "Retroalimentación rápida" in book.sheetnames  # the same export as the API
    printable = await auditor.get(f"/consola/encuestas/{survey_id}/diagnostico.html")
    assert printable.status_code == 200 and "<svg" in printable.text
    assert "Retroalimentación rápida" in printable.text
    policy = printable.headers["content-security-policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert "Tránsito" not in printable.text


async def test_exports_and_comments_wait_for_the_close(login_as: LoginAs,
                                                       services: Services) -> None:
    user = await login_as("admin")
    survey_id = _survey_id(await user.post("/consola/encuestas/inicial", PERIOD))
    for suffix in ("diagnostico.xlsx", "diagnostico.html"):
        early = await user.get(f"/consola/encuestas/{survey_id}/{suffix}")
        assert early.status_code == 409 and survey_messages.RESULTS_NOT_READY in early.text
    comments = await user.get(f"/consola/encuestas/{survey_id}/comentarios")
    assert survey_messages.RESULTS_NOT_READY in comments.text


async def test_few_answers_show_nothing(login_as: LoginAs, services: Services) -> None:
    services.extras[NOTIFIER] = RecordingNotifier()
    people = await make_people(services.db, {("Hacienda", "servidor"): 4})
    user = await login_as("talento_humano")
    survey_id = _survey_id(await user.post("/consola/encuestas/inicial", PERIOD))
    await user.post(f"/consola/encuestas/{survey_id}/lanzar")
    await _answer_all(services, survey_id, people)
    await user.post(f"/consola/encuestas/{survey_id}/cerrar", CONFIRMED)
    page = await user.get(f"/consola/encuestas/{survey_id}/resultados")
    assert survey_messages.TOO_FEW.format(k=5) in page.text and "<svg" not in page.text
    ids = await _departments(services)
    alone = await user.get(f"/consola/encuestas/{survey_id}/resultados"
                           f"?dependencia={ids['Hacienda']}")
    assert "<svg" not in alone.text and 'id="grupo"' not in alone.text
    comments = await user.get(f"/consola/encuestas/{survey_id}/comentarios")
    assert messages.SURVEY_COMMENTS_NONE in comments.text and "Comentario 0" not in comments.text


async def test_definition_form_keeps_the_input_and_explains_in_spanish(
    login_as: LoginAs, services: Services
) -> None:
    user = await login_as("talento_humano")
    form = await user.get("/consola/encuestas/nueva")
    assert form.status_code == 200
    assert "kind: likert" in form.text and "Lo aplico en mi trabajo" in form.text
    assert 'value="Encuesta de percepción de integridad"' in form.text
    base = {**PERIOD, "audiencia": "todos", "titulo": ""}
    cases = [
        ("questions: [\n  - kind: likert", "no es un YAML válido cerca de la línea"),
        ("title: x\nquestions: []\nopens_on: 2026-01-01", "Claves desconocidas"),
        ("- solo\n- una lista", "debe ser una lista de claves"),
        ("title: x\nquestions:\n  - kind: escala\n    text: Hola",
         "Pregunta 1: «kind» debe ser uno de"),
        ("title: x\nquestions:\n  - kind: likert", "Pregunta 1: falta «text»"),
        ("title: x\nquestions:\n  - solo texto", "Pregunta 1: debe ser un bloque"),
        ("title: x\nquestions:\n  - kind: likert\n    text: 2026-01-01",
         "Pregunta 1: «text» debe ser un texto"),
        ("title: x\nquestions:\n  - kind: likert\n    value: valentía\n    text: Hola",
         "valor desconocido: valentía"),
        ("title: x\nquestions:\n  - kind: choice\n    text: Hola\n    options: [Sí]",
         "necesita entre 2 y 8 opciones"),
        ("a: &a [1, 2]\nb: *a", "anclas ni alias"),
        ("title: x\u0000\nquestions: []", "caracteres no permitidos"),
        ("[" * 5000, "no es un YAML válido"),
        ("   ", "Escriba la definición"),
        ("title: " + "x" * 2001 + "\nquestions: []", "Definición: «Título» es demasiado largo"),
        ("title: x\nquestions: " + "x" * MAX_DEFINITION, "el máximo es 60.000"),
    ]
    for definition, fragment in cases:
        response = await user.post("/consola/encuestas/nueva", {**base, "definicion": definition})
        assert response.status_code == 422, definition[:60]
        text = html.unescape(response.text)
        assert fragment in text, (definition[:60], text.split('id="problemas"')[-1][:400])
        kept = response.text.split('name="definicion"', 1)[1].split(">", 1)[1]
        assert kept.startswith(html.escape(definition[:200]).replace("&#x27;", "&#39;")), \
            definition[:60]
        assert "Traceback" not in text
    form_cases = [
        ({"abre": "31/12/2026"}, messages.SURVEY_BAD_DATE.format(label="Abre el")),
        ({"cierra": "2026-10-01"}, survey_messages.BAD_PERIOD),
        ({"periodo": "x" * 41}, "Formulario: «Nombre del periodo» es demasiado largo"),
        ({"titulo": "x" * 201}, survey_messages.TITLE_REQUIRED),
        ({"audiencia": "dependencia"}, messages.SURVEY_NO_DEPARTMENTS),
        ({"audiencia": "dependencia", "dependencias": ["abc"]}, messages.SURVEY_BAD_AUDIENCE),
        ({"audiencia": "dependencia", "dependencias": ["99999"]}, "Dependencias desconocidas"),
        ({"audiencia": "tipo"}, messages.SURVEY_NO_KIND),
        ({"audiencia": "tipo", "tipo": "gerente"}, messages.SURVEY_BAD_AUDIENCE),
        ({"audiencia": "nadie"}, messages.SURVEY_BAD_AUDIENCE),
    ]
    both = await user.post("/consola/encuestas/nueva", {
        **base, "audiencia": "tipo", "abre": "", "definicion": "title: x\nquestions:\n"
        "  - kind: escala\n    text: <b>Hola</b>"})
    problems = html.unescape(both.text.split('id="problemas"', 1)[1].split("</ul>", 1)[0])
    assert messages.SURVEY_NO_KIND in problems and "«kind» debe ser uno de" in problems
    assert messages.SURVEY_BAD_DATE.format(label="Abre el") in problems
    assert "<b>Hola" not in both.text and "&lt;b&gt;Hola&lt;/b&gt;" in both.text
    for changes, fragment in form_cases:
        response = await user.post("/consola/encuestas/nueva",
                                   {**base, "definicion": DEFINITION, **changes})
        assert response.status_code == 422, changes
        assert fragment in html.unescape(response.text), changes
        assert "¿Dicen la verdad?" in response.text  # the definition is kept
    assert await _count(services) == 0  # nothing stored by any failed attempt


async def test_definition_form_creates_a_survey(login_as: LoginAs, services: Services) -> None:
    await make_people(services.db, {("Hacienda", "servidor"): 2, ("Planeación", "servidor"): 1})
    ids = await _departments(services)
    user = await login_as("admin")
    created = await user.post("/consola/encuestas/nueva", {
        **PERIOD, "titulo": "  <script>alert(1)</script> Clima\u202e\u200b  ",
        "audiencia": "dependencia", "dependencias": [str(ids["Hacienda"])],
        "definicion": DEFINITION.replace("\n", "\r\n")})
    survey_id = _survey_id(created)
    detail = await user.get(f"/consola/encuestas/{survey_id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Clima</h1>" in detail.text
    assert "<script>alert" not in detail.text
    assert messages.SURVEY_AUDIENCE_IS_DEPARTMENTS.format(names="Hacienda") in detail.text
    assert "¿Dicen la verdad?" in detail.text and "Sí" in detail.text
    confirm = await user.get(f"/consola/encuestas/{survey_id}/lanzar")
    assert messages.SURVEY_LAUNCH_COUNT.format(n=2) in confirm.text
    by_kind = await user.post("/consola/encuestas/nueva", {
        **PERIOD, "titulo": "", "audiencia": "tipo", "tipo": "contratista",
        "definicion": DEFINITION})
    detail = await user.get(f"/consola/encuestas/{_survey_id(by_kind)}")
    assert "Clima de integridad</h1>" in detail.text  # the YAML's title
    assert messages.SURVEY_AUDIENCE_IS_KINDS.format(names="Contratista") in detail.text
    empty = await user.get(f"/consola/encuestas/{_survey_id(by_kind)}/lanzar")
    assert survey_messages.EMPTY_AUDIENCE in empty.text
    assert messages.SURVEY_LAUNCH_SUBMIT.format(n=0) not in empty.text


async def test_starter_form_errors_are_shown_on_the_list(login_as: LoginAs,
                                                         services: Services) -> None:
    user = await login_as("talento_humano")
    response = await user.post("/consola/encuestas/inicial",
                               {"periodo": "", "abre": "2026-13-01", "cierra": "\u202e"})
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert messages.SURVEY_BAD_DATE.format(label="Abre el") in text
    assert messages.SURVEY_BAD_DATE.format(label="Cierra el") in text
    assert 'value="2026-13-01"' in response.text  # kept
    assert "«Nombre del periodo» no puede quedar vacío" in text  # every problem at once
    empty_period = await user.post("/consola/encuestas/inicial", {**PERIOD, "periodo": ""})
    assert "«Nombre del periodo» no puede quedar vacío" in html.unescape(empty_period.text)
    assert await _count(services) == 0


async def test_forged_and_repeated_forms(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    forged = await user.post("/consola/encuestas/inicial", PERIOD, token="falso")
    assert forged.status_code == 403 and ui.CSRF_TITLE in forged.text
    other = await login_as("talento_humano")
    stolen = await user.post("/consola/encuestas/inicial", PERIOD, token=await other.token())
    assert stolen.status_code == 403
    cross = await user.post("/consola/encuestas/inicial", PERIOD,
                            headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert await _count(services) == 0
    token = await user.token_from("/consola/encuestas")
    assert (await user.post("/consola/encuestas/inicial", PERIOD, token=token)).status_code == 303
    twice = await user.post("/consola/encuestas/inicial", PERIOD, token=token)
    assert twice.status_code == 409 and ui.FORM_REUSED_TITLE in twice.text
    assert await _count(services) == 1


async def test_launch_without_the_chat_keeps_the_draft(login_as: LoginAs,
                                                       services: Services) -> None:
    await make_people(services.db, {("Hacienda", "servidor"): 5})
    user = await login_as("talento_humano")
    survey_id = _survey_id(await user.post("/consola/encuestas/inicial", PERIOD))
    response = await user.post(f"/consola/encuestas/{survey_id}/lanzar")
    assert response.status_code == 409 and CHAT_UNAVAILABLE in response.text
    detail = await user.get(f"/consola/encuestas/{survey_id}")
    assert "Borrador" in detail.text and messages.SURVEY_LAUNCH_LINK in detail.text
    missing = await user.post("/consola/encuestas/999999/lanzar")
    assert missing.status_code == 404


async def test_roles_see_only_their_actions(login_as: LoginAs, services: Services) -> None:
    user = await login_as("talento_humano")
    survey_id = await _closed_starter(services, user, answered=False)
    auditor = await login_as("auditor")
    listing = await auditor.get("/consola/encuestas")
    assert listing.status_code == 200 and 'action="/consola/encuestas/inicial"' not in listing.text
    assert messages.SURVEY_NEW_LINK not in listing.text
    detail = await auditor.get(f"/consola/encuestas/{survey_id}")
    assert messages.SURVEY_RESULTS_LINK in detail.text
    assert messages.SURVEY_COMMENTS_LINK not in detail.text
    assert (await auditor.post("/consola/encuestas/inicial", PERIOD)).status_code == 403
    advisor = await login_as("asesor")
    assert (await advisor.get("/consola/encuestas")).status_code == 403
    home = await advisor.get("/consola/")
    assert messages.CARD_SURVEYS not in home.text


async def test_dashboard_card_shows_participation(login_as: LoginAs,
                                                  services: Services) -> None:
    user = await login_as("talento_humano")
    home = await user.get("/consola/")
    assert messages.CARD_SURVEY_NONE in home.text
    survey_id = await _closed_starter(services, user, answered=False)
    card = (await user.get("/consola/")).text.split(messages.CARD_SURVEYS, 1)[1]
    card = card.split("</section>", 1)[0]
    assert '<p class="big">0%</p>' in card and "<dd>17</dd>" in card
    assert f'href="/consola/encuestas/{survey_id}"' in card and "chart-stack" in card
