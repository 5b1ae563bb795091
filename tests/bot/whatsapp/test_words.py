"""Commands typed as words on WhatsApp («menú», «vincular», «mis datos», «BAJA»): the whole
message runs the same command as «/menu»...; a sentence with the word stays a sentence."""

from __future__ import annotations

import httpx
import pytest

from bot.whatsapp.translate import word_command
from nucleo.services import Services
from tests.bot.whatsapp.conftest import say
from tests.bot.whatsapp.test_link import ANA, directory_person
from tests.fakes.whatsapp import WhatsAppDouble


@pytest.mark.parametrize(("text", "command"), [
    ("vincular", "vincular"), ("Vincularme", "vincular"), ("MENÚ", "menu"), ("menu.", "menu"),
    ("Ayuda", "ayuda"), ("¿Ayuda?", "ayuda"), ("mis datos", "misdatos"), ("MisDatos", "misdatos"),
    ("olvidarme", "olvidarme"), ("Cancelar", "cancelar"), ("alta", "alta"),
    ("encuesta", "encuesta"), ("BAJA", "baja"), ("stop 🛑", "baja"),
    ("cancelar suscripción", "baja"), ("/menu", "menu"), ("Valor de la semana", "valor"),
    ("Sugerencia", "sugerencia"), ("sugerir", "sugerencia"),
    ("mis sugerencias", "missugerencias"), ("portal", "portal"), ("Declarar", "declarar"),
    ("mis declaraciones", "misdeclaraciones")])
def test_words_name_commands(text: str, command: str) -> None:
    assert word_command(text) == command


@pytest.mark.parametrize("text", ["quiero vincular mi cuenta", "menú del día", "ayuda por favor",
                                  "¿Me pueden dar de baja del contrato?", "alta gerencia", "",
                                  "tengo una sugerencia", "¿cuál es el valor del mes?",
                                  "vincular " * 10])
def test_sentences_are_not_commands(text: str) -> None:
    assert word_command(text) is None


async def test_words_run_the_commands(wa: httpx.AsyncClient, double: WhatsAppDouble,
                                      services: Services) -> None:
    await directory_person(services)
    [menu] = await say(wa, double, ANA, double.text_from(ANA, "Menú"))
    assert menu.body["interactive"]["type"] == "list"
    matched, notice = await say(wa, double, ANA, double.text_from(ANA, "vincular"))
    assert "a nombre de *Ana Muñoz*" in matched.text and "Ley 1581" in notice.text
    replies = await say(wa, double, ANA, double.text_from(ANA, "cancelar"))
    assert "lo dejamos ahí" in replies[0].text
    replies = await say(wa, double, ANA, double.text_from(ANA, "ayuda"))
    # The modules' commands are registered with the app: the help may take several messages.
    shown = "\n".join(r.text for r in replies)
    assert "/vincular" in shown and "*mis datos*" in shown
    [ask] = await say(wa, double, ANA, double.text_from(ANA, "Sugerencia"))
    assert "sugerencia" in ask.text.lower()  # the suggestion flow, not a consultation
    assert double.violations == [] and double.window_violations == []
