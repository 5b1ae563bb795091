"""The campaigns' Inicio cards: "Valor de la semana", "Alcance de la última campaña"
(delivered out of targeted, reactions and a link to the campaign that sent most recently) and
the reach per week."""

from __future__ import annotations

from sqlalchemy import select

from campañas.measures import CampaignReach
from campañas.models import Campaign, Run
from campañas.stats import campaign_stats
from campañas.web import messages
from nucleo import ports
from nucleo.formats import number
from nucleo.report.trends import headline
from nucleo.web.console import charts
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card

REACH_TREND = Trend("c-reach-weeks", messages.CARD_REACH_TREND, CampaignReach(),
                    ((messages.REACH_TREND_PEOPLE, headline),))


async def last_campaign_reach(console: Console) -> Card | None:
    """Reach of the campaign with the latest run (for the roles that may see campaigns)."""

    if not console.can("campanas"):
        return None
    row = (await console.db.execute(
        select(Campaign.id, Campaign.name).join(Run, Run.campaign_id == Campaign.id)
        .where(Run.piece_id.is_not(None))
        .order_by(Run.started_at.desc(), Run.id.desc()).limit(1))).first()
    if row is None:
        return Card(messages.CARD_CAMPAIGN_REACH, placeholder=messages.REACH_NONE)
    stats = await campaign_stats(console.db, row.id)
    totals = stats["totals"]
    reactions = sum(sum(p["reactions"].values()) for p in stats["pieces"])
    pending = totals["pending"] + totals["in_flight"]
    card = Card(messages.CARD_CAMPAIGN_REACH,
                big=f"{number(totals['sent'])} / {number(totals['targeted'])}",
                lines=[(messages.REACH_DELIVERED, number(totals["sent"])),
                       (messages.REACH_TARGETED, number(totals["targeted"])),
                       (messages.REACH_PENDING, number(pending)),
                       (messages.REACH_REACTIONS, number(reactions))],
                link=(f"/consola/campanas/{row.id}", row.name))
    if totals["targeted"]:
        card.chart = charts.stacked_bar("c-reach", messages.CARD_CAMPAIGN_REACH, [
            (messages.REACH_DELIVERED, totals["sent"]), (messages.REACH_PENDING, pending),
            (messages.REACH_NOT_DELIVERED, totals["targeted"] - totals["sent"] - pending)])
    return card


async def reach_per_week(console: Console) -> Card | None:
    """People who received a campaign piece, week by week over the last twelve weeks (the
    report's reach measure, once per week)."""
    if not console.can("campanas"):
        return None
    return await trend_card(console, REACH_TREND,
                            link=("/consola/campanas", messages.CAMPAIGNS_TITLE))


async def week_value(console: Console) -> Card:
    """This week's value and piece, from the campaigns feature."""
    campaigns = console.services.get(ports.CAMPAIGNS)
    if campaigns is None:
        return Card(messages.CARD_WEEK_VALUE, placeholder=messages.PLACEHOLDER_CAMPAIGNS)
    piece = await campaigns.current_piece(console.db, console.services.clock())
    if piece is None:
        return Card(messages.CARD_WEEK_VALUE, placeholder=messages.NO_PIECE_THIS_WEEK)
    return Card(messages.CARD_WEEK_VALUE, big=piece.value)
