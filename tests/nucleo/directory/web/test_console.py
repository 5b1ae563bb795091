"""Directorio: listing, allowed filters only, CSV import with rejected rows, nasty data."""

from __future__ import annotations

import re

import httpx

from nucleo.directory.web import messages
from nucleo.services import Services
from tests.web.console import LoginAs

CSV = ("nombre;documento;correo;dependencia;tipo\n"
       "Ana Pérez;111;ana@x.co;Hacienda;servidor\n"
       "Beto;222;mal;Hacienda;servidor\n"
       "<script>alert(1)</script>;333;c@x.co;Planeación <b>Municipal</b>;contratista\n"
       "Sin Tipo;444;d@x.co;Hacienda;gerente\n").encode("latin-1")


async def _import(user, data: bytes = CSV, create: bool = True) -> httpx.Response:
    return await user.post("/consola/directorio/importar",
                           {"crear_dependencias": "si"} if create else {},
                           files={"archivo": ("directorio.csv", data, "text/csv")})


async def test_import_shows_rejected_rows_with_their_lines(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    response = await _import(user)
    assert response.status_code == 200
    text = response.text
    assert "2 nuevas" in text and "2 filas rechazadas" in text
    table = text.split('id="rechazadas"', 1)[1].split("</table>", 1)[0]
    assert '<td class="num">3</td>' in table and "Correo no válido: mal." in table
    assert '<td class="num">5</td>' in table and "Tipo no reconocido: gerente" in table
    listing = await user.get("/consola/directorio")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing.text
    assert "<script>alert" not in listing.text
    assert "Planeación &lt;b&gt;Municipal&lt;/b&gt;" in listing.text


async def test_import_twice_changes_nothing_and_the_audit_says_so(login_as: LoginAs) -> None:
    user = await login_as("admin")
    await _import(user)
    again = await _import(user)
    assert "0 nuevas" in again.text and "2 sin cambios" in again.text
    audit = await user.get("/consola/auditoria?accion=people.import")
    assert audit.text.count(">Importó el directorio</td>") == 2


async def test_a_binary_or_image_file_is_refused_clearly(login_as: LoginAs) -> None:
    user = await login_as("admin")
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    response = await user.post("/consola/directorio/importar",
                               files={"archivo": ("foto.png", png, "image/png")})
    assert response.status_code == 422
    assert "binario" in response.text


async def test_no_file_chosen(login_as: LoginAs) -> None:
    user = await login_as("admin")
    response = await user.post("/consola/directorio/importar",
                               files={"archivo": ("", b"", "application/octet-stream")})
    assert response.status_code == 422
    assert messages.IMPORT_NO_FILE in response.text


async def test_unknown_department_is_rejected_without_the_checkbox(login_as: LoginAs) -> None:
    user = await login_as("admin")
    await _import(user)
    csv = "nombre;correo;dependencia;tipo\nEva;eva@x.co;Hacienda Municipal;servidor\n"
    response = await _import(user, csv.encode(), create=False)
    assert "Dependencia desconocida" in response.text


async def test_filters_sorting_and_pagination(login_as: LoginAs, services: Services) -> None:
    user = await login_as("admin")
    rows = "".join(f"Persona {i:03d};{1000 + i};p{i}@x.co;Hacienda;servidor\n"
                   for i in range(60))
    await _import(user, ("nombre;documento;correo;dependencia;tipo\n" + rows
                         + "Zoe;9999;z@x.co;Salud;contratista\n").encode())
    page1 = await user.get("/consola/directorio?orden=nombre")
    assert "Página 1 de 2 (61 en total)" in page1.text
    assert 'rel="next"' in page1.text
    page2 = await user.get("/consola/directorio?orden=nombre&pagina=2")
    assert "Zoe" in page2.text
    reverse = await user.get("/consola/directorio?orden=-nombre")
    assert reverse.text.index("Zoe") < reverse.text.index("Persona 059")
    search = await user.get("/consola/directorio?q=persona%2000")
    assert "(10 en total)" in search.text
    wildcard = await user.get("/consola/directorio?q=%25")
    assert "(0 en total)" in wildcard.text  # % is a literal, not a wildcard


async def test_only_known_parameters_and_values(login_as: LoginAs) -> None:
    user = await login_as("admin")
    empty = await user.get("/consola/directorio?dependencia=&orden=nombre&q=")
    assert empty.status_code == 200  # what a browser sends for "Todas las dependencias"
    for query in ("orden=drop", "orden=password_hash", "pagina=0", "pagina=abc",
                  "dependencia=-1", "q=" + "x" * 101, "limit=1000", "sort=email"):
        response = await user.get("/consola/directorio?" + query)
        assert response.status_code == 400, query
        assert "text/html" in response.headers["content-type"]


async def test_very_long_names_wrap_instead_of_breaking_the_layout(login_as: LoginAs) -> None:
    user = await login_as("admin")
    long_name = "A" * 190
    csv = f"nombre;correo;dependencia;tipo\n{long_name};l@x.co;{'D' * 150};servidor\n"
    await _import(user, csv.encode())
    page = await user.get("/consola/directorio")
    assert re.search(f'<td class="wrap"><a href="/consola/directorio/personas/\\d+">{long_name}'
                     '</a></td>', page.text)


async def test_an_excel_workbook_imports_like_the_csv(login_as: LoginAs) -> None:
    from tests.nucleo.directory.test_sheets import ROWS, workbook

    user = await login_as("talento_humano")
    page = await user.get("/consola/directorio")
    assert ".xlsx" in page.text and messages.IMPORT_TITLE in page.text
    response = await user.post(
        "/consola/directorio/importar", {"crear_dependencias": "si"},
        files={"archivo": ("directorio.xlsx", workbook(ROWS), "application/vnd.openxmlformats-"
                           "officedocument.spreadsheetml.sheet")})
    assert response.status_code == 200
    assert "2 nuevas" in response.text and "2 filas rechazadas" in response.text
    table = response.text.split('id="rechazadas"', 1)[1].split("</table>", 1)[0]
    assert '<td class="num">5</td>' in table and "Correo no válido: no-es-correo." in table
    broken = await user.post("/consola/directorio/importar",
                             files={"archivo": ("roto.xlsx", b"PK\x03\x04" + bytes(99),
                                                "application/octet-stream")})
    assert broken.status_code == 422 and "No se pudo leer el Excel" in broken.text
