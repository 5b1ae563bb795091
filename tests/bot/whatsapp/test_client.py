"""The Cloud API client against the double: auth, error codes mapped, the 24-hour window
refused before any call, media uploaded once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.whatsapp.client import WhatsAppClient, WhatsAppError, WindowClosed
from tests.bot.whatsapp.conftest import Clock, settings_for
from tests.fakes.whatsapp import WhatsAppDouble

TO = "573001112233"


@pytest.fixture
async def client(double: WhatsAppDouble) -> AsyncIterator[WhatsAppClient]:
    async def always_open(_wa_id: str) -> bool:
        return True

    built = WhatsAppClient(settings_for(double), always_open)
    yield built
    await built.aclose()


async def test_text_is_sent_with_the_bearer_token(client: WhatsAppClient,
                                                  double: WhatsAppDouble) -> None:
    double.text_from(TO, "hola")  # the person wrote: the double's window is open
    sent = await client.send_text(TO, "Hola")
    assert sent.message_id.startswith("wamid.") and sent.wa_id == TO
    assert [m.text for m in double.to(TO)] == ["Hola"]


@pytest.mark.parametrize(("code", "kind"), [
    (130429, "rate_limit"), (131056, "rate_limit"), (131047, "reengagement"),
    (131026, "not_on_whatsapp"), (132015, "template_paused"), (131000, "temporary"),
    (100, "invalid"), (999999, "failed")])
async def test_error_codes_are_mapped(client: WhatsAppClient, double: WhatsAppDouble,
                                      code: int, kind: str) -> None:
    double.fail_next(code)
    with pytest.raises(WhatsAppError) as caught:
        await client.send_text(TO, "Hola")
    assert (caught.value.kind, caught.value.code) == (kind, code)
    assert caught.value.retryable == (kind in ("rate_limit", "temporary"))


async def test_a_wrong_token_is_an_auth_error(double: WhatsAppDouble) -> None:
    async def always_open(_wa_id: str) -> bool:
        return True

    settings = settings_for(double).model_copy(update={"token": type(
        settings_for(double).token)("otro")})
    client = WhatsAppClient(settings, always_open)
    try:
        with pytest.raises(WhatsAppError) as caught:
            await client.send_text(TO, "Hola")
    finally:
        await client.aclose()
    assert (caught.value.kind, caught.value.code, caught.value.status) == ("auth", 190, 401)
    assert double.sent == []


async def test_throughput_limit_answers_130429(clock: Clock) -> None:
    with WhatsAppDouble(clock=clock, rate_per_second=1, burst=2) as limited:
        async def always_open(_wa_id: str) -> bool:
            return True

        client = WhatsAppClient(settings_for(limited), always_open)
        limited.text_from(TO, "hola")
        try:
            await client.send_text(TO, "uno")
            await client.send_text(TO, "dos")
            with pytest.raises(WhatsAppError) as caught:
                await client.send_text(TO, "tres")
            assert caught.value.kind == "rate_limit" and caught.value.code == 130429
            clock.advance(timedelta(seconds=1))
            await client.send_text(TO, "tres")  # the bucket refilled
        finally:
            await client.aclose()
        assert [m.text for m in limited.to(TO)] == ["uno", "dos", "tres"]


async def test_outside_the_window_nothing_free_form_leaves(double: WhatsAppDouble) -> None:
    async def closed(_wa_id: str) -> bool:
        return False

    client = WhatsAppClient(settings_for(double), closed)
    try:
        with pytest.raises(WindowClosed) as caught:
            await client.send_text(TO, "Hola")
        assert caught.value.code == 131047 and "24 horas" in caught.value.detail
        sent = await client.send_template(TO, "valor_de_la_semana", "es", components=[
            {"type": "body", "parameters": [{"type": "text", "text": "Honestidad"}]}])
    finally:
        await client.aclose()
    assert [m.type for m in double.to(TO)] == ["template"]
    assert sent.message_id == double.to(TO)[0].id
    assert double.window_violations == []


async def test_the_double_reports_a_send_outside_the_window_as_failed(
        double: WhatsAppDouble, client: WhatsAppClient) -> None:
    """What Meta does when a client does not check: accepted, then a failed status 131047."""
    await client.send_text(TO, "Hola")
    assert len(double.window_violations) == 1
    status = double.pending_statuses[0]["entry"][0]["changes"][0]["value"]["statuses"][0]
    assert status["status"] == "failed" and status["errors"][0]["code"] == 131047


async def test_media_upload_returns_an_id(client: WhatsAppClient, double: WhatsAppDouble,
                                          tmp_path: Path) -> None:
    image = tmp_path / "pieza.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    media_id = await client.upload_media(image)
    assert double.media[media_id] == image.read_bytes()
