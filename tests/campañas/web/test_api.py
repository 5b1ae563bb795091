"""Campaigns API: the happy path, roles, and every bad input answered with a 4xx and a
Spanish message, leaving nothing half-created."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from campañas.models import Campaign, Delivery, Piece, Run
from nucleo.models import Department, Person, StaffAccount
from tests.bot.consultas.desk import Clock, bogota

CAMPAIGN = {"name": "Honestidad en marzo", "value": "honestidad", "channels": ["telegram"]}


@pytest.fixture
def settings(settings):
    """Telegram configured (the sender is never started by these tests)."""
    settings.telegram_token = type(settings.secret_key)("123:abc")
    return settings


async def count(services, model) -> int:
    async with services.db.session() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def people(services, n=3, department=None):
    async with services.db.session() as session:
        dep_id = None
        if department:
            dep = Department(name=department, normalized_name=department.lower())
            session.add(dep)
            await session.flush()
            dep_id = dep.id
        session.add_all([Person(full_name=f"P{i}", telegram_chat_id=700 + i, kind="servidor",
                                department_id=dep_id) for i in range(n)])
        await session.commit()
        return dep_id


def png(size=(40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(out, format="PNG")
    return out.getvalue()


async def ready_campaign(api, headers, **extra) -> int:
    response = await api.post("/api/v1/campaigns", json={**CAMPAIGN, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    campaign_id = response.json()["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces", headers=headers,
                              data={"phrase": "La verdad nos hace libres", "author": "Juan 8:32"})
    assert response.status_code == 201, response.text
    return campaign_id


async def test_full_flow_and_roles(api, services, staff_headers):
    await people(services)
    hr = await staff_headers("talento_humano")
    auditor = await staff_headers("auditor")
    campaign_id = await ready_campaign(api, hr)
    piece = (await api.get(f"/api/v1/campaigns/{campaign_id}", headers=auditor)).json()["pieces"][0]
    assert piece["image_generated"] and "<b>Honestidad</b>" in piece["caption_html"]
    image = await api.get(piece["image_url"], headers=auditor)
    assert image.status_code == 200 and image.content[:4] == b"\x89PNG"
    preview = await api.get(f"/api/v1/campaigns/{campaign_id}/pieces/{piece['id']}/preview",
                            headers=auditor)
    assert preview.json()["value_name"] == "Honestidad"
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/pause",
                           headers=auditor)).status_code == 403
    when = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/schedule",
                              json={"send_at": when}, headers=hr)
    assert response.status_code == 200 and response.json()["status"] == "programada"
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/send-now", headers=hr)
    assert response.status_code == 200 and response.json()["targeted"] == 3
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/pause", headers=hr)).json()[
        "status"] == "pausada"
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/resume", headers=hr)).json()[
        "status"] == "en_curso"
    stats = await api.get(f"/api/v1/campaigns/{campaign_id}/stats", headers=auditor)
    assert stats.json()["totals"]["pending"] == 3
    csv = await api.get(f"/api/v1/campaigns/{campaign_id}/stats?format=csv", headers=auditor)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.lstrip("\ufeff").startswith("pieza,valor,frase")
    csv2 = await api.get(f"/api/v1/campaigns/{campaign_id}/stats",
                         headers={**auditor, "Accept": "text/csv"})
    assert csv2.text == csv.text
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/cancel", headers=hr)).json()[
        "status"] == "cancelada"
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/resume", headers=hr)
    assert response.status_code == 409
    assert response.json()["error"]["message"] == \
        "No se puede reanudar una campaña que está cancelada."
    assert await count(services, Delivery) == 3


@pytest.mark.parametrize("body, fragment", [
    ({"name": ""}, "nombre"),
    ({"value": "valentía"}, "no existe"),
    ({"value": None}, "valor"),
    ({"channels": ["fax"]}, "fax"),
    ({"audience": {"type": "dependencia", "department_ids": [999]}}, "dependencia 999"),
    ({"audience": {"type": "tipo", "kind": "alcalde"}}, "alcalde"),
    ({"audience": {"type": "marcianos"}}, "marcianos"),
    ({"audience": {"type": "lista", "person_ids": []}}, "lista"),
])
async def test_bad_campaigns_are_refused(api, services, staff_headers, body, fragment):
    hr = await staff_headers("talento_humano")
    response = await api.post("/api/v1/campaigns", json={**CAMPAIGN, **body}, headers=hr)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    assert await count(services, Campaign) == 0


async def test_a_draft_without_channels_waits_for_them(api, services, staff_headers):
    """A campaign may be prepared before any channel is chosen; scheduling or sending it
    without one is refused (sin_canales) until its channels are set, in borrador only."""
    await people(services)
    hr = await staff_headers("talento_humano")
    campaign_id = await ready_campaign(api, hr, channels=[])
    base = f"/api/v1/campaigns/{campaign_id}"
    assert (await api.get(base, headers=hr)).json()["channels"] == []
    for path, body in (("/schedule", {"weekly": {"weekday": "lunes", "time": "08:00",
                                                 "timezone": "America/Bogota"}}),
                       ("/send-now", None)):
        refused = await api.post(base + path, json=body, headers=hr)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "sin_canales"
        assert "no tiene canales" in refused.json()["error"]["message"]
    bad = await api.put(base + "/channels", json={"channels": ["fax"]}, headers=hr)
    assert bad.status_code == 422 and "fax" in bad.json()["error"]["message"]
    chosen = await api.put(base + "/channels", json={"channels": ["Telegram", "telegram"]},
                           headers=hr)
    assert chosen.status_code == 200 and chosen.json()["channels"] == ["telegram"]
    auditor = await staff_headers("auditor")
    assert (await api.put(base + "/channels", json={"channels": []},
                          headers=auditor)).status_code == 403
    sent = await api.post(base + "/send-now", headers=hr)
    assert sent.status_code == 200, sent.text
    late = await api.put(base + "/channels", json={"channels": []}, headers=hr)
    assert late.status_code == 409 and "borrador" in late.json()["error"]["message"]
    assert await count(services, Delivery) == 3


@pytest.mark.parametrize("body, fragment", [
    ({"send_at": "2020-01-01T08:00:00-05:00"}, "ya pasó"),
    ({"send_at": "2030-01-01T08:00:00"}, "zona horaria"),
    ({"weekly": {"weekday": "lunesito", "time": "08:00", "timezone": "America/Bogota"}},
     "día de la semana"),
    ({"weekly": {"weekday": 9, "time": "08:00", "timezone": "America/Bogota"}}, "día"),
    ({"weekly": {"weekday": "lunes", "time": "25:61", "timezone": "America/Bogota"}}, "hora"),
    ({"weekly": {"weekday": "lunes", "time": "08:00", "timezone": "Marte/Olimpo"}}, "zona"),
    ({"weekly": {"weekday": "lunes", "time": "08:00"}}, "zona horaria"),
    ({}, "send_at"),
])
async def test_bad_schedules_are_refused(api, services, staff_headers, body, fragment):
    await people(services)
    hr = await staff_headers("talento_humano")
    campaign_id = await ready_campaign(api, hr)
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/schedule", json=body, headers=hr)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    campaign = (await api.get(f"/api/v1/campaigns/{campaign_id}", headers=hr)).json()
    assert campaign["status"] == "borrador" and campaign["schedule"]["kind"] is None


async def test_empty_audience_and_no_pieces_are_refused(api, services, staff_headers):
    hr = await staff_headers("talento_humano")
    campaign_id = await ready_campaign(api, hr)  # nobody in the directory yet
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/send-now", headers=hr)
    assert response.status_code == 422 and "vacía" in response.json()["error"]["message"]
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=hr)
    empty = response.json()["id"]
    await people(services)
    response = await api.post(f"/api/v1/campaigns/{empty}/send-now", headers=hr)
    assert response.status_code == 422 and "piezas" in response.json()["error"]["message"]
    assert await count(services, Run) == 0 and await count(services, Delivery) == 0


async def test_a_draft_may_use_a_channel_not_configured_yet(api, services, staff_headers):
    """HR prepares a campaign before e-mail is configured; only sending it is refused."""
    hr = await staff_headers("talento_humano")
    await people(services)
    campaign_id = await ready_campaign(api, hr, channels=["correo"])
    refused = await api.post(f"/api/v1/campaigns/{campaign_id}/send-now", headers=hr)
    assert refused.status_code == 422
    assert "no está configurado" in refused.json()["error"]["message"]
    assert await count(services, Run) == 0 and await count(services, Delivery) == 0
    async with services.db.session() as session:
        assert (await session.get(Campaign, campaign_id)).status == "borrador"


async def test_duplicate_through_the_api(api, services, staff_headers):
    hr = await staff_headers("talento_humano")
    campaign_id = await ready_campaign(api, hr)
    copy = await api.post(f"/api/v1/campaigns/{campaign_id}/duplicate", headers=hr)
    assert copy.status_code == 201, copy.text
    body = copy.json()
    assert body["name"] == "Honestidad en marzo (copia)" and body["status"] == "borrador"
    assert [p["phrase"] for p in body["pieces"]] == ["La verdad nos hace libres"]
    auditor = await staff_headers("auditor")
    assert (await api.post(f"/api/v1/campaigns/{campaign_id}/duplicate",
                           headers=auditor)).status_code == 403
    assert (await api.post("/api/v1/campaigns/999999/duplicate", headers=hr)).status_code == 404


@pytest.mark.parametrize("caption, fragment", [
    ("<b>sin cerrar", "Falta cerrar"),
    ("<script>alert(1)</script>", "no está permitida"),
    ('<a href="javascript:alert(1)">x</a>', "no es válido"),
    ("x" * 1100, "Telegram permite máximo 1024"),
])
async def test_bad_captions_are_refused(api, services, staff_headers, caption, fragment):
    hr = await staff_headers("talento_humano")
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=hr)
    campaign_id = response.json()["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces", headers=hr,
                              data={"phrase": "Frase", "caption": caption})
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    assert await count(services, Piece) == 0


@pytest.mark.parametrize("upload, fragment", [
    (b"GIF89a" + b"\0" * 100, "no es una imagen PNG"),
    (b"\x89PNG\r\n\x1a\n" + b"basura" * 10, "dañada"),
    (b"\0" * (10 * 1024 * 1024 + 1000), "MB"),  # under the route's body limit, over 10 MB
    (png((9000, 2000)), "ancho más el alto"),
])
async def test_bad_images_are_refused(api, services, staff_headers, upload, fragment):
    hr = await staff_headers("talento_humano")
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=hr)
    campaign_id = response.json()["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces", headers=hr,
                              data={"phrase": "Frase"}, files={"image": ("x.png", upload)})
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    assert await count(services, Piece) == 0


async def test_an_image_far_over_the_limit_is_refused_before_reading(api, services,
                                                                     staff_headers):
    hr = await staff_headers("talento_humano")
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=hr)
    campaign_id = response.json()["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces", headers=hr,
                              data={"phrase": "Frase"},
                              files={"image": ("x.png", b"\0" * (50 * 1024 * 1024))})
    assert response.status_code == 413, response.text
    assert "máximo es 11 MB" in response.json()["error"]["message"]
    assert await count(services, Piece) == 0


async def test_uploaded_image_is_kept_and_served(api, services, staff_headers):
    hr = await staff_headers("admin")
    response = await api.post("/api/v1/campaigns", json=CAMPAIGN, headers=hr)
    campaign_id = response.json()["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces", headers=hr,
                              data={"phrase": "Frase", "buttons": "🙌 Me gusta|🤔 Lo pienso"},
                              files={"image": ("foto.png", png())})
    assert response.status_code == 201, response.text
    piece = response.json()
    assert not piece["image_generated"] and [b["label"] for b in piece["buttons"]] == [
        "🙌 Me gusta", "🤔 Lo pienso"]


async def test_unknown_campaign_and_test_send_without_chat(api, services, staff_headers):
    hr = await staff_headers("talento_humano")
    response = await api.get("/api/v1/campaigns/999", headers=hr)
    assert response.status_code == 404 and "999" in response.json()["error"]["message"]
    campaign_id = await ready_campaign(api, hr)
    piece_id = (await api.get(f"/api/v1/campaigns/{campaign_id}", headers=hr)).json()[
        "pieces"][0]["id"]
    response = await api.post(f"/api/v1/campaigns/{campaign_id}/pieces/{piece_id}/test-send",
                              json={"channel": "telegram"}, headers=hr)
    assert response.status_code == 422 and "chat de Telegram" in response.json()["error"][
        "message"]
    async with services.db.session() as session:
        assert await session.scalar(select(func.count()).select_from(StaffAccount)) == 1


@pytest.mark.parametrize("audience, status, fragment", [
    ({"type": "pendientes_bienes", "year": 2026}, 201, None),
    ({"type": "pendientes_bienes", "year": 2027, "declaracion": "ley_2013"}, 201, None),
    ({"type": "pendientes_bienes"}, 422, "Indique el año"),
    ({"type": "pendientes_bienes", "year": 2018}, 422, "entre 2019 y 2027"),
    ({"type": "pendientes_bienes", "year": 2028}, 422, "entre 2019 y 2027"),
    ({"type": "pendientes_bienes", "year": "veinte"}, 422, "entre 2019 y 2027"),
    ({"type": "pendientes_bienes", "year": 2026, "declaracion": "renta"}, 422, "renta"),
])
async def test_pending_assets_audience_through_the_api(api, services, staff_headers, audience,
                                                       status, fragment):
    services.clock = Clock(bogota(2026, 12, 4, 10))  # the year bound comes from the clock
    hr = await staff_headers("talento_humano")
    response = await api.post("/api/v1/campaigns", json={**CAMPAIGN, "audience": audience},
                              headers=hr)
    assert response.status_code == status, response.text
    if fragment:
        assert fragment in response.json()["error"]["message"]
        assert await count(services, Campaign) == 0
    else:
        assert response.json()["audience"] == {"declaracion": "bienes_rentas", **audience}
