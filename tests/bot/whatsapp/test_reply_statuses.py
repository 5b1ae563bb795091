"""The chat's replies go out marked ``UNTRACKED`` and their statuses cost no database work;
a status without the mark (a campaign piece, a notice) still goes the usual way, early ones
kept. Both engines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import event, select

from bot.whatsapp.channel import UNTRACKED
from nucleo.services import Services
from nucleo.whatsapp_kept import KeptStatus, key_of
from tests.bot.whatsapp.conftest import deliver, say
from tests.bot.whatsapp.test_campaign_statuses import row, sent_campaign
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """The SQL statements run on the service's engine inside the block."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    engine = services.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def kept(services: Services) -> list[KeptStatus]:
    async with services.db.session() as session:
        return list((await session.execute(select(KeptStatus))).scalars())


async def test_the_statuses_of_a_reply_touch_no_table(
    wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services
) -> None:
    replies = await say(wa, double, ANA, double.text_from(ANA, "hola"))
    assert replies
    assert all(r.body["biz_opaque_callback_data"] == UNTRACKED for r in replies)
    with statements(services) as seen:
        for reply in replies:
            for kind in ("sent", "delivered", "read"):
                response = await deliver(wa, double.signed(double.status_of(reply, kind)))
                assert response.status_code == 200 and response.json()["estados"] == 1
            failed = double.status_of(reply, "failed", [{"code": 131026}])
            assert (await deliver(wa, double.signed(failed))).status_code == 200
    assert seen == []
    assert await kept(services) == []


async def test_an_unmarked_status_nobody_has_yet_is_still_kept_and_claimed(
    wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services
) -> None:
    """A campaign piece's status that overtakes its send's recording (no mark: the campaign
    sender sets none) waits in ``whatsapp_kept_statuses`` and applies once recorded."""
    from campañas.whatsapp_status import DeliveryStatuses

    early = double.status("wamid.early", ANA, "read")
    assert (await deliver(wa, double.signed(early))).status_code == 200
    assert [k.key for k in await kept(services)] == [key_of("wamid.early")]
    _, [delivery_id] = await sent_campaign(services, ["wamid.early"])
    assert await DeliveryStatuses(services.db).claim_later(["wamid.early"]) == 1
    assert (await row(services, delivery_id)).read_at is not None
    assert await kept(services) == []


async def test_odd_marks_go_the_usual_way(
    wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services
) -> None:
    """Another app's mark, an empty one, odd Unicode or markup: not ours, so kept as usual;
    one longer than Meta allows (512) is refused like any malformed notification."""
    for mark in ("", "chat ", "CHAT", "<b>chat</b>", "chat\u200b", "ñandú 🌵"):
        status = double.status(f"wamid.{len(mark)}.{mark.encode().hex()}", ANA, "read", callback=mark)
        assert (await deliver(wa, double.signed(status))).status_code == 200
    assert len(await kept(services)) == 6
    huge = double.status("wamid.huge", ANA, "read", callback="x" * 10_000)
    assert (await deliver(wa, double.signed(huge))).status_code == 400
