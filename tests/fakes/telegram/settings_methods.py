"""Bot API methods about the bot's setup: commands, webhook, files (see methods.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from .state import ApiError, World

_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}\Z")


def _commands_key(p: dict[str, Any]) -> str:
    scope = p.get("scope") or {"type": "default"}
    return json.dumps([scope, p.get("language_code") or ""], sort_keys=True)


def set_my_commands(world: World, p: dict[str, Any]) -> bool:
    """setMyCommands: store the list for its scope and language."""
    for command in p["commands"]:
        if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    world.commands[_commands_key(p)] = list(p["commands"])
    return True


def get_my_commands(world: World, p: dict[str, Any]) -> list:
    """getMyCommands: the list stored for the scope and language (empty if none)."""
    return world.commands.get(_commands_key(p), [])


def delete_my_commands(world: World, p: dict[str, Any]) -> bool:
    """deleteMyCommands: forget the list for the scope and language."""
    world.commands.pop(_commands_key(p), None)
    return True


def set_webhook(world: World, p: dict[str, Any]) -> bool:
    """setWebhook: record url, secret and allowed updates; an empty url removes the webhook."""
    secret = p.get("secret_token")
    if secret is not None and not _SECRET_RE.match(secret):
        raise ApiError(400, "Bad Request: secret token contains unallowed characters")
    url = p["url"]
    if url and not url.startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: bad webhook: Wrong HTTP URL specified")
    if p.get("drop_pending_updates"):
        world.updates.clear()
    world.webhook.url = url
    world.webhook.secret_token = secret if url else None
    world.webhook.max_connections = p.get("max_connections", 40)
    if "allowed_updates" in p:
        world.webhook.allowed_updates = p["allowed_updates"] or None
        world.allowed_updates = p["allowed_updates"] or None
    world.on_update()
    return True


def delete_webhook(world: World, p: dict[str, Any]) -> bool:
    """deleteWebhook: remove the webhook, optionally dropping pending updates."""
    if p.get("drop_pending_updates"):
        world.updates.clear()
    world.webhook.url, world.webhook.secret_token = "", None
    return True


def get_webhook_info(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """getWebhookInfo: url, pending count, last delivery error and allowed updates."""
    hook = world.webhook
    info: dict[str, Any] = {"url": hook.url, "has_custom_certificate": False,
                            "pending_update_count": len(world.updates)}
    if hook.url:
        info["max_connections"] = hook.max_connections
        if hook.allowed_updates:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


def get_file(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """getFile: a File with a file_path downloadable from /file/bot<token>/<file_path>."""
    stored = world.files.get(p["file_id"])
    if stored is None:
        raise ApiError(400, "Bad Request: invalid file_id")
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content), "file_path": stored.file_path}
