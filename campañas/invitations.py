"""Survey invitations sent by the campaign engine, so they are claimed, paced by the same
rate limiter, retried, blocked or failed, resumed after a crash and counted like any piece.

An invitation is a campaign of kind ``encuesta`` (``origin`` = ``encuesta:<id>``) with one
text-only piece whose button carries the survey's own callback data, one run, and one delivery
per person × channel. It holds who was invited (personal data, like the survey's participation
table) and nothing about answers. Being of another kind, it is never "this week's piece" and
never takes part in the weekly value rotation.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import EMAIL, INVITED, TELEGRAM, materialise
from campañas.carteles import Door, Poster, poster_pdf
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.senders.email import INVITATION_MARK, WEB_INVITATION_MARK
from campañas.states import CampaignKind, CampaignStatus, RunState
from nucleo import audit
from nucleo.db import commit, signal
from nucleo.directory.link import (
    DIRECTORY_ACTIVE,
    PURPOSE,
    in_directory,
    invitation_links,
    new_nonce,
)
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.formats import date_text, local_day
from nucleo.models import Person, StaffAccount
from nucleo.ports import Button, InvitationStatus
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.signing import lifetime

CHUNK = 500  # person ids per INSERT … SELECT (well under every driver's bind limit)
MAX_PHRASE = 500


def survey_origin(survey_id: int) -> str:
    """The ``origin`` of a survey's invitation campaign."""
    return f"encuesta:{survey_id}"


async def find_invitation(session: AsyncSession, origin: str) -> tuple[Campaign, Piece, Run] | None:
    """The invitation campaign of this origin, its piece and its run, if it exists."""
    row = (await session.execute(
        select(Campaign, Piece, Run).join(Piece, Piece.campaign_id == Campaign.id)
        .join(Run, Run.piece_id == Piece.id)
        .where(Campaign.origin == origin).order_by(Run.id).limit(1))).first()
    return (row[0], row[1], row[2]) if row else None


async def queue_invitation(session: AsyncSession, *, origin: str, title: str, text_html: str,
                           buttons: Sequence[Sequence[Button]], person_ids: Sequence[int],
                           now: datetime, timezone: str,
                           channels: Sequence[str] = (TELEGRAM,),
                           kind: CampaignKind = CampaignKind.ENCUESTA,
                           name: str | None = None) -> Run:
    """Create (or reuse) the invitation campaign of ``origin`` and queue one delivery per
    reachable person and channel, in the caller's transaction (the caller commits). Inviting
    the same person again adds nothing: an origin has one run, and the key run × person ×
    channel is unique. The campaign's audience is the ids given (``invitados``). The
    ``channels`` of each call are the ones used (and kept on the campaign): a channel set up
    after the campaign began reaches those it alone can reach."""
    found = await find_invitation(session, origin)
    if found is None:
        campaign = Campaign(
            name=(name or msg.INVITATION_CAMPAIGN_NAME.format(title=title))[:200],
            kind=kind.value, origin=origin, value_key=None, rotation=False,
            status=CampaignStatus.EN_CURSO.value, audience={"type": INVITED},
            channels=list(channels), timezone=timezone)
        session.add(campaign)
        await session.flush()
    else:
        campaign, piece, run = found
        if list(campaign.channels) != list(channels):
            campaign.channels = list(channels)  # e.g. SMTP set up after the campaign began
    if found is None:
        position = await session.scalar(select(func.count()).select_from(Piece)
                                        .where(Piece.campaign_id == campaign.id))
        piece = Piece(
            campaign_id=campaign.id, position=int(position or 0) + 1, value_key="",
            phrase=title[:MAX_PHRASE],
            author=None, caption_html=text_html, image_sha256="", image_path="", image_mime="",
            image_generated=False,
            buttons=[{"key": f"b{i}", "label": b.label, "data": b.data}
                     for i, b in enumerate(b for row in buttons for b in row)])
        session.add(piece)
        await session.flush()
        run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=now,
                  state=RunState.EN_CURSO.value, started_at=now)
        session.add(run)
        await session.flush()
    added = 0
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        added += await materialise(session, run_id=run.id, piece_id=piece.id,
                                   spec=campaign.audience, channels=channels, now=now,
                                   person_ids=ids[start:start + CHUNK])
    run.targeted += added
    return run


DIRECTORY_ORIGIN = "vinculo"


@dataclass(frozen=True)
class DirectorySelection:
    """Whom HR invites: everyone in the directory, one dependencia, and/or only the people not
    linked yet (the default), or a list of ids."""

    department_id: int | None = None
    only_unlinked: bool = True
    person_ids: tuple[int, ...] | None = None
    round: str = "1"  # a new round invites again people invited before (e.g. a reminder)


def _selected(selection: DirectorySelection) -> list[ColumnElement[bool]]:
    """Who of the directory ``selection`` names and can be invited (active, with a working
    e-mail)."""
    condition = [*DIRECTORY_ACTIVE, Person.email.is_not(None),
                 Person.email_unreachable_at.is_(None)]
    if selection.only_unlinked:
        condition.append(Person.linked_at.is_(None))
    if selection.department_id is not None:
        condition.append(Person.department_id == selection.department_id)
    if selection.person_ids is not None:
        condition.append(Person.id.in_(list(selection.person_ids)))
    return condition


async def count_invitable(session: AsyncSession, selection: DirectorySelection) -> int:
    """How many people ``selection`` would invite (read only)."""
    return int(await session.scalar(select(func.count()).select_from(Person)
                                    .where(*_selected(selection))) or 0)


async def queue_directory_invitations(session: AsyncSession, selection: DirectorySelection, *,
                                      entity: str, now: datetime, timezone: str,
                                      web: bool = False) -> Run:
    """Queue one personal invitation e-mail per selected directory person through the
    delivery engine (rate limited, counted, resumed after a crash), in the caller's
    transaction; the caller commits, then signals ``DELIVERIES_QUEUED``. A person is invited
    at most once per round (run × person × channel is unique). People without a nonce get
    one, so each e-mail's link can be revoked. Consent comes later: the invitation is the only
    thing imported people receive before they authorise. ``web``: the e-mail also carries the
    web chat's door to the same invitation (the service has a public address)."""
    condition = _selected(selection)
    ids = list((await session.execute(select(Person.id).where(*condition)
                                      .order_by(Person.id))).scalars())
    if not ids:
        raise InvalidInput(msg.DIRECTORY_INVITATION_NOBODY, code="nadie_para_invitar")
    missing = (await session.execute(select(Person.id).where(
        *condition, Person.token_nonce.is_(None)))).scalars().all()
    if missing:  # one executemany (ORM bulk UPDATE by primary key), not one UPDATE each
        await session.execute(update(Person), [{"id": person_id, "token_nonce": new_nonce()}
                                               for person_id in missing])
    label = f"ronda {selection.round[:20]}"
    text = msg.DIRECTORY_INVITATION_TEXT.format(
        entity=html.escape(entity), link=INVITATION_MARK,
        web=msg.DIRECTORY_INVITATION_WEB.format(link=WEB_INVITATION_MARK) if web else "")
    return await queue_invitation(
        session, origin=f"{DIRECTORY_ORIGIN}:{selection.round[:20]}",
        title=msg.DIRECTORY_INVITATION_TITLE, text_html=text, buttons=[], person_ids=ids,
        now=now, timezone=timezone, channels=(EMAIL,), kind=CampaignKind.VINCULO,
        name=msg.DIRECTORY_INVITATION_NAME.format(label=label))


async def invite_directory(session: AsyncSession, selection: DirectorySelection, *,
                           settings: Settings, now: datetime,
                           actor: StaffAccount | None = None) -> Run:
    """HR's action: queue the personal invitations of ``selection``, audit it (counts only)
    and commit; the delivery engine sends them. Conflict when the bot's username or the SMTP
    server is missing (the links could not be built or sent)."""
    if not settings.telegram_bot_username or not settings.smtp_enabled:
        raise Conflict(msg.DIRECTORY_INVITATION_NO_BOT, code="invitaciones_sin_configurar")
    before = 0
    found = await find_invitation(session, f"{DIRECTORY_ORIGIN}:{selection.round[:20]}")
    if found is not None:
        before = found[2].targeted
    run = await queue_directory_invitations(session, selection, entity=settings.entity_name,
                                            now=now, timezone=settings.timezone,
                                            web=settings.public_url is not None)
    audit.record(session, actor, "directorio.invitar", target_type="campaña",
                 target_id=run.campaign_id,
                 details={"ronda": selection.round[:20], "dependencia": selection.department_id,
                          "solo_sin_vincular": selection.only_unlinked,
                          "nuevas": run.targeted - before})
    signal(session, DELIVERIES_QUEUED)
    await commit(session)
    return run


CONSOLE_ROUND = "consola {day}"  # one console round a day: a person gets one invitation a day


class DirectoryInvitationsPort:
    """Implements ``nucleo.ports.DirectoryInvitations`` for the console's person page: one
    person's invitation goes into the day's console round (a campaign of kind ``vinculo``,
    with the same progress, pacing and exactly-once delivery as ``valor people invite``)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def settings(self) -> Settings:
        return self.services.settings  # read at each call: the settings may be replaced

    def unavailable(self) -> str | None:
        if not self.settings.telegram_bot_username or not self.settings.smtp_enabled:
            return msg.DIRECTORY_INVITATION_NO_BOT
        return None

    def round_of(self, now: datetime) -> str:
        return CONSOLE_ROUND.format(day=local_day(now, self.settings.tz).isoformat())

    async def _open_round(self, session: AsyncSession,
                          round_name: str) -> tuple[Campaign, Piece, Run] | None:
        """Today's console round, if it exists; Conflict when it was cancelled or lost."""
        found = await find_invitation(session, f"{DIRECTORY_ORIGIN}:{round_name}")
        if found is not None and found[2].state in (RunState.CANCELADA.value,
                                                    RunState.PERDIDA.value):
            # Nothing added to that run would ever go out: never claim it was queued.
            raise Conflict(msg.DIRECTORY_INVITATION_ROUND_CLOSED, code="ronda_cancelada")
        return found

    async def invite_person(self, session: AsyncSession, person_id: int, *,
                            actor: StaffAccount | None, now: datetime) -> bool:
        round_name = self.round_of(now)
        found = await self._open_round(session, round_name)
        had = found is not None and (await session.execute(select(Delivery.id).where(
            Delivery.run_id == found[2].id, Delivery.person_id == person_id))).first() is not None
        await invite_directory(session, DirectorySelection(
            only_unlinked=False, person_ids=(person_id,), round=round_name),
            settings=self.settings, now=now, actor=actor)
        audit.record(session, actor, "directorio.invitar_persona", target_type="persona",
                     target_id=person_id, details={"ronda": round_name, "en_cola": not had})
        await commit(session)
        return not had

    async def invitable(self, session: AsyncSession, *, department_id: int | None,
                        only_unlinked: bool) -> int:
        return await count_invitable(session, DirectorySelection(
            department_id=department_id, only_unlinked=only_unlinked))

    async def invite_many(self, session: AsyncSession, *, department_id: int | None,
                          only_unlinked: bool, actor: StaffAccount | None,
                          now: datetime) -> int:
        round_name = self.round_of(now)
        found = await self._open_round(session, round_name)
        before = found[2].targeted if found is not None else 0
        run = await invite_directory(session, DirectorySelection(
            department_id=department_id, only_unlinked=only_unlinked, round=round_name),
            settings=self.settings, now=now, actor=actor)
        return run.targeted - before

    async def last_invitation(self, session: AsyncSession,
                              person_id: int) -> InvitationStatus | None:
        row = (await session.execute(
            select(Delivery.state, Delivery.created_at, Delivery.sent_at)
            .join(Run, Run.id == Delivery.run_id).join(Campaign, Campaign.id == Run.campaign_id)
            .where(Delivery.person_id == person_id,
                   Campaign.kind == CampaignKind.VINCULO.value)
            .order_by(Delivery.id.desc()).limit(1))).first()
        return InvitationStatus(row[0], row[1], row[2]) if row else None

    async def printed_invitation(self, session: AsyncSession, person_id: int, *,
                                 actor: StaffAccount | None, now: datetime) -> bytes:
        settings = self.settings
        if not settings.telegram_bot_username:
            raise Conflict(msg.PRINTED_NO_BOT, code="invitaciones_sin_configurar")
        person = await session.get(Person, person_id)
        if person is None:
            raise NotFound(msg.PRINTED_NOT_ACTIVE, code="persona_no_encontrada")
        if not in_directory(person):
            raise InvalidInput(msg.PRINTED_NOT_ACTIVE, code="persona_no_activa")
        # Only the latest paper works: a lost one is voided by printing again, and an
        # invitation sent before (by e-mail or printed) stops working too.
        person.token_nonce = new_nonce(person.token_nonce)
        public = str(settings.public_url) if settings.public_url else None
        links = invitation_links(self.services.signer, settings.telegram_bot_username, public,
                                 person.id, person.token_nonce)
        doors = (Door(links.telegram, msg.PRINTED_TELEGRAM), Door(links.web, msg.PRINTED_WEB)) \
            if links.web else (Door(links.telegram),)
        footer = msg.PRINTED_FOOTER.format(
            until=date_text(now + lifetime(PURPOSE), settings.tz),
            both=msg.PRINTED_BOTH if links.web else "")
        poster = Poster(settings.entity_name, msg.PRINTED_CALL, doors, msg.PRINTED_LABEL,
                        person.full_name or "", footer, title=msg.PRINTED_TITLE)
        pdf = await asyncio.to_thread(poster_pdf, poster)  # CPU-bound: off the event loop
        audit.record(session, actor, "directorio.invitacion_impresa", target_type="persona",
                     target_id=person.id)
        await commit(session)  # drawn first: the log never tells of a print that failed
        return pdf
