"""Deliver updates to the webhook the bot registered, as Telegram's servers would."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from .state import World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
USE_REGISTERED = object()  # sentinel: send the secret_token given to setWebhook


def prepare(world: World, update: dict[str, Any], secret: Any) -> tuple[str, bytes, dict]:
    """Return (url, body, headers) for posting ``update`` (assigning an update_id if missing)."""
    with world.lock:
        url = world.webhook.url
        if not url:
            raise RuntimeError("no webhook is set: the bot never called setWebhook")
        if "update_id" not in update:
            update = {"update_id": world.next_update_id, **update}
            world.next_update_id += 1
        if secret is USE_REGISTERED:
            secret = world.webhook.secret_token
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    return url, json.dumps(update, ensure_ascii=False).encode(), headers


def next_pending(world: World) -> dict[str, Any] | None:
    """Return the oldest pending update the webhook's allowed_updates accepts."""
    with world.lock:
        pending = world.take_updates(None, 1, world.webhook.allowed_updates)
        return pending[0] if pending else None


def settle(world: World, update: dict[str, Any], status: int, error: str | None) -> bool:
    """Drop a delivered update, or remember the error like getWebhookInfo shows it."""
    with world.lock:
        if 200 <= status < 300:
            world.updates = [u for u in world.updates if u is not update]
            return True
        world.webhook.last_error_date = int(time.time())
        world.webhook.last_error_message = error or f"Wrong response from the webhook: {status}"
        return False


def deliver_pending(world: World, timeout: float) -> list[int]:
    """POST pending updates in order until one fails; return the HTTP statuses."""
    statuses: list[int] = []
    with httpx.Client(timeout=timeout) as client:
        while (update := next_pending(world)) is not None:
            url, body, headers = prepare(world, update, USE_REGISTERED)
            try:
                status, error = client.post(url, content=body, headers=headers).status_code, None
            except httpx.HTTPError as exc:
                status, error = 0, f"Connection failed: {exc!r}"
            statuses.append(status)
            if not settle(world, update, status, error):
                break
    return statuses


async def adeliver_pending(world: World, timeout: float) -> list[int]:
    """Async variant of ``deliver_pending`` (use it when the webhook runs in your loop)."""
    statuses: list[int] = []
    async with httpx.AsyncClient(timeout=timeout) as client:
        while (update := next_pending(world)) is not None:
            url, body, headers = prepare(world, update, USE_REGISTERED)
            try:
                response = await client.post(url, content=body, headers=headers)
                status, error = response.status_code, None
            except httpx.HTTPError as exc:
                status, error = 0, f"Connection failed: {exc!r}"
            statuses.append(status)
            if not settle(world, update, status, error):
                break
    return statuses
