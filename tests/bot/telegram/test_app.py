"""The real python-telegram-bot through the Telegram double, in polling and webhook mode."""

from __future__ import annotations

from sqlalchemy import select

from bot import messages
from bot.encuestas import messages as survey_messages
from bot.privacy import NOTICE_VERSION
from nucleo.models import Consent, Person
from tests.bot.helpers import count_rows
from tests.bot.telegram.conftest import Service

CHAT = 4242


async def test_start_gets_the_welcome(service: Service) -> None:
    texts = await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "start"), 2)
    assert texts[0].startswith("¡Hola, Ana! 👋 Soy el asistente de El Valor Soy Yo")
    assert "Ley 1581" in texts[0] and NOTICE_VERSION in texts[0]
    last = service.tg.last_message(CHAT)
    assert last.parse_mode == "HTML"
    assert [b["callback_data"] for b in last.buttons[0]] == ["inicio:si:campanas",
                                                             "inicio:no:campanas"]


async def test_commands_are_registered_in_spanish(service: Service) -> None:
    for language in ("", "es"):
        commands = {c["command"]: c["description"]
                    for c in service.tg.commands(language_code=language)}
        assert commands["misdatos"] == messages.COMMAND_DESCRIPTIONS["misdatos"]
        assert {"start", "menu", "valor", "olvidarme", "baja", "alta", "ayuda"} <= set(commands)


async def onboard(service: Service, chat: int, answers: tuple[str, str, str]) -> list[str]:
    """/start and tap each purpose (and the kind when statistics were accepted)."""
    await service.exchange(chat, lambda: service.tg.push_command(chat, "start"), 2)
    for code, answer in zip(("campanas", "estadisticas", "seguimiento"), answers, strict=True):
        await service.tap(chat, f"inicio:{answer}:{code}")
    if answers[1] == "si":
        await service.tap(chat, "inicio:tipo:servidor")
    return await service.until(chat, messages.MENU_TITLE.replace("<b>", "").replace("</b>", ""))


async def test_onboarding_with_consent(service: Service) -> None:
    texts = await onboard(service, CHAT, ("si", "si", "no"))
    assert texts[-1] == messages.MENU_TITLE
    assert len(service.tg.callback_answers) == 4              # every tap is answered
    async with service.services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        stored = {c.purpose: c.granted for c in (await session.execute(select(Consent))).scalars()}
    assert person.telegram_chat_id == CHAT and person.kind == "servidor" and person.subscribed
    assert stored == {"campanas": True, "estadisticas": True, "seguimiento": False}


async def test_onboarding_without_consent(service: Service) -> None:
    texts = await onboard(service, CHAT, ("no", "no", "no"))
    assert messages.NO_CONSENT_GIVEN.replace("/start", "/start") in texts
    assert await count_rows(service.services, Person) == 0
    texts = await service.exchange(
        CHAT, lambda: service.tg.push_text(CHAT, "¿Puedo aceptar un regalo?"), 2)
    assert texts[0] == messages.CONSULTATIONS_COMING


async def test_every_menu_entry(service: Service) -> None:
    from nucleo.ports import CAMPAIGNS, CONSULTATIONS, SUGGESTIONS
    from tests.bot.fakes import FakeCampaigns, FakeConsultations, FakeSuggestions, a_piece

    service.services.extras.update({CAMPAIGNS: FakeCampaigns(piece=a_piece()),
                                    SUGGESTIONS: FakeSuggestions(),
                                    CONSULTATIONS: FakeConsultations()})
    await onboard(service, CHAT, ("si", "no", "si"))
    tg = service.tg
    expected = {"menu:valor": "Honestidad: digo la verdad.",
                "menu:consulta": "Cuénteme su duda",
                "menu:sug": "Escriba su sugerencia",
                "menu:encuesta": survey_messages.NO_PENDING,  # the app registers the survey
                "menu:datos": "Esto es todo lo que tenemos guardado de usted",
                "menu:baja": messages.UNSUBSCRIBED}
    menu = tg.last_message(CHAT).message_id                  # the same menu, tapped six times
    for data, text in expected.items():
        texts = await service.exchange(
            CHAT, lambda d=data: tg.push_callback(CHAT, d, message_id=menu), 1)
        assert texts[0].startswith(text), (data, texts)


async def test_misdatos_and_olvidarme_leave_nothing(service: Service) -> None:
    from bot.models import Conversation

    await onboard(service, CHAT, ("si", "si", "si"))
    texts = await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "misdatos"), 1)
    assert f"identificador de chat {CHAT}" in texts[0] and "Servidor/a" in texts[0]
    await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "olvidarme"), 1)
    await service.tap(CHAT, "datos:borrar:si")
    await service.until(CHAT, messages.FORGOTTEN.replace("<b>", ""))
    for model in (Person, Consent, Conversation):
        assert await count_rows(service.services, model) == 0
