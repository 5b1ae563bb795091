"""The menu: every entry, with the other packages' ports present and absent; /ayuda, /cancelar."""

from __future__ import annotations

from bot import messages
from bot.core.context import Context
from bot.core.flow import SURVEY_FLOW, ButtonRoute, Flow, flow_registry
from nucleo.ports import CAMPAIGNS, Button
from nucleo.services import Services
from tests.bot.fakes import a_piece
from tests.bot.helpers import Chat, onboard

ENTRIES = ["menu:valor", "menu:consulta", "menu:sug", "menu:encuesta", "menu:declarar",
           "menu:vincular", "menu:datos", "menu:baja"]


async def test_menu_lists_the_entries_with_linking_for_the_unlinked(chat: Chat) -> None:
    await onboard(chat)
    replies = await chat.send("/menu")
    assert [b.data for row in replies[0].buttons for b in row] == ENTRIES
    labels = [b.label for row in replies[0].buttons for b in row]
    assert any("Valor de la semana" in label for label in labels)
    assert any("conflicto de intereses" in label for label in labels)
    assert any("Darme de baja" in label for label in labels)


async def test_every_entry_without_other_packages_is_honest(chat: Chat) -> None:
    await onboard(chat)
    expected = {"menu:valor": messages.CAMPAIGNS_UNAVAILABLE,
                "menu:consulta": messages.ASK_QUESTION,
                "menu:sug": messages.SUGGESTIONS_UNAVAILABLE,
                "menu:encuesta": messages.SURVEY_UNAVAILABLE,
                "menu:declarar": messages.DECLARATIONS_UNAVAILABLE,
                "menu:vincular": messages.LINK_EMAIL_OFF,  # /vincular's own answer: no SMTP
                "menu:datos": "todo lo que tenemos guardado",
                "menu:baja": messages.UNSUBSCRIBED}
    for data, text in expected.items():
        replies = await chat.tap(data)
        assert text in replies[0].text_html, data
        if data == "menu:vincular":
            assert replies[0].text_html == messages.LINK_EMAIL_OFF


async def test_every_entry_with_fakes(chat: Chat, fakes: dict) -> None:
    fakes[CAMPAIGNS].piece = a_piece()
    await onboard(chat)
    replies = await chat.tap("menu:valor")
    assert replies[0].text_html.startswith("<b>Honestidad</b>")
    assert replies[0].buttons == [[Button("❤️ Me gusta", "pieza:7:me_gusta")]]
    assert (await chat.tap("menu:sug"))[0].text_html == messages.ASK_SUGGESTION
    assert (await chat.tap("menu:consulta"))[0].text_html == messages.ASK_QUESTION
    replies = await chat.send("¿Puedo evaluar a mi primo?")
    assert "4.º grado" in replies[0].text_html and "Ley 1437" in replies[0].text_html


async def test_value_of_the_week_absent_piece(chat: Chat, fakes: dict) -> None:
    replies = await chat.send("/valor")
    assert replies[0].text_html == messages.NO_VALUE_YET


async def test_survey_hook_opens_a_registered_flow(chat: Chat, services: Services) -> None:
    async def start(ctx: Context) -> None:
        ctx.goto(SURVEY_FLOW, "p1")
        ctx.say("Pregunta 1", [[Button("Mucho", f"{SURVEY_FLOW}:r:5")]])

    async def answer(ctx: Context, arg: str) -> None:
        ctx.finish()
        ctx.say(f"Respuesta {arg} guardada")

    flow_registry(services).add(Flow(SURVEY_FLOW, start,
                                     buttons={"r": ButtonRoute(answer, steps=("p1",))}))
    assert (await chat.tap("menu:encuesta"))[0].text_html == "Pregunta 1"
    assert (await chat.tap("encuesta:r:5"))[0].text_html == "Respuesta 5 guardada"
    assert (await chat.tap("encuesta:r:5"))[0].text_html == messages.STALE_BUTTON
    assert (await chat.send("/encuesta"))[0].text_html == "Pregunta 1"


async def test_help_lists_commands_in_spanish(chat: Chat) -> None:
    replies = await chat.send("/ayuda")
    for command in ("/misdatos", "/olvidarme", "/baja", "/alta", "/valor"):
        assert command in replies[0].text_html
    assert (await chat.send("/help"))[0].text_html == replies[0].text_html


async def test_cancel_leaves_a_flow(chat: Chat) -> None:
    await chat.send("/start")
    assert (await chat.send("/cancelar"))[0].text_html == messages.CANCELLED
    assert (await chat.send("/cancelar"))[0].text_html == messages.NOTHING_TO_CANCEL
    assert (await chat.tap("inicio:si:campanas"))[0].text_html == messages.STALE_BUTTON


async def test_unconsented_menu_is_honest(chat: Chat) -> None:
    replies = await chat.send("/menu")
    assert replies[0].buttons[-1][-1].data == "menu:alta"
    assert (await chat.tap("menu:datos"))[0].text_html == messages.NO_DATA_STORED
    assert (await chat.send("/baja"))[0].text_html == messages.NOT_SUBSCRIBED


async def test_linking_from_the_menu_and_gone_once_linked(chat: Chat, services: Services) -> None:
    from tests.bot.flows.test_vinculo import directory_person, invitation

    await onboard(chat)
    assert (await chat.tap("menu:vincular"))[-1].text_html == (
        await chat.send("/vincular"))[-1].text_html
    target = await directory_person(services)
    await chat.send(f"/start {await invitation(services, target)}")
    await chat.tap("vinculo:si")
    replies = await chat.send("/menu")
    entries = [b.data for row in replies[0].buttons for b in row]
    assert "menu:vincular" not in entries and "menu:datos" in entries
    assert messages.LINK_ALREADY in (await chat.tap("menu:vincular"))[-1].text_html
