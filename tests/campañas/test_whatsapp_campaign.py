"""Campaigns over WhatsApp against the Cloud API double: the audience's WhatsApp subscribers
with campaign consent get the piece once, as the registered template with the image uploaded
once; errors become outcomes; a template paused mid-campaign pauses it with a reason and
nothing is sent twice; «BAJA» (unsubscribed) and people without consent get nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from campañas import actions
from campañas import messages as campaign_messages
from campañas.models import Campaign, Delivery, Piece
from campañas.runtime import CampaignRuntime
from campañas.whatsapp_template import register_template
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Consent, Person
from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces
from tests.fakes.whatsapp import WhatsAppDouble


@pytest.fixture
def double() -> Iterator[WhatsAppDouble]:
    with WhatsAppDouble() as running:
        yield running
        assert not running.violations, running.violations


def wa_id(person_id: int) -> str:
    return f"57300{person_id:07d}"


async def whatsapp_people(db, count: int, *, consent: bool = True,
                          subscribed: bool = True) -> list[int]:
    ids = await add_people(db, count, telegram=False)
    async with db.session() as session:
        for person_id in ids:
            session.add(WhatsAppContact(person_id=person_id, wa_id=wa_id(person_id),
                                        linked_at=NOW))
            session.add(Consent(person_id=person_id, purpose="campanas", granted=consent,
                                notice_version="1", channel="whatsapp"))
            if not subscribed:
                (await session.get(Person, person_id)).subscribed = False
        await session.commit()
    return ids


async def start(db, settings, *, template: bool = True) -> int:
    campaign_id = await campaign_with_pieces(db, settings, channels=("whatsapp",))
    if template:
        async with db.session() as session:
            await register_template(session, campaign=await session.get(Campaign, campaign_id),
                                    name="valor_de_la_semana", language="es_CO",
                                    parameters=["frase", "autor", "nombre"])
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW,
                               available={"whatsapp"})
    return campaign_id


def runtime_for(db, settings, double: WhatsAppDouble, clock=lambda: NOW) -> CampaignRuntime:
    services = Services(settings=settings, db=db, clock=clock)
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(
        f"{double.base_url}/{double.version}", double.phone_number_id, double.token, 1000.0))
    return CampaignRuntime(services, worker="t")


async def deliveries(db) -> list[Delivery]:
    async with db.session() as session:
        return list(await session.scalars(select(Delivery).order_by(Delivery.id)))


async def drain(db, settings, double) -> None:
    runtime = runtime_for(db, settings, double)
    await runtime.engine.drain()
    await runtime.close()


async def test_subscribers_with_consent_get_the_template_once_with_one_upload(
        db, settings, double):
    reached = await whatsapp_people(db, 6)
    unconsented = await whatsapp_people(db, 1, consent=False)
    opted_out = await whatsapp_people(db, 1, subscribed=False)  # said «BAJA»
    await start(db, settings)
    wamid_writes = Statements(db, "UPDATE campaign_deliveries SET wamid")
    sent_writes = Statements(db, "UPDATE campaign_deliveries SET", "sent_at")
    try:
        await drain(db, settings, double)
    finally:
        wamid_writes.detach()
        sent_writes.detach()
    # one per written batch, not one per row (a write cut short by the engine stopping is
    # rolled back and written again by the final flush, so its settle may be counted twice)
    assert 1 <= wamid_writes.count <= sent_writes.count
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in reached}
    assert not double.to(wa_id(unconsented[0])) and not double.to(wa_id(opted_out[0]))
    assert len(double.media) == 1
    message = double.sent[0]
    template = message.body["template"]
    assert message.type == "template" and template["name"] == "valor_de_la_semana"
    assert template["language"] == {"code": "es_CO"}
    header, body = template["components"]
    assert header["parameters"][0]["image"]["id"] in double.media
    texts = [p["text"] for p in body["parameters"]]
    assert texts[0].startswith("Frase número 1") and texts[1] == "Autora Ejemplo"
    assert texts[2] == "Persona"
    rows = await deliveries(db)
    assert {r.state for r in rows} == {"enviada"} and len(rows) == 6
    assert {r.wamid for r in rows} == {m.id for m in double.sent}
    await drain(db, settings, double)  # a second pass sends nothing
    assert len(double.sent) == 6


async def test_a_media_id_meta_no_longer_keeps_is_uploaded_again_once(
        db, settings, double):
    await whatsapp_people(db, 5)
    campaign_id = await start(db, settings)
    async with db.session() as session:  # uploaded more than 30 days ago: Meta dropped it
        piece = await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id))
        piece.whatsapp_media_id = "1000000000000999"
        await session.commit()
    await drain(db, settings, double)
    rows = await deliveries(db)
    assert {r.state for r in rows} == {"enviada"} and len(rows) == 5
    assert len(double.media) == 1 and len(double.sent) == 5
    (fresh,) = double.media
    assert all(m.body["template"]["components"][0]["parameters"][0]["image"]["id"] == fresh
               for m in double.sent)
    async with db.session() as session:
        assert (await session.get(Piece, piece.id)).whatsapp_media_id == fresh


async def test_error_codes_become_outcomes(db, settings, double):
    await whatsapp_people(db, 4)
    await start(db, settings)
    double.fail_next(131026, 131050, 130429)
    await drain(db, settings, double)
    rows = await deliveries(db)
    states = Counter(r.state for r in rows)
    assert states == {"fallida": 1, "bloqueada": 1, "pendiente": 1, "enviada": 1}
    failed = next(r for r in rows if r.state == "fallida")
    assert "131026" in failed.last_error and "no recibe" in failed.last_error
    pending = next(r for r in rows if r.state == "pendiente")
    assert pending.next_attempt_at > NOW and pending.wamid is None


async def test_a_paused_template_pauses_the_campaign_and_nothing_goes_twice(
        db, settings, double):
    people = await whatsapp_people(db, 5)
    campaign_id = await start(db, settings)
    double.fail_next(132015)
    await drain(db, settings, double)
    async with db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign.status == "pausada"
        assert "valor_de_la_semana" in campaign.pause_reason
    rows = await deliveries(db)
    assert all(r.state in ("enviada", "pendiente") for r in rows)
    assert sum(r.state == "enviada" for r in rows) == len(double.sent) < 5
    async with db.session() as session:
        resumed = await actions.resume(session, settings=settings, campaign_id=campaign_id,
                                       now=NOW)
        assert resumed.pause_reason is None
    await drain(db, settings, double)
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people}
    assert {r.state for r in await deliveries(db)} == {"enviada"}


async def test_without_a_registered_template_the_campaign_is_not_sent(db, settings, double):
    from nucleo.errors import InvalidInput

    await whatsapp_people(db, 2)
    with pytest.raises(InvalidInput, match="plantilla de WhatsApp"):
        await start(db, settings, template=False)
    assert double.sent == [] and await deliveries(db) == []


async def test_baja_after_the_run_started_cancels_what_was_pending(db, settings, double):
    from campañas.unsubscribe import Claim, LinkState, unsubscribe

    people = await whatsapp_people(db, 3)
    await start(db, settings)
    async with db.session() as session:  # the e-mail's link (its nonce still empty)
        assert await unsubscribe(session, Claim(people[0], None)) is LinkState.VALID
    await drain(db, settings, double)
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people[1:]}
    states = {r.person_id: r.state for r in await deliveries(db)}
    assert states[people[0]] == "cancelada"


async def test_stats_count_whatsapp_receipts_and_show_the_pause_reason(db, settings, double):
    from sqlalchemy import update

    from campañas.stats import campaign_stats

    await whatsapp_people(db, 3)
    campaign_id = await start(db, settings)
    await drain(db, settings, double)
    async with db.session() as session:
        await session.execute(update(Delivery).values(delivered_at=NOW))
        first = (await deliveries(db))[0].id
        await session.execute(update(Delivery).where(Delivery.id == first).values(read_at=NOW))
        await session.commit()
    async with db.session() as session:
        stats = await campaign_stats(session, campaign_id)
    assert stats["whatsapp"] == {"delivered": 3, "read": 1}
    assert stats["totals"]["sent"] == 3 and stats["pause_reason"] is None


async def test_a_piece_image_gone_from_disk_fails_in_spanish_without_retries(
        db, settings, double):
    await whatsapp_people(db, 2)
    campaign_id = await start(db, settings)
    async with db.session() as session:
        piece = await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id))
        (settings.data_dir / piece.image_path).unlink()
    await drain(db, settings, double)
    rows = await deliveries(db)
    assert {r.state for r in rows} == {"fallida"} and {r.attempts for r in rows} == {1}
    assert {r.last_error for r in rows} == {campaign_messages.WA_IMAGE_MISSING}
    assert not double.sent and not double.media


class Statements:
    """Counts the statements (an executemany is one) that contain every given fragment."""

    def __init__(self, db, *fragments: str) -> None:
        self.engine = db.engine.sync_engine
        self.fragments = fragments
        self.count = 0
        event.listen(self.engine, "before_cursor_execute", self._statement)

    def _statement(self, _conn, _cursor, statement: str, *_args) -> None:
        if all(f in statement for f in self.fragments):
            self.count += 1

    def detach(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)


async def test_the_template_is_read_once_per_claim_and_a_change_is_seen_at_the_next_claim(
        db, settings, double):
    people = await whatsapp_people(db, 8)
    campaign_id = await start(db, settings)
    now = [NOW]
    runtime = runtime_for(db, settings, double, clock=lambda: now[0])
    reads = Statements(db, "campaigns.whatsapp_parameters", "JOIN")
    claims = Statements(db, "UPDATE campaign_deliveries SET claimed_by")
    try:
        double.fail_next(131000)  # Meta's side, temporarily: this one goes back to the queue
        await runtime.engine.drain()
        assert len(double.sent) == 7
        assert 1 <= reads.count <= claims.count < 8  # one read per claimed batch, not per send
        async with db.session() as session:  # another process changes it: no signal here
            (await session.get(Campaign, campaign_id)).whatsapp_template = "valor_nuevo"
            await session.commit()
        now[0] = NOW + timedelta(seconds=31)  # the retry is due
        await runtime.engine.drain()
    finally:
        reads.detach()
        claims.detach()
        await runtime.close()
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people}
    names = [m.body["template"]["name"] for m in double.sent]
    assert names[:7] == ["valor_de_la_semana"] * 7 and names[7] == "valor_nuevo"


async def test_a_piece_with_its_own_template_goes_out_as_it(db, settings, double):
    people = await whatsapp_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings, 2, channels=("whatsapp",))
    async with db.session() as session:
        first = (await session.scalars(select(Piece).where(
            Piece.campaign_id == campaign_id).order_by(Piece.position))).first()
        first.whatsapp_template, first.whatsapp_parameters = "pieza_propia", ["frase"]
        await session.commit()
    async with db.session() as session:
        await register_template(session, campaign=await session.get(Campaign, campaign_id),
                                name="valor_de_la_semana", language="es_CO",
                                parameters=["frase", "autor"])
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW,
                               available={"whatsapp"})
    await drain(db, settings, double)
    assert {m.to for m in double.sent} == {wa_id(p) for p in people}
    by_phrase = {}
    for message in double.sent:
        [body] = [c for c in message.body["template"]["components"] if c["type"] == "body"]
        texts = [p["text"] for p in body["parameters"]]
        by_phrase.setdefault(texts[0][:14], set()).add((message.body["template"]["name"],
                                                        len(texts)))
    assert by_phrase["Frase número 1"] == {("pieza_propia", 1)}  # its own wins
    assert {m.body["template"]["language"]["code"] for m in double.sent
            if m.body["template"]["name"] == "pieza_propia"} == {"es"}  # the default language
    assert len(double.sent) == 4  # both pieces to both people
    assert by_phrase["Frase número 2"] == {("valor_de_la_semana", 2)}  # the campaign's


@pytest.mark.parametrize("code, throttles", [(130429, True), (131056, False)])
async def test_only_a_throughput_error_makes_the_whole_number_wait(
        db, settings, double, code, throttles):
    from nucleo.ratelimit import WHATSAPP_LIMITER

    await whatsapp_people(db, 1)
    await start(db, settings)
    runtime = runtime_for(db, settings, double)
    double.fail_next(code)
    try:
        await runtime.engine.drain()
        limiter = runtime.services.need(WHATSAPP_LIMITER)
        assert limiter.pauses == (1 if throttles else 0)
    finally:
        await runtime.close()
    assert {r.state for r in await deliveries(db)} == {"pendiente"}


async def test_a_paused_template_pauses_the_campaign_once_however_many_were_in_flight(
        db, settings, double, monkeypatch):
    from campañas import whatsapp_status

    people = await whatsapp_people(db, 8)
    campaign_id = await start(db, settings)
    pauses = []
    pause = whatsapp_status.pause_for_whatsapp

    async def counted(session, campaign_id, reason):
        pauses.append(campaign_id)
        return await pause(session, campaign_id, reason)

    async def resume() -> None:
        async with db.session() as session:
            await actions.resume(session, settings=settings, campaign_id=campaign_id, now=NOW)

    monkeypatch.setattr(whatsapp_status, "pause_for_whatsapp", counted)
    runtime = runtime_for(db, settings, double)
    try:
        double.fail_next(*[132015] * 4)
        await runtime.engine.drain()
        assert len(double.refused) > 1 and pauses == [campaign_id]  # no pause storm
        await resume()
        double.fail_next(132015)
        await runtime.engine.drain()  # still paused at Meta: the campaign pauses again, once
        assert pauses == [campaign_id, campaign_id]
        for _ in range(5):  # Meta lifts the pause: what is left goes out, once each
            async with db.session() as session:
                if (await session.get(Campaign, campaign_id)).status != "pausada":
                    break
            await resume()
            await runtime.engine.drain()
    finally:
        await runtime.close()
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people}


async def test_a_delivery_deleted_in_flight_does_not_stop_its_batch_being_recorded(
        db, settings, telegram_double_unlimited) -> None:
    """The person asked to be forgotten while their WhatsApp message was leaving: their
    delivery is gone when the batch's outcomes are written; the others are recorded (on
    SQLite too, where an ORM bulk update by key would raise for the missing row)."""
    from campañas.states import DeliveryState
    from campañas.store import DeliveryStore, Result
    from tests.campañas.conftest import settings_for

    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    await add_people(db, 3)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    store = DeliveryStore(db, "w")
    claimed = await store.claim("telegram", 10, NOW)
    assert await store.begin([d.delivery_id for d in claimed], NOW) == {1, 2, 3}
    async with db.session() as session:  # /olvidarme meanwhile: the delivery cascades away
        await session.delete(await session.get(Person, claimed[0].person_id))
        await session.commit()
    await store.record([
        Result(d.delivery_id, d.person_id, "whatsapp", DeliveryState.ENVIADA, NOW,
               wamid=f"wamid.{d.delivery_id}") for d in claimed])
    async with db.session() as session:
        rows = (await session.execute(select(Delivery.id, Delivery.state, Delivery.wamid)
                                      .order_by(Delivery.id))).all()
    assert [tuple(r) for r in rows] == [(2, "enviada", "wamid.2"), (3, "enviada", "wamid.3")]


async def test_the_double_refuses_a_template_send_that_does_not_match_like_meta(
        db, settings, double):
    """With the WABA's templates known, the double answers as Meta: the campaign registered
    three body variables for a template that has one (132000), so it pauses and nothing goes;
    once the template in Meta has them, a resume sends each piece once."""
    people = await whatsapp_people(db, 3)
    double.approve("valor_de_la_semana", "es_CO", body="{{1}}")
    campaign_id = await start(db, settings)
    await drain(db, settings, double)
    assert double.sent == [] and 132000 in double.refused
    async with db.session() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign.status == "pausada" and "valor_de_la_semana" in campaign.pause_reason
    assert {r.state for r in await deliveries(db)} == {"pendiente"}
    double.templates.clear()
    double.approve("valor_de_la_semana", "es_CO", body="{{1}} — {{2}}. ¡Ánimo, {{3}}!")
    double.approve("valor_de_la_semana", "es")  # another language does not get in the way
    async with db.session() as session:
        await actions.resume(session, settings=settings, campaign_id=campaign_id, now=NOW)
    await drain(db, settings, double)
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people}


async def test_a_duplicated_campaign_keeps_each_piece_s_own_template(db, settings):
    campaign_id = await campaign_with_pieces(db, settings, 2, channels=("whatsapp",))
    async with db.session() as session:
        first = (await session.scalars(select(Piece).where(
            Piece.campaign_id == campaign_id).order_by(Piece.position))).first()
        first.whatsapp_template, first.whatsapp_language = "pieza_propia", "es_CO"
        first.whatsapp_parameters = ["frase", "autor"]
        await session.commit()
    async with db.session() as session:
        copy = await actions.duplicate_campaign(session, campaign_id=campaign_id)
    async with db.session() as session:
        pieces = (await session.scalars(select(Piece).where(
            Piece.campaign_id == copy.id).order_by(Piece.position))).all()
    assert [(p.whatsapp_template, p.whatsapp_language, p.whatsapp_parameters)
            for p in pieces][:2] == [("pieza_propia", "es_CO", ["frase", "autor"]),
                                     (None, None, None)]


async def test_every_accepted_wamid_is_kept_and_a_crash_before_its_record_leaves_incierta(
        db, settings, double):
    """Each accepted send's wamid is stored with its delivery, and its statuses change that
    delivery once. A send accepted by the Cloud API whose outcome was never written (the
    process died between the answer and the record): its row is «incierta» after the lease,
    never sent again, and a status for its unknown wamid changes nothing."""
    from campañas.states import Verdict
    from campañas.store import LEASE
    from campañas.whatsapp_status import DeliveryStatuses
    from nucleo.ports import MessageStatus

    people = await whatsapp_people(db, 4)
    await start(db, settings)
    runtime = runtime_for(db, settings, double)
    try:
        store, lane = runtime.engine.store, runtime.engine.lanes["whatsapp"]
        [lost] = await store.claim("whatsapp", 1, NOW)
        assert await store.begin([lost.delivery_id], NOW) == {lost.delivery_id}
        outcome = await lane.sender.send(lost)  # accepted... and the process dies here
        assert outcome.verdict is Verdict.SENT
    finally:
        await runtime.close()
    later = NOW + LEASE + timedelta(seconds=1)
    runtime = runtime_for(db, settings, double, clock=lambda: later)
    try:
        await runtime.engine.store.reclaim(later)  # any engine, at its start or periodically
        await runtime.engine.drain()
    finally:
        await runtime.close()
    assert Counter(m.to for m in double.sent) == {wa_id(p): 1 for p in people}  # none twice
    rows = {r.id: r for r in await deliveries(db)}
    assert rows[lost.delivery_id].state == "incierta" and rows[lost.delivery_id].wamid is None
    recorded = {r.wamid: r.id for r in rows.values() if r.state == "enviada"}
    accepted = {m.id for m in double.sent}
    assert set(recorded) == accepted - {outcome.extra["wamid"]} and len(recorded) == 3

    port = DeliveryStatuses(db)
    statuses = [MessageStatus(w, "delivered", later) for w in sorted(accepted)]
    assert await port.record(statuses) == frozenset(recorded)
    assert await port.record(statuses) == frozenset(recorded)  # a replay: known, unchanged
    rows = {r.id: r for r in await deliveries(db)}
    assert {r.id for r in rows.values() if r.delivered_at == later} == set(recorded.values())
    assert rows[lost.delivery_id].state == "incierta" and rows[lost.delivery_id].delivered_at \
        is None
