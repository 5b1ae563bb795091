"""The webhook: handshake, signature before anything, replays once, statuses, bad bodies."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import func, select

from bot.models import Conversation, ProcessedInput
from bot.whatsapp.models import WhatsAppWindow
from nucleo.services import Services
from nucleo.whatsapp_kept import KeptStatus
from tests.bot.whatsapp.conftest import deliver, say
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"


async def rows(services: Services, model: type) -> int:
    async with services.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_handshake_answers_the_challenge(wa: httpx.AsyncClient,
                                               double: WhatsAppDouble) -> None:
    params = {"hub.mode": "subscribe", "hub.verify_token": double.verify_token,
              "hub.challenge": "1158201444"}
    response = await wa.get("/whatsapp/webhook", params=params)
    assert response.status_code == 200 and response.text == "1158201444"
    for wrong in ({"hub.verify_token": "otro"}, {"hub.mode": "unsubscribe"},
                  {"hub.challenge": ""}):
        response = await wa.get("/whatsapp/webhook", params={**params, **wrong})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "sin_permiso"


async def test_unsigned_or_forged_webhooks_are_refused_and_nothing_is_stored(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    body, headers = double.text_from(ANA, "hola")
    unsigned = await wa.post("/whatsapp/webhook", content=body,
                             headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401 and unsigned.json()["error"]["code"] == "no_autenticado"
    forged = await wa.post("/whatsapp/webhook", content=body.replace(b"hola", b"HOLA"),
                           headers=headers)
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "sin_permiso"
    other_secret = {**headers, "X-Hub-Signature-256": "sha256=" + "0" * 64}
    assert (await wa.post("/whatsapp/webhook", content=body, headers=other_secret)
            ).status_code == 403
    assert double.sent == []
    assert await rows(services, ProcessedInput) == 0
    assert await rows(services, WhatsAppWindow) == 0


async def test_a_replayed_message_is_answered_once(wa: httpx.AsyncClient,
                                                   double: WhatsAppDouble,
                                                   services: Services) -> None:
    signed = double.text_from(ANA, "/start", message_id="wamid.HBgMNTczMDAxMTEyMjMzFQIAEhgg")
    first = await say(wa, double, ANA, signed)
    assert first and "El Valor Soy Yo" in first[0].text
    again = await say(wa, double, ANA, signed)
    assert again == []
    assert await rows(services, ProcessedInput) == 1


async def test_statuses_and_other_numbers_are_ignored_gracefully(
        wa: httpx.AsyncClient, double: WhatsAppDouble) -> None:
    for status in ("sent", "delivered", "read"):
        response = await deliver(wa, double.signed(double.status("wamid.desconocido", ANA,
                                                                   status)))
        assert response.status_code == 200 and response.json()["estados"] == 1
    failed = double.status("wamid.x", ANA, "failed", errors=[{"code": 131026,
                                                              "title": "Message undeliverable"}])
    assert (await deliver(wa, double.signed(failed))).status_code == 200
    elsewhere = double.notification({"messages": [{"from": ANA, "id": "wamid.z", "type": "text",
                                                   "text": {"body": "hola"}}]})
    elsewhere["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999"
    response = await deliver(wa, double.signed(elsewhere))
    assert response.json() == {"mensajes": 0, "estados": 0, "omitidas": 1}
    template_update = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "message_template_status_update", "value": {"event": "APPROVED"}}]}]}
    assert (await deliver(wa, double.signed(template_update))).status_code == 200
    assert double.sent == []


async def test_odd_bodies_get_a_clear_json_error(wa: httpx.AsyncClient,
                                                 double: WhatsAppDouble) -> None:
    for body in (b"{no es json", b"\xff\xfe", json.dumps([1, 2]).encode(),
                 json.dumps({"object": "page", "entry": []}).encode(),
                 json.dumps(double.notification({"messages": [{"from": ANA}]})).encode(),
                 json.dumps({"object": "whatsapp_business_account",
                             "entry": [{"id": "1", "changes": []}] * 101}).encode()):
        response = await wa.post("/whatsapp/webhook", content=body, headers=double.sign(body))
        assert response.status_code == 400, body[:40]
        error = response.json()["error"]
        assert error["code"] == "datos_invalidos" and error["message"]
        assert "Traceback" not in response.text
    huge = b'{"object": "whatsapp_business_account", "x": "' + b"a" * 1_100_000 + b'"}'
    response = await wa.post("/whatsapp/webhook", content=huge, headers=double.sign(huge))
    assert response.status_code == 413 and response.json()["error"]["code"]
    assert double.sent == []


async def test_media_and_locations_get_a_polite_text_answer(wa: httpx.AsyncClient,
                                                            double: WhatsAppDouble) -> None:
    for message in ({"type": "image", "image": {"id": "1", "mime_type": "image/jpeg"}},
                    {"type": "location", "location": {"latitude": 4.6, "longitude": -74.1}},
                    {"type": "audio", "audio": {"id": "2", "mime_type": "audio/ogg",
                                                "voice": True}},
                    {"type": "video", "video": {"id": "3", "mime_type": "video/mp4"}},
                    {"type": "sticker", "sticker": {"id": "4", "mime_type": "image/webp"}},
                    {"type": "document", "document": {"id": "5", "filename": "hoja.pdf",
                                                      "mime_type": "application/pdf"}},
                    {"type": "contacts", "contacts": [{"name": {"formatted_name": "Luis"},
                                                       "phones": [{"phone": "+573009998877"}]}]},
                    {"type": "unsupported", "errors": [{"code": 131051}]}):
        [reply] = await say(wa, double, ANA, double.inbound(ANA, message))
        assert reply.type == "text" and "texto" in reply.text.lower()
    assert await say(wa, double, ANA, double.inbound(ANA, {
        "type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "👍"}})) == []


async def test_a_status_for_an_unknown_message_is_kept_without_error(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    for status, errors in (("delivered", None), ("read", None),
                           ("failed", [{"code": 131047, "title": "Re-engagement message"}])):
        payload = double.status("wamid.nunca-enviado", "573009990000", status, errors)
        response = await deliver(wa, double.signed(payload))
        assert response.status_code == 200
        assert response.json() == {"mensajes": 0, "estados": 1, "omitidas": 0}
    assert double.sent == []
    assert await rows(services, ProcessedInput) == 0 and await rows(services, Conversation) == 0
    # kept (id, status, time, code: no number) in case its message is being recorded; the
    # bot's housekeeping forgets them after seven days
    assert await rows(services, KeptStatus) == 3


async def test_the_signature_is_checked_before_the_body_is_read(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    """A forged or unsigned body that is not even JSON is refused for its signature (401/403),
    never parsed (a 400 would show it was read first)."""
    garbage = b"{not json" + b"x" * 100
    unsigned = await wa.post("/whatsapp/webhook", content=garbage,
                             headers={"Content-Type": "application/json"})
    forged = await wa.post("/whatsapp/webhook", content=garbage, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "a" * 64})
    assert (unsigned.status_code, forged.status_code) == (401, 403)
    status = json.dumps(double.status("wamid.x", ANA, "read")).encode()
    forged_status = await wa.post("/whatsapp/webhook", content=status, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "b" * 64})
    assert forged_status.status_code == 403
    assert await rows(services, KeptStatus) == 0  # nothing stored
    signed_garbage = await wa.post("/whatsapp/webhook", content=garbage,
                                   headers=double.sign(garbage))
    assert signed_garbage.status_code == 400  # only a signed body is read


async def test_the_route_is_absent_without_settings(api: httpx.AsyncClient) -> None:
    assert (await api.get("/whatsapp/webhook")).status_code == 404
    assert (await api.post("/whatsapp/webhook", content=b"{}")).status_code == 404
    paths = (await api.get("/openapi.json")).json()["paths"]
    assert not any(path.startswith("/whatsapp") for path in paths)
