"""HR edits the knowledge base, tries questions and reads what to improve
(bot/consultas/web/api_entries.py)."""

from __future__ import annotations

import pytest

from tests.bot.consultas.desk import Clock, bogota, desk_service, raffle_entry

BASE = "/api/v1/consultations"


@pytest.fixture
def desk(services):
    return desk_service(services, Clock(bogota(2026, 9, 1, 10)))


async def test_entries_list_shows_origin_and_votes(api, desk, services, staff_headers):
    async with services.db.session() as session:
        await desk.feedback(session, entry_id="recusacion_que_es", helpful=True)
        await session.commit()
    headers = await staff_headers("auditor")
    response = await api.get(f"{BASE}/entries", headers=headers)
    assert response.status_code == 200
    entries = {e["id"]: e for e in response.json()}
    assert len(entries) == len(desk.store.kb)
    assert entries["recusacion_que_es"]["origin"] == "archivo"
    assert entries["recusacion_que_es"]["helpful"] == 1
    one = await api.get(f"{BASE}/entries/recusacion_que_es", headers=headers)
    assert one.json()["title"] == entries["recusacion_que_es"]["title"]
    assert (await api.get(f"{BASE}/entries/nada", headers=headers)).status_code == 404


async def test_hr_creates_edits_and_undoes_entries(api, desk, staff_headers):
    hr = await staff_headers("talento_humano")
    created = await api.post(f"{BASE}/entries", headers=hr, json=raffle_entry())
    assert created.status_code == 201, created.text
    assert created.json()["origin"] == "nueva"
    twice = await api.post(f"{BASE}/entries", headers=hr, json=raffle_entry())
    assert twice.status_code == 409 and "PUT" in twice.json()["error"]["message"]
    file_entry = (await api.get(f"{BASE}/entries/recusacion_que_es", headers=hr)).json()
    edited = {k: v for k, v in file_entry.items() if k not in {"origin", "helpful", "unhelpful"}}
    edited["answer"] = "Recusar es pedir que otro decida porque quien decide tiene interés."
    put = await api.put(f"{BASE}/entries/recusacion_que_es", headers=hr, json=edited)
    assert put.status_code == 200 and put.json()["origin"] == "editada"
    tried = await api.post(f"{BASE}/try", headers=hr, json={"question": "¿Qué es la recusación?"})
    assert "pedir que otro decida" in tried.json()["text_html"]
    mismatch = await api.put(f"{BASE}/entries/otra_cosa", headers=hr, json=edited)
    assert mismatch.status_code == 422 and "no coincide" in mismatch.json()["error"]["message"]
    undone = await api.delete(f"{BASE}/entries/recusacion_que_es/override", headers=hr)
    assert undone.status_code == 204
    tried = await api.post(f"{BASE}/try", headers=hr, json={"question": "¿Qué es la recusación?"})
    assert "pedir que otro decida" not in tried.json()["text_html"]
    assert (await api.delete(f"{BASE}/entries/recusacion_que_es/override",
                             headers=hr)).status_code == 404


@pytest.mark.parametrize(("changes", "fragment"), [
    ({"sources": ["Ley 1952 de 2019, art. 39"]}, "no está verificada"),
    ({"phrasings": ["uno uno", "uno uno", "dos dos", "tres tres", "cuatro cuatro"]}, "repetidas"),
    ({"related": ["no_existe"]}, "no existen"),
    ({"kind": "raro"}, None),
    ({"extra": "campo"}, None),
    ({"answer": "<script>" * 300}, None),
])
async def test_bad_entries_are_refused_in_spanish(api, desk, staff_headers, changes, fragment):
    hr = await staff_headers("talento_humano")
    response = await api.post(f"{BASE}/entries", headers=hr, json=raffle_entry(**changes))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    text = error["message"] + str(error.get("details", ""))
    if fragment:
        assert fragment in text


async def test_only_hr_writes_entries(api, desk, staff_headers):
    for role in ("asesor", "auditor"):
        headers = await staff_headers(role)
        response = await api.post(f"{BASE}/entries", headers=headers, json=raffle_entry())
        assert response.status_code == 403


@pytest.mark.parametrize("question", [
    "", "a" * 10_000, "😀😀😀", "<img src=x onerror=alert(1)>¿regalos?", "Is a gift OK?",
])
async def test_try_never_echoes_unescaped_html(api, desk, staff_headers, question):
    headers = await staff_headers("asesor")
    response = await api.post(f"{BASE}/try", headers=headers, json={"question": question})
    assert response.status_code == 200
    body = response.json()
    assert body["action"] in {"answer", "clarify", "escalate", "out_of_scope", "small_talk"}
    assert "<img" not in body["text_html"] and "Is a gift" not in body["text_html"]


async def test_try_refuses_more_than_10000_characters(api, desk, staff_headers):
    headers = await staff_headers("asesor")
    response = await api.post(f"{BASE}/try", headers=headers, json={"question": "a" * 10_001})
    assert response.status_code == 422


async def test_improve_lists_votes_escalated_and_unhelpful_questions(api, desk, services,
                                                                     staff_headers):
    async with services.db.session() as session:
        await desk.feedback(session, entry_id="regalos", helpful=False,
                            question="¿y una ancheta de navidad?")
        await desk.feedback(session, entry_id="regalos", helpful=True)
        await desk.feedback(session, entry_id="recusacion_que_es", helpful=True)
        await desk.escalate(session, question="¿Mi novio cuenta como pariente?", person_id=None,
                            anonymous=True)
        await session.commit()
    headers = await staff_headers("talento_humano")
    body = (await api.get(f"{BASE}/improve", headers=headers)).json()
    assert [(e["id"], e["helpful"], e["unhelpful"]) for e in body["entries"]] == [
        ("regalos", 1, 1), ("recusacion_que_es", 1, 0)]
    assert body["unhelpful"] == [{"entry_id": "regalos", "question": "¿y una ancheta de navidad?",
                                  "day": "2026-09-01"}]
    [escalated] = body["escalated"]
    assert escalated["question"] == "¿Mi novio cuenta como pariente?"
    assert "person" not in escalated


def test_try_candidates_are_objects_the_schema_describes() -> None:
    """The OpenAPI description of /try matches what it answers: candidates are objects."""
    from bot.consultas.web.api_entries import CandidateOut, TryOut

    schema = TryOut.model_json_schema()
    assert schema["properties"]["candidates"]["items"] == {"$ref": "#/$defs/CandidateOut"}
    out = TryOut(action="clarify", text_html="¿Cuál?", sources=[], entry_id=None, score=0.5,
                 candidates=[CandidateOut(entry_id="a", title="A")], reason=None)
    assert out.model_dump()["candidates"] == [{"entry_id": "a", "title": "A"}]
