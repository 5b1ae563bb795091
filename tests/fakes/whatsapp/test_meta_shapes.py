"""The double speaks Meta's shapes: what it posts to the service and what it answers have only
key paths (and leaf types) that Meta's published examples have, and the service reads Meta's
own examples the same way as the double's."""

from __future__ import annotations

import json

import httpx
import pytest

from bot.whatsapp.schemas import Notification
from tests.fakes.whatsapp import WhatsAppDouble
from tests.fakes.whatsapp import meta_examples as meta
from tests.fakes.whatsapp.meta_examples import shape


@pytest.fixture
def double():
    with WhatsAppDouble() as running:
        yield running


def _extra(ours: dict, theirs: dict) -> set[str]:
    return shape(ours) - shape(theirs)


def test_the_double_s_text_message_has_meta_s_shape(double: WhatsAppDouble) -> None:
    body, headers = double.text_from("16505551234", "Does it come in another color?")
    assert _extra(json.loads(body), meta.TEXT_MESSAGE) == set()
    assert headers["X-Hub-Signature-256"].startswith("sha256=")


@pytest.mark.parametrize(("status", "example", "errors"), [
    ("sent", meta.STATUS_SENT, None),
    ("failed", meta.STATUS_FAILED, [{"code": 131047, "title": "Re-engagement message"}])])
def test_the_double_s_statuses_have_meta_s_shape(double: WhatsAppDouble, status, example,
                                                 errors) -> None:
    ours = double.status("wamid.X", "16505551234", status, errors)
    assert _extra(ours, example) == set()


def test_the_double_s_own_window_failure_has_meta_s_shape(double: WhatsAppDouble) -> None:
    """The ``failed`` 131047 the double reports for a free-form send outside the window."""
    response = httpx.post(f"{double.base_url}/{double.version}/{double.phone_number_id}/"
                          "messages", headers={"Authorization": f"Bearer {double.token}"},
                          json={"messaging_product": "whatsapp", "to": "16505551234",
                                "type": "text", "text": {"body": "hola"}})
    assert response.status_code == 200
    assert _extra(response.json(), meta.SEND_RESPONSE) == set()
    [failed] = double.pending_statuses
    assert _extra(failed, meta.STATUS_FAILED) == set()


def test_the_double_s_error_and_media_answers_have_meta_s_shape(double: WhatsAppDouble) -> None:
    base = f"{double.base_url}/{double.version}/{double.phone_number_id}"
    refused = httpx.post(f"{base}/messages", headers={"Authorization": "Bearer wrong"},
                         json={"messaging_product": "whatsapp"})
    assert refused.status_code == 401 and _extra(refused.json(), meta.ERROR) == set()
    double.fail_next(130429)
    limited = httpx.post(f"{base}/messages", headers={"Authorization": f"Bearer {double.token}"},
                         json={"messaging_product": "whatsapp", "to": "16505551234",
                               "type": "text", "text": {"body": "hola"}})
    assert limited.json()["error"]["code"] == 130429
    assert _extra(limited.json(), meta.ERROR) == set()
    media = httpx.post(f"{base}/media", headers={"Authorization": f"Bearer {double.token}"},
                       data={"messaging_product": "whatsapp", "type": "image/png"},
                       files={"file": ("a.png", b"\x89PNG", "image/png")})
    assert _extra(media.json(), meta.MEDIA_RESPONSE) == set()


def test_the_service_reads_meta_s_examples_like_the_double_s() -> None:
    [message] = Notification.model_validate(meta.TEXT_MESSAGE).values()
    assert message.metadata.phone_number_id == meta.METADATA["phone_number_id"]
    [text] = message.messages
    assert (text.from_, text.type, text.text and text.text.body) == (
        "16505551234", "text", "Does it come in another color?")
    assert message.contacts[0].wa_id == "16505551234"
    [sent] = Notification.model_validate(meta.STATUS_SENT).values()[0].statuses
    assert (sent.status, sent.timestamp) == ("sent", "1750263773")
    [failed] = Notification.model_validate(meta.STATUS_FAILED).values()[0].statuses
    assert [e.code for e in failed.errors] == [131047]
