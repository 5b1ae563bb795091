"""The SMTP encryption is a setting; a plain server with STARTTLS asked gives one Spanish line."""

from __future__ import annotations

import logging

import pytest

from campañas import messages as msg
from campañas.senders.base import OutgoingDelivery
from campañas.senders.email import EmailSender
from campañas.states import Verdict
from nucleo.settings import Settings, load_settings
from tests.campañas.conftest import settings_for

DELIVERY = OutgoingDelivery(delivery_id=None, channel="email", piece_id=1, value_name="honestidad",
                            caption_html="<b>Hola</b>", image_path="", image_mime="", file_id=None,
                            buttons=(), email="ana@alcaldia.gov.co", test=True)


def _with_tls(settings: Settings, mode: str) -> Settings:
    return load_settings(**{**settings.model_dump(), "smtp_tls": mode,
                            "secret_key": settings.secret_key.get_secret_value()})


async def test_plain_server_with_starttls_says_what_to_change(
        settings: Settings, smtp_server, caplog: pytest.LogCaptureFixture) -> None:
    controller, inbox = smtp_server
    sender = EmailSender(_with_tls(settings_for(settings, smtp=controller), "starttls"),
                         links=lambda _p, _n: "http://x/baja", connections=1)
    with caplog.at_level(logging.ERROR, logger="campañas.senders.email"):
        first = await sender.send(DELIVERY)
        second = await sender.send(DELIVERY)
    expected = msg.SMTP_NO_STARTTLS.format(host="127.0.0.1", port=controller.port)
    assert first.verdict == second.verdict == Verdict.RETRY
    assert first.error == expected and "VALOR_SMTP_TLS" in expected
    assert [r.getMessage() for r in caplog.records] == [expected]  # logged once, one line
    assert inbox.messages == []
    await sender.close()


async def test_no_encryption_sends_to_a_plain_relay(settings: Settings, smtp_server) -> None:
    controller, inbox = smtp_server
    sender = EmailSender(settings_for(settings, smtp=controller), links=lambda _p, _n: "http://x",
                         connections=1)
    assert (await sender.send(DELIVERY)).verdict == Verdict.SENT
    assert len(inbox.messages) == 1
    await sender.close()


def test_the_default_is_starttls_and_bad_modes_are_refused() -> None:
    assert load_settings(secret_key="k" * 32).smtp_tls == "starttls"
    with pytest.raises(Exception, match="VALOR_SMTP_TLS no es una de las opciones"):
        load_settings(secret_key="k" * 32, smtp_tls="quizas")
