"""A whole WhatsApp journey through the webhook, the dialogue core and the Cloud API double:
greeting → menu → value of the week → a consultation; then the 24-hour window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bot.core.types import Reply
from bot.whatsapp.channel import whatsapp_channel
from nucleo.ports import CAMPAIGNS, SUGGESTIONS
from nucleo.services import Services
from tests.bot.fakes import a_piece
from tests.bot.whatsapp.conftest import Clock, say
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"


async def test_greeting_menu_value_and_a_consultation(
        wa: httpx.AsyncClient, double: WhatsAppDouble, fakes: dict, tmp_path: Path) -> None:
    image = tmp_path / "honestidad.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    fakes[CAMPAIGNS].piece = a_piece(str(image))

    [greeting] = await say(wa, double, ANA, double.text_from(ANA, "hola", name="Ana"))
    assert greeting.type == "interactive" and "Escríbame su duda" in greeting.text
    [(see_menu, _)] = greeting.options()

    [menu] = await say(wa, double, ANA, double.tap_from(ANA, see_menu))
    assert menu.body["interactive"]["type"] == "list"  # six entries: more than three buttons
    entries = dict(menu.options())
    assert "menu:valor" in entries and "menu:consulta" in entries

    piece = await say(wa, double, ANA, double.tap_from(ANA, "menu:valor", kind="list_reply"))
    assert [m.type for m in piece] == ["image", "interactive"]
    assert piece[1].text.startswith("*Honestidad*") and "<b>" not in piece[1].text
    assert piece[1].options() == [("pieza:7:me_gusta", "❤️ Me gusta")]
    media_id = piece[0].body["image"]["id"]
    assert double.media[media_id] == image.read_bytes()

    again = await say(wa, double, ANA, double.tap_from(ANA, "menu:valor", kind="list_reply"))
    assert again[0].body["image"]["id"] == media_id and len(double.media) == 1  # uploaded once

    [reaction] = await say(wa, double, ANA, double.tap_from(ANA, "pieza:7:me_gusta"))
    assert "autoriza recibir campañas" in reaction.text  # honest: no consent, no count

    answer = await say(wa, double, ANA, double.text_from(ANA, "¿Puedo evaluar a mi primo?"))
    text = "\n".join(m.text for m in answer)
    assert "4.º grado" in text and "Ley 1437" in text
    assert double.window_violations == [] and double.violations == []


async def test_onboarding_with_consent_by_buttons(wa: httpx.AsyncClient,
                                                  double: WhatsAppDouble,
                                                  services: Services) -> None:
    [welcome, *_] = await say(wa, double, ANA, double.text_from(ANA, "/start"))
    assert "El Valor Soy Yo" in welcome.text and "<b>" not in welcome.text
    for _ in range(4):
        last = double.to(ANA)[-1]
        yes = [option for option, _ in last.options() if ":si:" in option or ":tipo:" in option]
        if not yes:
            break
        await say(wa, double, ANA, double.tap_from(ANA, yes[0]))
    from sqlalchemy import select

    from nucleo.models import Consent, Person

    async with services.db.session() as session:
        people = (await session.execute(select(Person))).scalars().all()
        consents = (await session.execute(select(Consent))).scalars().all()
    assert [p.source for p in people] == ["whatsapp"]
    assert consents and all(c.channel == "whatsapp" for c in consents)


async def test_outside_the_window_no_free_form_message_is_sent(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock) -> None:
    await say(wa, double, ANA, double.text_from(ANA, "/ayuda"))
    channel = whatsapp_channel(services)
    assert channel is not None
    clock.advance(timedelta(hours=23, minutes=59))
    assert await channel.deliver(ANA, [Reply("Aún a tiempo")]) == 1
    clock.advance(timedelta(minutes=2))
    sent_before = len(double.sent)
    assert await channel.deliver(ANA, [Reply("Demasiado tarde")]) == 0
    assert len(double.sent) == sent_before and double.window_violations == []
    replies = await say(wa, double, ANA, double.text_from(ANA, "/ayuda"))  # window opens again
    assert replies and double.window_violations == []


async def test_a_suggestion_from_the_menu_reaches_the_mailbox(
        wa: httpx.AsyncClient, double: WhatsAppDouble, fakes: dict) -> None:
    """The suggestion flow over WhatsApp: the menu's list entry, the text, then the value,
    anonymity and confirmation as buttons or lists; it reaches the suggestions port once."""
    await say(wa, double, ANA, double.text_from(ANA, "hola"))
    [ask] = await say(wa, double, ANA, double.tap_from(ANA, "menu:sug", kind="list_reply"))
    assert "sugerencia" in ask.text.lower()
    await say(wa, double, ANA, double.text_from(ANA, "Que las reuniones empiecen a tiempo."))
    for _ in range(6):
        if fakes[SUGGESTIONS].submitted:
            break
        last = double.to(ANA)[-1]
        options = [o for o, _ in last.options() if "cancelar" not in o]
        assert options, last.text
        kind = "list_reply" if last.body.get("interactive", {}).get("type") == "list" \
            else "button_reply"
        await say(wa, double, ANA, double.tap_from(ANA, options[0], kind=kind))
    [submitted] = fakes[SUGGESTIONS].submitted
    assert submitted["text"] == "Que las reuniones empiecen a tiempo."
    assert double.violations == [] and double.window_violations == []


async def test_a_survey_is_answered_over_whatsapp(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock,
        staff_headers) -> None:
    """A person registered over WhatsApp (no Telegram) is in the survey's audience, types
    «encuesta» and answers with lists and buttons; no draft is left."""
    from sqlalchemy import func, select

    from bot.encuestas.flow import register as register_survey_flow
    from bot.encuestas.models import SurveyDraft, SurveyParticipation
    from bot.service import ensure_notifier
    from tests.bot.encuestas.conftest import api_survey_body
    from tests.bot.whatsapp.test_notices import register

    clock.now = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)  # inside the survey's dates
    await register(wa, double, ANA)
    ensure_notifier(services)  # the bot's outbox carries the invitations
    headers = await staff_headers("talento_humano")
    survey = (await wa.post("/api/v1/surveys", json=api_survey_body(comments=False),
                            headers=headers)).json()
    launched = await wa.post(f"/api/v1/surveys/{survey['id']}/launch", headers=headers)
    assert launched.status_code == 200, launched.text
    register_survey_flow(services)  # as the service's wiring does
    first = await say(wa, double, ANA, double.text_from(ANA, "encuesta"))
    assert first and "anónimas" in first[-1].text
    for _ in range(6):
        last = double.to(ANA)[-1]
        options = [o for o, _ in last.options() if "cancel" not in o and
                   not o.startswith("menu:") and not o.endswith(":back")]
        if not options:
            break
        kind = "list_reply" if last.body.get("interactive", {}).get("type") == "list" \
            else "button_reply"
        await say(wa, double, ANA, double.tap_from(ANA, options[0], kind=kind))
    assert "Gracias por responder" in double.to(ANA)[-1].text
    async with services.db.session() as session:
        [status] = (await session.execute(select(SurveyParticipation.status))).scalars().all()
        drafts = (await session.execute(select(func.count()).select_from(SurveyDraft))).scalar()
    assert status != "invitada" and drafts == 0  # finished: only the counters keep it
    assert double.violations == [] and double.window_violations == []
