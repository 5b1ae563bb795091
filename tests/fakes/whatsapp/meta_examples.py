"""Meta's published examples of the Cloud API's payloads, to hold the double to them.

Copied in shape from Meta's references (placeholders such as ``<TIMESTAMP>`` filled with values
of their documented type): the messages webhook (text message), the status webhook (``sent``
with its conversation and pricing, and a ``failed`` one with its error), the send response, the
media upload response and the Graph error envelope.

- https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
- https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
- https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
- https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
"""

from __future__ import annotations

from typing import Any

METADATA = {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"}


def _notification(value: dict[str, Any]) -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{
        "id": "102290129340398",
        "changes": [{"value": {"messaging_product": "whatsapp", "metadata": METADATA,
                               **value}, "field": "messages"}]}]}


TEXT_MESSAGE = _notification({
    "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
    "messages": [{"from": "16505551234",
                  "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                  "timestamp": "1749416383", "type": "text",
                  "text": {"body": "Does it come in another color?"}}]})

STATUS_SENT = _notification({"statuses": [{
    "id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
    "status": "sent", "timestamp": "1750263773", "recipient_id": "16505551234",
    "conversation": {"id": "6ceb9d929c1a4c5d9e4b3f6f2c2b5b1c",
                     "expiration_timestamp": "1750350180",
                     "origin": {"type": "marketing"}},
    "pricing": {"billable": True, "pricing_model": "PMP", "category": "marketing",
                "type": "regular"}}]})

STATUS_FAILED = _notification({"statuses": [{
    "id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
    "status": "failed", "timestamp": "1750263773", "recipient_id": "16505551234",
    "errors": [{"code": 131047, "title": "Re-engagement message",
                "message": "Re-engagement message",
                "error_data": {"details": "Message failed to send because more than 24 hours "
                                          "have passed since the customer last replied to "
                                          "this number."},
                "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/"
                        "error-codes/"}]}]})

SEND_RESPONSE = {"messaging_product": "whatsapp",
                 "contacts": [{"input": "+16505551234", "wa_id": "16505551234"}],
                 "messages": [{"id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
                               "message_status": "accepted"}]}

MEDIA_RESPONSE = {"id": "1037543291543636"}

ERROR = {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException",
                   "code": 130429,
                   "error_data": {"messaging_product": "whatsapp",
                                  "details": "Cloud API message throughput has been reached."},
                   "error_subcode": 2494055, "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"}}


def shape(value: Any, path: str = "") -> set[str]:
    """Every key path of a JSON value (list items as ``[]``), with the leaves' JSON types."""
    if isinstance(value, dict):
        return {p for key, item in value.items() for p in shape(item, f"{path}.{key}")} | {path}
    if isinstance(value, list):
        return {p for item in value for p in shape(item, f"{path}[]")} | {path}
    kind = {bool: "bool", int: "number", float: "number", str: "string"}.get(type(value), "null")
    return {f"{path}:{kind}"}
