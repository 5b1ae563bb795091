"""TelegramDouble: a local Bot API server for the real python-telegram-bot, plus test controls.

    with TelegramDouble(token=TOKEN) as tg:
        bot = telegram.Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url)
        tg.push_text(42, "/start")
        tg.wait_for_messages(42, 1)
        assert not tg.violations
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from . import updates as build
from . import webhook
from .limits import RateLimits
from .observe import RecordsView
from .runner import ServerThread
from .server import BotApi, build_app
from .spec import DEFAULT_SPEC_PATH, SpecValidator
from .state import Failure, World

DEFAULT_TOKEN = "123456789:AAH-valor-test-double-token"


class TelegramDouble(RecordsView):
    """A faithful local Telegram Bot API (see the package README for the exact behaviour)."""

    DEFAULT_SPEC = DEFAULT_SPEC_PATH

    def __init__(self, token: str = DEFAULT_TOKEN, *, host: str = "127.0.0.1", port: int = 0,
                 spec_path: Path | str | None = DEFAULT_SPEC_PATH,
                 rate_limits: RateLimits | None = RateLimits(),  # noqa: B008  # a frozen value, safe to share
                 unlimited: bool = False,
                 auto_create_chats: bool = True, record_requests: bool = True,
                 bot_username: str = "valor_pruebas_bot",
                 bot_first_name: str = "El Valor Soy Yo", control: bool = False) -> None:
        self.token = token
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        bot_user = {"id": bot_id, "is_bot": True, "first_name": bot_first_name,
                    "username": bot_username, "can_join_groups": True,
                    "can_read_all_group_messages": False, "supports_inline_queries": False,
                    "can_connect_to_business": False, "has_main_web_app": False}
        self._world = World(bot_user=bot_user, auto_create_chats=auto_create_chats,
                            record_requests=record_requests,
                            limits=None if unlimited else rate_limits)
        self.validation_skipped_reason: str | None = None
        validator = None
        if spec_path is None:
            self.validation_skipped_reason = "validation disabled (spec_path=None)"
        elif not Path(spec_path).is_file():
            self.validation_skipped_reason = f"Bot API spec not found at {spec_path}"
        else:
            validator = SpecValidator.from_file(spec_path)
        self.spec_version = validator.version if validator else None
        self._api = BotApi(self._world, token, validator)
        control_route = None
        if control:
            from .remote import control_endpoint

            control_route = control_endpoint(self)
        self._server = ServerThread(build_app(self._api, control_route), host, port,
                                    on_stop=self._stop_in_loop)
        self._world.on_update = lambda: self._server.call_soon(self._api.wake)
        self._host = host

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> TelegramDouble:
        """Start serving in a background thread; returns self."""
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving (pending long polls answer at once) and join the thread."""
        self._server.stop()

    def _stop_in_loop(self) -> None:
        self._api.stopping = True
        self._api.wake()

    def __enter__(self) -> TelegramDouble:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://{self._host}:{self._server.port}"

    @property
    def base_url(self) -> str:
        """python-telegram-bot's ``base_url`` (it appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's ``base_file_url``."""
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The ``User`` getMe returns."""
        return dict(self._world.bot_user)

    # --- scenario controls -------------------------------------------------------------------
    def add_chat(self, chat_id: int, *, chat_type: str | None = None, first_name: str | None = None,
                 title: str | None = None, username: str | None = None) -> None:
        """Make a chat known (needed when ``auto_create_chats=False``)."""
        with self._world.lock:
            chat = self._world.ensure_chat(chat_id, type=chat_type, first_name=first_name,
                                           title=title, username=username)
            chat.not_found = False

    def block(self, chat_id: int) -> None:
        """Sends to ``chat_id`` answer 403 (blocked by the user / kicked from the group)."""
        with self._world.lock:
            self._world.ensure_chat(chat_id).blocked = True

    def unblock(self, chat_id: int) -> None:
        """Undo ``block``."""
        with self._world.lock:
            self._world.ensure_chat(chat_id).blocked = False

    def make_chat_not_found(self, chat_id: int) -> None:
        """Sends to ``chat_id`` answer 400 "Bad Request: chat not found"."""
        with self._world.lock:
            self._world.ensure_chat(chat_id).not_found = True

    def migrate_chat(self, chat_id: int, new_chat_id: int) -> None:
        """Sends to group ``chat_id`` answer 400 with ``migrate_to_chat_id``."""
        with self._world.lock:
            self._world.ensure_chat(chat_id).migrated_to = new_chat_id

    def fail_next(self, method: str, status: int = 500, count: int = 1, *,
                  retry_after: int | None = None, description: str | None = None) -> None:
        """The next ``count`` valid calls of ``method`` (``*``: any) fail with ``status``.

        502/504 answer an nginx HTML page like Telegram's front end; 429 carries retry_after.
        """
        with self._world.lock:
            self._world.failures[method] = Failure(status, count, retry_after, description)

    def slow(self, seconds: float) -> None:
        """Delay every answer by ``seconds`` (0 restores)."""
        self._world.slow_seconds = seconds

    def go_down(self) -> None:
        """Answer every request with 502 Bad Gateway (HTML) until ``come_back``."""
        self._world.down = True

    def come_back(self) -> None:
        """Undo ``go_down``."""
        self._world.down = False

    def set_rate_limits(self, limits: RateLimits | None, *,
                        clock: Callable[[], float] | None = None) -> None:
        """Replace the flood limits (None: unlimited); all buckets start full. ``clock``
        (seconds) replaces ``time.monotonic`` for their refill: a test decides when tokens
        come back, however slowly the machine runs."""
        with self._world.lock:
            self._world.set_limits(limits, clock)

    # --- incoming updates --------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (update_id assigned if missing); return its update_id."""
        with self._world.lock:
            return self._world.add_update(dict(update))

    def push_text(self, chat_id: int, text: str, *, first_name: str = "Ana",
                  chat_type: str = "private", user_id: int | None = None,
                  last_name: str | None = None, username: str | None = None,
                  language_code: str | None = "es") -> int:
        """A user writes ``text`` (a leading /command gets its bot_command entity)."""
        user = build.user_api(user_id or build.default_user_id(chat_id), first_name,
                              last_name=last_name, username=username, language_code=language_code)
        with self._world.lock:
            update = build.message_update(self._world, chat_id, text, user, chat_type)
            return self._world.add_update(update)

    def push_contact(self, chat_id: int, phone_number: str, *, contact_user_id: int | None,
                     first_name: str = "Ana", user_id: int | None = None) -> int:
        """A user shares a contact (Telegram's «share my phone number» sets ``contact_user_id``
        to the sender; a contact from the address book may name anybody, or nobody)."""
        user = build.user_api(user_id or build.default_user_id(chat_id), first_name)
        with self._world.lock:
            update = build.contact_update(self._world, chat_id, user, phone_number, first_name,
                                          contact_user_id)
            return self._world.add_update(update)

    def push_command(self, chat_id: int, command: str, args: str = "", **user: Any) -> int:
        """A user sends ``/command args`` (``command`` with or without the slash)."""
        text = "/" + command.lstrip("/") + (f" {args}" if args else "")
        return self.push_text(chat_id, text, **user)

    def push_callback(self, chat_id: int, data: str, *, message_id: int | None = None,
                      first_name: str = "Ana", user_id: int | None = None,
                      check_buttons: bool = True) -> int:
        """A user presses a button of the bot's message ``message_id`` (default: the last one
        with an inline keyboard); ``data`` must be one of its callback_data unless
        ``check_buttons=False``."""
        user = build.user_api(user_id or build.default_user_id(chat_id), first_name)
        with self._world.lock:
            update = build.callback_update(self._world, chat_id, data, user, message_id,
                                           check_buttons)
            return self._world.add_update(update)

    def push_my_chat_member(self, chat_id: int, status: str = "kicked", *,
                            first_name: str = "Ana", user_id: int | None = None) -> int:
        """The user blocks (``kicked``/``left``) or restores (``member``) the bot; later sends
        to the chat answer 403 accordingly."""
        user = build.user_api(user_id or build.default_user_id(chat_id), first_name)
        with self._world.lock:
            update = build.my_chat_member_update(self._world, chat_id, status, user)
            return self._world.add_update(update)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by getUpdates (or delivered to the webhook)."""
        with self._world.lock:
            return list(self._world.updates)

    # --- webhook -----------------------------------------------------------------------------
    @property
    def webhook_url(self) -> str:
        """The url given to setWebhook ("" when none)."""
        return self._world.webhook.url

    @property
    def webhook_secret(self) -> str | None:
        """The secret_token given to setWebhook."""
        return self._world.webhook.secret_token

    def deliver_pending_to_webhook(self, timeout: float = 30.0) -> list[int]:
        """POST pending updates to the webhook in order, stopping at the first failure."""
        return webhook.deliver_pending(self._world, timeout)

    async def adeliver_pending_to_webhook(self, timeout: float = 30.0) -> list[int]:
        """Async ``deliver_pending_to_webhook``, for a webhook served by the caller's loop."""
        return await webhook.adeliver_pending(self._world, timeout)

    def post_update_to_webhook(self, update: dict[str, Any], *,
                               secret: Any = webhook.USE_REGISTERED,
                               timeout: float = 30.0) -> httpx.Response:
        """POST one update to the webhook; ``secret=None`` omits the header, a string forges it."""
        url, body, headers = webhook.prepare(self._world, update, secret)
        return httpx.post(url, content=body, headers=headers, timeout=timeout)

    async def apost_update_to_webhook(self, update: dict[str, Any], *,
                                      secret: Any = webhook.USE_REGISTERED,
                                      timeout: float = 30.0) -> httpx.Response:
        """Async ``post_update_to_webhook``."""
        url, body, headers = webhook.prepare(self._world, update, secret)
        async with httpx.AsyncClient(timeout=timeout) as client:
            return await client.post(url, content=body, headers=headers)
