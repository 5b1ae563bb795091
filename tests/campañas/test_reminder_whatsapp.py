"""The automatic declaration reminders over WhatsApp (#18, ``campañas.reminder_whatsapp``):
without the service's reminder template, people reached only on WhatsApp get nothing and stay
pending (the campaign page says why); with it, WhatsApp is the third channel (after Telegram
and e-mail) and the reminder goes out as that template with the declaration and its deadline,
against the Cloud API double (which checks each request). Both engines; the clock is injected."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from campañas.asset_reminders import AssetReminders
from campañas.models import Campaign, Delivery, Run
from campañas.reminder_whatsapp import ReminderTemplate, template_values
from campañas.runtime import CampaignRuntime
from nucleo.db import Database
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Consent
from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
from nucleo.services import Services
from nucleo.settings import Settings
from tests.bot.consultas.desk import Clock
from tests.campañas.conftest import add_people
from tests.fakes.whatsapp import WhatsAppDouble

ASSETS = "recordatorio:bienes_rentas:2026"
TEMPLATE = ReminderTemplate("recordatorio_declaracion", "es_CO")
BODY = "Talento Humano le recuerda: su {{1}} sigue pendiente. Plazo: {{2}}."


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"asset_reminders": True, "asset_reminder_every_days": 14})


@pytest.fixture
def double() -> Iterator[WhatsAppDouble]:
    with WhatsAppDouble() as running:
        yield running
        assert not running.violations, running.violations


def day(month: int, number: int, hour: int = 10) -> datetime:
    """``hour`` in Bogotá (UTC-5) of that day of 2026."""
    return datetime(2026, month, number, tzinfo=UTC) + timedelta(hours=hour + 5)


def wa_id(person_id: int) -> str:
    return f"57300{person_id:07d}"


async def whatsapp_only(db: Database, count: int) -> list[int]:
    """Servants reached only on WhatsApp (a number and the campaigns' consent)."""
    ids = await add_people(db, count, telegram=False, start_chat=5000)
    async with db.session() as session:
        for person_id in ids:
            session.add(WhatsAppContact(person_id=person_id, wa_id=wa_id(person_id),
                                        linked_at=day(5, 1)))
            session.add(Consent(person_id=person_id, purpose="campanas", granted=True,
                                notice_version="1", channel="whatsapp"))
        await session.commit()
    return ids


def reminders(db: Database, settings: Settings, clock: Clock,
              template: ReminderTemplate | None) -> AssetReminders:
    return AssetReminders(db, settings=lambda: settings,
                          channels=lambda: {"telegram", "correo", "whatsapp"}, clock=clock,
                          whatsapp=lambda: template)


async def queued(db: Database) -> list[tuple[str, int, str]]:
    """(campaign origin, person, channel) of every reminder queued, in order."""
    async with db.session() as session:
        rows = await session.execute(
            select(Campaign.origin, Delivery.person_id, Delivery.channel)
            .join(Run, Run.id == Delivery.run_id).join(Campaign, Campaign.id == Run.campaign_id)
            .order_by(Delivery.id))
        return [(str(o), int(p), str(c)) for o, p, c in rows]


async def drain(db: Database, settings: Settings, double: WhatsAppDouble, clock: Clock) -> None:
    services = Services(settings=settings, db=db, clock=clock)
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(
        f"{double.base_url}/{double.version}", double.phone_number_id, double.token, 1000.0,
        reminder_template=TEMPLATE.name, reminder_language=TEMPLATE.language))
    runtime = CampaignRuntime(services, worker="t")
    await runtime.engine.drain()
    await runtime.close()


async def test_without_the_template_whatsapp_only_people_stay_pending(
        db: Database, settings: Settings) -> None:
    [chat] = await add_people(db, 1)
    [only] = await whatsapp_only(db, 1)
    clock = Clock(day(6, 1))
    assert await reminders(db, settings, clock, None).tick() == 2  # the chat's two
    assert {p for _o, p, _c in await queued(db)} == {chat}
    async with db.session() as session:
        campaign = await session.scalar(select(Campaign).where(Campaign.origin == ASSETS))
        assert campaign.channels == ["telegram", "correo"] and campaign.whatsapp_template is None
    # the setting arrives: the next sweep reaches the WhatsApp-only person, the chat stays on
    # Telegram (one channel each, Telegram first)
    assert await reminders(db, settings, clock, TEMPLATE).tick() == 2
    assert set((await queued(db))[-2:]) == {
        (ASSETS, only, "whatsapp"), ("recordatorio:preventiva:2026", only, "whatsapp")}
    assert all(c == "telegram" for _o, p, c in await queued(db) if p == chat)
    async with db.session() as session:
        campaign = await session.scalar(select(Campaign).where(Campaign.origin == ASSETS))
        assert campaign.channels == ["telegram", "correo", "whatsapp"]
        assert (campaign.whatsapp_template, campaign.whatsapp_language) == (
            "recordatorio_declaracion", "es_CO")
        assert campaign.whatsapp_parameters == ["declaracion", "plazo"]


async def test_the_reminder_goes_as_the_template_with_the_declaration_and_deadline(
        db: Database, settings: Settings, double: WhatsAppDouble) -> None:
    double.approve(TEMPLATE.name, TEMPLATE.language, header=None, body=BODY)
    [person] = await whatsapp_only(db, 1)
    clock = Clock(day(6, 1))
    remind = reminders(db, settings, clock, TEMPLATE)
    assert await remind.tick() == 2
    await drain(db, settings, double, clock)
    sent = double.to(wa_id(person))
    assert len(sent) == 2 and not double.refused
    bodies = {tuple(p["text"] for p in m.body["template"]["components"][0]["parameters"])
              for m in sent}
    assert bodies == {
        ("declaración de bienes y rentas 2026", "a más tardar el 31 de julio de 2026, en el SIGEP"),
        ("declaración preventiva de conflictos de intereses 2026",
         "este año: escriba «declarar» en este chat y registre la preventiva o «Sin novedad este "
         "año»")}
    assert all(m.body["template"]["name"] == TEMPLATE.name
               and m.body["template"]["language"] == {"code": "es_CO"} for m in sent)
    # the second round, 14 days later: the same parameters (no «de nuevo» on WhatsApp), once
    clock.now = day(6, 15)
    assert await remind.tick() == 2
    assert await remind.tick() == 0
    await drain(db, settings, double, clock)
    assert len(double.to(wa_id(person))) == 4 and not double.refused
    async with db.session() as session:
        states = set(await session.scalars(select(Delivery.state)))
    assert states == {"enviada"}


async def test_the_late_text_says_the_deadline_passed() -> None:
    assert template_values(ASSETS, "vencido_de_nuevo")["plazo"] == (
        "el plazo venció el 31 de julio de 2026: preséntela cuanto antes en el SIGEP")
    assert template_values(ASSETS, "de_nuevo")["plazo"].startswith("a más tardar")
    assert template_values("vinculo:3", None) == {} and template_values(None, None) == {}


async def test_the_setting_reaches_the_automatic_reminders(
        db: Database, settings: Settings, double: WhatsAppDouble,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from api.wiring import register_ports

    for name, value in double.settings_env().items():
        monkeypatch.setenv(name, value)
    services = Services(settings=settings, db=db, clock=Clock(day(6, 1)))
    register_ports(services)
    assert CampaignRuntime(services, worker="t").asset_reminders.whatsapp() is None
    monkeypatch.setenv("VALOR_WHATSAPP_REMINDER_TEMPLATE", "recordatorio_declaracion")
    monkeypatch.setenv("VALOR_WHATSAPP_REMINDER_TEMPLATE_LANGUAGE", "es_CO")
    services = Services(settings=settings, db=db, clock=Clock(day(6, 1)))
    register_ports(services)
    assert CampaignRuntime(services, worker="t").asset_reminders.whatsapp() == TEMPLATE


def test_a_bad_template_name_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.whatsapp.settings import WhatsAppSettings
    from nucleo.settings import SettingsError, read_settings

    monkeypatch.setenv("VALOR_WHATSAPP_REMINDER_TEMPLATE", "Recordatorio de bienes")
    with pytest.raises(SettingsError) as error:
        read_settings(WhatsAppSettings)
    assert str(error.value).startswith("Configuración inválida: VALOR_WHATSAPP_REMINDER_TEMPLATE ")
