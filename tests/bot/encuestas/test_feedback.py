"""Quick feedback: campaign reactions and consultation votes of a period, read through the
ports, counts only, under the group-of-5 rule applied to people; hidden lines never enter a sum."""

from __future__ import annotations

from datetime import date

import pytest

from bot.encuestas.feedback import (
    SMALL,
    campaign_feedback,
    consultation_feedback,
    parse_period,
    quick_feedback,
)
from nucleo.errors import InvalidInput
from nucleo.ports import CAMPAIGNS, EntryVotes, PieceReactions
from nucleo.services import Services
from tests.bot.encuestas.feedback_data import seed_feedback

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


def piece(pid: int, value: str, taps: int, *, delivered: int = 20,
          reacted: int | None = None) -> PieceReactions:
    return PieceReactions(pid, "Valor", value, value.capitalize(), f"Frase {pid}",
                          date(2025, 3, pid), delivered, taps if reacted is None else reacted,
                          (("👍", taps),))


async def test_quick_feedback_from_real_actions(services: Services, telegram_double_unlimited):
    await seed_feedback(services, telegram_double_unlimited)
    async with services.db.session() as session:
        quick = await quick_feedback(session, services, *MARCH)
        april = await quick_feedback(session, services, date(2025, 4, 1), date(2025, 4, 30))
    campaigns, votes = quick.campaigns, quick.consultations
    assert campaigns is not None and votes is not None
    assert quick.notes == ["4 línea(s) por debajo de 5 no muestran sus reacciones ni las suman "
                           "en los totales (el alcance sí se suma), para que nadie pueda "
                           "deducirlas restando."]
    assert [p.value for p in campaigns.pieces] == ["Honestidad", "Respeto", "Compromiso"]
    first, second, third = campaigns.pieces
    assert first.delivered == 8 and first.reactions == 8 and first.rate == 0.75
    assert first.buttons == {"👍 Me identifica": 6, "💬 Comentar": 2}
    assert first.sent_on == date(2025, 3, 3)
    assert (second.reactions, second.buttons, second.rate, second.hidden) == (None, None, None,
                                                                              SMALL)
    assert second.delivered == 8 and third.hidden == SMALL
    assert {v.label: (v.reactions, v.hidden) for v in campaigns.values} == {
        "Honestidad": (8, None), "Respeto": (None, SMALL), "Compromiso": (None, SMALL)}
    # the total adds up the shown piece's reactions only: the hidden ones cannot be had by
    # subtraction; everyone reached counts (each piece shows its reach anyway)
    assert campaigns.total.reactions == 8 and campaigns.total.delivered == 24
    assert campaigns.total.rate == first.rate
    assert {v.label: v.delivered for v in campaigns.values} == {
        "Honestidad": 8, "Respeto": 8, "Compromiso": 8}
    assert campaigns.left_out == 2 and votes.left_out == 2
    assert {e.entry_id: (e.helpful, e.unhelpful, e.hidden) for e in votes.entries} == {
        "causales_lista": (4, 2, None), "causal_conocimiento_previo": (None, None, SMALL),
        "causal_interes_directo": (None, None, SMALL)}
    assert votes.entries[0].rate == round(4 / 6, 4) and votes.entries[0].label
    assert (votes.total.helpful, votes.total.total) == (4, 6)
    assert april.campaigns.pieces == [] and april.campaigns.total.hidden == SMALL
    assert april.consultations.entries == []


async def test_a_missing_port_leaves_its_part_out(services: Services, telegram_double_unlimited):
    await seed_feedback(services, telegram_double_unlimited)
    del services.extras[CAMPAIGNS]
    async with services.db.session() as session:
        quick = await quick_feedback(session, services, *MARCH)
    assert quick.campaigns is None and quick.consultations is not None
    assert quick.notes[0] == "Las campañas no están disponibles en este servicio."


def test_small_pieces_say_less_than_five_and_never_enter_a_sum():
    shown = campaign_feedback((piece(1, "honestidad", 10), piece(2, "honestidad", 3)))
    assert [(p.reactions, p.hidden) for p in shown.pieces] == [(10, None), (None, SMALL)]
    assert shown.values[0].reactions == 10 and shown.total.reactions == 10  # not 13
    assert shown.left_out == 1
    values = campaign_feedback((piece(1, "honestidad", 10), piece(2, "respeto", 3)))
    assert [(v.reactions, v.hidden) for v in values.values] == [(10, None), (None, SMALL)]
    assert values.total.reactions == 10
    tiny = campaign_feedback((piece(1, "honestidad", 4),))
    assert tiny.total.hidden == SMALL and tiny.values[0].hidden == SMALL
    # a value whose pieces all hide their reactions still says how many people they reached
    assert tiny.pieces[0].delivered == tiny.values[0].delivered == tiny.total.delivered == 20
    assert campaign_feedback(()).total.delivered == 0


def test_the_rule_counts_people_not_taps():
    """Two people tapping three buttons each make six taps, but still a group of two."""
    two = PieceReactions(1, "Valor", "honestidad", "Honestidad", "Frase", date(2025, 3, 1), 20,
                         2, (("👍", 2), ("💬", 2), ("❤️", 2)))
    line = campaign_feedback((two,)).pieces[0]
    assert two.reactions == 6 and (line.reactions, line.rate, line.hidden) == (None, None, SMALL)


def test_comparing_two_periods_reveals_no_hidden_piece():
    """A period with a hidden piece and one without it give the same total."""
    both = campaign_feedback((piece(1, "honestidad", 10), piece(2, "honestidad", 3)))
    alone = campaign_feedback((piece(1, "honestidad", 10),))
    assert both.total.reactions == alone.total.reactions
    assert both.values[0].reactions == alone.values[0].reactions


def test_rates_never_pass_one_and_zero_deliveries_are_safe():
    line = campaign_feedback((piece(1, "honestidad", 9, delivered=5, reacted=7),)).pieces[0]
    assert line.rate == 1.0
    none = campaign_feedback((piece(1, "honestidad", 6, delivered=0),)).pieces[0]
    assert none.rate == 0.0


def test_votes_follow_the_same_rule():
    votes = consultation_feedback((EntryVotes("a", "A", 5, 1), EntryVotes("b", "B", 1, 0)))
    assert [(e.helpful, e.hidden) for e in votes.entries] == [(5, None), (None, SMALL)]
    assert votes.total.total == 6 and votes.total.rate == round(5 / 6, 4)  # "b" is not added
    few = consultation_feedback((EntryVotes("a", "A", 2, 1),))
    assert few.total.hidden == SMALL and few.total.total is None


@pytest.mark.parametrize("since, until, expected", [
    (None, None, (date(2026, 1, 1), date(2026, 3, 31))),
    ("", "  ", (date(2026, 1, 1), date(2026, 3, 31))),
    ("2025-01-01", "2025-01-01", (date(2025, 1, 1), date(2025, 1, 1))),
    (None, "2025-06-30", (date(2025, 4, 2), date(2025, 6, 30))),
    ("2024-03-31", "2026-03-31", (date(2024, 3, 31), date(2026, 3, 31))),  # 731 days
])
def test_period_defaults_to_the_last_90_days(since, until, expected):
    assert parse_period(since, until, date(2026, 3, 31)) == expected


@pytest.mark.parametrize("since, until, message", [
    ("2025-02-30", None, "no es válida"),
    ("31/03/2025", None, "no es válida"),
    ("20250331", None, "no es válida"),
    ("<script>", None, "no es válida"),
    ("2025-03-3１", None, "no es válida"),
    (5, None, "no es válida"),
    ("2025-04-01", "2025-03-01", "posterior"),
    ("2024-03-30", "2026-03-31", "dos años"),
])
def test_bad_periods_are_refused_in_spanish(since, until, message):
    with pytest.raises(InvalidInput, match=message):
        parse_period(since, until, date(2026, 3, 31))
