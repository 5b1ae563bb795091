"""Status webhooks (sent, delivered, read, failed) update the campaign delivery they name by
its wamid; replays change nothing; unsigned or forged ones are refused before anything."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from bot.housekeeping import purge
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.states import DeliveryState
from campañas.store import DeliveryStore, Result
from campañas.whatsapp_status import DeliveryStatuses
from nucleo.models import AuditEntry, Person
from nucleo.ports import MessageStatus
from nucleo.services import Services
from nucleo.whatsapp_kept import KEPT, KeptStatus, keep, key_of
from tests.bot.whatsapp.conftest import START, Clock, deliver
from tests.fakes.whatsapp import WhatsAppDouble

ANA, BETO, CARO = "573001112233", "573004445566", "573007778899"


async def sent_campaign(services: Services, wamids: list[str | None], *,
                        in_flight: bool = False) -> tuple[int, list[int]]:
    """A running campaign with one piece and one sent WhatsApp delivery per wamid (or, with
    ``in_flight``, one being sent by the worker «w» per wamid, none stored yet)."""
    async with services.db.session() as session:
        campaign = Campaign(name="Honestidad", value_key="honestidad", status="en_curso",
                            channels=["whatsapp"], audience={"type": "todos"},
                            whatsapp_template="valor_semana", whatsapp_language="es")
        session.add(campaign)
        await session.flush()
        piece = Piece(campaign_id=campaign.id, value_key="honestidad", phrase="La verdad",
                      caption_html="La verdad", image_sha256="", image_path="", image_mime="")
        session.add(piece)
        await session.flush()
        run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=START,
                  state="en_curso")
        session.add(run)
        await session.flush()
        ids = []
        for i, wamid in enumerate(wamids):
            person = Person(full_name=f"P{i}", kind="servidor")
            session.add(person)
            await session.flush()
            delivery = Delivery(run_id=run.id, piece_id=piece.id, person_id=person.id,
                                channel="whatsapp", state="enviada", attempts=1, sent_at=START,
                                wamid=wamid)
            if in_flight:
                delivery.state, delivery.sent_at, delivery.wamid = "enviando", None, None
                delivery.claimed_by, delivery.lease_until = "w", START + timedelta(minutes=2)
            session.add(delivery)
            await session.flush()
            ids.append(delivery.id)
        await session.commit()
        return campaign.id, ids


async def row(services: Services, delivery_id: int) -> Delivery:
    async with services.db.session() as session:
        delivery = await session.get(Delivery, delivery_id)
        assert delivery is not None
        return delivery


async def test_delivered_and_read_are_recorded_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock) -> None:
    _, (ana, beto) = await sent_campaign(services, ["wamid.ana", "wamid.beto"])
    clock.advance(timedelta(minutes=1))
    for status in ("sent", "delivered"):
        response = await deliver(wa, double.signed(double.status("wamid.ana", ANA, status)))
        assert response.status_code == 200
    delivered_at = START + timedelta(minutes=1)
    assert (await row(services, ana)).delivered_at == delivered_at
    clock.advance(timedelta(minutes=4))
    read = double.signed(double.status("wamid.ana", ANA, "read"))
    assert (await deliver(wa, read)).status_code == 200
    got = await row(services, ana)
    assert got.read_at == START + timedelta(minutes=5) and got.delivered_at == delivered_at
    clock.advance(timedelta(hours=1))
    assert (await deliver(wa, read)).status_code == 200  # a replay moves nothing
    late = double.signed(double.status("wamid.ana", ANA, "delivered"))
    assert (await deliver(wa, late)).status_code == 200
    got = await row(services, ana)
    assert got.read_at == START + timedelta(minutes=5) and got.delivered_at == delivered_at
    # a read without a delivered before it (receipts can come out of order) implies both
    await deliver(wa, double.signed(double.status("wamid.beto", BETO, "read")))
    got = await row(services, beto)
    assert got.read_at == got.delivered_at and got.state == "enviada"


async def test_unsigned_or_forged_statuses_change_nothing(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    _, (ana,) = await sent_campaign(services, ["wamid.ana"])
    body = json.dumps(double.status("wamid.ana", ANA, "read")).encode()
    unsigned = await wa.post("/whatsapp/webhook", content=body,
                             headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401
    forged = {**double.sign(body), "X-Hub-Signature-256": "sha256=" + "f" * 64}
    assert (await wa.post("/whatsapp/webhook", content=body, headers=forged)).status_code == 403
    got = await row(services, ana)
    assert got.read_at is None and got.delivered_at is None


async def test_failed_statuses_fail_block_or_pause(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    campaign_id, (ana, beto, caro) = await sent_campaign(
        services, ["wamid.ana", "wamid.beto", "wamid.caro"])
    undeliverable = double.status("wamid.ana", ANA, "failed",
                                  [{"code": 131026, "title": "Message undeliverable"}])
    for _ in range(2):  # the replay changes nothing
        assert (await deliver(wa, double.signed(undeliverable))).status_code == 200
    got = await row(services, ana)
    assert got.state == "fallida" and "131026" in (got.last_error or "")
    opted_out = double.status("wamid.beto", BETO, "failed", [{"code": 131050}])
    await deliver(wa, double.signed(opted_out))
    assert (await row(services, beto)).state == "bloqueada"
    paused = double.status("wamid.caro", CARO, "failed",
                           [{"code": 132015, "title": "Template is paused"}])
    await deliver(wa, double.signed(paused))
    assert (await row(services, caro)).state == "fallida"
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None and campaign.status == "pausada"
        assert "valor_semana" in (campaign.pause_reason or "")
        assert "Campaña en pausa" in (campaign.pause_reason or "")
        runs = list(await session.scalars(select(Run.state)))
        assert runs == ["pausada"]
        audits = list(await session.scalars(select(AuditEntry.action)))
        assert audits.count("campaign.paused_by_whatsapp") == 1
        # a campaign's statuses are the campaign's: none is kept for a later claim
        assert list(await session.scalars(select(KeptStatus))) == []


async def test_a_late_failure_names_the_piece_s_own_template(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    campaign_id, (ana,) = await sent_campaign(services, ["wamid.ana"])
    async with services.db.transaction() as session:
        piece = (await session.scalars(select(Piece))).one()
        piece.whatsapp_template = "valor_pieza"
    paused = double.status("wamid.ana", ANA, "failed", [{"code": 132015}])
    await deliver(wa, double.signed(paused))
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None and campaign.status == "pausada"
        assert "valor_pieza" in (campaign.pause_reason or "")
        assert "valor_semana" not in (campaign.pause_reason or "")
    got = await row(services, ana)
    assert got.state == "fallida" and "valor_pieza" in (got.last_error or "")


async def test_a_failure_that_says_later_goes_back_to_the_queue_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    _, (ana,) = await sent_campaign(services, ["wamid.ana"])
    later = double.status("wamid.ana", ANA, "failed", [{"code": 131000}])
    await deliver(wa, double.signed(later))
    got = await row(services, ana)
    assert got.state == "pendiente" and got.wamid is None and got.sent_at is None
    assert got.next_attempt_at > START
    await deliver(wa, double.signed(later))  # the wamid is gone: a replay finds nothing
    assert (await row(services, ana)).state == "pendiente"


async def test_a_late_failure_reopens_through_the_outbox_once_per_notification(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    """The same «later» failure twice in one notification (Meta may batch a replay): the
    delivery goes back to the queue once, its lease and claim cleared by ``Outbox.reopen``."""
    _, (ana,) = await sent_campaign(services, ["wamid.ana"])
    async with services.db.session() as session:
        delivery = await session.get(Delivery, ana)
        assert delivery is not None
        delivery.claimed_by, delivery.lease_until = "old-worker", START
        await session.commit()
    later = double.status("wamid.ana", ANA, "failed", [{"code": 130429}])
    item = later["entry"][0]["changes"][0]["value"]["statuses"][0]
    twice = double.notification({"statuses": [item, dict(item)]})
    await deliver(wa, double.signed(twice))
    got = await row(services, ana)
    assert (got.state, got.wamid, got.sent_at, got.claimed_by, got.lease_until) == (
        "pendiente", None, None, None, None)
    assert got.attempts == 1 and "se reintenta" in (got.last_error or "")


async def test_a_late_failure_with_no_attempts_left_fails_for_good(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    _, (ana,) = await sent_campaign(services, ["wamid.ana"])
    async with services.db.session() as session:
        delivery = await session.get(Delivery, ana)
        assert delivery is not None
        delivery.attempts = 5  # the outbox's max_attempts
        await session.commit()
    await deliver(wa, double.signed(double.status("wamid.ana", ANA, "failed",
                                                  [{"code": 131000}])))
    got = await row(services, ana)
    assert got.state == "fallida" and got.wamid == "wamid.ana"
    assert got.last_error is not None and "131000" in got.last_error
    assert "5 intentos" in got.last_error and "se reintenta" not in got.last_error


def _statuses_and_message(double: WhatsAppDouble, statuses: list[dict],
                          text: str = "hola") -> tuple[bytes, dict[str, str]]:
    """One notification carrying an inbound text from ANA and these statuses, as Meta may."""
    inbound_body, _ = double.text_from(ANA, text)
    value = json.loads(inbound_body)["entry"][0]["changes"][0]["value"]
    items = [s for status in statuses
             for s in status["entry"][0]["changes"][0]["value"]["statuses"]]
    payload = double.notification({"contacts": value["contacts"], "messages": value["messages"],
                                   "statuses": items})
    return double.signed(payload)


async def test_a_status_that_cannot_be_recorded_does_not_fail_the_notification(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, monkeypatch,
        caplog) -> None:
    from campañas.whatsapp_status import DeliveryStatuses

    _, (beto, caro) = await sent_campaign(services, ["wamid.beto", "wamid.caro"])
    apply = DeliveryStatuses._apply

    async def broken(self, session, delivery, plan_row, status):
        if status.message_id == "wamid.beto":
            raise ValueError("a status this version cannot store")
        return await apply(self, session, delivery, plan_row, status)

    monkeypatch.setattr(DeliveryStatuses, "_apply", broken)
    signed = _statuses_and_message(double, [
        double.status("wamid.beto", BETO, "read"), double.status("wamid.caro", CARO, "read")])
    with caplog.at_level("WARNING"):
        response = await deliver(wa, signed)
    assert response.status_code == 200, response.text  # Meta does not send it all again
    assert response.json()["mensajes"] == 1 and response.json()["estados"] == 2
    replies = double.to(ANA)
    assert replies  # the person's message was handled, once
    assert (await row(services, caro)).read_at is not None  # the good status is kept
    assert (await row(services, beto)).read_at is None
    assert "ValueError" in caplog.text
    for private in ("wamid.beto", BETO, "a status this version"):
        assert private not in caplog.text

    async def down(self, statuses):
        raise ConnectionError("database unreachable at 10.0.0.5")

    monkeypatch.setattr(DeliveryStatuses, "record", down)
    again = _statuses_and_message(double, [double.status("wamid.beto", BETO, "read")], "menú")
    assert (await deliver(wa, again)).status_code == 200
    assert len(double.to(ANA)) > len(replies)


async def test_a_failed_status_says_en_pausa_only_when_it_paused_the_campaign(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    campaign_id, (ana, beto, caro) = await sent_campaign(
        services, ["wamid.ana", "wamid.beto", "wamid.caro"])
    paused = [{"code": 132015, "title": "Template is paused"}]
    both = double.notification({"statuses": [
        s for wamid, number in (("wamid.ana", ANA), ("wamid.beto", BETO))
        for s in double.status(wamid, number, "failed", paused)["entry"][0]["changes"][0]
        ["value"]["statuses"]]})
    assert (await deliver(wa, double.signed(both))).status_code == 200
    first, second = await row(services, ana), await row(services, beto)
    assert first.state == second.state == "fallida"
    assert "Campaña en pausa" in (first.last_error or "")
    assert second.last_error == "WhatsApp rechazó el mensaje (código 132015)."
    later = double.status("wamid.caro", CARO, "failed", paused)  # already paused
    await deliver(wa, double.signed(later))
    assert (await row(services, caro)).last_error == \
        "WhatsApp rechazó el mensaje (código 132015)."
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None and campaign.status == "pausada"
        audits = list(await session.scalars(select(AuditEntry.action)))
    assert audits.count("campaign.paused_by_whatsapp") == 1


async def record_sent(services: Services, sent: dict[int, str]) -> None:
    """The worker «w» records its sends (delivery id → wamid), as the engine does."""
    store = DeliveryStore(services.db, "w")
    async with services.db.session() as session:
        people = dict((await session.execute(select(Delivery.id, Delivery.person_id).where(
            Delivery.id.in_(sent)))).all())
        await session.execute(update(Delivery).where(Delivery.id.in_(sent))
                              .values(claimed_by=store.outbox.worker))  # its claim's label
        await session.commit()
    await store.record([Result(i, people[i], "whatsapp", DeliveryState.ENVIADA, START,
                               wamid=wamid) for i, wamid in sent.items()])


WAMIDS = ("wamid.ana", "wamid.beto", "wamid.lost")


async def kept(services: Services) -> list[tuple[str, str]]:
    """What is kept, named by the test's wamids (the table holds only their digests)."""
    named = {key_of(w): w for w in WAMIDS}
    async with services.db.session() as session:
        rows = await session.execute(select(KeptStatus.key, KeptStatus.status))
        return sorted((named.get(k, k), s) for k, s in rows)


async def test_statuses_that_come_before_the_wamid_is_recorded_apply_when_it_is(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock) -> None:
    """Meta reports on a message while the engine is still recording its send: the statuses
    are kept (a replay keeps nothing more) and applied, once, in the transaction that stores
    the wamid; afterwards a replay of them changes nothing."""
    _, (ana, beto) = await sent_campaign(services, [None, None], in_flight=True)
    clock.advance(timedelta(seconds=2))
    delivered = double.signed(double.status("wamid.ana", ANA, "delivered"))
    for signed in (delivered, delivered):  # with Meta's replay
        assert (await deliver(wa, signed)).status_code == 200
    clock.advance(timedelta(seconds=3))
    read = double.signed(double.status("wamid.beto", BETO, "read"))
    assert (await deliver(wa, read)).status_code == 200
    assert await kept(services) == [("wamid.ana", "delivered"), ("wamid.beto", "read")]
    assert (await row(services, ana)).delivered_at is None

    await record_sent(services, {ana: "wamid.ana", beto: "wamid.beto"})
    got, other = await row(services, ana), await row(services, beto)
    assert (got.state, got.wamid, got.delivered_at, got.read_at) == (
        "enviada", "wamid.ana", START + timedelta(seconds=2), None)
    assert (other.delivered_at, other.read_at) == (START + timedelta(seconds=5),) * 2
    assert await kept(services) == []
    for signed in (delivered, read):  # a replay now finds the rows: nothing moves, nothing kept
        assert (await deliver(wa, signed)).status_code == 200
    assert (await row(services, ana)).delivered_at == START + timedelta(seconds=2)
    assert await kept(services) == []


async def test_a_kept_status_that_cannot_apply_never_undoes_the_record(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Applying the kept statuses runs in a savepoint of the record: when it fails, the sends
    stay recorded («enviada» with their wamids, never «incierta») and the statuses stay kept."""
    from campañas.whatsapp_status import DeliveryStatuses

    _, (ana,) = await sent_campaign(services, [None], in_flight=True)
    delivered = double.signed(double.status("wamid.ana", ANA, "delivered"))
    assert (await deliver(wa, delivered)).status_code == 200

    async def broken(self: DeliveryStatuses, session: object, wamids: object) -> int:
        raise RuntimeError("a status that cannot apply")

    monkeypatch.setattr(DeliveryStatuses, "claim", broken)
    await record_sent(services, {ana: "wamid.ana"})
    got = await row(services, ana)
    assert (got.state, got.wamid, got.delivered_at) == ("enviada", "wamid.ana", None)
    assert await kept(services) == [("wamid.ana", "delivered")]

async def test_a_failure_that_says_later_before_the_record_reopens_the_delivery_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock) -> None:
    """A «later» failure (131000) kept before the record, twice (Meta's replay): the record
    reopens the delivery through the outbox once; a replay afterwards finds no wamid."""
    _, (ana,) = await sent_campaign(services, [None], in_flight=True)
    later = double.signed(double.status("wamid.ana", ANA, "failed", [{"code": 131000}]))
    for _ in range(2):
        assert (await deliver(wa, later)).status_code == 200
    assert await kept(services) == [("wamid.ana", "failed")]
    await record_sent(services, {ana: "wamid.ana"})
    got = await row(services, ana)
    assert (got.state, got.wamid, got.sent_at, got.claimed_by, got.attempts) == (
        "pendiente", None, None, None, 1)
    assert got.next_attempt_at > START and "se reintenta" in (got.last_error or "")
    assert await kept(services) == []
    assert (await deliver(wa, later)).status_code == 200  # the replay: kept, never applied
    assert (await row(services, ana)).state == "pendiente"
    assert await kept(services) == [("wamid.ana", "failed")]


async def test_a_kept_failure_that_pauses_the_campaign_pauses_it_at_the_record(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    campaign_id, (ana,) = await sent_campaign(services, [None], in_flight=True)
    paused = double.status("wamid.ana", ANA, "failed", [{"code": 132015}])
    assert (await deliver(wa, double.signed(paused))).status_code == 200
    await record_sent(services, {ana: "wamid.ana"})
    got = await row(services, ana)
    assert got.state == "fallida" and "valor_semana" in (got.last_error or "")
    async with services.db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None and campaign.status == "pausada"


async def test_a_status_kept_while_the_record_runs_applies_right_after_its_commit(
        services: Services, monkeypatch) -> None:
    """The race: the webhook found no wamid before the record committed and keeps the status
    after the record took what was kept. The record looks again after its commit."""
    if services.db.is_sqlite:
        pytest.skip("SQLite's write gate orders the keeping before or after the record")
    _, (ana,) = await sent_campaign(services, [None], in_flight=True)
    claim = DeliveryStatuses.claim
    raced: list[int] = []

    async def racing(self, session, wamids):
        changed = await claim(self, session, wamids)
        if not raced:  # nothing was kept; the webhook keeps its status now (committed)
            await keep(services.db, [MessageStatus("wamid.ana", "read", START)], START)
        raced.append(changed)
        return changed

    monkeypatch.setattr(DeliveryStatuses, "claim", racing)
    await record_sent(services, {ana: "wamid.ana"})
    assert raced == [0, 1]  # in the record's transaction, then right after its commit
    assert (await row(services, ana)).read_at == START
    assert await kept(services) == []


async def test_a_status_for_a_wamid_never_recorded_is_kept_then_purged(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock) -> None:
    """An «incierta» delivery never gets its wamid: its statuses wait ``KEPT`` and go."""
    _, (ana,) = await sent_campaign(services, [None], in_flight=True)
    await deliver(wa, double.signed(double.status("wamid.lost", ANA, "delivered")))
    await purge(services, clock.now + KEPT - timedelta(seconds=1))
    assert await kept(services) == [("wamid.lost", "delivered")]
    await purge(services, clock.now + KEPT + timedelta(seconds=1))
    assert await kept(services) == []
    assert (await row(services, ana)).delivered_at is None
