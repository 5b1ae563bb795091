"""Tests for campañas.values: the Code's values, extra values and the weekly rotation."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

import campañas
from campañas import messages as msg
from campañas.values import (
    CORE_VALUES,
    MIN_CONTRAST_WITH_WHITE,
    Value,
    ValueRegistry,
    WeeklyRotation,
    contrast_ratio,
    make_extra_value,
    value_of_week,
)
from nucleo.errors import InvalidInput, NotFound

BOGOTA = ZoneInfo("America/Bogota")


def test_package_name_is_nfc():
    import unicodedata

    assert campañas.__name__ == unicodedata.normalize("NFC", "campañas")


def test_five_core_values_in_order():
    assert [v.key for v in CORE_VALUES] == [
        "honestidad", "respeto", "compromiso", "diligencia", "justicia"
    ]
    for value in CORE_VALUES:
        assert value.core
        assert value.name == value.key.capitalize()
        assert contrast_ratio(value.colour) >= MIN_CONTRAST_WITH_WHITE
        assert value.definition.endswith(".") and "\n" not in value.definition
        assert 40 < len(value.definition) < 200


def test_colours_are_distinct():
    assert len({v.colour for v in CORE_VALUES}) == 5


def test_contrast_ratio_extremes():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)


def test_registry_lookup_by_key_name_case_and_accents():
    registry = ValueRegistry()
    assert len(registry) == 5
    assert registry.get("HONESTIDAD").key == "honestidad"
    assert registry.get("  Justicia ").key == "justicia"
    assert "Diligéncia" in registry
    assert 42 not in registry
    with pytest.raises(NotFound) as info:
        registry.get("valentía")
    assert "Honestidad" in info.value.message


def test_registry_with_two_extras_from_rows():
    registry = ValueRegistry.from_rows(
        [
            {"name": "Transparencia", "colour": "#0e6e75", "definition": "Muestro lo que hago."},
            {"nombre": "Vocación de Servicio", "color": "#8A5300",
             "definicion": "Sirvo con gusto."},
        ]
    )
    assert len(registry) == 7
    assert [v.key for v in registry.extras] == ["transparencia", "vocacion-de-servicio"]
    extra = registry.get("vocación de servicio")
    assert not extra.core and extra.colour == "#8A5300"
    assert extra.rgb == (0x8A, 0x53, 0x00)


def test_registry_refuses_a_third_extra():
    rows = [
        {"name": f"Valor {n}", "colour": "#1D4F91", "definition": "Algo."} for n in "ABC"
    ]
    with pytest.raises(InvalidInput) as info:
        ValueRegistry.from_rows(rows)
    assert "2" in info.value.message


def test_registry_refuses_extra_named_like_a_core_value():
    with pytest.raises(InvalidInput):
        ValueRegistry([make_extra_value("HONESTIDAD", "#1D4F91", "Otra vez.")])
    with pytest.raises(InvalidInput):
        ValueRegistry([CORE_VALUES[0]])


def test_registry_refuses_duplicate_extras():
    one = make_extra_value("Lealtad", "#1D4F91", "Soy leal.")
    with pytest.raises(InvalidInput):
        ValueRegistry([one, make_extra_value("lealtad", "#9C1F4A", "Soy leal.")])


@pytest.mark.parametrize("colour", ["#FFF", "1D4F91", "#GGGGGG", "", None, 123, "#1D4F91 x"])
def test_extra_value_bad_colour(colour):
    with pytest.raises(InvalidInput) as info:
        make_extra_value("Lealtad", colour, "Soy leal.")
    assert info.value.code == "color_invalido"


def test_extra_value_light_colour_refused_for_white_text():
    with pytest.raises(InvalidInput) as info:
        make_extra_value("Alegría", "#FFD54F", "Trabajo con alegría.")
    assert info.value.code == "color_poco_contraste"
    assert "claro" in info.value.message


@pytest.mark.parametrize(
    "name, definition",
    [("", "x"), ("   ", "x"), ("\u200b", "x"), ("x" * 41, "x"), ("Paz", ""), ("Paz", "y" * 281),
     (None, "x"), ("Paz", None)],
)
def test_extra_value_bad_texts(name, definition):
    with pytest.raises(InvalidInput):
        make_extra_value(name, "#1D4F91", definition)


def test_extra_value_is_cleaned():
    value = make_extra_value("  Paz\u200b  ", "#1d4f91", " Busco la paz.\n")
    assert value == Value("paz", "Paz", "#1D4F91", "Busco la paz.", core=False)


def test_html_in_a_value_name_is_kept_as_text():
    value = make_extra_value("<b>Paz</b>", "#1D4F91", "x")
    assert value.name == "<b>Paz</b>" and value.key == "b-paz-b"


def test_key_of_a_name_with_enye_and_symbols():
    assert make_extra_value("Año  de Señales!", "#1D4F91", "x").key == "ano-de-senales"
    with pytest.raises(InvalidInput):
        make_extra_value("¡¿?!", "#1D4F91", "x")


# --- weekly rotation -------------------------------------------------------------------------

def test_rotation_by_iso_week():
    rotation = WeeklyRotation(date(2025, 1, 8), CORE_VALUES)  # a Wednesday
    assert rotation.first_monday == date(2025, 1, 6)
    assert rotation.value_for(date(2025, 1, 6)).key == "honestidad"
    assert rotation.value_for(date(2025, 1, 12)).key == "honestidad"  # Sunday, same ISO week
    assert rotation.value_for(date(2025, 1, 13)).key == "respeto"
    assert rotation.value_for(date(2025, 2, 3)).key == "justicia"  # week 4
    assert rotation.value_for(date(2025, 2, 10)).key == "honestidad"  # wraps
    assert rotation.value_for(date(2025, 1, 5)) is None  # before the start


def test_rotation_across_new_year_iso_week_53():
    rotation = WeeklyRotation(date(2020, 12, 21), CORE_VALUES)
    # 2020 has an ISO week 53 (28 Dec 2020 - 3 Jan 2021): still one week each.
    assert rotation.value_for(date(2020, 12, 28)).key == "respeto"
    assert rotation.value_for(date(2021, 1, 3)).key == "respeto"
    assert rotation.value_for(date(2021, 1, 4)).key == "compromiso"


def test_rotation_uses_bogota_time_for_datetimes():
    rotation = WeeklyRotation(date(2025, 1, 6), CORE_VALUES)
    # Monday 13 Jan 2025 03:00 UTC is still Sunday 12 Jan 22:00 in Bogotá.
    early = datetime(2025, 1, 13, 3, 0, tzinfo=UTC)
    assert rotation.value_for(early).key == "honestidad"
    assert rotation.value_for(early.replace(hour=5)).key == "respeto"
    # Naive datetimes are taken as UTC.
    assert rotation.value_for(datetime(2025, 1, 13, 3, 0)).key == "honestidad"
    start = rotation.week_start(early)
    assert start == datetime(2025, 1, 6, 0, 0, tzinfo=BOGOTA)


def test_rotation_other_time_zone_and_custom_list():
    values = [CORE_VALUES[4], CORE_VALUES[0]]
    moment = datetime(2025, 1, 13, 3, 0, tzinfo=UTC)
    assert value_of_week(moment, start=date(2025, 1, 6), values=values).key == "justicia"
    tokyo = value_of_week(moment, start=date(2025, 1, 6), values=values, tz="Asia/Tokyo")
    assert tokyo.key == "honestidad"


def test_rotation_upcoming_plan():
    rotation = WeeklyRotation(date(2025, 1, 6), CORE_VALUES[:2])
    plan = rotation.upcoming(date(2024, 12, 1), 3)
    assert plan == [
        (date(2025, 1, 6), CORE_VALUES[0]),
        (date(2025, 1, 13), CORE_VALUES[1]),
        (date(2025, 1, 20), CORE_VALUES[0]),
    ]
    assert rotation.upcoming(date(2025, 1, 6), 0) == []


def test_rotation_needs_values():
    with pytest.raises(InvalidInput) as info:
        WeeklyRotation(date(2025, 1, 6), [])
    assert info.value.message == msg.ROTATION_EMPTY


def test_rotation_start_may_be_a_datetime():
    rotation = WeeklyRotation(datetime(2025, 1, 9, 12, 0), CORE_VALUES)
    assert rotation.first_monday == date(2025, 1, 6)
