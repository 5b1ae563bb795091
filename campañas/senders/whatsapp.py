"""WhatsApp sender: a campaign piece goes out as the campaign's approved template (the only
kind of message WhatsApp allows outside the 24-hour window) on the Cloud API, behind the
process's WhatsApp limiter (``VALOR_WHATSAPP_RATE``).

- The template (name, language, body parameters) is the piece's own or else its campaign's
  (``campañas.whatsapp_template``), read in the claim with the delivery
  (``campañas.whatsapp_plans``); the piece's image is its image header, uploaded once to
  ``/media`` and reused by id (kept in ``campaign_pieces.whatsapp_media_id``); Meta keeps
  media 30 days, so an id it no longer knows (131053, a piece sent again weeks later) is
  uploaded anew once and the delivery sent with the new one.
- Errors become outcomes through ``whatsapp_outcomes``; one that concerns everybody (template
  paused, spam limit, credentials...) pauses the campaign with its reason and gives the
  delivery back unsent, so a resume sends it once.
- A small httpx client of its own: campaigns never import the bot (see docs/whatsapp.md for
  why not pywa).
"""

from __future__ import annotations

import asyncio
import mimetypes
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from campañas import messages as msg
from campañas.audience import WHATSAPP
from campañas.senders.base import Departures, Outcome, OutgoingDelivery
from campañas.senders.whatsapp_outcomes import Action, outcome_for
from campañas.states import Verdict
from campañas.whatsapp_plans import TemplatePlan
from nucleo.ports import WhatsAppAccount
from nucleo.ratelimit import Priority, TelegramRateLimiter

MEDIA_GONE = 131053  # Meta keeps uploaded media 30 days; a stored id may be gone
MAX_PARAMETER = 1000  # characters of one body parameter (Meta: no newlines, tabs, 4+ spaces)
IN_FLIGHT = 64  # sends under way at once: the campaign lane's cap and the HTTP pool's size


PauseCampaign = Callable[[int, str], Awaitable[None]]  # campaign id, reason


def parameter_text(text: str | None) -> str:
    """A template body parameter: one line, no tabs, at most three spaces in a row."""
    flat = re.sub(r"\s*\n\s*", " · ", (text or "").strip())
    flat = re.sub(r"[\t ]{4,}", "   ", flat.replace("\t", " "))
    return (flat[:MAX_PARAMETER - 1] + "…") if len(flat) > MAX_PARAMETER else (flat or "—")


class WhatsAppSender:
    """Sends campaign pieces for one business number."""

    channel = WHATSAPP

    def __init__(self, account: WhatsAppAccount, data_dir: Path, limiter: TelegramRateLimiter,
                 pause: PauseCampaign, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.account = account
        self.data_dir = data_dir
        self.limiter = limiter
        self.pause = pause
        self._http = httpx.AsyncClient(
            base_url=f"{account.api_root.rstrip('/')}/{account.phone_number_id}",
            headers={"Authorization": f"Bearer {account.token}"}, timeout=account.timeout,
            transport=transport,
            limits=httpx.Limits(max_connections=IN_FLIGHT,
                                max_keepalive_connections=IN_FLIGHT // 2))
        self._uploads: dict[int, asyncio.Task[str]] = {}  # piece id → its one upload
        self._granted = Departures(limiter)  # slots whose message has not left yet

    async def ready(self, delivery: OutgoingDelivery) -> None:
        """Wait for a slot of the number's throughput. The engine marks the row «enviando»
        and an image may be uploaded between this slot and the message: the limiter counts
        the message from when it leaves (``Departures.leave``), like Telegram's sender."""
        await self._granted.take(self._slot(delivery), None, Priority.CAMPAIGN)

    @staticmethod
    def _slot(delivery: OutgoingDelivery) -> tuple[int | None, str | None]:
        return delivery.delivery_id, delivery.wa_id

    async def close(self) -> None:
        await self._http.aclose()

    async def send(self, delivery: OutgoingDelivery) -> Outcome:
        try:
            return await self._send(delivery)
        finally:
            self._granted.forget(self._slot(delivery))  # a send that failed before leaving

    async def _send(self, delivery: OutgoingDelivery) -> Outcome:
        if not delivery.wa_id:
            return Outcome(Verdict.FAILED, error=msg.WA_NO_NUMBER)
        plan = delivery.whatsapp_template
        if plan is None:
            return Outcome(Verdict.FAILED, error=msg.WA_TEMPLATE_MISSING_FOR_SEND)
        media_id = delivery.file_id
        uploaded = None
        try:
            if delivery.image_path and not media_id:
                media_id = uploaded = await self._upload(delivery)
            await self._granted.leave(self._slot(delivery))
            response = await self._http.post("/messages", json=self._body(delivery, plan,
                                                                          media_id))
            if (media_id and uploaded is None and response.status_code != 200
                    and _error_code(response) == MEDIA_GONE):
                # a piece sent again after 30 days (a rotation starting over): upload anew
                self._forget_upload(delivery.piece_id, media_id)
                media_id = uploaded = await self._upload(delivery)
                response = await self._http.post("/messages", json=self._body(
                    delivery, plan, media_id))
        except httpx.HTTPError:
            return self._outcome(outcome_for(None), plan, uploaded)
        except OSError:  # the piece's image is gone from the data folder: no retry helps
            return Outcome(Verdict.FAILED, error=msg.WA_IMAGE_MISSING)
        except _UploadFailed as failed:
            return await self._settle(failed.outcome, plan, None)
        if response.status_code != 200:
            code, status = _error_code(response), response.status_code
            return await self._settle(outcome_for(code, status=status, template=plan.name), plan,
                                      uploaded)
        try:
            wamid = str(response.json()["messages"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError):
            return Outcome(Verdict.FAILED, error=msg.WA_NO_MESSAGE_ID, file_id=uploaded)
        return Outcome(Verdict.SENT, file_id=uploaded, extra={"wamid": wamid})

    def _body(self, delivery: OutgoingDelivery, plan: TemplatePlan,
              media_id: str | None) -> dict[str, Any]:
        values = {"frase": plan.phrase, "autor": plan.author, "valor": delivery.value_name,
                  "nombre": (delivery.full_name or "").split(" ")[0] or None, **plan.values}
        components: list[dict[str, Any]] = []
        if media_id:
            components.append({"type": "header", "parameters": [
                {"type": "image", "image": {"id": media_id}}]})
        if plan.parameters:
            components.append({"type": "body", "parameters": [
                {"type": "text", "text": parameter_text(values.get(p))} for p in plan.parameters]})
        template: dict[str, Any] = {"name": plan.name, "language": {"code": plan.language}}
        if components:
            template["components"] = components
        return {"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": delivery.wa_id, "type": "template", "template": template}

    async def _upload(self, delivery: OutgoingDelivery) -> str:
        task = self._uploads.get(delivery.piece_id)
        if task is None or (task.done() and (task.cancelled() or task.exception())):
            task = self._uploads[delivery.piece_id] = asyncio.ensure_future(
                self._upload_once(delivery))
        return await asyncio.shield(task)

    def _forget_upload(self, piece_id: int, media_id: str) -> None:
        """Drop this process's upload of the piece if it is the id Meta no longer keeps (a newer
        upload, done or under way, stays for the other deliveries to share)."""
        task = self._uploads.get(piece_id)
        if task is not None and task.done() and not task.cancelled() \
                and task.exception() is None and task.result() == media_id:
            del self._uploads[piece_id]

    async def _upload_once(self, delivery: OutgoingDelivery) -> str:
        path = self.data_dir / delivery.image_path
        mime = delivery.image_mime or mimetypes.guess_type(path.name)[0] or "image/png"
        content = await asyncio.to_thread(path.read_bytes)
        response = await self._http.post(
            "/media", data={"messaging_product": "whatsapp", "type": mime},
            files={"file": (path.name, content, mime)})
        media_id = None
        if response.status_code == 200:
            try:
                media_id = response.json().get("id")
            except (ValueError, AttributeError):
                media_id = None
        if not isinstance(media_id, str) or not media_id:
            raise _UploadFailed(outcome_for(_error_code(response), status=response.status_code))
        return media_id

    async def _settle(self, outcome: Any, plan: TemplatePlan, uploaded: str | None) -> Outcome:
        if outcome.action is Action.PAUSE:
            await self.pause(plan.campaign_id, outcome.reason)
        elif outcome.throttle and outcome.retry_after:
            self.limiter.pause_for(outcome.retry_after)  # the number's throughput, for all
        return self._outcome(outcome, plan, uploaded)

    @staticmethod
    def _outcome(outcome: Any, plan: TemplatePlan, uploaded: str | None) -> Outcome:
        verdict = {Action.RETRY: Verdict.RATE_LIMITED, Action.FAILED: Verdict.FAILED,
                   Action.BLOCKED: Verdict.BLOCKED, Action.PAUSE: Verdict.NOT_SENT}[outcome.action]
        if outcome.action is Action.RETRY and outcome.code is None:
            verdict = Verdict.RETRY  # network or 5xx: bounded retries with back-off
        return Outcome(verdict, retry_after=outcome.retry_after, error=outcome.reason,
                       file_id=uploaded)


class _UploadFailed(Exception):
    def __init__(self, outcome: Any) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


def _error_code(response: httpx.Response) -> int | None:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return None
    code = error.get("code") if isinstance(error, dict) else None
    return code if type(code) is int else None
