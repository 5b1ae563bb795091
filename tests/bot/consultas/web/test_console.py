"""Consultas in the console: tickets by due date, answering through the outbox, closing,
promoting to the knowledge base, editing the base and "probar"; nasty input on every form."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from bot.consultas import ticket_messages as desk_messages
from bot.consultas.web import messages
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.services import Services
from nucleo.web.console import messages as ui
from tests.bot.consultas.desk import SOURCE, Clock, add_person, bogota
from tests.web.console import LoginAs

URL = "/consola/consultas"
INJECTION = "<script>alert(1)</script> **negrita** <img src=x onerror=alert(2)> [enlace](javascript:x)"
PROMOTE = {"identificador": "bingos_contratistas", "titulo": "Bingos y rifas de contratistas",
           "valor": "honestidad", "incluir_pregunta": "si",
           "formas": "puedo jugar el bingo de un contratista\nrifa de fin de año de un proveedor\n"
                     "sorteos que organiza una empresa contratista\n"
                     "me gané un premio en la rifa de un proveedor",
           "respuesta": "No participes en rifas, bingos ni sorteos que organice un proveedor o "
                        "contratista: el premio es un regalo.",
           "fuentes": SOURCE}


async def escalate(services: Services, desk, question: str = "¿Puedo evaluar a mi cuñis?",
                   person: bool = True) -> tuple[int, int | None]:
    """Open a ticket with the desk's real escalation action; (ticket id, person id)."""
    person_id = await add_person(services, chat_id=uuid.uuid4().int % 10**9,
                                 department=None) if person else None
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question=question, person_id=person_id,
                                      anonymous=not person)
        await session.commit()
    return receipt.ticket_id, person_id


def textarea(html: str, name: str) -> str:
    match = re.search(rf'<textarea id="f-{name}" name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name}"
    return match.group(1)


async def test_tickets_by_due_date_with_overdue_ones_said_in_words(
        login_as: LoginAs, services: Services, desk, clock: Clock) -> None:
    clock.now = bogota(2026, 7, 1, 9)
    old, _ = await escalate(services, desk, "Una consulta vieja", person=False)
    clock.now = bogota(2026, 8, 14, 10)
    new, _ = await escalate(services, desk, "Una consulta nueva", person=False)
    user = await login_as("asesor")
    page = await user.get(URL)
    assert page.status_code == 200
    table = page.text.split('id="consultas"', 1)[1]
    assert table.index("Una consulta vieja") < table.index("Una consulta nueva")
    overdue_row = table.split("<tr", 3)[2]  # header row first, then the most urgent
    assert 'class="overdue"' in overdue_row and messages.CONSULT_OVERDUE in overdue_row
    assert "vencida hace" in overdue_row and "días hábiles" in overdue_row
    assert "faltan 10 días hábiles" in page.text
    soon = await user.get(URL + "?plazo=0")
    assert "Una consulta vieja" in soon.text and "Una consulta nueva" not in soon.text
    closed = await user.get(URL + "?estado=cerrado")
    assert messages.CONSULT_NONE in closed.text
    both = await user.get(URL + "?estado=todas&plazo=&pagina=1")
    assert both.status_code == 200 and f"/consola/consultas/{old}" in both.text
    assert f"/consola/consultas/{new}" in both.text


async def test_tickets_are_paginated(login_as: LoginAs, services: Services, desk) -> None:
    for n in range(27):
        await escalate(services, desk, f"Pregunta número {n:02d}", person=False)
    user = await login_as("talento_humano")
    first = await user.get(URL)
    assert "Página 1 de 2 (27 en total)" in first.text and 'rel="next"' in first.text
    second = await user.get(URL + "?pagina=2")
    assert second.text.count('<tr') == 3  # header + the last two


async def test_only_known_parameters_and_values(login_as: LoginAs, desk) -> None:
    user = await login_as("asesor")
    for query in ("estado=raro", "plazo=abc", "plazo=-1", "plazo=99", "pagina=0", "orden=id",
                  "status=abierto", "estado=abierto&limit=500"):
        response = await user.get(f"{URL}?{query}")
        assert response.status_code == 400, query
        assert "text/html" in response.headers["content-type"]
    for path in ("/base?orden=x", "/base?origen=otro", "/base?q=" + "x" * 101, "/probar?x=1",
                 "/1?x=1"):
        assert (await user.get(URL + path)).status_code == 400, path


async def test_the_question_is_inert_text(login_as: LoginAs, services: Services, desk) -> None:
    ticket, _ = await escalate(services, desk, INJECTION)
    user = await login_as("asesor")
    for path in (URL, f"{URL}/{ticket}"):
        page = await user.get(path)
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "**negrita**" in page.text  # Markdown is not interpreted either


async def test_an_answer_reaches_the_person_through_the_outbox(
        login_as: LoginAs, services: Services, desk) -> None:
    ensure_notifier(services)
    ticket, person_id = await escalate(services, desk)
    user = await login_as("asesor", full_name="Asesora Ética")
    detail = await user.get(f"{URL}/{ticket}")
    assert messages.CONSULT_ANSWER_SUBMIT in detail.text
    answered = await user.post(f"{URL}/{ticket}/responder",
                               {"respuesta": "Declárese <b>impedido</b> por escrito. 👩🏽‍⚖️"})
    assert answered.status_code == 303
    page = await user.get(answered.headers["location"])
    assert desk_messages.NOTIFIED in page.text
    assert 'id="estado">Respondida<' in page.text
    assert "Respondida por Asesora Ética" in page.text
    assert messages.CONSULT_NOTIFIED_EVENT in page.text
    assert "Declárese &lt;b&gt;impedido&lt;/b&gt;" in page.text
    async with services.db.session() as session:
        [row] = (await session.scalars(select(OutboxMessage))).all()
    assert row.person_id == person_id and row.state == "pendiente"
    assert "Declárese &lt;b&gt;impedido&lt;/b&gt; por escrito. 👩🏽" in row.text_html
    audit = await (await login_as("admin")).get("/consola/auditoria?accion=consulta.responder")
    assert "consulta.responder" in audit.text


async def test_without_the_chat_channel_the_answer_is_kept_and_the_page_says_so(
        login_as: LoginAs, services: Services, desk) -> None:
    ticket, _ = await escalate(services, desk)
    user = await login_as("talento_humano")
    answered = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "Sí puede."})
    page = await user.get(answered.headers["location"])
    assert desk_messages.NOTIFIER_MISSING in page.text
    assert messages.CONSULT_NOT_NOTIFIED in page.text
    async with services.db.session() as session:
        assert (await session.scalars(select(OutboxMessage))).all() == []


async def test_bad_answers_come_back_in_spanish_with_the_input(
        login_as: LoginAs, services: Services, desk) -> None:
    ticket, _ = await escalate(services, desk)
    user = await login_as("asesor")
    for answer, problem in (("", desk_messages.EMPTY_ANSWER),
                            (" \u200b\u0000 \n ", desk_messages.EMPTY_ANSWER),
                            ("Larga " * 1700, desk_messages.ANSWER_TOO_LONG.format(limit=3000))):
        response = await user.post(f"{URL}/{ticket}/responder", {"respuesta": answer})
        assert response.status_code == 422
        assert problem in response.text
        if answer.startswith("Larga"):
            assert textarea(response.text, "respuesta") == answer.replace("\r\n", "\n")
    page = await user.get(f"{URL}/{ticket}")
    assert 'id="estado">Abierta<' in page.text  # nothing was stored


async def test_an_enormous_form_field_gets_the_spanish_400(login_as: LoginAs, services: Services,
                                                           desk) -> None:
    ticket, _ = await escalate(services, desk)
    user = await login_as("asesor")
    response = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "x" * 60_000})
    assert response.status_code == 400 and "respuesta" in response.text


async def test_twice_closed_forged_and_unknown(login_as: LoginAs, services: Services,
                                               desk) -> None:
    ticket, _ = await escalate(services, desk)
    user = await login_as("asesor")
    forged = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "Hola"},
                             token="falso.token")
    assert forged.status_code == 403 and ui.CSRF_TITLE in forged.text
    token = await user.token()
    first = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "Uno"}, token=token)
    assert first.status_code == 303
    resent = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "Uno"}, token=token)
    assert resent.status_code == 409 and ui.FORM_REUSED_TITLE in resent.text
    again = await user.post(f"{URL}/{ticket}/responder", {"respuesta": "Dos <b>x</b>"})
    assert again.status_code == 409 and 'id="no-enviado">Dos &lt;b&gt;x&lt;/b&gt;<' in again.text
    assert desk_messages.ALREADY_ANSWERED.format(ticket_id=ticket) in again.text
    closed = await user.post(f"{URL}/{ticket}/cerrar")
    assert closed.status_code == 303
    page = await user.get(f"{URL}/{ticket}")
    assert messages.CONSULT_CLOSED_NOTICE.format(id=ticket) in page.text
    assert messages.CONSULT_CLOSE not in page.text.split("</h1>", 1)[1]
    other, _ = await escalate(services, desk)
    await user.post(f"{URL}/{other}/cerrar")
    late = await user.post(f"{URL}/{other}/responder", {"respuesta": "Tarde"})
    assert late.status_code == 409
    assert desk_messages.TICKET_CLOSED.format(ticket_id=other) in late.text
    assert 'id="no-enviado">Tarde<' in late.text  # what was typed is not lost
    twice = await user.post(f"{URL}/{other}/cerrar")
    assert twice.status_code == 409
    for method, path in (("GET", "/424242"), ("POST", "/424242/responder"),
                         ("POST", "/424242/cerrar"), ("GET", "/424242/promover")):
        response = await (user.get(URL + path) if method == "GET"
                          else user.post(URL + path, {"respuesta": "x"}))
        assert response.status_code == 404, path
        assert ui.NOT_FOUND_TITLE in response.text


async def test_the_auditor_reads_but_does_not_answer(login_as: LoginAs, services: Services,
                                                     desk) -> None:
    ticket, _ = await escalate(services, desk)
    auditor = await login_as("auditor")
    page = await auditor.get(f"{URL}/{ticket}")
    assert page.status_code == 200 and messages.CONSULT_READ_ONLY in page.text
    assert 'name="respuesta"' not in page.text
    denied = await auditor.post(f"{URL}/{ticket}/responder", {"respuesta": "No"})
    assert denied.status_code == 403


async def test_promote_an_answer_to_the_knowledge_base(login_as: LoginAs, services: Services,
                                                       desk) -> None:
    question = "¿Puedo jugar el bingo de un contratista?"
    ticket, _ = await escalate(services, desk, question)
    user = await login_as("asesor")
    await user.post(f"{URL}/{ticket}/responder", {"respuesta": PROMOTE["respuesta"]})
    form = await user.get(f"{URL}/{ticket}/promover")
    assert form.status_code == 200
    assert textarea(form.text, "respuesta") == PROMOTE["respuesta"]
    few = await user.post(f"{URL}/{ticket}/promover", {**PROMOTE, "formas": "solo una forma"})
    assert few.status_code == 422
    assert "al menos 5 formas" in few.text and 'value="bingos_contratistas"' in few.text
    assert textarea(few.text, "formas") == "solo una forma"
    bad = await user.post(f"{URL}/{ticket}/promover",
                          {**PROMOTE, "identificador": "Mal Id", "titulo": "ab", "fuentes": ""})
    assert bad.status_code == 422
    assert f"{messages.KB_FIELD_ID}: {messages.KB_PROBLEM_PATTERN}" in bad.text
    assert f"{messages.KB_FIELD_TITLE}: {messages.KB_PROBLEM_MIN_CHARS.format(n=3)}" in bad.text
    assert "Fuentes: " + messages.KB_PROBLEM_MIN_ITEMS.format(n=1) in bad.text
    assert "String should" not in bad.text  # no English from pydantic
    done = await user.post(f"{URL}/{ticket}/promover", PROMOTE)
    assert done.status_code == 303
    assert done.headers["location"] == "/consola/consultas/base/bingos_contratistas"
    entry = await user.get(done.headers["location"])
    assert messages.CONSULT_PROMOTED.format(id=ticket, title=PROMOTE["titulo"]) in entry.text
    assert question in entry.text and 'id="origen">Nueva<' in entry.text
    assert 'class="chat-bubble"><b>Bingos y rifas de contratistas</b>' in entry.text
    again = await user.post(f"{URL}/{ticket}/promover", {**PROMOTE, "identificador": "otra_vez"})
    assert again.status_code == 409 and "ya se convirtió" in again.text
    tried = await user.post(f"{URL}/probar", {"pregunta": question})
    assert "bingos_contratistas" in tried.text and SOURCE in tried.text
    detail = await user.get(f"{URL}/{ticket}")
    assert messages.CONSULT_PROMOTED_EVENT.format(entry="bingos_contratistas") in detail.text


async def test_knowledge_base_list_search_and_roles(login_as: LoginAs, desk) -> None:
    auditor = await login_as("auditor")
    listing = await auditor.get(URL + "/base")
    assert listing.status_code == 200 and listing.text.count("<tr") == 51
    assert 'rel="next"' in listing.text
    assert messages.KB_NEW not in listing.text
    found = await auditor.get(URL + "/base?q=RECUSACIÓN")
    assert "recusacion_que_es" in found.text and "regalos</code>" not in found.text
    assert "(0 en total)" in (await auditor.get(URL + "/base?q=zzzqqq")).text
    entry = await auditor.get(URL + "/base/recusacion_que_es")
    assert entry.status_code == 200 and 'class="chat-bubble"' in entry.text
    assert messages.KB_EDIT not in entry.text.split("</h1>", 1)[1].split("<footer", 1)[0]
    assert (await auditor.get(URL + "/base/no_existe")).status_code == 404
    assert (await auditor.get(URL + "/base/recusacion_que_es/editar")).status_code == 403
    asesor = await login_as("asesor")
    assert (await asesor.post(URL + "/base/nueva", {"identificador": "x"})).status_code == 403


async def test_hr_edits_an_entry_and_undoes_it(login_as: LoginAs, desk) -> None:
    hr = await login_as("talento_humano")
    form = await hr.get(URL + "/base/recusacion_que_es/editar")
    assert form.status_code == 200
    fields = {name: textarea(form.text, name) for name in
              ("formas", "respuesta", "fuentes", "relacionadas", "palabras")}
    title = re.search(r'name="titulo" type="text" value="([^"]*)"', form.text).group(1)
    data = {**fields, "titulo": title, "tipo": "answer", "valor": "", "activa": "si",
            "respuesta": "La recusación: una nueva explicación <i>editada</i> por Talento Humano."}
    data = {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
            .replace("&lt;", "<").replace("&gt;", ">") for k, v in data.items()}
    saved = await hr.post(URL + "/base/recusacion_que_es/editar", data)
    assert saved.status_code == 303, saved.text[:3000]
    entry = await hr.get(saved.headers["location"])
    assert 'id="origen">Editada<' in entry.text
    assert "una nueva explicación &lt;i&gt;editada&lt;/i&gt;" in entry.text  # shown as text
    tried = await hr.post(URL + "/probar", {"pregunta": "¿Qué es la recusación?"})
    assert "una nueva explicación" in tried.text
    asked = await hr.post(URL + "/base/recusacion_que_es/deshacer")
    assert asked.status_code == 200 and messages.KB_UNDO_CONFIRM in asked.text
    assert messages.KB_UNDO_CONSEQUENCE_EDITED in asked.text
    assert 'id="origen">Editada<' in (await hr.get(URL + "/base/recusacion_que_es")).text
    undone = await hr.post(URL + "/base/recusacion_que_es/deshacer", {"confirmado": "1"})
    assert undone.status_code == 303
    entry = await hr.get(undone.headers["location"])
    assert 'id="origen">Archivo<' in entry.text and messages.KB_UNDONE.split("«")[0] in entry.text
    assert (await hr.post(URL + "/base/recusacion_que_es/deshacer")).status_code == 404


async def test_creating_an_entry_shows_spanish_errors_and_keeps_the_input(
        login_as: LoginAs, desk) -> None:
    admin = await login_as("admin")
    data = {"identificador": "rifas_proveedores", "titulo": "Rifas <b>y</b> sorteos",
            "tipo": "answer", "valor": "honestidad", "activa": "si",
            "formas": "rifa\nrifa de un proveedor\nRifa de un proveedor",
            "respuesta": "Corta", "fuentes": "", "relacionadas": "no_existe"}
    response = await admin.post(URL + "/base/nueva", data)
    assert response.status_code == 422
    assert messages.KB_FIX_ERRORS in response.text
    assert "Respuesta del bot: " + messages.KB_PROBLEM_MIN_CHARS.format(n=20) in response.text
    assert 'value="Rifas &lt;b&gt;y&lt;/b&gt; sorteos"' in response.text
    assert textarea(response.text, "formas") == "rifa\nrifa de un proveedor\nRifa de un proveedor"
    good = {**data, "formas": "rifa de un proveedor\nsorteo de un contratista\nbingo de proveedores"
            "\nrifa navideña de una empresa\npremio de un proveedor",
            "respuesta": "No participes en rifas de proveedores: el premio es un regalo.",
            "fuentes": SOURCE}
    unknown_related = await admin.post(URL + "/base/nueva", good)
    assert unknown_related.status_code == 422 and "no_existe" in unknown_related.text
    refused = await admin.post(URL + "/base/nueva", {**good, "relacionadas": "",
                                                     "fuentes": "Código Penal, art. 409"})
    assert refused.status_code == 422 and "no está verificada [R]" in refused.text
    created = await admin.post(URL + "/base/nueva", {**good, "relacionadas": "regalos"})
    assert created.status_code == 303
    duplicate = await admin.post(URL + "/base/nueva", {**good, "relacionadas": ""})
    assert duplicate.status_code == 409 and "Ya existe una entrada" in duplicate.text
    odd = await admin.post(URL + "/base/nueva", {**good, "identificador": "ñandú_😀",
                                                 "tipo": "otro", "relacionadas": ""})
    assert odd.status_code == 422
    assert messages.KB_FIELD_KIND + ": " in odd.text


async def test_try_box_renders_like_the_chat_and_safely(login_as: LoginAs, desk) -> None:
    user = await login_as("auditor")
    assert (await user.get(URL + "/probar")).status_code == 200
    page = await user.post(URL + "/probar", {"pregunta": "¿Qué es la recusación?"})
    assert page.status_code == 200
    bubble = page.text.split('class="chat-bubble">', 1)[1].split("</div>", 1)[0]
    assert bubble.startswith("<b>") and "<b>Fuentes:</b>" in bubble
    assert 'id="fuentes"' in page.text and messages.TRY_ACTIONS["answer"] in page.text
    hostile = await user.post(URL + "/probar", {"pregunta": INJECTION})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in textarea(hostile.text, "pregunta")
    emoji = await user.post(URL + "/probar", {"pregunta": "🙂🙂🙂"})
    assert emoji.status_code == 200 and "No alcancé a leer" in emoji.text
    empty = await user.post(URL + "/probar", {"pregunta": "   "})
    assert empty.status_code == 422 and messages.TRY_EMPTY in empty.text
    long = await user.post(URL + "/probar", {"pregunta": "a" * 10_001})
    assert long.status_code == 422 and "10.000" in long.text


async def test_dashboard_card_counts_tickets_due(login_as: LoginAs, services: Services, desk,
                                                 clock: Clock) -> None:
    clock.now = bogota(2026, 7, 1, 9)
    await escalate(services, desk, "Vieja", person=False)
    clock.now = bogota(2026, 8, 14, 10)
    await escalate(services, desk, "Nueva", person=False)
    user = await login_as("asesor")
    home = await user.get("/consola/")
    card = home.text.split(messages.CARD_TICKETS_DUE, 1)[1].split("</section>", 1)[0]
    assert '<p class="big">1</p>' in card
    assert f"<dt>{messages.CARD_TICKETS_OVERDUE}</dt><dd>1</dd>" in card
    assert f"<dt>{messages.CARD_TICKETS_OPEN}</dt><dd>2</dd>" in card
    assert 'href="/consola/consultas?plazo=2"' in card


async def test_the_office_is_shown_filtered_and_changed(login_as: LoginAs, services: Services,
                                                         desk) -> None:
    report, _ = await escalate(services, desk, "un proveedor me ofrecio plata para que lo escogiera")
    other, _ = await escalate(services, desk, "una duda que nadie entiende xyzzy")
    user = await login_as("asesor")
    only = await user.get(URL + "?oficina=control_interno_disciplinario")
    assert f"{URL}/{report}" in only.text and f"{URL}/{other}" not in only.text
    assert "Control Interno Disciplinario" in only.text
    assert (await user.get(URL + "?oficina=gerencia")).status_code == 400
    moved = await user.post(f"{URL}/{other}/encaminar", {"oficina": "juridica"})
    assert moved.status_code == 303
    page = await user.get(moved.headers["location"])
    assert 'id="oficina">Oficina Jurídica<' in page.text
    assert messages.CONSULT_ROUTED_NOTICE.format(id=other, office="Oficina Jurídica") in page.text
    bad = await user.post(f"{URL}/{other}/encaminar", {"oficina": "gerencia"})
    assert bad.status_code in (400, 422) and "no es una oficina válida" in bad.text
    auditor = await login_as("auditor")
    assert (await auditor.post(f"{URL}/{other}/encaminar", {"oficina": "juridica"})).status_code == 403


async def test_an_advisor_takes_a_ticket_and_finds_it_under_their_own(
        login_as: LoginAs, services: Services, desk) -> None:
    mine, _ = await escalate(services, desk, "¿Puedo evaluar a mi cuñis?")
    other, _ = await escalate(services, desk, "una duda que nadie entiende xyzzy", person=False)
    user = await login_as("asesor")
    page = await user.get(f"{URL}/{mine}")
    assert 'name="asesor"' in page.text and messages.CONSULT_UNASSIGNED in page.text
    taken = await user.post(f"{URL}/{mine}/asignar", {"asesor": str(user.account.id)})
    assert taken.status_code == 303
    shown = await user.get(taken.headers["location"])
    assert f'id="a-cargo">{user.account.full_name}<' in shown.text
    assert messages.CONSULT_ASSIGNED_NOTICE.format(id=mine, name=user.account.full_name) in shown.text
    listed = await user.get(URL + "?asignadas=mias")
    assert f"{URL}/{mine}" in listed.text and f"{URL}/{other}" not in listed.text
    free = await user.get(URL + "?asignadas=sin_asignar")
    assert f"{URL}/{other}" in free.text and f"{URL}/{mine}" not in free.text
    assert (await user.get(URL + "?asignadas=todos")).status_code == 400
    for bad in ("nadie", "999999", "-3"):
        refused = await user.post(f"{URL}/{mine}/asignar", {"asesor": bad})
        assert refused.status_code == 422 and "no responde consultas" in refused.text, bad
    released = await user.post(f"{URL}/{mine}/asignar", {"asesor": ""})
    after = await user.get(released.headers["location"])
    assert f'id="a-cargo">{messages.CONSULT_UNASSIGNED}<' in after.text
    auditor = await login_as("auditor")
    assert (await auditor.post(f"{URL}/{mine}/asignar", {"asesor": ""})).status_code == 403
