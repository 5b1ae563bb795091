"""``dependency_rows``: the one order and labelling of every measure's rows per dependency."""

from __future__ import annotations

from nucleo.report.dependencies import dependency_rows

NAMES: dict[int | None, str] = {1: "Tránsito", 2: "Ñame y Otros", 3: "Nómina", 4: "Salud",
                                5: "<b>Área</b>", None: "Sin dependencia"}


def test_spanish_order_people_without_one_last() -> None:
    rows = dependency_rows({1: 3, 2: 1, None: 2}, {1: 5, 3: 4, 5: 1}, NAMES)
    assert [(r.label, r.value, r.total) for r in rows] == [
        ("<b>Área</b>", 0, 1), ("Nómina", 0, 4), ("Ñame y Otros", 1, 0), ("Tránsito", 3, 5),
        ("Sin dependencia", 2, 0)]


def test_labels_unknown_and_none_withheld() -> None:
    rows = dependency_rows({9: 1, None: 1}, {}, NAMES, none_label="Toda la entidad",
                           withheld={4}, withheld_text="menos de 5 respuestas")
    assert [(r.label, r.value, r.total, r.withheld) for r in rows] == [
        ("Dependencia desconocida", 1, 0, None),
        ("Salud", 0, None, "menos de 5 respuestas"),
        ("Toda la entidad", 1, 0, None)]
    assert rows[1].percent is None
    assert dependency_rows({}, {}, {}) == ()


def test_name_order_is_spanish_and_puts_no_name_last() -> None:
    from nucleo.report.dependencies import name_order

    names = ["Ñame", "Nómina", None, "Área", "Obras", "agua"]
    assert sorted(names, key=name_order) == ["agua", "Área", "Nómina", "Ñame", "Obras", None]
