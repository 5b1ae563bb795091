"""The whole service, as ``valor run`` wires it (every component under the lifespan), answers
/start from Telegram (polling through the double) with the welcome."""

from api.app import create_app
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram_api import TelegramDouble


async def test_start_through_the_whole_service(telegram_double: TelegramDouble,
                                               services: Services) -> None:
    services.settings = load_settings(
        data_dir=services.settings.data_dir, secret_key="s" * 40,
        telegram_token=telegram_double.token, entity_name="Alcaldía de <Prueba>",
        # without the trailing /bot: the service adds it, as for a local Bot API server
        telegram_base_url=telegram_double.base_url.removesuffix("/bot"))
    app = create_app(services.settings, services=services, migrate=False)
    async with app.router.lifespan_context(app):
        telegram_double.push_command(4242, "start", first_name="<b>Ana</b>")
        messages = await telegram_double.wait_for_messages_async(4242, 1, timeout=15)
    text = messages[0].text
    assert "El Valor Soy Yo" in text and "Alcaldía de <Prueba>" in text
    assert "<b>Ana</b>" in text  # the name is escaped, so it shows literally
    assert telegram_double.commands()  # setMyCommands in Spanish at start
