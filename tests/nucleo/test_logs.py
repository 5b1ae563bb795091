import logging

from nucleo.logs import RedactingFormatter, redact

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_bot_tokens_api_keys_and_passwords_are_redacted() -> None:
    text = redact(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage Api-Key: abc123def "
                  "postgresql://valor:s3creta@db:5432/valor")
    assert TOKEN.split(":")[1] not in text and "abc123def" not in text and "s3creta" not in text
    assert "postgresql://valor:***@db" in text


def test_tracebacks_are_redacted_too() -> None:
    formatter = RedactingFormatter("%(message)s")
    try:
        raise RuntimeError(f"failed calling bot{TOKEN}/getMe")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)
        import sys

        record.exc_info = sys.exc_info()
    output = formatter.format(record)
    assert "Traceback" in output and TOKEN not in output
