"""#18: HR sets, changes or clears a person's jefe inmediato in the API and the console: by
cédula, e-mail or exact name; a name two people share or a partial one gives the candidates
(never a guess); the person themself, a retired person and a cycle are refused with nothing
changed; the audit keeps ids only. Both engines."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from nucleo.directory import messages
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.web.console import LoginAs

CSV = ("nombre;documento;correo;dependencia;tipo;jefe inmediato\n"
       "Ana Ruiz;111;ana@x.co;Hacienda;servidor;\n"
       "Beto Paz;222;beto@x.co;Despacho;servidor;111\n"
       "Ciro Sol;333;ciro@x.co;Hacienda;servidor;222\n"
       "María Pérez;444;maria1@x.co;Hacienda;servidor;\n"
       "Maria Perez;555;maria2@x.co;Gobierno;servidor;\n"
       "Rita Vega;666;rita@x.co;Gobierno;servidor;\n").encode()


async def _setup(api: httpx.AsyncClient, staff_headers) -> tuple[dict, dict[str, int]]:
    headers = await staff_headers("talento_humano")
    response = await api.post("/api/v1/people/import", headers=headers,
                              files={"file": ("d.csv", CSV, "text/csv")},
                              data={"create_departments": "true"})
    assert response.status_code == 200 and response.json()["created"] == 6, response.text
    items = (await api.get("/api/v1/people", headers=headers)).json()["items"]
    return headers, {p["document_id"]: p["id"] for p in items}


async def test_set_by_document_email_and_exact_name_then_clear(
        api: httpx.AsyncClient, staff_headers, services: Services) -> None:
    headers, ids = await _setup(api, staff_headers)
    path = f"/api/v1/people/{ids['666']}/superior"
    for typed, expected in (("1.1.1", "111"), ("BETO@x.co", "222"), ("ciro  SOL", "333")):
        response = await api.put(path, headers=headers, json={"superior": typed})
        assert response.status_code == 200, response.text
        assert response.json()["superior_id"] == ids[expected]
    response = await api.put(path, headers=headers, json={"superior_id": ids["444"]})
    assert response.status_code == 200 and response.json()["superior_id"] == ids["444"]
    cleared = await api.put(path, headers=headers, json={"superior_id": None})
    assert cleared.status_code == 200 and cleared.json()["superior_id"] is None
    again = await api.put(path, headers=headers, json={"superior_id": None})  # no change
    assert again.status_code == 200
    async with services.db.session() as session:
        details = (await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "people.superior").order_by(AuditEntry.id))).all()
    assert len(details) == 5  # the unchanged clear is not audited
    assert details[-1] == {"superior_id": None, "previous_superior_id": ids["444"]}
    assert "Mar" not in str(details) and "444" not in str(details).replace(
        str(ids["444"]), "")  # ids only, never names or documents


async def _superior(api: httpx.AsyncClient, headers, person_id: int) -> int | None:
    return (await api.get(f"/api/v1/people/{person_id}", headers=headers)).json()["superior_id"]


async def test_a_shared_or_partial_name_lists_candidates_and_sets_nothing(
        api: httpx.AsyncClient, staff_headers) -> None:
    headers, ids = await _setup(api, staff_headers)
    path = f"/api/v1/people/{ids['666']}/superior"
    shared = await api.put(path, headers=headers, json={"superior": "maria perez"})
    assert shared.status_code == 422
    error = shared.json()["error"]
    assert error["message"] == messages.EDIT_SUPERIOR_CHOOSE.format(value="maria perez", n=2)
    assert sorted(c["id"] for c in error["details"]["candidatos"]) == sorted(
        [ids["444"], ids["555"]])
    partial = await api.put(path, headers=headers, json={"superior": "ruiz"})
    assert partial.status_code == 422  # one match, but not Ana's full name: she is offered
    assert [c["id"] for c in partial.json()["error"]["details"]["candidatos"]] == [ids["111"]]
    nobody = await api.put(path, headers=headers, json={"superior": "' OR 1=1 --"})
    assert nobody.status_code == 422 and nobody.json()["error"]["details"]["candidatos"] == []
    own = await api.put(path, headers=headers, json={"superior": "rita vega"})
    assert own.status_code == 422  # the person is never their own candidate
    assert await _superior(api, headers, ids["666"]) is None


async def test_self_cycle_retired_and_bad_bodies_are_refused(
        api: httpx.AsyncClient, staff_headers) -> None:
    headers, ids = await _setup(api, staff_headers)
    ana = f"/api/v1/people/{ids['111']}/superior"
    refused = {
        "self": await api.put(ana, headers=headers, json={"superior_id": ids["111"]}),
        "cycle": await api.put(ana, headers=headers, json={"superior_id": ids["333"]}),
        "direct cycle": await api.put(ana, headers=headers, json={"superior": "222"}),
        "unknown": await api.put(ana, headers=headers, json={"superior_id": 999999}),
        "both": await api.put(ana, headers=headers, json={"superior_id": ids["444"],
                                                          "superior": "444"}),
        "neither": await api.put(ana, headers=headers, json={}),
        "empty": await api.put(ana, headers=headers, json={"superior": "   "}),
        "extra": await api.put(ana, headers=headers, json={"jefe": 1}),
        "text id": await api.put(ana, headers=headers, json={"superior_id": "x"}),
    }
    for case, response in refused.items():
        assert response.status_code == 422, (case, response.text)
    assert refused["self"].json()["error"]["message"] == messages.EDIT_SUPERIOR_SELF
    assert refused["cycle"].json()["error"]["message"] == messages.EDIT_SUPERIOR_CYCLE.format(
        name="Ciro Sol")
    assert "ciclo" in refused["direct cycle"].json()["error"]["message"]
    await api.post(f"/api/v1/people/{ids['444']}/retire", headers=headers)
    retired = await api.put(ana, headers=headers, json={"superior_id": ids["444"]})
    assert retired.status_code == 422
    assert retired.json()["error"]["message"] == messages.EDIT_SUPERIOR_UNKNOWN
    assert await _superior(api, headers, ids["111"]) is None
    missing = await api.put("/api/v1/people/999999/superior", headers=headers,
                            json={"superior_id": None})
    assert missing.status_code == 404


async def test_only_directory_editors_may_change_it(api: httpx.AsyncClient,
                                                   staff_headers) -> None:
    _, ids = await _setup(api, staff_headers)
    auditor = await staff_headers("auditor")
    response = await api.put(f"/api/v1/people/{ids['111']}/superior", headers=auditor,
                             json={"superior_id": ids["222"]})
    assert response.status_code == 403


async def test_the_console_form_searches_offers_and_clears(login_as: LoginAs,
                                                           services: Services) -> None:
    user = await login_as("talento_humano")
    response = await user.post("/consola/directorio/importar", {"crear_dependencias": "si"},
                               files={"archivo": ("d.csv", CSV, "text/csv")})
    assert response.status_code == 200
    async with services.db.session() as session:
        ids = {p.document_id: p.id for p in await session.scalars(select(Person))}
    path = f"/consola/directorio/personas/{ids['666']}"
    page = (await user.get(path)).text
    assert 'id="buscar-jefe"' in page and 'id="quitar-jefe"' not in page
    shared = await user.post(path + "/jefe", {"superior": "MARÍA PÉREZ"})
    assert shared.status_code == 422
    offered = shared.text.split('id="candidatos-jefe"', 1)[1].split("</ul>", 1)[0]
    assert f'value="{ids["444"]}"' in offered and f'value="{ids["555"]}"' in offered
    assert "(Gobierno)" in offered and "(Hacienda)" in offered
    chosen = await user.post(path + "/jefe", {"superior_id": str(ids["555"])})
    assert chosen.status_code == 303
    page = (await user.get(path)).text
    shown = page.split('id="jefe-inmediato"', 1)[1].split("</p>", 1)[0]
    assert f"/consola/directorio/personas/{ids['555']}" in shown and 'id="quitar-jefe"' in page
    cycle = await user.post(f"/consola/directorio/personas/{ids['555']}/jefe",
                            {"superior": "rita@x.co"})
    assert cycle.status_code == 422 and "ciclo" in cycle.text
    for typed in ("abc", "²", "9999999999", "0"):  # "²".isdigit(); 10 digits overflow int4
        bad = await user.post(path + "/jefe", {"superior_id": typed})
        assert bad.status_code == 422 and "Elija a una persona de la lista." in bad.text
    cleared = await user.post(path + "/jefe/quitar")
    assert cleared.status_code == 303
    assert "Sin registrar en el directorio" in (await user.get(path)).text
    reader = await login_as("auditor")
    assert (await reader.post(path + "/jefe", {"superior_id": str(ids["111"])})).status_code \
        == 403
    async with services.db.session() as session:
        person = await session.get(Person, ids["666"])
    assert person is not None and person.superior_id is None


async def test_a_shared_name_is_found_beyond_a_page_of_search(api: httpx.AsyncClient,
                                                                staff_headers) -> None:
    """Twenty people whose names sort before «Ana Ruiz» and contain both words, then two Ana
    Ruiz: the second one is past the first page of the search, and is still not guessed."""
    headers = await staff_headers("talento_humano")
    rows = "".join(f"Ana A{chr(97 + i)} Ruiz;{700 + i};Hacienda;servidor\n" for i in range(20))
    data = ("nombre;documento;dependencia;tipo\n" + rows + "Ana Ruiz;901;Hacienda;servidor\n"
            "Ana Ruiz;902;Gobierno;servidor\nBeto Paz;903;Gobierno;servidor\n").encode()
    response = await api.post("/api/v1/people/import", headers=headers,
                              files={"file": ("d.csv", data, "text/csv")},
                              data={"create_departments": "true"})
    assert response.json()["created"] == 23, response.text
    beto = (await api.get("/api/v1/people", headers=headers, params={"q": "903"})).json()
    path = f"/api/v1/people/{beto['items'][0]['id']}/superior"
    shared = await api.put(path, headers=headers, json={"superior": "ANA RUIZ"})
    assert shared.status_code == 422, shared.text
    assert len(shared.json()["error"]["details"]["candidatos"]) == 2
    assert (await api.put(path, headers=headers, json={"superior": "902"})).status_code == 200
