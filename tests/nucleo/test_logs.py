import logging

import pytest

from nucleo.logs import RedactSecrets


def test_bot_tokens_and_api_keys_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactSecrets())
    with caplog.at_level(logging.INFO):
        logger.info("HTTP Request: POST %s", "https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage")
        logger.info("Api-Key: 0123456789abcdef sent")
    text = caplog.text
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in text and "bot***" in text
    assert "0123456789abcdef" not in text
