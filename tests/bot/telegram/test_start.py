"""The foundation's promise: with a token and a base URL, /start gets the welcome (polling)."""

from bot.telegram.app import TelegramComponent, build_bot
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram_api import TelegramDouble


async def test_start_through_the_double_gets_the_welcome(
    telegram_double: TelegramDouble, services: Services
) -> None:
    settings = load_settings(telegram_token=telegram_double.token,
                             telegram_base_url=telegram_double.base_url,
                             entity_name="Alcaldía de <Prueba>")
    services.settings = settings
    component = TelegramComponent(settings, build_bot(settings, services))
    await component.start()
    try:
        telegram_double.push_command(4242, "start", first_name="<b>Ana</b>")
        messages = await telegram_double.wait_for_messages_async(4242, 1, timeout=10)
    finally:
        await component.stop()
    text = messages[0].text
    assert "El Valor Soy Yo" in text and "Alcaldía de <Prueba>" in text
    assert "<b>Ana</b>" in text  # the name is escaped, so it shows literally
