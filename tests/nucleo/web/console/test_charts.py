"""SVG charts: escaped, accessible, scalable, robust to odd data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from nucleo.web.console.charts import bar_chart, column_chart, stacked_bar

NS = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_valid_accessible_svg() -> None:
    svg = str(bar_chart("c1", "Personas <por> dependencia",
                        [("Hacienda & Crédito", 5), ("<script>", 2), ("Vacía", 0)]))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("viewBox")
    assert root.find(NS + "title").text == "Personas <por> dependencia"
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Hacienda &amp; Crédito: 5" in svg


def test_many_items_are_grouped_and_long_labels_cut() -> None:
    items = [(f"Dependencia {'x' * 50} {i}", i) for i in range(30)]
    root = ET.fromstring(str(bar_chart("c2", "t", items, max_items=5)))
    groups = root.findall(NS + "g")
    assert len(groups) == 5
    assert groups[-1].find(NS + "title").text.startswith("Otras: ")
    labels = [t.text for g in groups for t in g.findall(NS + "text")][::2]
    assert all(len(label or "") <= 48 for label in labels)


def test_empty_and_zero_data() -> None:
    ET.fromstring(str(bar_chart("c3", "vacío", [])))
    ET.fromstring(str(bar_chart("c4", "ceros", [("a", 0), ("b", 0)])))
    ET.fromstring(str(stacked_bar("c5", "nada", [])))
    ET.fromstring(str(stacked_bar("c6", "negativo", [("a", -3), ("b", 2.5)])))


def test_bar_chart_with_a_fixed_scale() -> None:
    root = ET.fromstring(str(bar_chart("c5", "Promedios", [("Respeto", 2.5), ("Raro", 9)],
                                       scale_max=5)))
    widths = {g.findtext(NS + "title"): float(g.findall(NS + "rect")[0].get("width", 0))
              for g in root.findall(NS + "g")}
    assert widths["Respeto: 2,5"] == 180.0  # half of the 360 px bar area
    assert widths["Raro: 9"] == 360.0  # never wider than the chart


def test_column_chart_keeps_time_order_and_says_every_figure() -> None:
    labels = [f"{n} <dic>" for n in range(1, 13)]
    svg = str(column_chart("c9", "Consultas & respuestas", labels,
                           [("Recibidas", list(range(12))), ("Respondidas", [0] * 12)],
                           full_labels=[f"semana {n}" for n in range(1, 13)]))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c9-t c9-d"
    desc = root.find(NS + "desc").text
    assert desc.startswith("semana 1: Recibidas 0, Respondidas 0; semana 2: Recibidas 1")
    assert desc.index("semana 2") < desc.index("semana 12")  # oldest first, not sorted
    axis = [t.text for t in root.iter(NS + "text") if t.get("class") == "chart-axis"]
    assert axis[0] == "11" and axis[-1] == "12 <dic>" and "11 <dic>" not in axis  # every other
    assert "<dic>" not in svg.replace("&lt;dic&gt;", "")
    legend = [t.text for t in root.iter(NS + "text") if t.get("class") == "chart-label"]
    assert legend == ["Recibidas", "Respondidas"]
    heights = [float(r.get("height")) for r in root.iter(NS + "rect") if r.find(NS + "title")
               is not None]
    assert len(heights) == 24 and heights[0] == 0 and max(heights) == 120


def test_column_chart_with_nothing_draws_no_column() -> None:
    svg = str(column_chart("c0", "Nada", ["a", "b"], [("Todo", [0, 0])]))
    root = ET.fromstring(svg)
    assert all(float(r.get("height")) == 0 for r in root.iter(NS + "rect"))
