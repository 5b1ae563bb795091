"""REST API: HR triages, answers and moderates; the auditor reads; advisors stay out."""

from __future__ import annotations

import pytest

from nucleo.ports import SUGGESTIONS

BASE = "/api/v1/suggestions"


async def chat(services, person_id=None, text="Charlas sobre conflicto de intereses", value=None):
    async with services.db.session() as session:
        return await services.get(SUGGESTIONS).submit(
            session, text=text, value=value, person_id=person_id,
            anonymous=person_id is None, source="chat")


async def test_roles(api, staff_headers, services) -> None:
    receipt = await chat(services)
    auditor = await staff_headers("auditor")
    advisor = await staff_headers("asesor")
    assert (await api.get(BASE)).status_code == 401
    assert (await api.get(BASE, headers=advisor)).status_code == 403
    assert (await api.get(BASE, headers=auditor)).status_code == 200
    assert (await api.get(f"{BASE}/{receipt.suggestion_id}", headers=auditor)).status_code == 200
    for path, body in ((BASE, {"text": "x"}), (f"{BASE}/{receipt.suggestion_id}/analysis", None),
                       (f"{BASE}/{receipt.suggestion_id}/answer",
                        {"status": "en_analisis", "text": "x"}),
                       (f"{BASE}/{receipt.suggestion_id}/moderation", {"reason": "spam"})):
        assert (await api.post(path, json=body, headers=auditor)).status_code == 403, path


async def test_create_list_and_filter(api, staff_headers, services, make_person) -> None:
    hr = await staff_headers("talento_humano")
    ana = await make_person()
    await chat(services, person_id=ana.id, value="respeto")
    made = await api.post(BASE, headers=hr, json={"text": "Buzón físico en cada piso",
                                                  "value": "Diligencia"})
    assert made.status_code == 201, made.text
    assert made.json()["anonymous"] and made.json()["value"] == "diligencia"
    listed = (await api.get(BASE, headers=hr)).json()
    assert listed["total"] == 2
    only = (await api.get(BASE, headers=hr, params={"value": "respeto",
                                                    "status": "recibida"})).json()
    assert [i["value"] for i in only["items"]] == ["respeto"]
    assert (await api.get(BASE, headers=hr, params={"status": "en_análisis"})).json()["total"] == 0
    searched = (await api.get(BASE, headers=hr, params={"q": "BUZON piso"})).json()
    assert [i["id"] for i in searched["items"]] == [made.json()["id"]]
    assert (await api.get(BASE, headers=hr, params={"q": "buzón <b>"})).json()["total"] == 0
    too_long = await api.get(BASE, headers=hr, params={"q": "x" * 201})
    assert too_long.status_code == 422 and "error" in too_long.json()
    bad = await api.get(BASE, headers=hr, params={"status": "aprobada"})
    assert bad.status_code == 422 and "Estado desconocido" in bad.json()["error"]["message"]
    detail = (await api.get(f"{BASE}/{only['items'][0]['id']}", headers=hr)).json()
    assert detail["author_name"] == "Ana Pérez" and not detail["anonymous"]
    assert (await api.get(f"{BASE}/999999", headers=hr)).status_code == 404


@pytest.mark.parametrize("text,message", [("", "vacía"), ("   ", "vacía"),
                                          ("x" * 50_000, "el máximo es 5.000")])
async def test_bad_suggestions(api, staff_headers, text, message) -> None:
    hr = await staff_headers("talento_humano")
    response = await api.post(BASE, headers=hr, json={"text": text})
    assert response.status_code == 422 and message in response.json()["error"]["message"]
    wrong_type = await api.post(BASE, headers=hr, json={"text": ["no"]})
    assert wrong_type.status_code == 422


async def test_answer_published_twice_changes_nothing(api, staff_headers, services,
                                                     make_person, notifier) -> None:
    hr = await staff_headers("talento_humano")
    ana = await make_person()
    receipt = await chat(services, person_id=ana.id)
    path = f"{BASE}/{receipt.suggestion_id}"
    early = await api.post(f"{path}/answer", headers=hr, json={
        "status": "adoptada", "text": "Sí", "action_plan": "Charlas", "action_due": "2026-07-01"})
    assert early.status_code == 409 and early.json()["error"]["code"] == "transicion_invalida"
    assert (await api.post(f"{path}/analysis", headers=hr)).json()["status"] == "en_analisis"
    missing = await api.post(f"{path}/answer", headers=hr, json={"status": "adoptada",
                                                                 "text": "Sí"})
    assert missing.status_code == 422 and "qué se hará" in missing.json()["error"]["message"]
    body = {"status": "adoptada", "text": "Sí, en el plan de bienestar.",
            "action_plan": "Charlas mensuales", "action_due": "2026-07-01", "publish": True}
    first = (await api.post(f"{path}/answer", headers=hr, json=body)).json()
    second = (await api.post(f"{path}/answer", headers=hr, json=body)).json()
    third = (await api.post(f"{path}/publish", headers=hr)).json()
    assert first["published"] and not first["already_published"]
    assert not second["published"] and second["already_published"]
    assert not third["published"] and third["answer"]["revision"] == 1
    assert len(notifier.sent) == 1
    detail = (await api.get(path, headers=hr)).json()
    assert detail["status"] == "adoptada" and detail["answer"]["action_plan"] == "Charlas mensuales"
    assert len(detail["drafts"]) == 1
    # an amended answer is a new revision and reaches the author again
    amended = (await api.post(f"{path}/answer", headers=hr,
                              json={**body, "action_due": "2026-08-01"})).json()
    assert amended["published"] and amended["answer"]["revision"] == 2 and len(notifier.sent) == 2


async def test_moderation(api, staff_headers, services, make_person, notifier) -> None:
    from foro.moderation import reply

    hr = await staff_headers("talento_humano")
    auditor = await staff_headers("auditor")
    ana = await make_person()
    receipt = await chat(services)
    async with services.db.session() as session:
        post = await reply(session, services, suggestion_id=receipt.suggestion_id,
                           body="Palabras ofensivas", person_id=ana.id)
    path = f"{BASE}/{receipt.suggestion_id}/moderation"
    bad = await api.post(path, headers=hr, json={"reason": "feo", "post_id": post.id})
    assert bad.status_code == 422 and "spam, ofensivo, no_corresponde" in bad.text
    wrong = await api.post(path, headers=hr, json={"reason": "spam", "post_id": 999_999})
    assert wrong.status_code == 404
    hidden = await api.post(path, headers=hr, json={"reason": "ofensivo", "post_id": post.id})
    assert hidden.status_code == 200 and hidden.json()["posts"][0]["hidden_reason"] == "ofensivo"
    assert (await api.post(path, headers=hr, json={"reason": "ofensivo",
                                                   "post_id": post.id})).status_code == 409
    assert notifier.sent[-1].person_id == ana.id and "ofensivo" in notifier.sent[-1].text_html
    whole = await api.post(path, headers=hr, json={"reason": "no corresponde"})
    assert whole.status_code == 200 and whole.json()["hidden"]
    log = (await api.get("/api/v1/audit", headers=auditor, params={"action": "foro."})).json()
    assert {e["action"] for e in log} == {"foro.moderacion.mensaje", "foro.moderacion.sugerencia"}
    assert all("Palabras" not in str(e["details"]) for e in log)  # no content in the log
