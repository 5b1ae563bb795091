"""Charts drawn on the server as small, accessible inline SVG.

A hand-written builder rather than matplotlib: the console needs horizontal bars, columns over
time and a stacked bar, nothing more; matplotlib (+ numpy) would add ~60 MB and ~1 s of import to the service for
that, and its SVG carries fixed fonts and sizes that do not follow the page's CSS. These SVGs use
``viewBox`` (they scale to any screen), the page's font, a ``<title>``/``<desc>`` for screen
readers, and every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from nucleo.formats import number, percent, shorten

BAR = "#1f4e79"
PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#8d6e63", "#455a64")
LABEL_CHARS = 48
LEGEND_ROW = 22  # height of one legend row (swatch and text)


def _legend(texts: Sequence[str], top: float) -> str:
    """One row per series from ``top`` down: its colour swatch (``PALETTE``, in order) and its
    text. The legend of every chart with several series or parts."""
    return "".join(f'<rect x="0" y="{top + i * LEGEND_ROW + 3}" width="14" height="14" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="20" y="{top + i * LEGEND_ROW + 15}" class="chart-label">'
                   f'{escape(text)}</text>'
                   for i, text in enumerate(texts))


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float]], *,
              max_items: int = 12, other_label: str = "Otras",
              scale_max: float | None = None) -> Markup:
    """Horizontal bars, largest first; beyond ``max_items`` the rest add up in one bar.
    ``scale_max`` fixes the full-width value (e.g. 5 for means on a 1-5 scale)."""
    rows = sorted(((str(label), float(value)) for label, value in items),
                  key=lambda r: (-r[1], r[0]))
    if len(rows) > max_items:
        rest = sum(v for _l, v in rows[max_items - 1:])
        rows = rows[: max_items - 1] + [(other_label, rest)]
    row_h, bar_h, width, value_w, pad = 44, 14, 420, 60, 4
    bar_w = width - value_w
    height = max(1, len(rows)) * row_h + pad
    top = scale_max or max((v for _l, v in rows), default=0) or 1
    desc = "; ".join(f"{label}: {number(v)}" for label, v in rows)
    parts = [
        f'<svg class="chart chart-bars" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for i, (label, value) in enumerate(rows):
        y = pad + i * row_h
        w = 0 if value <= 0 else min(bar_w, max(2.0, bar_w * value / top))
        parts.append(
            f'<g><title>{escape(label)}: {number(value)}</title>'
            f'<text x="0" y="{y + 14}" class="chart-label">{escape(shorten(label, LABEL_CHARS))}</text>'
            f'<rect x="0" y="{y + 20}" width="{w:.1f}" height="{bar_h}" fill="{BAR}" rx="2"/>'
            f'<text x="{w + 6:.1f}" y="{y + 32}" class="chart-value">{number(value)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar(chart_id: str, title: str, parts: Sequence[tuple[str, float]]) -> Markup:
    """One bar split in coloured parts (e.g. sent / failed / pending), legend below, one per row."""
    total = sum(max(0.0, float(v)) for _l, v in parts) or 1
    width, bar_h = 320, 22
    height = bar_h + 10 + LEGEND_ROW * len(parts)
    desc = "; ".join(f"{label}: {number(v)}" for label, v in parts)
    out = [
        f'<svg class="chart chart-stack" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{bar_h}" fill="#e8ecf0" rx="3"/>',
    ]
    x = 0.0
    for i, (label, value) in enumerate(parts):
        w = width * max(0.0, float(value)) / total
        if w > 0:
            out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)}: '
                       f'{number(value)}</title></rect>')
        x += w
    out.append(_legend([f"{shorten(label, 26)}: {number(value)} "
                        f"({percent(max(0.0, float(value)) / total)})"
                        for label, value in parts], bar_h + 10))
    out.append("</svg>")
    return Markup("".join(out))


def column_chart(chart_id: str, title: str, labels: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]], *,
                 full_labels: Sequence[str] | None = None) -> Markup:
    """Columns over time, oldest on the left: one group per period (``labels``, short; every
    other one is written when there are more than eight), one column per series, a legend
    when there are several. ``full_labels`` name the periods in the description."""
    count, kinds = len(labels), max(1, len(series))
    width, plot_h, top, axis_h = 480, 120, 18, 22
    legend = LEGEND_ROW * kinds if kinds > 1 else 0
    height = top + plot_h + axis_h + legend
    peak = max((float(v) for _n, values in series for v in values), default=0) or 1
    group_w = width / max(1, count)
    col_w = group_w * 0.7 / kinds
    names = full_labels or labels
    desc = "; ".join(f"{names[i]}: " + ", ".join(f"{name} {number(values[i])}"
                                                 for name, values in series)
                     for i in range(count))
    out = [
        f'<svg class="chart chart-columns" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<text x="0" y="12" class="chart-axis">{number(peak)}</text>',
        f'<line x1="0" y1="{top}" x2="{width}" y2="{top}" stroke="#d0d7de" '
        f'stroke-dasharray="3 3"/>',
        f'<line x1="0" y1="{top + plot_h}" x2="{width}" y2="{top + plot_h}" stroke="#8a949e"/>',
    ]
    step = 2 if count > 8 else 1
    for i in range(count):
        x0 = i * group_w + group_w * 0.15
        for k, (name, values) in enumerate(series):
            value = max(0.0, float(values[i]))
            h = 0 if value <= 0 else max(2.0, plot_h * value / peak)
            out.append(f'<rect x="{x0 + k * col_w:.1f}" y="{top + plot_h - h:.1f}" '
                       f'width="{col_w - 1:.1f}" height="{h:.1f}" '
                       f'fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(names[i])}: '
                       f'{escape(name)} {number(value)}</title></rect>')
        if (count - 1 - i) % step == 0:
            out.append(f'<text x="{i * group_w + group_w / 2:.1f}" y="{top + plot_h + 15}" '
                       f'text-anchor="middle" class="chart-axis">{escape(labels[i])}</text>')
    if kinds > 1:
        out.append(_legend([name for name, _values in series], top + plot_h + axis_h))
    out.append("</svg>")
    return Markup("".join(out))
