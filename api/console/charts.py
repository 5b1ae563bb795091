"""Charts drawn on the server as small, accessible inline SVG.

A hand-written builder rather than matplotlib: the console needs horizontal bars and a stacked
bar, nothing more; matplotlib (+ numpy) would add ~60 MB and ~1 s of import to the service for
that, and its SVG carries fixed fonts and sizes that do not follow the page's CSS. These SVGs use
``viewBox`` (they scale to any screen), the page's font, a ``<title>``/``<desc>`` for screen
readers, and every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR = "#1f4e79"
PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#8d6e63", "#455a64")
LABEL_CHARS = 30


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float]], *,
              max_items: int = 12, other_label: str = "Otras") -> Markup:
    """Horizontal bars, largest first; beyond ``max_items`` the rest add up in one bar."""
    rows = sorted(((str(label), float(value)) for label, value in items),
                  key=lambda r: (-r[1], r[0]))
    if len(rows) > max_items:
        rest = sum(v for _l, v in rows[max_items - 1:])
        rows = rows[: max_items - 1] + [(other_label, rest)]
    row_h, label_w, bar_w, pad = 28, 220, 280, 8
    width = label_w + bar_w + 70
    height = max(1, len(rows)) * row_h + pad * 2
    top = max((v for _l, v in rows), default=0) or 1
    desc = "; ".join(f"{label}: {_fmt(v)}" for label, v in rows)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for i, (label, value) in enumerate(rows):
        y = pad + i * row_h
        w = 0 if value <= 0 else max(2.0, bar_w * value / top)
        parts.append(
            f'<g><title>{escape(label)}: {_fmt(value)}</title>'
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" class="chart-label">'
            f'{escape(_short(label))}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
            f'fill="{BAR}" rx="2"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 18}" class="chart-value">'
            f'{_fmt(value)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar(chart_id: str, title: str, parts: Sequence[tuple[str, float]]) -> Markup:
    """One bar split in coloured parts (e.g. sent / failed / pending), with a legend."""
    total = sum(max(0.0, float(v)) for _l, v in parts) or 1
    width, height = 600, 64
    desc = "; ".join(f"{label}: {_fmt(v)}" for label, v in parts)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="24" fill="#e8ecf0" rx="3"/>',
    ]
    x = 0.0
    for i, (label, value) in enumerate(parts):
        w = width * max(0.0, float(value)) / total
        color = PALETTE[i % len(PALETTE)]
        if w > 0:
            out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="24" fill="{color}">'
                       f'<title>{escape(label)}: {_fmt(value)}</title></rect>')
        x += w
    lx = 0
    for i, (label, value) in enumerate(parts):
        color = PALETTE[i % len(PALETTE)]
        text = f"{_short(label, 18)}: {_fmt(value)}"
        out.append(f'<rect x="{lx}" y="38" width="12" height="12" fill="{color}"/>'
                   f'<text x="{lx + 16}" y="49" class="chart-label">{escape(text)}</text>')
        lx += 16 + 8 * len(text) + 16
    out.append("</svg>")
    return Markup("".join(out))
