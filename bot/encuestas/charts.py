"""Charts for the report, drawn server-side with matplotlib (Agg), as PNG or SVG."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from bot.encuestas.results import SurveyResults
from nucleo.formats import decimal
from nucleo.values import CODE_VALUES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

VALUE_ORDER = [*CODE_VALUES, "general"]
COLOURS = {"actual": "#1f5f8b", "anterior": "#9bb7cc"}


def _figure(size: tuple[float, float], dpi: int) -> Figure:
    """A figure drawn with Agg; matplotlib (and numpy) is imported on the first chart, so the
    service starts about a second sooner."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=dpi)


def values_chart(results: SurveyResults, fmt: Literal["png", "svg"] = "svg") -> bytes:
    """Mean per value (1 to 5), with the previous period beside it when there is one."""
    figure = _figure((7, 3.8), 110)
    axes = figure.subplots()
    current = results.overall.values if results.overall else {}
    names = [v for v in VALUE_ORDER if v in current]
    positions = range(len(names))
    width = 0.38 if results.previous else 0.6
    means = [current[n] for n in names]
    bars = axes.bar([p - (width / 2 if results.previous else 0) for p in positions],
                    means, width, color=COLOURS["actual"], label=results.period_label)
    axes.bar_label(bars, labels=[decimal(m) for m in means], fontsize=8)  # «3,50», not «3.50»
    if results.previous:
        before = [results.previous.get(n, 0) for n in names]
        old = axes.bar([p + width / 2 for p in positions], before, width,
                       color=COLOURS["anterior"], label="Periodo anterior")
        axes.bar_label(old, labels=[decimal(b) for b in before], fontsize=8)
        axes.legend(loc="lower right", fontsize=8)
    axes.set_xticks(list(positions), [n.capitalize() for n in names])
    axes.set_ylim(0, 5.4)
    axes.set_ylabel("Promedio (1 = nunca, 5 = siempre)")
    axes.set_title(f"{results.title} · {results.period_label}", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
