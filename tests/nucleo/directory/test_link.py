"""link_chat: one person per human, consent recorded in the audit, refusals, tokens, codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Conversation, OutboxMessage
from nucleo.directory import link
from nucleo.directory.link import AlreadyLinked, ChatRef
from nucleo.directory.models import LinkCode, LinkTokenUse
from nucleo.errors import ExpiredToken, InvalidToken, NotFound, RateLimited
from nucleo.models import AuditEntry, Consent, Person
from nucleo.services import Services
from nucleo.throttle import LoginThrottle
from nucleo.throttle_store import ThrottleCount, ThrottleStore

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SECRET = "test-secret-key-0123456789abcdef"


def own_throttle() -> LoginThrottle:
    """An address throttle of its own (tests of the other limits)."""
    return link.address_throttle(lambda: NOW.timestamp())


async def ask_code(
    session: AsyncSession, chat_key: str, *, email: str = "ana.munoz@alcaldia.gov.co",
    now: datetime = NOW,
) -> link.CodeRequest:
    """A /vincular code asked from ``chat_key`` for ``email``, with an address throttle of its own."""
    return await link.request_code(session, secret=SECRET, chat_key=chat_key, email=email,
                                   now=now, throttle=own_throttle())


async def directory_person(
    services: Services, email: str = "ana.munoz@alcaldia.gov.co", **extra: object
) -> int:
    async with services.db.session() as session:
        person = Person(
            full_name="Ana Muñoz",
            document_id=extra.pop("document_id", "1001"),
            email=email,
            source="directorio",
            **extra,
        )
        session.add(person)
        await session.commit()
        return person.id


async def bot_person(services: Services, chat_id: int, key: str) -> int:
    """Someone who used the bot on Telegram before being linked: a person, consents, a chat."""
    async with services.db.session() as session:
        person = Person(source="bot", telegram_chat_id=chat_id, subscribed=True)
        session.add(person)
        await session.flush()
        session.add_all(
            [
                Consent(
                    person_id=person.id,
                    purpose="campanas",
                    granted=True,
                    notice_version="1",
                    channel="telegram",
                ),
                Conversation(key=key, channel="telegram", person_id=person.id, data={}),
                OutboxMessage(person_id=person.id, text_html="hola", buttons=[]),
            ]
        )
        await session.commit()
        return person.id


async def people_count(services: Services) -> int:
    async with services.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(Person))).scalar_one())


async def test_link_merges_the_bot_record_into_the_directory_row(services: Services) -> None:
    target = await directory_person(services, unsubscribe_nonce=7)
    own = await bot_person(services, 555, "k" * 64)
    assert await people_count(services) == 2
    async with services.db.session() as session:
        result = await link.link_chat(
            session,
            person_id=target,
            chat=ChatRef("telegram", "k" * 64, 555),
            current_person_id=own,
            via="correo",
            now=NOW,
        )
    assert result.merged_from == own and not result.relinked
    assert await people_count(services) == 1
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None
        assert person.telegram_chat_id == 555 and person.linked_at == NOW
        assert person.full_name == "Ana Muñoz" and person.subscribed
        assert person.unsubscribe_nonce not in (7, None)  # links e-mailed before are void
        consents = (await session.execute(select(Consent))).scalars().all()
        assert [(c.person_id, c.purpose) for c in consents] == [(target, "campanas")]
        conversation = (await session.execute(select(Conversation))).scalar_one()
        assert conversation.person_id == target
        assert (await session.execute(select(OutboxMessage.person_id))).scalar_one() == target
        entry = (await session.execute(select(AuditEntry))).scalar_one()
    assert entry.action == "directorio.vincular" and entry.target_id == str(target)
    assert entry.details["via"] == "correo" and entry.details["fusion"] is True
    text = repr(entry.details) + (entry.summary or "")
    for personal in ("Ana", "Muñoz", "alcaldia", "555", "1001"):
        assert personal not in text


async def test_link_without_a_bot_record_and_again_is_idempotent(services: Services) -> None:
    target = await directory_person(services)
    async with services.db.session() as session:
        session.add(Conversation(key="w" * 64, channel="web", data={}))
        await session.commit()
    chat = ChatRef("web", "w" * 64)
    async with services.db.session() as session:
        first = await link.link_chat(
            session, person_id=target, chat=chat, current_person_id=None, via="invitacion", now=NOW
        )
    async with services.db.session() as session:
        again = await link.link_chat(
            session, person_id=target, chat=chat, current_person_id=target, via="invitacion", now=NOW
        )
    assert not first.already and again.already
    async with services.db.session() as session:
        assert (await session.execute(select(Conversation.person_id))).scalar_one() == target
        assert (await session.execute(select(func.count()).select_from(AuditEntry))).scalar_one() == 1


async def test_a_person_linked_to_another_chat_needs_a_confirmed_relink(services: Services) -> None:
    target = await directory_person(services, telegram_chat_id=111, linked_at=NOW)
    async with services.db.session() as session:
        with pytest.raises(AlreadyLinked):
            await link.link_chat(
                session,
                person_id=target,
                chat=ChatRef("telegram", "x" * 64, 222),
                current_person_id=None,
                via="correo",
                now=NOW,
            )
    async with services.db.session() as session:
        assert (await session.get(Person, target)).telegram_chat_id == 111
        result = await link.link_chat(
            session,
            person_id=target,
            chat=ChatRef("telegram", "x" * 64, 222),
            current_person_id=None,
            via="correo",
            now=NOW,
            relink=True,
        )
    assert result.relinked
    async with services.db.session() as session:
        assert (await session.get(Person, target)).telegram_chat_id == 222


async def test_a_chat_linked_to_another_directory_person_is_not_merged(services: Services) -> None:
    first = await directory_person(services, telegram_chat_id=333, linked_at=NOW)
    second = await directory_person(services, email="otro@alcaldia.gov.co", document_id="2002")
    chat = ChatRef("telegram", "y" * 64, 333)
    async with services.db.session() as session:
        with pytest.raises(AlreadyLinked):
            await link.link_chat(
                session, person_id=second, chat=chat, current_person_id=first, via="correo", now=NOW
            )
    async with services.db.session() as session:
        await link.link_chat(
            session, person_id=second, chat=chat, current_person_id=first, via="correo", now=NOW, relink=True
        )
    assert await people_count(services) == 2  # the first row stays, without the chat
    async with services.db.session() as session:
        assert (await session.get(Person, first)).telegram_chat_id is None
        assert (await session.get(Person, second)).telegram_chat_id == 333


async def test_retired_or_bot_people_cannot_be_linked(services: Services) -> None:
    retired = await directory_person(services, retired_at=NOW, status="inactiva")
    own = await bot_person(services, 9, "z" * 64)
    for person_id in (retired, own, 10**6):
        async with services.db.session() as session:
            with pytest.raises(NotFound):
                await link.link_chat(
                    session,
                    person_id=person_id,
                    chat=ChatRef("telegram", "z" * 64, 9),
                    current_person_id=own,
                    via="correo",
                    now=NOW,
                )


# -- tokens --------------------------------------------------------------------------------


async def issue(services: Services, person_id: int) -> str:
    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        token = await link.issue_token(session, services.signer, person)
        await session.commit()
    return token


async def test_token_fits_telegram_and_works_once(services: Services) -> None:
    target = await directory_person(services)
    token = await issue(services, target)
    assert len(link.start_parameter(token)) <= 64
    chat = ChatRef("web", "t" * 64)
    async with services.db.session() as session:
        await link.use_token(session, services.signer, token, chat=chat, current_person_id=None, now=NOW)
    async with services.db.session() as session:
        with pytest.raises(InvalidToken) as replay:
            await link.use_token(
                session,
                services.signer,
                token,
                chat=ChatRef("web", "u" * 64),
                current_person_id=None,
                now=NOW,
            )
    assert "ya se usó" in replay.value.message
    async with services.db.session() as session:
        assert (await session.execute(select(func.count()).select_from(LinkTokenUse))).scalar_one() == 1


async def test_revoked_expired_and_forged_tokens(services: Services) -> None:
    target = await directory_person(services)
    token = await issue(services, target)
    async with services.db.session() as session:
        await link.revoke_tokens(session, target)
    async with services.db.session() as session:
        with pytest.raises(InvalidToken) as revoked:
            await link.check_token(session, services.signer, token)
    assert "anulada" in revoked.value.message
    fresh = await issue(services, target)
    services.clock = lambda: NOW + timedelta(days=400)
    async with services.db.session() as session:
        with pytest.raises(ExpiredToken):
            await link.check_token(session, services.signer, fresh)
        for forged in (fresh[:-2] + "AA", "x" * 5000, "", "ñ" * 30, "v" + fresh):
            with pytest.raises(InvalidToken):
                await link.check_token(session, services.signer, forged)
        # A poster's parameter is not an invitation (another purpose).
        poster = services.signer.sign_start("bot.dependencia", 1)
        with pytest.raises(InvalidToken):
            await link.check_token(session, services.signer, poster)


async def test_token_of_a_retired_person(services: Services) -> None:
    target = await directory_person(services)
    token = await issue(services, target)
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None
        person.retired_at, person.status = NOW, "inactiva"
        await session.commit()
    async with services.db.session() as session:
        with pytest.raises(NotFound):
            await link.check_token(session, services.signer, token)


# -- e-mail codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Ana.Munoz@Alcaldia.gov.co ", "ana.munoz@alcaldia.gov.co"),
        ("ＡＮＡ@alcaldia.gov.co", "ana@alcaldia.gov.co"),
        ("ana\u200b@alcaldia.gov.co", "ana@alcaldia.gov.co"),
        ("ana muñoz@alcaldia.gov.co", None),
        ("sin-arroba", None),
        ("a@b@c.co", None),
        ("ana@localhost", None),
        ("x" * 300 + "@alcaldia.gov.co", None),
        ("a@" + "b" * 10_000 + ".co", None),
        ("", None),
    ],
)
def test_clean_email(typed: str, expected: str | None) -> None:
    assert link.clean_email(typed) == expected


async def test_codes_match_once_and_never_for_unknown_addresses(services: Services) -> None:
    target = await directory_person(services)
    async with services.db.session() as session:
        known = await ask_code(session, "c" * 64)
        await session.commit()
    assert known.code is not None and len(known.code) == 6 and known.email
    async with services.db.session() as session:
        assert (
            await link.check_code(session, secret=SECRET, chat_key="c" * 64, typed=f" {known.code} ", now=NOW)
            == target
        )
        await session.commit()
    async with services.db.session() as session:
        with pytest.raises(ExpiredToken):  # used up
            await link.check_code(session, secret=SECRET, chat_key="c" * 64, typed=known.code, now=NOW)
        unknown = await ask_code(session, "d" * 64, email="nadie@alcaldia.gov.co")
        await session.commit()
    assert unknown.code is None and unknown.email is None
    async with services.db.session() as session:
        for guess in ("000000", "123456", "999999"):
            with pytest.raises(link.WrongCode):
                await link.check_code(session, secret=SECRET, chat_key="d" * 64, typed=guess, now=NOW)


async def test_five_wrong_codes_then_a_pause(services: Services) -> None:
    await directory_person(services)
    async with services.db.session() as session:
        request = await ask_code(session, "e" * 64)
        await session.commit()
    assert request.code
    wrong = "000000" if request.code != "000000" else "111111"
    lefts = []
    for guess in (wrong, "abc", "1" * 10_000, "١٢٣٤٥٦"):  # Arabic-Indic digits are not ours
        async with services.db.session() as session:
            with pytest.raises(link.WrongCode) as error:
                await link.check_code(session, secret=SECRET, chat_key="e" * 64, typed=guess, now=NOW)
            await session.commit()
        lefts.append(error.value.left)
    assert lefts == [4, 3, 2, 1]
    for _ in range(2):  # the fifth wrong try locks it; even the right code is refused then
        async with services.db.session() as session:
            with pytest.raises(RateLimited):
                await link.check_code(
                    session,
                    secret=SECRET,
                    chat_key="e" * 64,
                    typed=wrong if _ == 0 else request.code,
                    now=NOW,
                )
            await session.commit()
    async with services.db.session() as session:
        row = (await session.execute(select(LinkCode))).scalar_one()
        assert row.attempts == 5 and row.used_at is None


async def test_expired_code_and_code_rate_limit(services: Services) -> None:
    await directory_person(services)
    for i in range(link.CODES_PER_HOUR):
        async with services.db.session() as session:
            request = await ask_code(session, "f" * 64, now=NOW + timedelta(minutes=i))
            await session.commit()
    assert request.code
    async with services.db.session() as session:
        with pytest.raises(ExpiredToken):
            await link.check_code(
                session, secret=SECRET, chat_key="f" * 64, typed=request.code, now=NOW + timedelta(minutes=40)
            )
        with pytest.raises(RateLimited):
            await ask_code(session, "f" * 64, now=NOW + timedelta(minutes=30))
        await ask_code(session, "f" * 64, now=NOW + timedelta(hours=2))


async def test_unlink_one_channel_then_the_last(services: Services) -> None:
    target = await directory_person(services)
    async with services.db.session() as session:
        session.add(Conversation(key="w" * 64, channel="web", data={}))
        session.add(Conversation(key="t" * 64, channel="telegram", data={}))
        await session.commit()
    async with services.db.session() as session:
        await link.link_chat(
            session,
            person_id=target,
            chat=ChatRef("web", "w" * 64),
            current_person_id=None,
            via="invitacion",
            now=NOW,
        )
        await link.link_chat(
            session,
            person_id=target,
            chat=ChatRef("telegram", "t" * 64, 42),
            current_person_id=None,
            via="correo",
            now=NOW,
        )
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None
        assert await link.linked_channels(session, person) == ["telegram", "web"]
        assert await link.unlink_channel(session, person_id=target, channel="telegram", now=NOW) == ["web"]
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.telegram_chat_id is None and person.linked_at
        assert await link.unlink_channel(session, person_id=target, channel="web", now=NOW) == []
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.linked_at is None
        assert set((await session.execute(select(Conversation.person_id))).scalars()) == {None}
        with pytest.raises(NotFound):
            await link.unlink_channel(session, person_id=999, channel="web", now=NOW)


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("ana.munoz@alcaldia.gov.co", "a***@alcaldia.gov.co"),
        ("x@y.co", "x***@y.co"),
        (None, None),
        ("", None),
        ("sin-arroba", None),
    ],
)
def test_mask_email(email: str | None, shown: str | None) -> None:
    assert link.mask_email(email) == shown


async def _whatsapp_contact(services: Services, person_id: int, wa_id: str) -> None:
    from nucleo.directory.models import WhatsAppContact

    async with services.db.session() as session:
        session.add(WhatsAppContact(person_id=person_id, wa_id=wa_id, linked_at=NOW))
        await session.commit()


async def _contacts(services: Services) -> list[tuple[int, str]]:
    from nucleo.directory.models import WhatsAppContact

    async with services.db.session() as session:
        rows = await session.execute(
            select(WhatsAppContact.person_id, WhatsAppContact.wa_id).order_by(WhatsAppContact.wa_id)
        )
        return [(p, w) for p, w in rows.all()]


async def test_merge_keeps_one_row_where_the_person_is_the_primary_key(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``whatsapp_contacts`` is keyed by ``person_id``: when both records have a row, moving
    the chat's row onto the directory person would collide. The merge treats a primary key as
    a unique key (``UNIQUE_KINDS``) and keeps the directory row's, like any other unique key."""
    from sqlalchemy.exc import IntegrityError

    target = await directory_person(services)
    own = await bot_person(services, 555, "k" * 64)
    await _whatsapp_contact(services, target, "573001112233")
    await _whatsapp_contact(services, own, "573009998877")
    chat = ChatRef("telegram", "k" * 64, 555)
    # Without the primary key among the unique kinds, the same merge breaks (the old bug).
    monkeypatch.setattr(link, "UNIQUE_KINDS", ("UniqueConstraint",))
    with pytest.raises(IntegrityError):
        async with services.db.session() as session:
            await link.link_chat(
                session, person_id=target, chat=chat, current_person_id=own, via="correo", now=NOW
            )
    monkeypatch.undo()
    async with services.db.session() as session:
        result = await link.link_chat(
            session, person_id=target, chat=chat, current_person_id=own, via="correo", now=NOW
        )
    assert result.merged_from == own and await people_count(services) == 1
    assert await _contacts(services) == [(target, "573001112233")]


async def test_merge_moves_the_row_when_the_directory_person_has_none(services: Services) -> None:
    target = await directory_person(services)
    own = await bot_person(services, 555, "k" * 64)
    await _whatsapp_contact(services, own, "573009998877")
    async with services.db.session() as session:
        await link.link_chat(
            session,
            person_id=target,
            chat=ChatRef("telegram", "k" * 64, 555),
            current_person_id=own,
            via="correo",
            now=NOW,
        )
    assert await _contacts(services) == [(target, "573009998877")]


async def test_a_changed_address_voids_what_went_to_the_old_one(services: Services) -> None:
    """A directory row changed after the invitation went out: HR corrects the e-mail (by hand
    or by importing the file again), and the invitation and the pending code that went to the
    old address stop working; other changes and other people's invitations keep theirs."""
    from nucleo.directory.importer import import_people
    from nucleo.directory.people import PersonChanges, update_person
    from nucleo.models import Department

    async with services.db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda"))
        await session.commit()
    ana = await directory_person(services)
    luis = await directory_person(services, "luis@alcaldia.gov.co", document_id="2002")
    ana_token, luis_token = await issue(services, ana), await issue(services, luis)
    async with services.db.session() as session:
        code = await ask_code(session, "c" * 64)
        await session.commit()
    async with services.db.session() as session:  # a name change voids nothing
        await update_person(session, ana, PersonChanges(full_name="Ana María Muñoz"), actor=None)
    async with services.db.session() as session:
        assert await link.check_token(session, services.signer, ana_token) == ana
    assert await _unsubscribe_nonces(services) == {ana: None, luis: None}
    async with services.db.session() as session:
        await update_person(session, ana, PersonChanges(email="ana.m@alcaldia.gov.co"), actor=None)
    ana_nonce = (await _unsubscribe_nonces(services))[ana]  # unsubscribe links rotate too
    assert ana_nonce is not None and (await _unsubscribe_nonces(services))[luis] is None
    async with services.db.session() as session:
        with pytest.raises(InvalidToken) as revoked:
            await link.check_token(session, services.signer, ana_token)
        assert "anulada" in revoked.value.message
        with pytest.raises(ExpiredToken):  # the code sent to the old address
            await link.check_code(session, secret=SECRET, chat_key="c" * 64, typed=code.code or "", now=NOW)
        assert await link.check_token(session, services.signer, luis_token) == luis
    # The same through an import: Luis's file row has a new address.
    data = (
        "nombre;cédula;correo;dependencia;tipo\n"
        "Luis Pérez;2002;luis.perez@alcaldia.gov.co;Hacienda;servidor\n"
        "Ana María Muñoz;1001;;Hacienda;servidor\n"
    ).encode()
    fresh = await issue(services, ana)
    async with services.db.session() as session:
        report = await import_people(session, data, create_departments=False)
    assert report.updated == 2 and not report.rejected
    async with services.db.session() as session:
        with pytest.raises(InvalidToken):
            await link.check_token(session, services.signer, luis_token)
        # Ana's empty cell keeps her address, so her new invitation still works.
        assert await link.check_token(session, services.signer, fresh) == ana
    nonces = await _unsubscribe_nonces(services)  # the file's new address: a bulk UPDATE
    assert nonces[ana] == ana_nonce and nonces[luis] is not None


async def _unsubscribe_nonces(services: Services) -> dict[int, int | None]:
    async with services.db.session() as session:
        return dict((await session.execute(select(Person.id, Person.unsubscribe_nonce))).all())


class Seconds:
    """An injected clock for the address throttle."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def test_codes_are_limited_per_address_whichever_chats_ask(services: Services) -> None:
    """Many chats cannot flood one mailbox (nor pile up guesses on it): 3 codes per address,
    then a pause of 10 minutes that doubles; the same for an address outside the directory,
    which tells nobody who is in it. The throttle keeps an HMAC, never the address."""
    await directory_person(services)
    clock = Seconds()
    throttle = link.address_throttle(clock, ThrottleStore(services.db), SECRET.encode())

    async def ask(chat: str, email: str = "ana.munoz@alcaldia.gov.co") -> link.CodeRequest:
        async with services.db.session() as session:
            request = await link.request_code(
                session, secret=SECRET, chat_key=chat * 64, email=email, now=NOW, throttle=throttle
            )
            await session.commit()
            return request

    assert all([(await ask(c)).code for c in "abc"])
    with pytest.raises(RateLimited) as limited:
        await ask("d")
    assert "esa dirección" in limited.value.message and "10 minutos" in limited.value.message
    assert limited.value.retry_after == 600
    assert (await ask("d", "luis@alcaldia.gov.co")).code is None  # another address: its own
    clock.now += 599
    with pytest.raises(RateLimited):
        await ask("e")
    clock.now += 1
    assert (await ask("e")).code  # the 4th code, after the pause; the next waits 20 minutes
    with pytest.raises(RateLimited) as longer:
        await ask("f")
    assert "20 minutos" in longer.value.message
    async with services.db.session() as session:  # refused requests left no code behind
        codes = (await session.execute(select(func.count()).select_from(LinkCode))).scalar_one()
    assert codes == 5
    async with services.db.session() as session:
        kept = repr([(r.key, r.scope) for r in (await session.execute(
            select(ThrottleCount))).scalars()])
    assert "vincular" in kept
    assert "ana" not in kept and "alcaldia" not in kept and "luis" not in kept
    # An address outside the directory is limited the same way.
    for chat in "ghi":
        await ask(chat, "nadie@alcaldia.gov.co")
    with pytest.raises(RateLimited) as unknown:
        await ask("j", "nadie@alcaldia.gov.co")
    assert unknown.value.message == limited.value.message
    # An hour of quiet: the address starts afresh.
    clock.now += 3601 + 2400
    assert (await ask("k")).code


async def test_the_address_throttle_follows_the_service_clock(services: Services) -> None:
    """The service keeps one address throttle, counted in its database, on
    ``services.clock`` (tests move it)."""
    throttle = link.service_address_throttle(services)
    assert link.service_address_throttle(services) is throttle
    assert isinstance(throttle.counts, ThrottleStore) and throttle.scope == "vincular"
    services.clock = lambda: NOW
    before = throttle.clock()
    services.clock = lambda: NOW + timedelta(minutes=5)
    assert throttle.clock() - before == 300


async def test_the_address_throttle_is_shared_by_two_services(services: Services) -> None:
    """Two processes (two services on one database) count the codes of one address together:
    asking in turn on each gets no more than ``CODES_PER_ADDRESS``."""
    await directory_person(services)
    services.clock = lambda: NOW
    other = Services(settings=services.settings, db=services.db, clock=lambda: NOW)
    asked = 0
    for turn in range(link.CODES_PER_ADDRESS * 2):
        throttle = link.service_address_throttle(other if turn % 2 else services)
        async with services.db.session() as session:
            try:
                await link.request_code(session, secret=SECRET, chat_key=str(turn) * 64,
                                        email="ana.munoz@alcaldia.gov.co", now=NOW,
                                        throttle=throttle)
                asked += 1
            except RateLimited:
                pass
            await session.commit()
    assert asked == link.CODES_PER_ADDRESS


async def test_a_code_request_counts_beside_the_chat_turn(services: Services) -> None:
    """The address is counted apart from the chat turn's unit of work: on PostgreSQL in its own
    short transaction, so a turn that rolls back keeps the count; on SQLite (one writer, the
    turn holds it) inside the turn, without waiting on itself. The key is the throttle's own
    HMAC of the address (one hash), never the address."""
    await directory_person(services)
    clock = Seconds()
    throttle = link.address_throttle(clock, ThrottleStore(services.db), SECRET.encode())
    with pytest.raises(ZeroDivisionError):
        async with services.db.transaction() as session:
            await link.request_code(session, secret=SECRET, chat_key="t" * 64,
                                    email="ana.munoz@alcaldia.gov.co", now=NOW, throttle=throttle)
            1 / 0  # noqa: B018  # the turn fails after the code was asked
    async with services.db.session() as session:
        rows = list((await session.execute(select(ThrottleCount))).scalars())
        codes = (await session.execute(select(func.count()).select_from(LinkCode))).scalar_one()
    assert codes == 0  # the code went with the turn
    if services.db.is_sqlite:
        assert rows == []
    else:
        assert [(r.key, r.attempts) for r in rows] == [
            (throttle.key("ana.munoz@alcaldia.gov.co", ""), 1)]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "un minuto"), (1, "un minuto"), (60, "un minuto"), (61, "unos 2 minutos"), (600, "unos 10 minutos")],
)
def test_the_wait_is_singular_or_plural(seconds: float, text: str) -> None:
    from nucleo.directory.link import wait_text

    assert wait_text(seconds) == text
