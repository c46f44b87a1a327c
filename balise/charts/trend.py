"""An indicator's values per period against its target, drawn as shapes (SVG written directly,
PNG drawn by Pillow)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from balise.charts.drawing import belgian_number, short_label
from balise.charts.model import (
    INK,
    Chart,
    Trend,
)
from balise.charts.render import sketched
from balise.sketch import Dot, Line, Rect, Sketch, Text, nice_ticks, text_width


def indicator_trend(trend: Trend, *, colour: str = "#0b5cad") -> Chart:
    """The values per period against the target line; cumulative for counts per year."""
    periods = [p.period for p in trend.points]
    values = [None if p.value is None else float(p.value) for p in trend.points]
    running, total = [], 0.0
    for value in values:
        total += value or 0.0
        running.append(total)
    plotted = running if trend.cumulative else values
    target = None if trend.target is None else float(trend.target)
    known = [f"{p}: {belgian_number(v)}" for p, v in zip(periods, values, strict=True) if v is not None]
    alt = _("%(indicator)s, values per period: %(values)s.") % {
        "indicator": trend.label,
        "values": ", ".join(known) or _("none"),
    }
    if trend.cumulative and known:
        alt += " " + _("Running total: %(total)s.") % {"total": belgian_number(running[-1])}
    if target is not None:
        alt += " " + _("Target: %(target)s.") % {"target": trend.target_label or belgian_number(target)}

    def draw() -> Sketch:
        return _trend_sketch(trend, periods, values, plotted, target, colour)

    payload = {"trend": trend, "colour": colour}
    return sketched("indicator_trend", payload, alt, draw)


def _trend_sketch(
    trend: Trend,
    periods: list[str],
    values: Sequence[float | None],
    plotted: Sequence[float | None],
    target: float | None,
    colour: str,
) -> Sketch:
    """The trend drawn as shapes (no matplotlib figure: a report holds one per indicator)."""
    width, height = 576, 259  # 8 × 3.6 inches at 72 points, like the other charts
    sketch = Sketch(width, height)
    title = short_label(trend.label, 90).split("\n")
    for n, line in enumerate(title):
        sketch.add(Text(8, 16 + 12 * n, line, 9.5, INK, bold=True))
    highest = max([v for v in (*values, *plotted, target) if v is not None] or [1.0])
    ticks = nice_ticks(highest)
    plot = _Plot(44.0, width - 12.0, 18 + 12 * len(title), height - 52.0, ticks[-1], max(len(periods), 1))
    _axes(sketch, plot, ticks, periods)
    legend: list[tuple[str, str, str]] = []  # (kind, colour, label)
    if trend.cumulative:
        for i, value in enumerate(values):
            if value:
                sketch.add(
                    Rect(
                        plot.x(i) - plot.slot * 0.3,
                        plot.y(value),
                        plot.slot * 0.6,
                        plot.bottom - plot.y(value),
                        "#b9cde6",
                    )
                )
        legend.append(("bar", "#b9cde6", _("value of the period")))
        legend.append(("line", colour, _("running total")))
    else:
        legend.append(("line", colour, _("value")))
    _curve(sketch, plot, plotted, colour)
    if target is not None:
        y = plot.y(target)
        sketch.add(Line(((plot.left, y), (plot.right, y)), "#c62828", 1.2, dash=(5, 3)))
        label = _("target") + (f" ({trend.target_label})" if trend.target_label else "")
        legend.append(("dash", "#c62828", label))
    _legend(sketch, legend, width, height - 8)
    return sketch


@dataclass(frozen=True)
class _Plot:
    """The plotting area: a slot per period along x, 0 to the top tick along y."""

    left: float
    right: float
    top: float
    bottom: float
    top_tick: float
    periods: int

    @property
    def slot(self) -> float:
        return (self.right - self.left) / self.periods

    def x(self, i: int) -> float:
        """The middle of the slot of the ``i``-th period."""
        return self.left + self.slot * (i + 0.5)

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * value / self.top_tick


def _axes(sketch: Sketch, plot: _Plot, ticks: Sequence[float], periods: list[str]) -> None:
    """The grid lines at the ticks with their numbers, the axes, and at most 12 period labels."""
    for tick in ticks:
        y = plot.y(tick)
        sketch.add(
            Line(((plot.left, y), (plot.right, y)), "#e6e9ee", 0.6),
            Text(plot.left - 4, y + 3, belgian_number(tick), 7.5, INK, "end"),
        )
    sketch.add(
        Line(((plot.left, plot.top), (plot.left, plot.bottom), (plot.right, plot.bottom)), "#8a93a3", 0.8)
    )
    step = max(1, len(periods) // 12)
    for i in range(0, len(periods), step):
        sketch.add(Text(plot.x(i), plot.bottom + 12, periods[i], 7, INK, "middle"))


def _curve(sketch: Sketch, plot: _Plot, plotted: Sequence[float | None], colour: str) -> None:
    """A dot per period with a value, joined by a line where periods follow without a gap."""
    segment: list[tuple[float, float]] = []
    for i, value in enumerate([*plotted, None]):
        if value is None:
            if len(segment) > 1:
                sketch.add(Line(tuple(segment), colour, 1.5))
            segment = []
            continue
        segment.append((plot.x(i), plot.y(value)))
        sketch.add(Dot(plot.x(i), plot.y(value), 2.6, colour))


def _legend(sketch: Sketch, legend: list[tuple[str, str, str]], width: float, y: float) -> None:
    """The legend centred on one line at ``y``: a bar, a line or a dashed line, then its label."""
    widths = [18 + text_width(label, 8) + 16 for _kind, _colour, label in legend]
    x = (width - sum(widths)) / 2
    for (kind, swatch, label), w in zip(legend, widths, strict=True):
        if kind == "bar":
            sketch.add(Rect(x, y - 8, 12, 8, swatch))
        else:
            sketch.add(Line(((x, y - 4), (x + 12, y - 4)), swatch, 1.5, (4, 2) if kind == "dash" else None))
        sketch.add(Text(x + 16, y, label, 8, INK))
        x += w
