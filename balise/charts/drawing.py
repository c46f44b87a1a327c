"""Helpers shared by the charts: short labels, the status palette, stacked status bars."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.axis import Axis

from balise.charts.model import DEFAULT_STATUS_COLOURS, STATUSES, StatusCounts
from balise.domain.money import format_number


def belgian_number(value: float) -> str:
    """A number as the pages write it: 150000.0 → "150 000", 2.5 → "2,5" (never "150000")."""
    return format_number(Decimal(repr(round(float(value), 6))))


def belgian_axis(axis: Axis) -> None:
    """The axis's tick labels in Belgian figures."""
    axis.set_major_formatter(lambda value, _pos: belgian_number(float(value)))


def short_label(text: str, width: int = 36, lines: int = 2) -> str:
    wrapped = textwrap.wrap(text or "—", width) or ["—"]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped)


def status_colours(palette: Mapping[str, str] | None) -> dict[str, str]:
    return {**DEFAULT_STATUS_COLOURS, **(palette or {})}


def figure_height(rows: int) -> float:
    return 1.6 + 0.5 * max(rows, 1)


def stacked_status_bars(
    ax: Axes,
    groups: Sequence[StatusCounts],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    shares: bool,
) -> None:
    y = list(range(len(groups)))
    left = [0.0] * len(groups)
    for status in STATUSES:
        widths = []
        for group in groups:
            count = group.counts.get(status, 0)
            widths.append(100 * count / group.total if shares and group.total else float(count))
        bars = ax.barh(y, widths, left=left, color=colours[status], label=labels[status], height=0.6)
        for bar, group in zip(bars, groups, strict=True):
            count = group.counts.get(status, 0)
            scale = 100 if shares else max((g.total for g in groups), default=1)
            if count and bar.get_width() >= 0.06 * scale:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(count),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=8,
                    fontweight="bold",
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(y, [short_label(g.label) for g in groups])
    ax.invert_yaxis()  # first group on top, as in the tables under the chart


def describe_counts(groups: Sequence[StatusCounts], labels: Mapping[str, str]) -> str:
    parts = []
    for group in groups:
        counts = ", ".join(f"{group.counts.get(s, 0)} {labels[s]}" for s in STATUSES)
        parts.append(f"{group.label}: {counts}")
    return "; ".join(parts)
