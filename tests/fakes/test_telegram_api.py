"""The Telegram double, driven by the real python-telegram-bot and by raw HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fakes.telegram_api import RateLimits, TelegramDouble
from tests.fakes.waiting import eventually


@pytest.fixture
def tg() -> Iterator[TelegramDouble]:
    """A double with Telegram's default limits; spec violations must be taken explicitly."""
    with TelegramDouble() as double:
        yield double
        assert not double.violations


@pytest.fixture
async def bot(tg: TelegramDouble) -> AsyncIterator[Bot]:
    """The real PTB Bot talking to the double."""
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
        yield bot


def png(width: int = 64, height: int = 32) -> bytes:
    """A small valid PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def seconds(value: int | dt.timedelta) -> float:
    """RetryAfter.retry_after as seconds (PTB 22 gives int or timedelta)."""
    return value.total_seconds() if isinstance(value, dt.timedelta) else value


def raw(tg: TelegramDouble, method: str, **kwargs) -> httpx.Response:
    """POST straight to the double, bypassing PTB."""
    return httpx.post(f"{tg.base_url}{tg.token}/{method}", timeout=5, **kwargs)


async def test_get_me_returns_the_bot_user(bot: Bot, tg: TelegramDouble) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.id == tg.bot_user["id"] and me.username == "valor_pruebas_bot"
    assert tg.requests_for("getMe")


async def test_send_message_echoes_inline_keyboard_and_records_it(bot: Bot, tg) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Sí, acepto", callback_data="ok")]])
    first = await bot.send_message(42, "¿Aceptas el tratamiento de datos?", reply_markup=markup)
    second = await bot.send_message(42, "Otro mensaje")
    assert first.reply_markup == markup and first.from_user.id == tg.bot_user["id"]
    assert second.message_id == first.message_id + 1 and first.chat.type == "private"
    sent = tg.messages_to(42)
    assert [m.text for m in sent] == ["¿Aceptas el tratamiento de datos?", "Otro mensaje"]
    assert sent[0].buttons[0][0]["callback_data"] == "ok"
    assert tg.last_text(42) == "Otro mensaje"


async def test_html_is_parsed_into_entities_with_utf16_offsets(bot: Bot, tg) -> None:
    message = await bot.send_message(7, "👩‍💼 <b>Honestidad</b> &amp; <i>respeto</i>",
                                     parse_mode="HTML")
    assert message.text == "👩‍💼 Honestidad & respeto"
    bold = message.entities[0]
    assert message.parse_entity(bold) == "Honestidad"
    assert tg.last_message(7).raw.startswith("👩‍💼 <b>")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<script>alert(1)</script>", 'Unsupported start tag "script"'),
        ("a < b", "Unclosed start tag"),
        ("<b>sin cerrar", "Can't find end tag"),
        ("", "message text is empty"),
        ("x" * 4097, "message is too long"),
    ],
)
async def test_bad_text_is_refused_like_telegram(bot: Bot, tg, text: str, error: str) -> None:
    with pytest.raises(BadRequest, match="(?i)" + re.escape(error)):
        await bot.send_message(7, text, parse_mode="HTML")
    assert tg.messages_to(7) == []


async def test_send_photo_uploads_once_then_reuses_file_id(bot: Bot, tg) -> None:
    first = await bot.send_photo(5, png(), caption="Valor de la semana")
    file_id = first.photo[-1].file_id
    second = await bot.send_photo(6, file_id)
    assert tg.uploads_count == 1
    assert second.photo[-1].file_id == file_id and first.photo[-1].width == 64
    assert tg.last_message(5).photo == file_id and tg.last_text(5) == "Valor de la semana"
    downloaded = await (await bot.get_file(file_id)).download_as_bytearray()
    assert bytes(downloaded) == png()


async def test_photo_that_is_not_an_image_fails(bot: Bot, tg) -> None:
    with pytest.raises(BadRequest, match="(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(5, b"not an image")
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_photo(5, "AgACAgEAAxkDAAI-unknown")
    assert tg.uploads_count == 0


async def test_blocked_chat_raises_forbidden(bot: Bot, tg) -> None:
    tg.block(99)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(99, "Hola")
    tg.unblock(99)
    await bot.send_message(99, "Hola")


async def test_unknown_chat_when_chats_are_not_auto_created() -> None:
    with TelegramDouble(auto_create_chats=False) as tg:
        async with Bot(tg.token, base_url=tg.base_url) as bot:
            with pytest.raises(BadRequest, match="(?i)chat not found"):
                await bot.send_message(-100123, "Hola")
            tg.add_chat(-100123, chat_type="supergroup", title="Talento Humano")
            message = await bot.send_message(-100123, "Hola")
            assert message.chat.title == "Talento Humano"


async def test_private_chat_flood_limit_raises_retry_after(bot: Bot, tg) -> None:
    for _ in range(3):  # the private-chat burst
        await bot.send_message(11, "ráfaga")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(11, "una de más")
    assert seconds(caught.value.retry_after) == 1
    assert tg.count_429 == 1
    await bot.send_message(12, "otro chat no está limitado")


async def test_group_limit_and_global_limit(bot: Bot, tg) -> None:
    tg.set_rate_limits(RateLimits(global_per_second=0.1, global_burst=5, group_burst=1))
    await bot.send_message(-500, "al grupo")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(-500, "al grupo otra vez")
    assert seconds(caught.value.retry_after) == 3  # 20 per minute
    for chat in range(100, 104):
        await bot.send_message(chat, "difusión")
    with pytest.raises(RetryAfter):
        await bot.send_message(200, "sobre el límite global")
    assert tg.count_429 == 2


async def test_scripted_failures_and_outage(bot: Bot, tg) -> None:
    tg.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(3, "x")
    assert seconds(caught.value.retry_after) == 7
    tg.fail_next("*", status=500, count=1)
    with pytest.raises(NetworkError, match="(?i)Internal Server Error"):
        await bot.get_me()
    tg.go_down()
    with pytest.raises(NetworkError, match="(?i)Bad Gateway"):
        await bot.send_message(3, "x")
    tg.come_back()
    await bot.send_message(3, "x")


def test_spec_violation_is_answered_400_and_recorded(tg: TelegramDouble) -> None:
    response = raw(tg, "sendMessage", json={"chat_id": 1, "text": "hola", "colour": "red"})
    assert response.status_code == 400
    assert "unknown field 'colour'" in response.json()["description"]
    response = raw(tg, "sendMessage", json={"chat_id": "1", "text": 5})
    assert response.status_code == 400
    bad_markup = {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"txt": "a"}]]}}
    assert raw(tg, "sendMessage", json=bad_markup).status_code == 400
    problems = [v.problem for v in tg.take_violations()]
    assert problems[0] == "unknown field 'colour'"
    assert "expected String" in problems[1] and "InlineKeyboardButton" in problems[2]
    assert tg.messages_to(1) == []


def test_error_envelope_shape(tg: TelegramDouble) -> None:
    response = raw(tg, "sendMessage", data={"chat_id": "1"})
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error_code", "description"}
    assert body["ok"] is False and body["error_code"] == 400 == response.status_code
    assert body["description"].startswith("Bad Request: ")
    tg.take_violations()
    tg.fail_next("getMe", status=429, retry_after=4)
    limited = raw(tg, "getMe").json()
    assert limited == {"ok": False, "error_code": 429,
                       "description": "Too Many Requests: retry after 4",
                       "parameters": {"retry_after": 4}}
    assert raw(tg, "noSuchMethod").json()["error_code"] == 404
    assert tg.take_violations()[0].problem == "unknown method"
    wrong_token = httpx.post(f"{tg.base_url}1:wrong/getMe").json()
    assert wrong_token == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_polling_application_answers_start(tg: TelegramDouble) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Hola, {update.effective_user.first_name}")

    app = ApplicationBuilder().token(tg.token).base_url(tg.base_url).build()
    app.add_handler(CommandHandler("start", start))
    tg.push_text(501, "/start", first_name="Ana")
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0)
        messages = await tg.wait_for_messages_async(501, 1, timeout=5)
        tg.push_command(501, "start", first_name="Beto")
        await tg.wait_for_messages_async(501, 2, timeout=5)
        await app.updater.stop()
        await app.stop()
    assert messages[0].text == "Hola, Ana" and tg.last_text(501) == "Hola, Beto"
    assert tg.pending_updates == []


async def test_callback_query_and_edit(bot: Bot, tg) -> None:
    answered: list[str] = []

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("Gracias")
        await update.callback_query.edit_message_text("Elegiste: " + update.callback_query.data)
        answered.append(update.callback_query.data)

    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Sí", callback_data="si")]])
    await bot.send_message(8, "¿Participas?", reply_markup=markup)
    with pytest.raises(LookupError):
        tg.push_callback(8, "no-such-button")
    app = ApplicationBuilder().token(tg.token).base_url(tg.base_url).build()
    app.add_handler(CallbackQueryHandler(pressed))
    tg.push_callback(8, "si")
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0)
        await eventually(lambda: answered, what="the button to be answered")
        await app.updater.stop()
        await app.stop()
    assert tg.last_text(8) == "Elegiste: si" and tg.last_message(8).edits == 1
    assert next(iter(tg.callback_answers.values()))["text"] == "Gracias"
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Elegiste: si", chat_id=8,
                                    message_id=tg.last_message(8).message_id)


async def test_webhook_blocks_polling_and_receives_updates_with_secret(bot: Bot, tg) -> None:
    received: list[tuple[dict, str | None]] = []

    async def hook(request):
        from starlette.responses import Response

        secret = request.headers.get("x-telegram-bot-api-secret-token")
        received.append((await request.json(), secret))
        return Response(status_code=200)

    from starlette.applications import Starlette
    from starlette.routing import Route

    from tests.fakes.telegram.runner import ServerThread

    receiver = ServerThread(Starlette(routes=[Route("/tg", hook, methods=["POST"])]))
    receiver.start()
    try:
        url = f"http://127.0.0.1:{receiver.port}/tg"
        await bot.set_webhook(url, secret_token="s3cr3t_valor", allowed_updates=["message"])
        info = await bot.get_webhook_info()
        assert info.url == url and tg.webhook_secret == "s3cr3t_valor"
        with pytest.raises(Conflict, match="(?i)webhook is active"):
            await bot.get_updates()
        update_id = tg.push_text(77, "hola")
        assert await tg.adeliver_pending_to_webhook() == [200]
        assert received[0] == (received[0][0], "s3cr3t_valor")
        assert received[0][0]["update_id"] == update_id
        response = await tg.apost_update_to_webhook({"message": received[0][0]["message"]},
                                                    secret="forged")
        assert response.status_code == 200 and received[1][1] == "forged"
        await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == ()
    finally:
        receiver.stop()


async def test_long_poll_waits_for_a_push_and_offset_confirms(bot: Bot, tg) -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, tg.push_text, 9, "llegó tarde")
    updates = await bot.get_updates(timeout=3)
    assert [u.message.text for u in updates] == ["llegó tarde"]
    assert len(await bot.get_updates(timeout=0)) == 1  # not confirmed yet
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_my_chat_member_kicked_blocks_later_sends(bot: Bot, tg) -> None:
    tg.push_my_chat_member(31, "kicked")
    updates = await bot.get_updates(timeout=0)
    assert updates[0].my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden):
        await bot.send_message(31, "¿Sigues ahí?")


async def test_commands_roundtrip(bot: Bot, tg) -> None:
    await bot.set_my_commands([("start", "Empezar"), ("ayuda", "Ayuda")])
    commands = await bot.get_my_commands()
    assert [c.command for c in commands] == ["start", "ayuda"]
    assert tg.commands()[1]["description"] == "Ayuda"


def test_missing_spec_skips_only_validation(tmp_path) -> None:
    with TelegramDouble(spec_path=tmp_path / "absent.json") as tg:
        assert "not found" in tg.validation_skipped_reason
        assert raw(tg, "sendMessage", json={"chat_id": 4, "text": "hola"}).json()["ok"] is True


async def test_a_refused_photo_uploads_nothing(bot: Bot, tg) -> None:
    tg.set_rate_limits(RateLimits(private_burst=1))
    await bot.send_photo(21, png())
    with pytest.raises(RetryAfter):
        await bot.send_photo(21, png())
    assert tg.uploads_count == 1 and len(tg.messages_to(21)) == 1


async def test_markdown_v2_reserved_characters_must_be_escaped(bot: Bot, tg) -> None:
    with pytest.raises(BadRequest, match=r"(?i)character '\.' is reserved"):
        await bot.send_message(4, "Fin.", parse_mode="MarkdownV2")
    message = await bot.send_message(4, r"Fin\.", parse_mode="MarkdownV2")
    assert message.text == "Fin."


async def test_a_newer_get_updates_terminates_the_older_one(bot: Bot, tg) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=5))
    assert await tg.wait_until(lambda: tg.calls_in_progress == 1)  # the older poll is waiting
    async with Bot(tg.token, base_url=tg.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="(?i)terminated by other getUpdates"):
        await older


async def test_shared_fixture_and_sync_wait(telegram_double: TelegramDouble) -> None:
    async with Bot(telegram_double.token, base_url=telegram_double.base_url) as bot:
        await bot.send_message(15, "hola")
    sent = await asyncio.to_thread(telegram_double.wait_for_messages, 15, 1, 2)
    assert sent[0].text == "hola"
    with pytest.raises(TimeoutError, match="got \\['hola'\\]"):
        telegram_double.wait_for_messages(15, 2, timeout=0.05)


def test_double_in_a_separate_process() -> None:
    from tests.fakes.telegram.remote import RemoteTelegramDouble

    with RemoteTelegramDouble.spawn(unlimited=True) as tg:
        response = raw(tg, "sendMessage", data={"chat_id": "8", "text": "desde otro proceso"})
        assert response.json()["result"]["text"] == "desde otro proceso"
        assert tg.wait_for_messages(8, 1)[0]["text"] == "desde otro proceso"
        tg.push_text(8, "/start")
        assert tg.pending_updates[0]["message"]["text"] == "/start"
        assert tg.stats()["sent"] == 1 and tg.violations == []
