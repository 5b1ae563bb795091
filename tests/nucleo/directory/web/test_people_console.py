"""Directorio in the console: accent-blind search, retired apart, edit, retire, export, coverage."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from nucleo.directory.web import messages
from nucleo.models import AuditEntry, Consent, Person
from nucleo.services import Services
from tests.web.console import LoginAs

CSV = ("nombre;documento;correo;dependencia;tipo\n"
       "Zoe Ruiz;111;zoe@x.co;Hacienda;servidor\n"
       "Álvaro Muñoz;1.020.304;alvaro@x.co;Hacienda;servidor\n"
       "Nora Munoz;444;nora@x.co;Gobierno;contratista\n").encode()


async def _setup(login_as: LoginAs, role: str = "talento_humano"):
    user = await login_as(role)
    response = await user.post("/consola/directorio/importar", {"crear_dependencias": "si"},
                               files={"archivo": ("d.csv", CSV, "text/csv")})
    assert "3 nuevas" in response.text
    return user


def _names(html: str) -> list[str]:
    table = html.split('id="personas"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'/consola/directorio/personas/\d+">([^<]+)</a>', table)


async def _id(services: Services, document: str) -> int:
    async with services.db.session() as session:
        return int(await session.scalar(select(Person.id).where(
            Person.document_id == document)) or 0)


async def test_search_both_ways_and_spanish_order(login_as: LoginAs) -> None:
    user = await _setup(login_as)
    assert _names((await user.get("/consola/directorio")).text) == [
        "Álvaro Muñoz", "Nora Munoz", "Zoe Ruiz"]
    for q in ("munoz", "muñoz", "MUNOZ"):
        page = await user.get("/consola/directorio", params={"q": q})
        assert _names(page.text) == ["Álvaro Muñoz", "Nora Munoz"]
    assert _names((await user.get("/consola/directorio",
                                  params={"q": "1.020.304"})).text) == ["Álvaro Muñoz"]
    injected = await user.get("/consola/directorio", params={"q": "<script>'%"})
    assert injected.status_code == 200 and "<script>'" not in injected.text
    assert messages.NO_PEOPLE in injected.text and 'action="/consola/directorio/lote"' not in \
        injected.text  # nobody found: the sentence, and no bulk form
    bad = await user.get("/consola/directorio", params={"estado": "borradas"})
    assert bad.status_code == 400 or bad.status_code == 422


async def test_edit_and_retire_from_the_console(login_as: LoginAs, services: Services) -> None:
    user = await _setup(login_as)
    pid = await _id(services, "444")
    path = f"/consola/directorio/personas/{pid}"
    form = await user.get(path)
    assert form.status_code == 200 and 'id="editar-persona"' in form.text
    refused = await user.post(path, {"full_name": "Nora", "email": "no-es", "kind": "servidor"})
    assert refused.status_code == 422 and "El correo no es válido." in refused.text
    saved = await user.post(path, {"full_name": "Nora Muñoz", "document_id": "444",
                                   "email": "nora@x.co", "kind": "servidor"})
    assert saved.status_code == 303
    assert "Cambios guardados." in (await user.get(path)).text
    retired = await user.post(path + "/retirar")
    assert retired.status_code == 303
    assert "Retirada desde" in (await user.get(path)).text
    listing = (await user.get("/consola/directorio")).text
    assert _names(listing) == ["Álvaro Muñoz", "Zoe Ruiz"]
    assert 'id="retiradas-aparte"' in listing and "Retiradas: 1." in listing
    assert _names((await user.get("/consola/directorio?estado=retiradas")).text) == [
        "Nora Muñoz"]
    async with services.db.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).where(
            AuditEntry.target_type == "person"))).all()
        details = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "people.update"))).all()
    assert sorted(actions) == ["people.retire", "people.update"]
    assert details == [{"fields": ["full_name", "kind"]}]  # field names, never values
    again = await user.post(path + "/retirar")
    assert again.status_code == 409 and "ya está retirada" in again.text


async def test_auditor_reads_coverage_but_not_people(login_as: LoginAs) -> None:
    await _setup(login_as)
    auditor = await login_as("auditor")
    assert (await auditor.get("/consola/directorio/cobertura")).status_code == 200
    assert (await auditor.get("/consola/directorio")).status_code == 403


async def test_export_follows_the_filters(login_as: LoginAs) -> None:
    user = await _setup(login_as)
    response = await user.get("/consola/directorio/exportar.csv", params={"q": "munoz"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert [ln.split(",")[0] for ln in lines[1:]] == ["Álvaro Muñoz", "Nora Munoz"]
    xlsx = await user.get("/consola/directorio/exportar.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (await user.get("/consola/directorio/exportar.pdf")).status_code in (400, 404, 422)


async def test_coverage_counts_linked_consenting_and_reachable(
        login_as: LoginAs, services: Services) -> None:
    user = await _setup(login_as)
    async with services.db.session() as session:
        alvaro = await session.get(Person, await _id(services, "1020304"))
        zoe = await session.get(Person, await _id(services, "111"))
        assert alvaro and zoe
        alvaro.telegram_chat_id, alvaro.subscribed = 5001, True  # as the bot does on consent
        alvaro.linked_at = datetime(2026, 3, 2, tzinfo=UTC)  # as link_chat does after consent
        zoe.telegram_chat_id = 5002  # a chat id without a consented link is not «vinculada»
        session.add(Consent(person_id=alvaro.id, purpose="campanas", granted=True,
                            notice_version="t", channel="telegram"))
        session.add(Consent(person_id=zoe.id, purpose="estadisticas", granted=True,
                            notice_version="t", channel="web"))
        await session.commit()
    page = (await user.get("/consola/directorio/cobertura")).text
    table = page.split('id="cobertura"', 1)[1].split("</table>", 1)[0]
    hacienda = table.split("Hacienda</th>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="num">(\d+)', hacienda)
    # people, linked, consenting, telegram, web, whatsapp, email
    assert cells == ["2", "1", "2", "1", "0", "0", "1"]
    assert "alvaro@x.co" not in page and "Álvaro" not in page


async def test_bad_edit_input_gets_spanish_messages(login_as: LoginAs, services: Services) -> None:
    user = await _setup(login_as)
    pid = await _id(services, "111")
    path = f"/consola/directorio/personas/{pid}"
    long_name = await user.post(path, {"full_name": "N" * 250, "kind": "servidor"})
    assert long_name.status_code == 422 and "El nombre supera 200 caracteres." in long_name.text
    huge = await user.post(path, {"full_name": "N" * 5000})
    assert huge.status_code == 400 and "<h1>" in huge.text
    for typed in ("abc", "²", "9999999999"):  # "²".isdigit(); 10 digits overflow int4
        bad_dep = await user.post(path, {"full_name": "Zoe", "department_id": typed})
        assert bad_dep.status_code == 422 and "La dependencia elegida no existe." in bad_dep.text
    missing = await user.post(path, {"full_name": "Zoe", "department_id": "99999"})
    assert missing.status_code == 422 and "La dependencia elegida no existe." in missing.text
    odd = await user.post(path, {"full_name": "Zoe\u202e\u200b Ruiz\x00", "kind": "servidor",
                                  "document_id": "111"})
    assert odd.status_code == 303
    async with services.db.session() as session:
        zoe = await session.get(Person, pid)
        assert zoe is not None and zoe.full_name == "Zoe Ruiz"
    assert (await user.get("/consola/directorio/personas/99999")).status_code == 404


async def test_mobile_in_the_form_the_list_and_the_export(login_as: LoginAs,
                                                          services: Services) -> None:
    user = await _setup(login_as)
    pid = await _id(services, "444")
    path = f"/consola/directorio/personas/{pid}"
    base = {"full_name": "Nora Munoz", "document_id": "444", "email": "nora@x.co",
            "kind": "contratista"}
    bad = await user.post(path, {**base, "mobile": "300-llámeme"})
    assert bad.status_code == 422 and "no es un número de celular válido" in bad.text
    assert 'value="300-llámeme"' in bad.text  # the form keeps what was typed
    fixed = await user.post(path, {**base, "mobile": "6012345678"})
    assert fixed.status_code == 422 and "es un teléfono fijo" in fixed.text
    saved = await user.post(path, {**base, "mobile": "(300) 123-4567"})
    assert saved.status_code == 303
    async with services.db.session() as session:
        nora = await session.get(Person, pid)
        assert nora is not None and nora.mobile == "+573001234567"
    assert 'value="300 1234567"' in (await user.get(path)).text
    assert "300 1234567" in (await user.get("/consola/directorio")).text
    other = await _id(services, "111")
    taken = await user.post(f"/consola/directorio/personas/{other}",
                            {"full_name": "Zoe Ruiz", "document_id": "111", "email": "zoe@x.co",
                             "kind": "servidor", "mobile": "+57 300 123 4567"})
    assert taken.status_code == 422 and "Ese celular ya pertenece" in taken.text


async def test_the_person_page_shows_the_superior(login_as: LoginAs, services: Services) -> None:
    """#18: the import's jefe inmediato on the person's page; refused ones in the report."""
    user = await login_as("talento_humano")
    data = (b"nombre;documento;dependencia;tipo;jefe inmediato\n"
            b"Ana Ruiz;111;Hacienda;servidor;222\nBeto <i>Paz</i>;222;Despacho;servidor;\n"
            b"Ciro Sol;333;Hacienda;servidor;111\n"
            b"Dora Gil;444;Hacienda;servidor;no-existe@x.co\n")
    response = await user.post("/consola/directorio/importar", {"crear_dependencias": "si"},
                               files={"archivo": ("d.csv", data, "text/csv")})
    assert 'id="jefes-sin-asignar"' in response.text and "no-existe@x.co" in response.text
    async with services.db.session() as session:
        ids = {p.document_id: p.id for p in await session.scalars(select(Person))}
    page = (await user.get(f"/consola/directorio/personas/{ids['111']}")).text
    shown = page.split('id="jefe-inmediato"', 1)[1].split("</p>", 1)[0]
    assert f'/consola/directorio/personas/{ids["222"]}' in shown
    assert "Beto &lt;i&gt;Paz&lt;/i&gt;" in shown and "(Despacho)" in shown
    page = (await user.get(f"/consola/directorio/personas/{ids['222']}")).text
    assert "Sin registrar en el directorio" in page.split('id="jefe-inmediato"', 1)[1]
